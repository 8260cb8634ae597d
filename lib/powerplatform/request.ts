/**
 * Turns a catalog operation and the values a user gave into the HTTP request it documents: method, path
 * (placeholders filled and escaped), query (api-version, filters, validate-only, $top) and JSON body
 * (`--payload` first, typed flags over it). Pure: no network, no files.
 *
 * @module
 */

import { command, type CommandRef, option, type OptionRef, phrase, UsageError } from "../errors.ts";
import type { BodyField, Operation, OperationApi, OperationParam } from "./catalog/types.ts";

/** What a user gave for one operation, already read (files) and resolved (environment names). */
export interface OperationInput {
  /** Values by param name (positional or flag). */
  params?: Record<string, string | undefined>;
  /** Typed body field values by flag (`--label`), as typed. */
  fields?: Record<string, string | boolean | undefined>;
  /** The parsed `--payload` object. */
  payload?: Record<string, unknown>;
  /** The resolved environment id for environment params. */
  environmentId?: string;
  /** `--api-version`, overriding the catalog's. */
  apiVersion?: string;
  /** `--validate-only`. */
  validateOnly?: boolean;
  /** `--top`, for lists with a server-side top parameter. */
  top?: number;
}

/** The request an operation documents. */
export interface BuiltRequest {
  /** The API family whose base URL the path is relative to. */
  api: OperationApi;
  /** HTTP method. */
  method: string;
  /** Path relative to the API family's base URL (placeholders filled). */
  path: string;
  /** Query parameters, api-version included. */
  query: Record<string, string>;
  /** Extra headers. */
  headers: Record<string, string>;
  /** JSON body, when the operation has one. */
  body?: Record<string, unknown>;
}

/** Builds the request; UsageError (exit 2) names a missing or bad value. */
export function buildRequest(op: Operation, input: OperationInput): BuiltRequest {
  const query: Record<string, string> = { ...op.fixedQuery };
  const headers: Record<string, string> = {};
  let path = op.path;
  for (const param of op.params ?? []) {
    const value = paramValue(op, param, input);
    if (value === undefined) continue;
    if (param.in === "path") path = path.replace(`{${param.name}}`, encodeURIComponent(value));
    else if (param.in === "query") query[param.name] = value;
    else headers[param.name] = value;
  }
  const unfilled = /\{(\w+)\}/.exec(path);
  if (unfilled) throw new Error(`catalog ${op.id}: no value for {${unfilled[1]}}`);
  if (op.apiVersion || input.apiVersion) query["api-version"] = input.apiVersion ?? op.apiVersion!;
  if (input.validateOnly) {
    if (!op.validateOnly) {
      throw new UsageError(
        phrase`${commandOf(op)} has no ${
          option("validateOnly")
        }: the API cannot validate it without running it.`,
      );
    }
    query[op.validateOnly] = "true";
  }
  if (input.top !== undefined && op.list?.topParam) query[op.list.topParam] = String(input.top);
  return { api: op.api, method: op.method, path, query, headers, body: buildBody(op, input) };
}

function paramValue(op: Operation, param: OperationParam, input: OperationInput): string | undefined {
  let value = param.environment ? input.environmentId : input.params?.[param.name];
  if (value === undefined || value === "") {
    if (param.environment) {
      throw new UsageError(phrase`${commandOf(op)}: which environment?`, {
        hint: phrase`Pass ${
          option("environment", "ENVIRONMENT", { short: true })
        } (id, URL, unique name or part of the display name), or choose one with \`${
          command("env", "select", "ENVIRONMENT")
        }\`.`,
      });
    }
    if (param.required || param.in === "path") {
      throw new UsageError(phrase`${commandOf(op)}: ${label(param)} is required.`, {
        hint: `Example: ${op.example}`,
      });
    }
    return undefined;
  }
  if (param.choices) value = choose(value, param.choices, param.synonyms, label(param));
  return param.format ? param.format.replace("{}", value.replaceAll("'", "''")) : value;
}

function buildBody(op: Operation, input: OperationInput): Record<string, unknown> | undefined {
  const spec = op.body;
  if (spec.kind === "none") return undefined;
  if (spec.kind === "payload") {
    if (!input.payload && spec.required) {
      throw new UsageError(phrase`${commandOf(op)}: ${option("payload")} is required.`, {
        hint: `Example: ${op.example}`,
      });
    }
    return input.payload ?? {};
  }
  const body: Record<string, unknown> = structuredClone(input.payload ?? {});
  for (const field of spec.fields) {
    const raw = input.fields?.[field.flag];
    if (raw === undefined) {
      if (field.required && !(input.payload && has(body, field.key))) {
        throw new UsageError(
          phrase`${commandOf(op)}: ${fieldRef(field)} is required${
            spec.payload ? phrase` (or set it in ${option("payload")})` : ""
          }.`,
          {
            hint: `Example: ${op.example}`,
          },
        );
      }
      continue;
    }
    const value = typed(field, raw);
    if (field.key === ".") {
      if (!value || typeof value !== "object" || Array.isArray(value)) {
        throw new UsageError(phrase`${fieldRef(field)} must be a JSON object.`);
      }
      Object.assign(body, value);
    } else setPath(body, field.key, value);
    for (const [k, v] of Object.entries(field.alsoSet ?? {})) if (!has(body, k)) setPath(body, k, v);
  }
  return body;
}

function typed(field: BodyField, raw: string | boolean): unknown {
  if (field.type === "boolean") {
    if (typeof raw === "boolean") return raw;
    if (/^(true|yes|y|1)$/i.test(raw)) return true;
    if (/^(false|no|n|0)$/i.test(raw)) return false;
    throw new UsageError(phrase`${fieldRef(field)} expects true or false, not '${raw}'.`);
  }
  const text = String(raw);
  if (field.type === "number") {
    const n = Number(text);
    if (text.trim() === "" || !Number.isFinite(n)) {
      throw new UsageError(phrase`${fieldRef(field)} expects a number, not '${text}'.`);
    }
    return n;
  }
  if (field.type === "list") return text.split(",").map((s) => s.trim()).filter(Boolean);
  if (field.type === "json") {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new UsageError(phrase`${fieldRef(field)} is not valid JSON: ${(error as Error).message}`);
    }
  }
  return field.choices ? choose(text, field.choices, field.synonyms, field.flag) : text;
}

/** Matches a value against choices case-insensitively (and synonyms); UsageError listing them otherwise. */
export function choose(
  value: string,
  choices: string[],
  synonyms: Record<string, string> | undefined,
  what: string,
): string {
  const lower = value.toLowerCase();
  const hit = choices.find((c) => c.toLowerCase() === lower) ?? synonyms?.[lower];
  if (hit) return hit;
  const accepted = [...choices, ...Object.keys(synonyms ?? {})];
  throw new UsageError(`${what}: '${value}' is not one of ${accepted.join(", ")}.`);
}

/** Sets a dot path; a numeric segment (`put.0.roleName`) makes or enters an array. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node: Record<string, unknown> = target;
  keys.slice(0, -1).forEach((key, i) => {
    const wantArray = /^\d+$/.test(keys[i + 1]);
    const next = node[key];
    const fits = wantArray ? Array.isArray(next) : next && typeof next === "object" && !Array.isArray(next);
    if (!fits) node[key] = wantArray ? [] : {};
    if (wantArray && (node[key] as unknown[])[Number(keys[i + 1])] === undefined) {
      (node[key] as unknown[])[Number(keys[i + 1])] = {};
    }
    node = node[key] as Record<string, unknown>;
  });
  node[keys.at(-1)!] = value;
}

function has(target: Record<string, unknown>, path: string): boolean {
  let node: unknown = target;
  for (const key of path.split(".")) {
    if (!node || typeof node !== "object") return false;
    node = (node as Record<string, unknown>)[key];
  }
  return node !== undefined;
}

function label(param: OperationParam): string {
  return param.positional ?? param.flag ?? param.name;
}

/** The words of the operation's command after the program name (`environment groups add`). */
export function commandWords(op: Operation): string[] {
  return [...op.group, op.name];
}

/** A body field as an option reference: the catalog's flag is its own data. */
function fieldRef(field: { key: string; flag: string }): OptionRef {
  return option(field.key, undefined, { flag: field.flag });
}

function commandOf(op: Operation): CommandRef {
  return command(...commandWords(op));
}
