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

/** Asserts that extracting `zip` fails with `message` and a hint, leaving no output and no staging folder. */
async function refused(dir: string, zip: string, message: string): Promise<ValidationError> {
  const error = await assertRejects(() => unzipRaw(zip, join(dir, "out")), ValidationError, message);
  assert(error.hint, "says what to do");
  const left = (await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name);
  assert(!left.includes("out") && !left.some((n) => n.startsWith(".out")), "no output, no staging folder");
  return error;
}

Deno.test("zip: an archive cut short in the middle of an entry is refused as damaged", async () => {
  await withTempDir(async (dir) => {
    const zip = await archive(dir, [["WebResources/photo.jpg", bytes(300 * 1024, 3)]]);
    const all = await Deno.readFile(zip);
    await Deno.writeFile(zip, all.subarray(0, all.length >> 1));
    const error = await refused(dir, zip, "is not a zip archive");
    assert(error.message.includes("truncated"), error.message);
  });
});

/** Rewrites the central directory's compressed and uncompressed sizes of entry `name`. */
async function lie(zip: string, name: string, compressed: number, uncompressed: number): Promise<void> {
  const all = await Deno.readFile(zip);
  const view = new DataView(all.buffer);
  const wanted = new TextEncoder().encode(name);
  for (let i = 0; i + 46 <= all.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50 || view.getUint16(i + 28, true) !== wanted.length) continue;
    if (!wanted.every((b, j) => all[i + 46 + j] === b)) continue;
    view.setUint32(i + 20, compressed, true);
    view.setUint32(i + 24, uncompressed, true);
    return await Deno.writeFile(zip, all);
  }
  throw new Error(`${name} is not in the central directory`);
}

for (const size of [100 * 1024, 2 * 1024 * 1024]) {
  const cases: [string, number, number, string][] = [
    ["two sizes disagree", size, size - 1, "size mismatch for stored file"],
    ["both sizes are one byte short", size - 1, size - 1, "CRC-32"],
    ["both sizes are one byte long", size + 1, size + 1, "CRC-32"],
    [
      "both sizes run past the end of the file",
      size + (512 << 10),
      size + (512 << 10),
      "overflows file bounds",
    ],
  ];
  for (const [what, compressed, uncompressed, message] of cases) {
    Deno.test(`zip: a stored ${size >> 10} KB entry whose ${what} is refused`, async () => {
      await withTempDir(async (dir) => {
        const zip = await archive(dir, [["WebResources/photo.jpg", bytes(size, 3)], [
          "WebResources/next.jpg",
          bytes(5000, 4),
        ]]);
        await lie(zip, "WebResources/photo.jpg", compressed, uncompressed);
        const error = await refused(dir, zip, message);
        assert(error.message.includes(zip), "names the archive");
      });
    });
  }
}

Deno.test("zip: every entry's stored CRC-32 is the checksum of its bytes, whole, streamed or in text chunks", async () => {
  await withTempDir(async (dir) => {
    const big = bytes(3 * 1024 * 1024 + 17, 5); // streamed from disk in several pieces
    await Deno.writeFile(join(dir, "big.bin"), big);
    const chunks = Array.from({ length: 3000 }, (_, i) => `<row n="${i}">${"x".repeat(i % 97)}</row>\r\n`);
    const zip = join(dir, "c.zip");
    const w = new ZipWriter(zip);
    w.addBytes("small.txt", new TextEncoder().encode("hello"));
    w.addBytes("empty.txt", new Uint8Array(0));
    w.addFile("big.bin", join(dir, "big.bin"));
    w.addText("chunks.xml", chunks[Symbol.iterator]());
    await w.finish();
    const { crc32 } = await import("node:zlib");
    const expected = new Map<string, Uint8Array>([
      ["small.txt", new TextEncoder().encode("hello")],
      ["empty.txt", new Uint8Array(0)],
      ["big.bin", big],
      ["chunks.xml", new TextEncoder().encode(chunks.join(""))],
    ]);
    const reader = await openZip(zip);
    try {
      for (const e of reader.entries) {
        assertEquals(e.entry.crc32 >>> 0, crc32(expected.get(e.path)!) >>> 0, e.path);
        assert(equal(await reader.read(e), expected.get(e.path)!), e.path); // read() checks the CRC too
      }
    } finally {
      reader.close();
    }
  });
});
