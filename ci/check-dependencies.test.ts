// Every workspace declares what it imports, pinned to the locked version; the root lists only what the core uses.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { checkDependencies, findImports, isDevelopmentFile, packageOf } from "./check-dependencies.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

describe("checkDependencies", () => {
  it("finds no undeclared, unused, loose or off-lock dependency in any workspace", () => {
    expect(checkDependencies(root)).toEqual([]);
  });

  let fixture = "";
  afterEach(() => rmSync(fixture, { recursive: true, force: true }));

  it("reports an undeclared import, a dev-only runtime import, an unused, a loose and an off-lock version", () => {
    fixture = mkdtempSync(path.join(tmpdir(), "check-dependencies-"));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(fixture, file)), { recursive: true });
      writeFileSync(path.join(fixture, file), text);
    };
    const manifest = (name: string, more: object) => JSON.stringify({ name, version: "0.1.0", ...more });
    write("package.json", manifest("root", { workspaces: ["services/*"], dependencies: { left: "1.0.0" } }));
    write("src/main.ts", 'import "@x/a";\n');
    write(
      "services/a/package.json",
      manifest("@x/a", { dependencies: { wide: "^2.0.0" }, devDependencies: { dev: "1.0.0", old: "1.0.0" } }),
    );
    write("services/a/src/app.ts", 'import "wide";\nimport "dev";\nimport "missing";\nimport "node:fs";\n');
    write("services/a/src/app.test.ts", 'import "old";\n');
    const locked = (version: string) => ({ version });
    const packages = { "node_modules/left": locked("1.0.0"), "node_modules/wide": locked("2.0.0") };
    write(
      "package-lock.json",
      JSON.stringify({
        packages: { ...packages, "node_modules/dev": locked("1.0.0"), "node_modules/old": locked("1.1.0") },
      }),
    );
    expect(checkDependencies(fixture)).toEqual([
      'src/main.ts imports "@x/a": (root) does not declare it',
      '(root) depends on "left" but none of its files imports it',
      'services/a/src/app.ts imports "dev": a runtime file, but services/a lists it only in devDependencies',
      'services/a/src/app.ts imports "missing": services/a does not declare it',
      'services/a: "wide": "^2.0.0" is not an exact version',
      'services/a: "old": "1.0.0" but the lock has 1.1.0',
    ]);
  });
});

describe("findImports", () => {
  it("reads static, dynamic, re-exported and type-only specifiers", () => {
    const text = [
      'import a from "a";',
      'import type { B } from "b";',
      'export * from "./c.js";',
      'export type { D } from "d";',
      'const e = await import("e");',
      'type F = import("f").F;',
      'declare module "g" {}',
    ].join("\n");
    const sites = findImports("x.ts", text).map(({ specifier, typeOnly }) => [specifier, typeOnly]);
    expect(sites).toEqual([
      ["a", false],
      ["b", true],
      ["./c.js", false],
      ["d", true],
      ["e", false],
      ["f", true],
    ]);
  });
});

describe("packageOf", () => {
  it("names the package of a bare specifier and skips relative paths and Node's builtins", () => {
    expect(packageOf("@wewall/shared/csv")).toBe("@wewall/shared");
    expect(packageOf("grammy/types")).toBe("grammy");
    expect(packageOf("./x.js")).toBeUndefined();
    expect(packageOf("node:fs")).toBeUndefined();
    expect(packageOf("fs/promises")).toBeUndefined();
  });
});

describe("isDevelopmentFile", () => {
  it("counts tests, bench and test-support files as development files", () => {
    expect(isDevelopmentFile("src/x.test.ts")).toBe(true);
    expect(isDevelopmentFile("src/x.int.test.ts")).toBe(true);
    expect(isDevelopmentFile("bench.ts")).toBe(true);
    expect(isDevelopmentFile("src/bench/worker.ts")).toBe(true);
    expect(isDevelopmentFile("src/testing/fake-core.ts")).toBe(true);
    expect(isDevelopmentFile("src/app.ts")).toBe(false);
    expect(isDevelopmentFile("src/benchmark-free.ts")).toBe(false);
  });
});
