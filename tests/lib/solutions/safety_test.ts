import { join } from "node:path";
import { ValidationError } from "../../../lib/errors.ts";
import { adviceOf } from "../../../lib/solutions/advice.ts";
import { DEFAULT_LIMITS, pack, unpack, unzipRaw } from "../../../lib/solutions/mod.ts";
import { ZipWriter } from "../../../lib/solutions/zip/write.ts";
import { assert, assertEquals, assertRejects } from "../../helpers/assert.ts";
import { buildSolution, minimalRoots, readTree, withTempDir, writeRawZip } from "./fixtures.ts";

async function names(dir: string): Promise<string[]> {
  return (await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name).sort();
}

/** Unpack must fail with `message` and leave nothing but the input behind. */
async function rejects(dir: string, zip: string, message: string, raw = false): Promise<void> {
  const before = await names(dir);
  const run = () => raw ? unzipRaw(zip, join(dir, "out")) : unpack(zip, join(dir, "out"));
  await assertRejects(run, ValidationError, message);
  assertEquals(await names(dir), before, "no output and no staging folder left behind");
}

for (const raw of [false, true]) {
  const mode = raw ? "raw" : "solution";
  Deno.test(`safety (${mode}): zip-slip entries are refused`, async () => {
    await withTempDir(async (dir) => {
      const zip = await writeRawZip(join(dir, "a.zip"), [...minimalRoots(), {
        name: "WebResources/../../evil.js",
        data: "x",
      }]);
      await rejects(dir, zip, "would extract outside the target folder", raw);
      const back = await writeRawZip(join(dir, "b.zip"), [...minimalRoots(), {
        name: "..\\evil.js",
        data: "x",
      }]);
      await rejects(dir, back, "would extract outside the target folder", raw);
    });
  });

  Deno.test(`safety (${mode}): absolute paths are refused`, async () => {
    await withTempDir(async (dir) => {
      await rejects(
        dir,
        await writeRawZip(join(dir, "a.zip"), [...minimalRoots(), { name: "/etc/cron.d/x", data: "x" }]),
        "absolute path",
        raw,
      );
      await rejects(
        dir,
        await writeRawZip(join(dir, "b.zip"), [...minimalRoots(), { name: "C:/Windows/x", data: "x" }]),
        "absolute path",
        raw,
      );
    });
  });

  Deno.test(`safety (${mode}): symbolic links are refused`, async () => {
    await withTempDir(async (dir) => {
      const zip = await writeRawZip(join(dir, "a.zip"), [...minimalRoots(), {
        name: "WebResources/link",
        data: "/etc/passwd",
        unixMode: 0o120777,
      }]);
      await rejects(dir, zip, "symbolic link", raw);
    });
  });

  Deno.test(`safety (${mode}): names differing only in case are refused`, async () => {
    await withTempDir(async (dir) => {
      const zip = await writeRawZip(join(dir, "a.zip"), [
        ...minimalRoots(),
        { name: "WebResources/a.js", data: "1" },
        { name: "webresources/A.js", data: "2" },
      ]);
      await rejects(dir, zip, "differ only in case", raw);
    });
  });
}

Deno.test("safety: a highly compressed entry (zip bomb) is refused before anything is written", async () => {
  await withTempDir(async (dir) => {
    const w = new ZipWriter(join(dir, "bomb.zip"));
    for (const r of minimalRoots()) w.addBytes(r.name, new TextEncoder().encode(r.data));
    w.addBytes("WebResources/zeros.bin", new Uint8Array(16 * 1024 * 1024));
    await w.finish();
    await rejects(dir, join(dir, "bomb.zip"), "zip bomb");
    const small = { ...DEFAULT_LIMITS, maxTotalSize: 1000 };
    await assertRejects(
      () => unpack(join(dir, "bomb.zip"), join(dir, "out"), { limits: small }),
      ValidationError,
      "unpacks to more than 1000 bytes",
    );
  });
});

Deno.test("safety: an entry whose real size exceeds its declared size is refused", async () => {
  await withTempDir(async (dir) => {
    const zip = await writeRawZip(join(dir, "a.zip"), [...minimalRoots(), {
      name: "WebResources/x.js",
      data: "0123456789",
    }]);
    const bytes = await Deno.readFile(zip);
    // lower the declared uncompressed size in the central directory to 4
    const view = new DataView(bytes.buffer);
    for (let i = bytes.length - 22; i >= 0; i--) {
      if (view.getUint32(i, true) !== 0x02014b50) continue;
      const nameLen = view.getUint16(i + 28, true);
      if (new TextDecoder().decode(bytes.subarray(i + 46, i + 46 + nameLen)) === "WebResources/x.js") {
        view.setUint32(i + 24, 4, true);
      }
    }
    await Deno.writeFile(zip, bytes);
    await rejects(dir, zip, "is damaged");
  });
});

Deno.test("safety: inputs that are not solutions get a message saying what they are", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(join(dir, "text.zip"), "hello, not a zip at all".repeat(100));
    await rejects(dir, join(dir, "text.zip"), "is not a zip archive");
    await Deno.writeTextFile(
      join(dir, "lfs.zip"),
      "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 12345\n",
    );
    await rejects(dir, join(dir, "lfs.zip"), "Git LFS pointer");
    const cmt = await writeRawZip(join(dir, "data.zip"), [
      { name: "data.xml", data: "<entities />" },
      { name: "data_schema.xml", data: "<entities />" },
      { name: "[Content_Types].xml", data: "<Types />" },
    ]);
    await rejects(dir, cmt, "Configuration Migration data package");
    await rejects(
      dir,
      await writeRawZip(join(dir, "other.zip"), [{ name: "readme.txt", data: "x" }]),
      "is not a solution",
    );
    await rejects(
      dir,
      await writeRawZip(join(dir, "nested.zip"), [{ name: "Contoso/solution.xml", data: "<a/>" }]),
      "sub-folder",
    );
    await assertRejects(
      () => unpack(join(dir, "missing.zip"), join(dir, "out")),
      ValidationError,
      "does not exist",
    );
  });
});

Deno.test("safety: a broken solution leaves an existing folder exactly as it was", async () => {
  await withTempDir(async (dir) => {
    const src = join(dir, "src");
    await unpack(await buildSolution(dir), src);
    const before = await readTree(src);
    const broken = await writeRawZip(join(dir, "broken.zip"), [
      { name: "solution.xml", data: "<ImportExportXml><SolutionManifest>" },
      { name: "customizations.xml", data: "<ImportExportXml />" },
    ]);
    await assertRejects(() => unpack(broken, src, { allowDelete: true }), ValidationError, "not well-formed");
    const after = await readTree(src);
    assertEquals([...after.keys()].sort(), [...before.keys()].sort());
    assertEquals(await names(dir), ["ContosoOrders.zip", "broken.zip", "src"]);
  });
});

Deno.test("safety: pack refuses links, leaves no partial zip and keeps an old one on failure", async () => {
  await withTempDir(async (dir) => {
    const src = join(dir, "src");
    await unpack(await buildSolution(dir), src);
    await Deno.writeTextFile(join(dir, "old.zip"), "previous build");
    await Deno.symlink("/etc/passwd", join(src, "WebResources/leak.txt"));
    await assertRejects(() => pack(src, join(dir, "old.zip")), ValidationError, "symbolic link");
    await Deno.remove(join(src, "WebResources/leak.txt"));
    await Deno.writeTextFile(join(src, "Roles/Approver.xml"), "<Role><broken>");
    await assertRejects(
      () => pack(src, join(dir, "old.zip")),
      ValidationError,
      "Roles/Approver.xml is not well-formed",
    );
    assertEquals(await Deno.readTextFile(join(dir, "old.zip")), "previous build");
    assertEquals(await names(dir), ["ContosoOrders.zip", "old.zip", "src"]);
  });
});

Deno.test("safety: pack explains trees it cannot pack", async () => {
  await withTempDir(async (dir) => {
    await assertRejects(() => pack(join(dir, "nope"), join(dir, "x.zip")), ValidationError, "does not exist");
    await Deno.mkdir(join(dir, "raw"));
    await Deno.writeTextFile(join(dir, "raw/solution.xml"), "<a/>");
    await Deno.writeTextFile(join(dir, "raw/customizations.xml"), "<a/>");
    const e = await assertRejects(
      () => pack(join(dir, "raw"), join(dir, "x.zip")),
      ValidationError,
      "not an unpacked solution",
    );
    // lib names no flag: it says what to do as data, and the CLI words it (`ppx solution pack --raw`).
    assertEquals(adviceOf(e), { kind: "pack-raw" }, "suggests a plain zip for a plain unzip");
    assert(!e.hint?.includes("--"), "the lib hint names no flag");
    const src = join(dir, "src");
    await unpack(await buildSolution(dir), src, { processCanvasApps: true });
    await Deno.writeTextFile(join(src, "CanvasApps/src/new_orders_a1b2c/CanvasManifest.json"), "{}");
    await assertRejects(() => pack(src, join(dir, "x.zip")), ValidationError, "Power Apps source format");
    await assertRejects(
      () => pack(src, join(dir, "x.zip"), { packageType: "Managed" }),
      ValidationError,
      "cannot be packed as managed",
    );
    assertEquals((await names(dir)).filter((n) => n.endsWith(".zip") || n.endsWith(".tmp")), [
      "ContosoOrders.zip",
    ]);
  });
});
