/**
 * `deno task bench [name...]`: runs the benchmark cases in bench/ and prints their figures. Each case is a
 * module exporting `name` and `run()`; cases run one after another so they do not disturb each other.
 */

const dir = new URL("../bench/", import.meta.url);
const wanted = Deno.args.filter((a) => !a.startsWith("-"));
const files = [...Deno.readDirSync(dir)].filter((e) => e.isFile && e.name.endsWith("_bench.ts")).map((e) =>
  e.name
)
  .sort();
for (const file of files) {
  const mod = await import(new URL(file, dir).href) as { name: string; run: () => Promise<void> };
  if (wanted.length && !wanted.some((w) => mod.name.includes(w) || file.includes(w))) continue;
  console.log(`\n## ${mod.name}`);
  await mod.run();
}
