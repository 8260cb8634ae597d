/**
 * Unpack writes its files one by one while creating files is fast, and several at a time, spread over
 * their folders, once it is slow (lib/solutions/packager/unpack.ts). Each test runs both ways: the tree is
 * the same, and a write that fails (while others are in flight) leaves no partial output, no staging
 * folder, and names the file.
 */

import { join } from "node:path";
import { pack, unpack } from "../../../lib/solutions/mod.ts";
import { Pool } from "../../../lib/solutions/packager/pool.ts";
import { writeTuning } from "../../../lib/solutions/packager/unpack.ts";
import { assertEquals, assertRejects } from "../../helpers/assert.ts";
import { bytes, minimalRoots, readTree, withTempDir, writeZip } from "./fixtures.ts";

async function names(dir: string): Promise<string[]> {
  return (await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name).sort();
}

/** 400 files in 40 folders of varying size, plus `extra` entries. */
function manyEntries(extra: [string, Uint8Array][] = []): [string, Uint8Array][] {
  const entries: [string, Uint8Array][] = minimalRoots().map((
    r,
  ) => [r.name, new TextEncoder().encode(r.data)]);
  for (let i = 0; i < 400; i++) {
    const folder = i < 200 ? "Assets/big" : `Assets/f${i % 39}`;
    entries.push([`${folder}/file${i}.bin`, bytes(i % 5 === 0 ? 300 * 1024 : 512 + i, i + 1)]);
  }
  return [...entries, ...extra];
}

/** Forces parallel writes from the first file, or leaves the tuning as it is; restored on dispose. */
function writes(mode: "parallel" | "adaptive"): Disposable {
  const saved = { ...writeTuning };
  if (mode === "parallel") Object.assign(writeTuning, { window: 1, slowWriteMs: -1 });
  return { [Symbol.dispose]: () => void Object.assign(writeTuning, saved) };
}

for (const mode of ["parallel", "adaptive"] as const) {
  Deno.test(`unpack writes (${mode}): many files in many folders arrive complete, each with its own bytes`, async () => {
    using _ = writes(mode);
    await withTempDir(async (dir) => {
      const entries = manyEntries();
      const zip = await writeZip(join(dir, "Many.zip"), entries);
      const out = join(dir, "out");
      const result = await unpack(zip, out);
      const tree = await readTree(out);
      for (const [name, data] of entries.slice(2)) {
        assertEquals(tree.get(name), data, name);
      }
      assertEquals(result.written.length, tree.size);
      assertEquals(await names(dir), ["Many.zip", "out"], "no staging folder left");
    });
  });

  Deno.test(`unpack writes (${mode}): one write failing among many leaves no output and names the file`, async () => {
    using _ = writes(mode);
    await withTempDir(async (dir) => {
      // `Blocker/x` is a file and also the folder of `Blocker/x/y`: whichever is written second fails,
      // while other writes are in flight.
      const zip = await writeZip(
        join(dir, "Broken.zip"),
        manyEntries([["Blocker/x", bytes(100, 7)], ["Blocker/x/y", bytes(100, 8)]]),
      );
      await assertRejects(() => unpack(zip, join(dir, "out")), Error, "Blocker/x");
      assertEquals(await names(dir), ["Broken.zip"], "no output and no staging folder left behind");
    });
  });

  Deno.test(`unpack writes (${mode}): a failed unpack into an existing folder leaves it exactly as it was`, async () => {
    using _ = writes(mode);
    await withTempDir(async (dir) => {
      const out = join(dir, "out");
      await unpack(await writeZip(join(dir, "Good.zip"), manyEntries()), out);
      const before = await readTree(out);
      const zip = await writeZip(
        join(dir, "Broken.zip"),
        manyEntries([["Blocker/x", bytes(100, 7)], ["Blocker/x/y", bytes(100, 8)]]),
      );
      await assertRejects(() => unpack(zip, out, { allowDelete: true }), Error, "Blocker/x");
      assertEquals(await readTree(out), before);
      assertEquals(await names(dir), ["Broken.zip", "Good.zip", "out"]);
    });
  });
}

Deno.test("pool: a task that throws before its first await is reported by drain, after the others finish", async () => {
  const pool = new Pool(4);
  const finished: number[] = [];
  const slow = (n: number) => async () => {
    await new Promise((r) => setTimeout(r, 20));
    finished.push(n);
  };
  await pool.add(slow(1));
  await pool.add(slow(2));
  await pool.add(() => {
    throw new Error("sync failure");
  });
  await assertRejects(() => pool.add(slow(3)), Error, "sync failure");
  await assertRejects(() => pool.drain(), Error, "sync failure");
  assertEquals(finished.sort(), [1, 2], "tasks in flight finished before drain reported the failure");
});

/** A solution with many small component files in a few large folders and many small ones. */
function manyComponents(): [string, Uint8Array][] {
  const entities = Array.from(
    { length: 30 },
    (_, i) =>
      `<Entity><Name LocalizedName="T${i}" OriginalName="T${i}">new_t${i}</Name><EntityInfo><entity Name="new_t${i}"><attributes><attribute PhysicalName="new_c${i}"><Type>nvarchar</Type></attribute></attributes></entity></EntityInfo><FormXml><forms type="main">${
        [0, 1, 2].map((f) =>
          `<systemform><formid>{0000000${f}-0000-0000-0000-${
            String(i).padStart(12, "0")
          }}</formid><form><tabs><tab name="t${f}-${i}" /></tabs></form></systemform>`
        ).join("")
      }</forms></FormXml><SavedQueries><savedqueries>${
        [0, 1].map((v) =>
          `<savedquery><savedqueryid>{0000001${v}-0000-0000-0000-${
            String(i).padStart(12, "0")
          }}</savedqueryid><name>View ${v} of ${i}</name></savedquery>`
        ).join("")
      }</savedqueries></SavedQueries><RibbonDiffXml><CustomActions /></RibbonDiffXml></Entity>`,
  ).join("");
  const roles = Array.from(
    { length: 120 },
    (_, i) =>
      `<Role id="{00000020-0000-0000-0000-${
        String(i).padStart(12, "0")
      }}" name="Role ${i}"><RolePrivileges><RolePrivilege name="prv${i}" level="Global" /></RolePrivileges></Role>`,
  ).join("");
  const optionsets = Array.from(
    { length: 60 },
    (_, i) =>
      `<optionset Name="new_choice${i}"><OptionSetType>picklist</OptionSetType><options><option value="${
        100000000 + i
      }" /></options></optionset>`,
  ).join("");
  const customizations =
    `<?xml version="1.0" encoding="utf-8"?><ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Entities>${entities}</Entities><Roles>${roles}</Roles><optionsets>${optionsets}</optionsets><Languages><Language>1033</Language></Languages></ImportExportXml>`;
  const solution = minimalRoots().find((r) => r.name === "solution.xml")!.data;
  const enc = new TextEncoder();
  return [["customizations.xml", enc.encode(customizations)], ["solution.xml", enc.encode(solution)]];
}

Deno.test("pack reads component files ahead: many files in a few large and many small folders come back the same", async () => {
  await withTempDir(async (dir) => {
    const first = join(dir, "first");
    await unpack(await writeZip(join(dir, "Many.zip"), manyComponents()), first);
    const tree = await readTree(first);
    assertEquals([...tree.keys()].filter((p) => p.startsWith("Roles/")).length, 120);
    assertEquals([...tree.keys()].filter((p) => p.endsWith(".xml")).length, 30 * 7 + 120 + 60 + 2);
    await pack(first, join(dir, "again.zip"));
    const second = join(dir, "second");
    await unpack(join(dir, "again.zip"), second);
    assertEquals(await readTree(second), tree, "every file packed back from its own bytes");
    await pack(second, join(dir, "twice.zip"));
    assertEquals(await Deno.readFile(join(dir, "twice.zip")), await Deno.readFile(join(dir, "again.zip")));
  });
});
