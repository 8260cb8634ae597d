/**
 * SHA256SUMS files (`<hex>  <name>` per line, as `sha256sum` writes them) and SHA-256 of bytes.
 *
 * Permissions: none.
 *
 * @module
 */

import { ValidationError } from "../errors.ts";

/** Parses a SHA256SUMS text into name -> lowercase hex digest. Lines that are not entries are refused. */
export function parseChecksums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (line.trim() === "") continue;
    const match = line.match(/^([0-9a-fA-F]{64}) [ *](.+)$/);
    if (!match) throw new ValidationError(`SHA256SUMS line ${i + 1} is not "<sha256>  <file>".`);
    sums.set(match[2].trim(), match[1].toLowerCase());
  }
  return sums;
}

/** The SHA-256 of bytes as lowercase hex. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
