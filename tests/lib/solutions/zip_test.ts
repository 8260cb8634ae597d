import { join } from "node:path";
import { ValidationError } from "../../../lib/errors.ts";
import { unzipRaw } from "../../../lib/solutions/mod.ts";
import { openZip } from "../../../lib/solutions/zip/read.ts";
import { ZipWriter } from "../../../lib/solutions/zip/write.ts";
import { assert, assertEquals, assertRejects } from "../../helpers/assert.ts";
import { bytes, equal, minimalRoots, withTempDir } from "./fixtures.ts";

const text = (size: number) => new TextEncoder().encode("<row><cell id='x' /></row>\r\n".repeat(size / 28));

/** Writes an archive from files on disk (the pack path) and returns it. */
async function archive(dir: string, files: [string, Uint8Array][]): Promise<string> {
  const zip = join(dir, "a.zip");
  const w = new ZipWriter(zip);
  for (const { name, data } of minimalRoots()) w.addBytes(name, new TextEncoder().encode(data));
  for (const [name, data] of files) {
    const path = join(dir, name.replaceAll("/", "_"));
    await Deno.writeFile(path, data);
    w.addFile(name, path);
  }
  await w.finish();
  return zip;
}

Deno.test("zip: already-compressed content is stored, text is deflated, both read back byte for byte", async () => {
  await withTempDir(async (dir) => {
    const noise = bytes(64 * 1024, 7);
    const xml = text(64 * 1024);
    const zip = await archive(dir, [["WebResources/logo.png", noise], ["Other/big.xml", xml]]);
    const reader = await openZip(zip);
    try {
      const byName = new Map(reader.entries.map((e) => [e.path, e]));
      const png = byName.get("WebResources/logo.png")!;
      const big = byName.get("Other/big.xml")!;
      assertEquals(png.entry.compressionMethod, 0, "random bytes are stored");
      assertEquals(png.compressedSize, noise.length);
      assertEquals(big.entry.compressionMethod, 8, "text is deflated");
      assert(big.compressedSize < xml.length / 10, "text shrinks");
      assert(equal(await reader.read(png), noise));
      assert(equal(await reader.read(big), xml));
    } finally {
      reader.close();
    }
  });
});

/** Flips one byte in the middle of `data`'s stored copy inside the archive. */
async function corrupt(zip: string, data: Uint8Array): Promise<void> {
  const all = await Deno.readFile(zip);
  const probe = data.subarray(0, 32);
  const at = all.findIndex((_, i) => probe.every((b, j) => all[i + j] === b));
  assert(at >= 0, "the stored bytes are in the archive");
  all[at + Math.floor(data.length / 2)] ^= 0xff;
  await Deno.writeFile(zip, all);
}

for (const size of [100 * 1024, 2 * 1024 * 1024]) {
  Deno.test(`zip: a damaged ${size >> 10} KB entry fails its CRC-32 check and nothing is extracted`, async () => {
    await withTempDir(async (dir) => {
      const noise = bytes(size, 3);
      const zip = await archive(dir, [["WebResources/photo.jpg", noise]]);
      await corrupt(zip, noise);
      const out = join(dir, "out");
      const error = await assertRejects(() => unzipRaw(zip, out), ValidationError, "CRC-32");
      assert(error.message.includes("WebResources/photo.jpg"), "names the entry");
      assert(error.hint?.includes("re-export"), "says what to do");
      const left = (await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name);
      assert(
        !left.includes("out") && !left.some((n) => n.startsWith(".out")),
        "no output, no staging folder",
      );
    });
  });
}
