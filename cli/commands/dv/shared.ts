/** Options and input handling shared by the `ppx dv` commands. */

import type { DataverseRecord } from "../../../lib/dataverse/client.ts";
import { UsageError } from "../../../lib/errors.ts";
import type { GivenRef } from "../../../lib/dataverse/records/get.ts";
import { type HostFlag, hostFlags, hostOf, keyFlag as kitKeyFlag } from "../../kit/flags.ts";
import type { Context } from "../../context.ts";

/** Adds `--dataverse-host` (alias `--host`); kept for commands not yet on the kit (`hostFlags`). */
export const withHost = hostFlags;

/** The host flag value, from either spelling, or the environment `-e` names. */
export function hostFlag(
  options: { dataverseHost?: string; host?: string; environment?: string },
): HostFlag | undefined {
  return hostOf(options);
}

/** The `--key` values given. */
export function keyFlag(options: { key?: string[] }): string[] | undefined {
  return options.key;
}

/** Adds `--key name=value,...` (repeatable); see the kit's `keyFlag`. */
export const withKey = kitKeyFlag;

/**
 * Parses `--key` values into key columns, values still as text (typed later from the table's metadata by
 * `typeRecordRef`); `\,` keeps a comma inside a value.
 */
export function parseKey(values: string[]): Record<string, string> {
  const key: Record<string, string> = {};
  for (const value of values) {
    for (const pair of value.split(/(?<!\\),/)) {
      const eq = pair.indexOf("=");
      if (eq <= 0) {
        throw new UsageError(`--key expects name=value pairs, got '${pair}'.`, {
          hint: "Example: --key accountnumber=A-100 (several: --key a=1,b=2).",
        });
      }
      key[pair.slice(0, eq).trim()] = pair.slice(eq + 1).replaceAll("\\,", ",");
    }
  }
  return key;
}

export type { GivenRef };

/** The record a command addresses: the ID argument or --key, exactly one of them. */
export function recordRef(id: string | undefined, key: string[] | undefined): GivenRef {
  if (id !== undefined && key?.length) {
    throw new UsageError("Give either a record id or --key, not both.");
  }
  if (key?.length) return { key: parseKey(key) };
  if (id === undefined) {
    throw new UsageError("Which record? Give its id, or --key name=value for an alternate key.", {
      hint: "Example: ppx dv get accounts 00000000-0000-0000-0000-000000000001",
    });
  }
  return { id };
}

/** Reads `--data`: inline JSON, `@file.json`, or `@-` for stdin. Must be a JSON object. */
export async function readData(ctx: Context, data: string | undefined): Promise<DataverseRecord> {
  if (data === undefined) {
    throw new UsageError("--data is required.", { hint: `Example: --data '{"name":"Contoso"}'` });
  }
  return await ctx.input.jsonObject(data, { label: "--data", example: `{"name":"Contoso"}` });
}

/** A short name for a record in messages: `accounts(<id>)` or `accounts(accountnumber=A-1)`. */
export function describeRef(entitySet: string, ref: GivenRef): string {
  if ("id" in ref) return `${entitySet}(${ref.id})`;
  return `${entitySet}(${Object.entries(ref.key).map(([k, v]) => `${k}=${v}`).join(",")})`;
}
