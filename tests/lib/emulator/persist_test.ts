import { join } from "node:path";
import { startOrg } from "../../helpers/dataverse.ts";
import { assertEquals } from "../../helpers/assert.ts";
import { tempDir } from "../../helpers/fixtures.ts";

async function tempFiles(dir: string): Promise<string[]> {
  return (await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name).filter((n) => n.endsWith(".tmp"));
}

Deno.test("emulator persistence: a flush right after the debounced save started still writes everything", async () => {
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  const path = join(dir, "state.json");
  await using org = await startOrg({ persistPath: path, persistDelayMs: 0 });
  await org.client.create("accounts", { name: "First" });
  // The debounced save fires now; the process is then told to stop and flushes synchronously, as the
  // unload handler of `ppx emulator start` does. Nothing acknowledged may be missing.
  await new Promise((r) => setTimeout(r, 0));
  org.dv.flushSync();
  const saved = JSON.parse(await Deno.readTextFile(path));
  assertEquals(saved.accounts.map((a: { name: string }) => a.name), ["First"]);
  assertEquals(await tempFiles(dir), []);
});

Deno.test("emulator persistence: sections of other services are saved and loaded with the records", async () => {
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  const path = join(dir, "state.json");
  let kept: unknown = { n: 1 };
  const org = await startOrg({ persistPath: path, persistDelayMs: 5_000 });
  org.dv.persist("extra", { dump: () => kept, load: (v) => void (kept = v) });
  kept = { n: 2 };
  org.dv.changed();
  await org.close();
  assertEquals(JSON.parse(await Deno.readTextFile(path)).$extra, { n: 2 });
  kept = undefined;
  const again = await startOrg({ persistPath: path });
  again.dv.persist("extra", { dump: () => kept, load: (v) => void (kept = v) });
  assertEquals(kept, { n: 2 });
  await again.close();
  assertEquals(await tempFiles(dir), []);
});

Deno.test("emulator persistence: a change made before the file was loaded does not overwrite it", async () => {
  const { dataverseService, solutionsService, startEmulator } = await import("@pacx/emulator");
  await using dirTemp = await tempDir();
  const dir = dirTemp.path;
  const path = join(dir, "state.json");
  await Deno.writeTextFile(path, JSON.stringify({ accounts: [{ name: "Kept" }] }));
  const dv = dataverseService({ persistPath: path, persistDelayMs: 0 });
  solutionsService(dv); // adds the system solutions: a change, before anything was loaded
  await new Promise((r) => setTimeout(r, 20));
  const emu = await startEmulator({ services: [dv] });
  try {
    assertEquals(JSON.parse(await Deno.readTextFile(path)).accounts[0].name, "Kept");
    assertEquals(dv.store.size, 1);
  } finally {
    await dv.flush();
    await emu.close();
  }
});
