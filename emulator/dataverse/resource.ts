/**
 * Parses Web API resource paths: `accounts`, `accounts(<guid>)`, `accounts(accountnumber='A-1')`,
 * `accounts(<guid>)/primarycontactid/$ref`, and the bind values of `@odata.bind`. Quote-aware, so key values
 * may hold parentheses, commas and slashes.
 *
 * @module
 */

import { syntaxError } from "./errors.ts";

/** A key value written without quotes (a number, boolean, GUID or date); typed against its column later. */
export interface BareLiteral {
  bare: string;
}

/** A key literal value: a quoted string (unescaped) or a bare literal. */
export type KeyLiteral = string | BareLiteral;

/** How a record is addressed in a path. */
export type KeyPredicate = { id: string } | { key: Record<string, KeyLiteral> };

/** A parsed resource path (relative to the API root). */
export interface ResourcePath {
  /** First segment without its key, e.g. `accounts`, `WhoAmI()`, `$batch`. */
  name: string;
  /** The parenthesised part of the first segment, when present (raw text, without parentheses). */
  keyText?: string;
  /** Remaining segments. */
  segments: string[];
}

/** Splits a decoded path such as `accounts(name='a/b')/x/$ref` into its parts. */
export function parseResourcePath(path: string): ResourcePath {
  let i = 0;
  while (i < path.length && path[i] !== "(" && path[i] !== "/") i++;
  const name = path.slice(0, i);
  let keyText: string | undefined;
  if (path[i] === "(") {
    let quoted = false;
    let j = i + 1;
    for (; j < path.length; j++) {
      const ch = path[j];
      if (ch === "'") {
        if (quoted && path[j + 1] === "'") j++;
        else quoted = !quoted;
      } else if (ch === ")" && !quoted) break;
    }
    if (j >= path.length) {
      throw syntaxError(`Bad Request - Error in query syntax: unbalanced parentheses in '${path}'.`);
    }
    keyText = path.slice(i + 1, j);
    i = j + 1;
  }
  const rest = path.slice(i).replace(/^\/+/, "");
  return { name, keyText, segments: rest ? rest.split("/").filter(Boolean) : [] };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function literal(text: string): KeyLiteral {
  const t = text.trim();
  if (t.startsWith("'")) {
    if (t.length < 2 || !t.endsWith("'")) throw syntaxError(`Unterminated string literal ${t}.`);
    return t.slice(1, -1).replaceAll("''", "'");
  }
  // Which bare literal it is depends on the column (keys.ts); here only the characters are checked.
  if (/^[A-Za-z0-9.:+-]+$/.test(t)) return { bare: t };
  throw syntaxError(`Bad Request - Error in query syntax: unrecognised key value '${t}'.`);
}

/** Parses `<guid>` or `k1='v',k2=2` into a key predicate. */
export function parseKeyPredicate(text: string): KeyPredicate {
  const parts: string[] = [];
  let quoted = false;
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") {
      if (quoted && text[i + 1] === "'") {
        current += "''";
        i++;
        continue;
      }
      quoted = !quoted;
    }
    if (ch === "," && !quoted) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  if (parts.length === 1 && !parts[0].includes("=")) {
    const v = literal(parts[0]);
    if (typeof v === "string" || !GUID.test(v.bare)) {
      throw syntaxError(`Bad Request - Error in query syntax: '${parts[0]}' is not a valid key.`);
    }
    return { id: v.bare.toLowerCase() };
  }
  const key: Record<string, KeyLiteral> = {};
  for (const part of parts) {
    const eq = part.indexOf("=");
    if (eq <= 0) throw syntaxError(`Bad Request - Error in query syntax: '${part}' is not name=value.`);
    key[part.slice(0, eq).trim()] = literal(part.slice(eq + 1));
  }
  return { key };
}

/**
 * Reads an `@odata.bind` / `@odata.id` value into the entity set and key text: `/contacts(<guid>)`,
 * `contacts(<guid>)`, an absolute URL, or `[Org]/api/data/v9.2/contacts(...)`.
 */
export function parseBindTarget(value: string): { entitySet: string; keyText: string } | undefined {
  let path = value.trim();
  const api = path.search(/\/api\/data\/v9\.\d\//);
  if (api >= 0) path = path.slice(api).replace(/^\/api\/data\/v9\.\d\//, "");
  else if (/^https?:\/\//i.test(path)) return undefined;
  path = path.replace(/^\/+/, "");
  try {
    path = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  const parsed = parseResourcePath(path);
  if (!parsed.keyText || parsed.segments.length) return undefined;
  return { entitySet: parsed.name, keyText: parsed.keyText };
}
