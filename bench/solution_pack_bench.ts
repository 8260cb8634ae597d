/**
 * Unpack and pack of a generated ~50 MB solution with 5,000 components (tables with forms and views,
 * web resources, cloud flows, roles, option sets), against `unzip` / `zip -r` of the same archive.
 * Each operation runs in its own process so its peak RSS is its own. Target: within 2x of unzip/zip.
 * SolutionPackager's layout has about four times as many files as the zip has entries, so the case also
 * times unzip/zip of that same tree: the file system's share, which no tool writing the layout avoids.
 */

import { join } from "node:path";
import { listFiles } from "../lib/solutions/packager/staging.ts";
import { ZipWriter } from "../lib/solutions/zip/write.ts";
import { V8_FLAGS } from "../scripts/compile.ts";

/** Case name. */
export const name = "solution_pack";

const ROOT = new URL("../", import.meta.url).pathname;
const enc = new TextEncoder();

function noise(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const guid = (n: number, kind: number) =>
  `${kind.toString(16).padStart(8, "0")}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

function entity(i: number): string {
  const name = `new_table${i}`;
  const attrs = Array.from(
    { length: 20 },
    (_, a) =>
      `<attribute PhysicalName="new_col${a}"><Type>nvarchar</Type><Name>new_col${a}</Name><LogicalName>new_col${a}</LogicalName><displaynames><displayname description="Column ${a} of ${i}" languagecode="1033" /></displaynames></attribute>`,
  ).join("");
  const forms = [0, 1].map((f) =>
    `<systemform><formid>{${
      guid(i * 2 + f, 1)
    }}</formid><form><tabs><tab name="t${f}"><columns><column width="100%"><sections><section name="s"><rows>${
      Array.from({ length: 10 }, (_, r) =>
        `<row><cell id="{${guid(i * 100 + r, 2)}}"><control id="new_col${r}" /></cell></row>`).join("")
    }</rows></section></sections></column></columns></tab></tabs></form></systemform>`
  ).join("");
  const views = [0, 1].map((v) =>
    `<savedquery><savedqueryid>{${
      guid(i * 2 + v, 3)
    }}</savedqueryid><fetchxml><![CDATA[<fetch><entity name="${name}"><attribute name="new_col${v}" /></entity></fetch>]]></fetchxml></savedquery>`
  ).join("");
  return `<Entity><Name LocalizedName="Table ${i}" OriginalName="Table ${i}">${name}</Name><EntityInfo><entity Name="${name}"><attributes>${attrs}</attributes></entity></EntityInfo><FormXml><forms type="main">${forms}</forms></FormXml><SavedQueries><savedqueries>${views}</savedqueries></SavedQueries><RibbonDiffXml><CustomActions /></RibbonDiffXml></Entity>`;
}

export async function generate(path: string): Promise<number> {
  const w = new ZipWriter(path);
  const parts: string[] = [];
  parts.push(
    '<?xml version="1.0" encoding="utf-8"?><ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Entities>',
  );
  for (let i = 0; i < 500; i++) parts.push(entity(i));
  parts.push("</Entities><Roles>");
  for (let i = 0; i < 1000; i++) {
    parts.push(
      `<Role id="{${
        guid(i, 4)
      }}" name="Role ${i}"><RolePrivileges><RolePrivilege name="prvReadAccount" level="Global" /></RolePrivileges></Role>`,
    );
  }
  parts.push("</Roles><Workflows>");
  const files: [string, Uint8Array][] = [];
  for (let i = 0; i < 1000; i++) {
    const file = `Workflows/Flow${i}-${guid(i, 5).toUpperCase()}.json`;
    parts.push(
      `<Workflow WorkflowId="{${
        guid(i, 5)
      }}" Name="Flow ${i}"><JsonFileName>/${file}</JsonFileName><Type>1</Type><Category>5</Category></Workflow>`,
    );
    const body = JSON.stringify(
      { properties: { definition: { actions: { blob: btoa(String.fromCharCode(...noise(3000, i))) } } } },
      null,
      2,
    );
    files.push([file, enc.encode(body)]);
  }
  parts.push("</Workflows><optionsets>");
  for (let i = 0; i < 1000; i++) {
    parts.push(
      `<optionset Name="new_choice${i}"><OptionSetType>picklist</OptionSetType><options><option value="100000000"><labels><label description="One" languagecode="1033" /></labels></option></options></optionset>`,
    );
  }
  parts.push("</optionsets><WebResources>");
  for (let i = 0; i < 1500; i++) {
    const file = `WebResources/new_res${i}${guid(i, 6).toUpperCase()}`;
    parts.push(
      `<WebResource><WebResourceId>{${
        guid(i, 6)
      }}</WebResourceId><Name>new_/res/${i}.png</Name><WebResourceType>5</WebResourceType><FileName>/${file}</FileName></WebResource>`,
    );
    files.push([file, noise(33_000, 1000 + i)]);
  }
  parts.push("</WebResources><Languages><Language>1033</Language></Languages></ImportExportXml>");
  w.addBytes("customizations.xml", enc.encode(parts.join("")));
  w.addBytes(
    "solution.xml",
    enc.encode(
      "<ImportExportXml><SolutionManifest><UniqueName>Bench</UniqueName><Version>1.0.0.0</Version><Managed>0</Managed></SolutionManifest></ImportExportXml>",
    ),
  );
  for (const [n, b] of files) w.addBytes(n, b);
  w.addBytes(
    "[Content_Types].xml",
    enc.encode('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types" />'),
  );
  await w.finish();
  return (await Deno.stat(path)).size;
}

async function timed(cmd: string, args: string[], cwd?: string): Promise<number> {
  const start = performance.now();
  const out = await new Deno.Command(cmd, { args, cwd, stdout: "null", stderr: "inherit" }).output();
  if (!out.success) throw new Error(`${cmd} ${args.join(" ")} failed`);
  return performance.now() - start;
}

async function ppx(
  op: string,
  from: string,
  to: string,
): Promise<{ ms: number; peakKb: number; wall: number }> {
  const start = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    // The V8 settings of the release binary and `deno task ppx`.
    args: ["run", "--quiet", "-A", ...V8_FLAGS, `${ROOT}bench/helpers/solution_op.ts`, op, from, to],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (!out.success) throw new Error(`ppx ${op} failed`);
  return { ...JSON.parse(new TextDecoder().decode(out.stdout)), wall: performance.now() - start };
}

async function has(cmd: string): Promise<boolean> {
  try {
    return (await new Deno.Command(cmd, { args: ["-v"], stdout: "null", stderr: "null" }).output()).success;
  } catch {
    return false;
  }
}

const RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs the case. */
export async function run(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "ppx-bench-sol-" });
  try {
    const zip = join(dir, "Bench.zip");
    const size = await generate(zip);
    console.log(
      `solution: ${(size / 1024 / 1024).toFixed(1)} MB zip, 5,000 components ` +
        "(500 tables with forms and views, 1,000 roles, 1,000 flows, 1,000 option sets, 1,500 web resources)",
    );
    const tools = (await has("unzip")) && (await has("zip"));
    if (!tools) {
      console.log("unzip/zip are not installed here; install them (apt-get install zip unzip) to compare.");
    }
    const un: number[] = [];
    const pk: number[] = [];
    const peakUn: number[] = [];
    const peakPk: number[] = [];
    const uz: number[] = [];
    const zp: number[] = [];
    const rawUn: number[] = [];
    const rawPk: number[] = [];
    const treeUz: number[] = [];
    const treeZp: number[] = [];
    let files = 0;
    // Interleaved runs: a shared machine's load hits both sides alike; medians are reported.
    for (let i = 0; i < RUNS; i++) {
      const src = join(dir, `src${i}`);
      const u = await ppx("unpack", zip, src);
      un.push(u.wall);
      peakUn.push(u.peakKb);
      const p = await ppx("pack", src, join(dir, `out${i}.zip`));
      pk.push(p.wall);
      peakPk.push(p.peakKb);
      files = (await listFiles(src)).length;
      if (tools) {
        // The same tree by zip and unzip: the file system's cost of ppx's layout, whoever writes it.
        const treeZip = join(dir, `tree${i}.zip`);
        treeZp.push(await timed("zip", ["-q", "-r", treeZip, "."], src));
        const copy = join(dir, `tree${i}`);
        treeUz.push(await timed("unzip", ["-q", treeZip, "-d", copy]));
        await Deno.remove(copy, { recursive: true });
        await Deno.remove(treeZip);
      }
      await Deno.remove(src, { recursive: true });
      const raw = join(dir, `raw${i}`);
      rawUn.push((await ppx("unpack-raw", zip, raw)).wall);
      rawPk.push((await ppx("pack-raw", raw, join(dir, `raw${i}.zip`))).wall);
      await Deno.remove(raw, { recursive: true });
      if (!tools) continue;
      const plain = join(dir, `plain${i}`);
      uz.push(await timed("unzip", ["-q", zip, "-d", plain]));
      zp.push(await timed("zip", ["-q", "-r", join(dir, `plain${i}.zip`), "."], plain));
      await Deno.remove(plain, { recursive: true });
    }
    const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
    console.log(`median of ${RUNS} interleaved runs (wall time including process start):`);
    console.log(`ppx unpack: ${median(un).toFixed(0)} ms, peak RSS ${mb(median(peakUn))}`);
    console.log(`ppx pack:   ${median(pk).toFixed(0)} ms, peak RSS ${mb(median(peakPk))}`);
    console.log(
      `the tree has ${files} files (the zip has 2,503 entries); SolutionPackager's layout splits components`,
    );
    console.log(
      `ppx unpack --raw: ${median(rawUn).toFixed(0)} ms, ppx pack --raw: ${
        median(rawPk).toFixed(0)
      } ms (same files as unzip/zip)`,
    );
    if (!tools) return;
    console.log(
      `unzip:      ${median(uz).toFixed(0)} ms -> ppx unpack / unzip = ${
        (median(un) / median(uz)).toFixed(2)
      }x`,
    );
    console.log(
      `zip -r:     ${median(zp).toFixed(0)} ms -> ppx pack / zip = ${(median(pk) / median(zp)).toFixed(2)}x`,
    );
    console.log(
      `raw (same files): ppx unpack --raw / unzip = ${(median(rawUn) / median(uz)).toFixed(2)}x, ` +
        `ppx pack --raw / zip = ${(median(rawPk) / median(zp)).toFixed(2)}x`,
    );
    console.log(
      `same ${files}-file tree: unzip ${median(treeUz).toFixed(0)} ms -> ppx unpack / unzip = ${
        (median(un) / median(treeUz)).toFixed(2)
      }x; zip -r ${median(treeZp).toFixed(0)} ms -> ppx pack / zip = ${
        (median(pk) / median(treeZp)).toFixed(2)
      }x`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
