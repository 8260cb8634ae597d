/** Reading `--payload`: inline JSON, `@file`, or `-` / `@-` for stdin. */

import { isAbsolute, join } from "node:path";
import { ValidationError } from "../../lib/errors.ts";
import { parsePayload } from "../../lib/powerplatform/payload.ts";
import type { Context } from "../context.ts";

/** The `--payload` object; errors name the file (or stdin, or the flag) and the line. */
export async function readPayload(ctx: Context, value: string): Promise<Record<string, unknown>> {
  if (value === "-" || value === "@-") return parsePayload(await ctx.io.readStdin(), "--payload (stdin)");
  if (!value.startsWith("@")) return parsePayload(value, "--payload");
  const path = value.slice(1);
  const full = isAbsolute(path) ? path : join(ctx.cwd, path);
  let text: string;
  try {
    text = await Deno.readTextFile(full);
  } catch (error) {
    throw new ValidationError(`Unable to read the --payload file ${path}: ${(error as Error).message}`);
  }
  return parsePayload(text, `The --payload file ${path}`);
}
