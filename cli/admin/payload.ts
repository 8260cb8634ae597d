/** Reading `--payload` through the kit's input reader: inline JSON, `@file`, or `-` / `@-` for stdin. */

import type { Operation } from "../../lib/powerplatform/catalog/types.ts";
import type { Context } from "../context.ts";

/** The `--payload` object; errors name the file (or stdin, or the flag) and the line. */
export function readPayload(ctx: Context, value: string, op: Operation): Promise<Record<string, unknown>> {
  return ctx.input.jsonObject(value, { label: "--payload", example: op.example });
}
