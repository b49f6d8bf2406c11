// ci/Dockerfile linted (dockerfile-utils' validator: the rules of the VS Code Docker extension; hadolint does not
// install from the registries here) and held to the image's rules: production install, non-root, health, command.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";
import { listEntries } from "../bundle-services.js";
import { serviceCommand } from "./deployed-services.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dockerfile = readFileSync(`${root}/ci/Dockerfile`, "utf8");
// Instructions with their continuation lines joined, comments dropped.
const instructions = dockerfile
  .replace(/\\\n/g, " ")
  .split("\n")
  .filter((line) => line.trim() !== "" && !line.startsWith("#"));
const finalStage = instructions.slice(instructions.findLastIndex((line) => line.startsWith("FROM ")));

describe("ci/Dockerfile", () => {
  it("has no problem the validator reports, errors or warnings", () => {
    expect(validate(dockerfile).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it("builds in one stage and runs Node 20 with production dependencies only in the last", () => {
    expect(instructions.filter((line) => line.startsWith("FROM "))).toEqual([
      "FROM node:20-bookworm-slim AS build",
      "FROM node:20-bookworm-slim",
    ]);
    expect(instructions.find((line) => line.startsWith("RUN npm ci "))).toContain("npm run build");
    expect(finalStage.filter((line) => line.startsWith("RUN "))).toEqual([
      "RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force",
    ]);
    expect(finalStage.filter((line) => line.startsWith("COPY ")).join("\n")).not.toMatch(/COPY (\.|src|packages)/);
  });

  it("runs as an unprivileged user, checks its health, and starts the core as the smoke test does", () => {
    const last = (keyword: string) => finalStage.findLast((line) => line.startsWith(`${keyword} `));
    expect(last("USER")).toBe("USER node");
    expect(last("HEALTHCHECK")).toMatch(/CMD node dist\/healthcheck\.js /);
    expect(JSON.parse(last("CMD")?.slice(4) ?? "null")).toEqual(serviceCommand("core"));
    expect(listEntries(root).healthcheck).toBe("ci/healthcheck.ts");
  });
});
