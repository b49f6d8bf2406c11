// Runs every benchmark in the repository (files named bench.ts beside a package's src), or those named on the command
// line, each in a process of its own: one bench's heap (a million listings) and leftovers must not slow the next.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readdir, stat } from "node:fs/promises";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;

async function findBenches(): Promise<string[]> {
  const found: string[] = [];
  for (const dir of ["src", "packages", "services"]) {
    const base = join(root, dir);
    if (dir === "src") {
      found.push(join(base, "bench.ts"));
      continue;
    }
    for (const name of await readdir(base).catch(() => [])) found.push(join(base, name, "bench.ts"));
  }
  const present = await Promise.all(
    found.map((file) =>
      stat(file).then(
        () => file,
        () => null,
      ),
    ),
  );
  return present.filter((file): file is string => file !== null);
}

const ONE = "--one";

if (process.argv[2] === ONE) {
  const module: { default: () => Promise<void> } = await import(process.argv[3] ?? "");
  await module.default();
} else {
  const wanted = process.argv.slice(2);
  const benches = (await findBenches()).filter((file) => wanted.length === 0 || wanted.some((w) => file.includes(w)));
  let failed = 0;
  for (const file of benches) {
    console.log(`\n=== ${relative(root, file)} ===`);
    const child = spawn(process.execPath, [...process.execArgv, new URL(import.meta.url).pathname, ONE, file], {
      stdio: "inherit",
    });
    const [code] = (await once(child, "exit")) as [number | null];
    if (code !== 0) failed += 1;
  }
  if (failed > 0) {
    console.error(`${failed} bench(es) failed`);
    process.exitCode = 1;
  }
}
