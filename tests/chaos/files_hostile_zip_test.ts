/**
 * Chaos: hostile solution zips, and targets that already hold links pointing outside. `ppx solution
 * unpack` (solution and --raw mode, with and without --allow-delete) must refuse each one with exit 2,
 * write nothing outside the target ("leaked": files that appeared or changed outside), delete nothing
 * outside it and leave the target as it was ("lost": files of the user's that changed or vanished).
 */

import { join } from "node:path";
import { assertEquals } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { minimalRoots, writeRawZip } from "../lib/solutions/fixtures.ts";
import { chaosScale, recordChaosRow } from "./_rows.ts";
import { tempDir } from "../helpers/fixtures.ts";

type Entry = { name: string; data: string | Uint8Array; unixMode?: number };

/** Hostile archives: each must be refused before anything is written. */
function hostileZips(i: number): [string, Entry[]][] {
  const roots = minimalRoots();
  return [
    ["zip-slip ..", [...roots, { name: `WebResources/../../evil${i}.js`, data: "x" }]],
    ["zip-slip backslash", [...roots, { name: `..\\evil${i}.js`, data: "x" }]],
    ["absolute path", [...roots, { name: `/tmp/ppx-chaos-evil${i}.js`, data: "x" }]],
    ["drive letter", [...roots, { name: "C:/Windows/evil.js", data: "x" }]],
    ["symlink entry", [...roots, { name: "WebResources/link", data: "/etc/passwd", unixMode: 0o120777 }]],
    ["case collision", [...roots, { name: "WebResources/a.js", data: "1" }, {
      name: "webresources/A.js",
      data: "2",
    }]],
    ["reserved name", [...roots, { name: "WebResources/con.js", data: "x" }]],
    ["NUL in name", [...roots, { name: "WebResources/a\0b.js", data: "x" }]],
    ["trailing dot", [...roots, { name: "WebResources/evil.", data: "x" }]],
    ["duplicate entry", [...roots, { name: "WebResources/d.js", data: "1" }, {
      name: "WebResources/d.js",
      data: "2",
    }]],
  ];
}

/** Every file (its text) and link (its target) under `dir`, links never followed. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (rel: string) => {
    for await (const e of Deno.readDir(rel ? join(dir, rel) : dir)) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isSymlink) out.set(path, `-> ${await Deno.readLink(join(dir, path))}`);
      else if (e.isDirectory) await walk(path);
      else out.set(path, await Deno.readTextFile(join(dir, path)));
    }
  };
  await walk("");
  return out;
}

function differences(before: Map<string, string>, after: Map<string, string>): number {
  let n = 0;
  for (const [k, v] of after) if (before.get(k) !== v) n++;
  for (const k of before.keys()) if (!after.has(k)) n++;
  return n;
}

Deno.test("chaos files: hostile zips and links inside the target never write or delete outside it", async () => {
  await using rootTemp = await tempDir("ppx-chaos-zip-");
  const root = rootTemp.path;
  const outside = join(root, "outside");
  await Deno.mkdir(outside);
  await Deno.writeTextFile(join(outside, "keep.txt"), "not ppx's");
  const out = join(root, "out");
  await Deno.mkdir(join(out, "Other"), { recursive: true });
  await Deno.writeTextFile(join(out, "mine.txt"), "the user's");
  // Links that already exist inside the target, to a folder and to a file outside it.
  await Deno.symlink("../outside", join(out, "WebResources"));
  await Deno.symlink("../../outside/keep.txt", join(out, "Other/Solution.xml"));
  const safe = await writeRawZip(join(root, "safe.zip"), [...minimalRoots(), {
    name: "WebResources/a.js",
    data: "a",
  }]);

  const zips: [string, string][] = [["links in the target", safe]];
  const rounds = Math.max(1, Math.round(chaosScale()));
  for (let i = 0; i < rounds; i++) {
    for (const [name, entries] of hostileZips(i)) {
      zips.push([name, await writeRawZip(join(root, `h${i}-${zips.length}.zip`), entries)]);
    }
  }
  const outsideBefore = await snapshot(outside);
  const targetBefore = await snapshot(out);
  let units = 0;
  let worst = 2;
  const unexpected: string[] = [];
  for (const [name, zip] of zips) {
    for (const extra of [[], ["--raw"], ["--allow-delete"], ["--raw", "--allow-delete"]]) {
      units++;
      const r = await runPpx(["solution", "unpack", "--zipfile", zip, "--folder", out, ...extra]);
      if (r.code !== 2) {
        worst = r.code;
        unexpected.push(`${name} ${extra.join(" ")}: exit ${r.code} ${r.stderr}`);
      }
    }
  }
  const leaked = differences(outsideBefore, await snapshot(outside)) +
    (await Array.fromAsync(Deno.readDir(root))).filter((e) => e.name.startsWith(".out.ppx-")).length;
  const lost = differences(targetBefore, await snapshot(out));
  await recordChaosRow({
    probe: `files: ${zips.length - 1} hostile zips + links in the target (solution/raw, ±--allow-delete)`,
    units,
    faults: zips.length,
    lost,
    duplicated: 0,
    leaked,
    exit: worst,
  });
  assertEquals(unexpected, []);
  assertEquals({ lost, leaked }, { lost: 0, leaked: 0 });
  assertEquals(await Deno.readTextFile(join(outside, "keep.txt")), "not ppx's");
});
