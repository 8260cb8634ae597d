/**
 * Takes the executable out of a release archive held in memory: tar.gz (nanotar) or zip (yauzl).
 *
 * Permissions: none.
 *
 * @module
 */

import { parseTarGzip } from "nanotar";
import yauzl from "yauzl";
import { Buffer } from "node:buffer";
import { ValidationError } from "../errors.ts";

/** Returns the bytes of `binary` (a top-level entry) from the archive; throws when it is not there. */
export async function extractBinary(archive: string, bytes: Uint8Array, binary: string): Promise<Uint8Array> {
  const found = archive.endsWith(".zip") ? await fromZip(bytes, binary) : await fromTarGz(bytes, binary);
  if (!found) throw new ValidationError(`The release archive ${archive} has no ${binary} in it.`);
  return found;
}

async function fromTarGz(bytes: Uint8Array, binary: string): Promise<Uint8Array | undefined> {
  let files;
  try {
    files = await parseTarGzip(bytes);
  } catch (error) {
    throw new ValidationError(`The release archive is not a valid tar.gz: ${(error as Error).message}`);
  }
  return files.find((f) => f.name.replace(/^\.\//, "") === binary && f.type !== "directory")?.data;
}

function fromZip(bytes: Uint8Array, binary: string): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (error, zip) => {
      if (error || !zip) {
        return reject(new ValidationError(`The release archive is not a valid zip: ${error}`));
      }
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName !== binary) return zip.readEntry();
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) {
            return reject(new ValidationError(`Cannot read ${binary} from the zip: ${err}`));
          }
          const chunks: Uint8Array[] = [];
          stream.on("data", (c: Uint8Array) => chunks.push(c));
          stream.on("end", () => {
            zip.close();
            resolve(concat(chunks));
          });
          stream.on(
            "error",
            (e: Error) => reject(new ValidationError(`Cannot read ${binary}: ${e.message}`)),
          );
        });
      });
      zip.on("end", () => resolve(undefined));
      zip.on("error", (e: Error) => reject(new ValidationError(`The release zip is damaged: ${e.message}`)));
      zip.readEntry();
    });
  });
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
