// Runs every benchmark in the repository (files named bench.ts beside a package's src), or those named on the command line.
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

const wanted = process.argv.slice(2);
const benches = (await findBenches()).filter((file) => wanted.length === 0 || wanted.some((w) => file.includes(w)));
for (const file of benches) {
  console.log(`\n=== ${relative(root, file)} ===`);
  const module: { default: () => Promise<void> } = await import(file);
  await module.default();
}
