// Bundles every service's entry point into dist/<name>.js: our workspace code inlined, npm packages left as imports.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { build, type Metafile, type Plugin } from "esbuild";

export interface BundleReport {
  outdir: string;
  /** Entry name (dist/<name>.js) → its source file. */
  entries: Record<string, string>;
  /** npm packages the bundles import at run time. */
  packages: string[];
}

/** The entry points: the core, each service under services/, the one-process `npm start`, the operator's CLI
 * and the image's health check. */
export function listEntries(root: string): Record<string, string> {
  const entries: Record<string, string> = {
    core: "src/index.ts",
    main: "src/main.ts",
    cli: "src/cli.ts",
    healthcheck: "ci/healthcheck.ts",
  };
  for (const dir of readdirSync(join(root, "services")).sort()) {
    const entry = `services/${dir}/src/index.ts`;
    if (existsSync(join(root, entry))) entries[dir] = entry;
  }
  return entries;
}

// Workspace packages export TypeScript sources, so they are compiled into the bundle; every other bare import
// (npm packages, node: builtins) stays an import that `npm ci --omit=dev` satisfies in the image.
const externalPackages: Plugin = {
  name: "external-packages",
  setup(bundler) {
    bundler.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@wewall/") ? undefined : { external: true },
    );
  },
};

const packageName = (specifier: string): string => {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
};

function importedPackages(metafile: Metafile): string[] {
  const builtins = new Set(builtinModules);
  const names = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports) {
      if (!imported.external || imported.path.startsWith("node:") || builtins.has(imported.path)) continue;
      names.add(packageName(imported.path));
    }
  }
  return [...names].sort();
}

interface LockFile {
  packages: Record<string, { dev?: boolean; version?: string }>;
}

/** Packages the bundles import that a production install (`npm ci --omit=dev`) would leave out. */
export function missingInProduction(root: string, packages: readonly string[]): string[] {
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as LockFile;
  return packages.filter((name) => {
    const entry = lock.packages[`node_modules/${name}`];
    return !entry || entry.dev === true;
  });
}

export async function bundleServices(root: string, outdir = join(root, "dist")): Promise<BundleReport> {
  const entries = listEntries(root);
  const result = await build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: true,
    metafile: true,
    logLevel: "warning",
    plugins: [externalPackages],
  });
  const packages = importedPackages(result.metafile);
  const missing = missingInProduction(root, packages);
  if (missing.length > 0) {
    throw new Error(
      `the bundles import packages a production install omits (dev only or unlocked): ${missing.join(", ")}`,
    );
  }
  return { outdir, entries, packages };
}
