// Checks that every workspace declares, pinned to the locked version, each package its source imports.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import ts from "typescript";

interface Manifest {
  name: string;
  version: string;
  workspaces?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

interface Workspace {
  /** Folder relative to the repository root; "" for the root workspace. */
  dir: string;
  manifest: Manifest;
}

export interface ImportSite {
  file: string;
  specifier: string;
  typeOnly: boolean;
}

const SOURCE = /\.(?:[cm]?ts|[cm]?js)$/;
const SKIPPED_DIRS = new Set(["node_modules", "data", "dist", "coverage", ".git"]);
const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
const builtins = new Set(builtinModules);

const readManifest = (file: string): Manifest => JSON.parse(readFileSync(file, "utf8")) as Manifest;

/** The root and every folder its `workspaces` globs ("packages/*") name. */
export function listWorkspaces(root: string): Workspace[] {
  const rootManifest = readManifest(path.join(root, "package.json"));
  const found: Workspace[] = [{ dir: "", manifest: rootManifest }];
  for (const pattern of rootManifest.workspaces ?? []) {
    const parent = pattern.replace(/\/\*$/, "");
    const dirs = pattern.endsWith("/*") ? readdirSync(path.join(root, parent)).map((d) => `${parent}/${d}`) : [parent];
    for (const dir of dirs) {
      const file = path.join(root, dir, "package.json");
      if (statSync(file, { throwIfNoEntry: false })?.isFile()) found.push({ dir, manifest: readManifest(file) });
    }
  }
  return found;
}

function listSourceFiles(dir: string, exclude: Set<string>): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith(".") && !exclude.has(full)) {
        files.push(...listSourceFiles(full, exclude));
      }
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts")) {
      files.push(full);
    }
  }
  return files;
}

/** Every module specifier a file names: static and dynamic imports, re-exports, `import x = require()`. */
export function findImports(file: string, text = readFileSync(file, "utf8")): ImportSite[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const sites: ImportSite[] = [];
  const add = (node: ts.Node | undefined, typeOnly: boolean) => {
    if (node && ts.isStringLiteralLike(node)) sites.push({ file, specifier: node.text, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, true);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

/** "@scope/name/sub" → "@scope/name", "name/sub" → "name"; undefined for relative paths and Node's builtins. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:")) return undefined;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
  return builtins.has(name) ? undefined : name;
}

/** Test, bench and test-support files may use devDependencies; everything else needs `dependencies`. */
export function isDevelopmentFile(relative: string): boolean {
  return (
    /\.test\.[cm]?[jt]s$/.test(relative) ||
    /(^|\/)(bench|testing)(\/|\.[cm]?[jt]s$)/.test(relative) ||
    /^(ci\/|[^/]+\.[cm]?[jt]s$)/.test(relative)
  );
}

/** The DefinitelyTyped package that types `name` when it ships no types of its own and the lock has one. */
function typesPackageOf(root: string, lock: Lock, name: string): string | undefined {
  const types = `@types/${name.startsWith("@") ? name.slice(1).replace("/", "__") : name}`;
  if (!lock.packages[`node_modules/${types}`]) return undefined;
  const file = path.join(root, "node_modules", name, "package.json");
  if (!statSync(file, { throwIfNoEntry: false })) return types;
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { types?: string; typings?: string; exports?: unknown };
  const bundled =
    Boolean(manifest.types ?? manifest.typings) || JSON.stringify(manifest.exports ?? {}).includes('"types"');
  return bundled ? undefined : types;
}

interface Lock {
  packages: Record<string, { version?: string; link?: boolean; resolved?: string }>;
}

/** The version the lock installs for `name` as seen from workspace folder `dir` (node's lookup: nearest node_modules). */
function lockedVersion(lock: Lock, dir: string, name: string): string | undefined {
  const candidates = dir ? [`${dir}/node_modules/${name}`, `node_modules/${name}`] : [`node_modules/${name}`];
  for (const key of candidates) {
    const entry = lock.packages[key];
    if (!entry) continue;
    if (entry.link && entry.resolved) return lock.packages[entry.resolved]?.version;
    return entry.version;
  }
  return undefined;
}

/** Every problem found, one line each; empty when the manifests match the sources and the lock. */
export function checkDependencies(root: string): string[] {
  const workspaces = listWorkspaces(root);
  const lock = JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8")) as Lock;
  const nested = new Set(workspaces.filter((w) => w.dir).map((w) => path.join(root, w.dir)));
  const problems: string[] = [];
  for (const { dir, manifest } of workspaces) {
    const label = dir || "(root)";
    const runtime = { ...manifest.dependencies, ...manifest.peerDependencies };
    const all = { ...runtime, ...manifest.devDependencies };
    const imported = new Set<string>();
    for (const file of listSourceFiles(path.join(root, dir), dir ? new Set() : nested)) {
      const relative = path.relative(path.join(root, dir), file).split(path.sep).join("/");
      for (const site of findImports(file)) {
        const name = packageOf(site.specifier);
        if (!name || name === manifest.name) continue;
        imported.add(name);
        const where = `${path.posix.join(dir, relative)} imports "${site.specifier}"`;
        const types = typesPackageOf(root, lock, name);
        if (types && !(types in all)) problems.push(`${where}: ${label} does not declare its types, "${types}"`);
        if (site.typeOnly) {
          if (!types && !(name in all)) problems.push(`${where}: ${label} does not declare it`);
        } else if (!(name in all)) {
          problems.push(`${where}: ${label} does not declare it`);
        } else if (!isDevelopmentFile(relative) && !(name in runtime)) {
          problems.push(`${where}: a runtime file, but ${label} lists it only in devDependencies`);
        }
      }
    }
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      if (!imported.has(name)) problems.push(`${label} depends on "${name}" but none of its files imports it`);
    }
    problems.push(...checkVersions(lock, dir, label, all, workspaces));
  }
  return problems;
}

function checkVersions(
  lock: Lock,
  dir: string,
  label: string,
  declared: Record<string, string>,
  workspaces: Workspace[],
): string[] {
  const problems: string[] = [];
  for (const [name, version] of Object.entries(declared)) {
    const sibling = workspaces.find((w) => w.dir && w.manifest.name === name);
    const expected = sibling ? sibling.manifest.version : lockedVersion(lock, dir, name);
    if (!EXACT_VERSION.test(version)) problems.push(`${label}: "${name}": "${version}" is not an exact version`);
    else if (expected !== undefined && version !== expected) {
      problems.push(
        `${label}: "${name}": "${version}" but ${sibling ? "the workspace is" : "the lock has"} ${expected}`,
      );
    } else if (expected === undefined) problems.push(`${label}: "${name}" is not in package-lock.json`);
  }
  return problems;
}
