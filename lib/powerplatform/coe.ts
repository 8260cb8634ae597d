/**
 * Center of Excellence inventory, built from the admin endpoints: the environments of the tenant (or the
 * ones asked for) and, in each, canvas apps, cloud flows, custom connectors and Copilot Studio bots, with
 * owners and last-modified dates. The inventory is an async stream (one page in memory at a time);
 * makers and metrics fold it into counts; export writes it as CSV or JSON as it arrives.
 *
 * @module
 */

import { stringify } from "csv-stringify/sync";
import { ApiError } from "../errors.ts";
import { operation } from "./catalog/mod.ts";
import type { Operation } from "./catalog/types.ts";
import { type EnvironmentSummary, listEnvironments } from "./environments.ts";
import { runOperation, type RunOperationDeps } from "./execute.ts";

/** The kinds of resource the inventory counts. */
export type InventoryType = "app" | "flow" | "connector" | "bot";

/** One resource of the inventory. */
export interface InventoryItem {
  /** The environment's id. */
  environmentId: string;
  /** The environment's display name. */
  environment: string;
  /** app, flow, connector or bot. */
  type: InventoryType;
  /** The resource's id. */
  id: string;
  /** The resource's display name. */
  name: string;
  /** The owner's display name (empty when the API gives none). */
  owner: string;
  /** The owner's object id. */
  ownerId: string;
  /** When it last changed (ISO 8601). */
  lastModified: string;
}

/** The inventory's CSV columns (every item has each of them). */
export const INVENTORY_COLUMNS: (keyof InventoryItem)[] = [
  "environmentId",
  "environment",
  "type",
  "id",
  "name",
  "owner",
  "ownerId",
  "lastModified",
];

/** Custom connectors of an environment, as admin (PowerApps admin API). */
export const CUSTOM_CONNECTORS: Operation = {
  id: "coe.custom-connectors",
  group: [],
  name: "custom-connectors",
  summary: "Custom connectors of an environment",
  api: "powerapps",
  method: "GET",
  path: "/providers/Microsoft.PowerApps/scopes/admin/environments/{environmentId}/apis",
  apiVersion: "2016-11-01",
  params: [{ name: "environmentId", in: "path", environment: true, description: "" }],
  body: { kind: "none" },
  list: {},
  example: "",
};

type Raw = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));
const get = (o: Raw, path: string): unknown =>
  path.split(".").reduce<unknown>((n, k) => (n && typeof n === "object" ? (n as Raw)[k] : undefined), o);
const first = (o: Raw, ...paths: string[]) => {
  for (const p of paths) {
    const v = get(o, p);
    if (v !== undefined && v !== null && v !== "") return str(v);
  }
  return "";
};

/** Turns one raw resource into an inventory item. */
export function inventoryItem(type: InventoryType, env: EnvironmentSummary, raw: Raw): InventoryItem {
  const base = { environmentId: env.id, environment: env.displayName, type };
  switch (type) {
    case "app":
      return {
        ...base,
        id: first(raw, "name", "id"),
        name: first(raw, "properties.displayName", "displayName"),
        owner: first(raw, "properties.owner.displayName", "properties.createdBy.displayName"),
        ownerId: first(raw, "properties.owner.id", "properties.createdBy.id"),
        lastModified: first(raw, "properties.lastModifiedTime", "lastModifiedTime"),
      };
    case "flow":
      return {
        ...base,
        id: first(raw, "workflowId", "name", "id"),
        name: first(raw, "name", "properties.displayName"),
        owner: first(raw, "createdBy.displayName", "ownerName", "properties.creator.displayName"),
        ownerId: first(raw, "ownerId", "createdBy", "properties.creator.objectId"),
        lastModified: first(raw, "modifiedOn", "properties.lastModifiedTime"),
      };
    case "connector":
      return {
        ...base,
        id: first(raw, "name", "id"),
        name: first(raw, "properties.displayName", "name"),
        owner: first(raw, "properties.createdBy.displayName"),
        ownerId: first(raw, "properties.createdBy.id"),
        lastModified: first(raw, "properties.changedTime", "properties.createdTime"),
      };
    case "bot":
      return {
        ...base,
        id: first(raw, "id", "botId", "name"),
        name: first(raw, "displayName", "name"),
        owner: first(raw, "owner.displayName", "properties.owner.displayName"),
        ownerId: first(raw, "owner.id", "properties.owner.id"),
        lastModified: first(raw, "lastModifiedTime", "modifiedOn"),
      };
  }
}

/** Options of the inventory. */
export interface InventoryOptions {
  /** Only these environment ids (already resolved); every environment when empty. */
  environmentIds?: string[];
  /** Only these kinds (all four when empty). */
  types?: InventoryType[];
  /** Told when one kind of one environment cannot be read (e.g. 403 or 404); the rest goes on. */
  onSkip?: (environment: EnvironmentSummary, type: InventoryType, reason: string) => void;
}

const SOURCES: [InventoryType, () => Operation][] = [
  ["app", () => operation("apps.list")],
  ["flow", () => operation("flows.list")],
  ["connector", () => CUSTOM_CONNECTORS],
  ["bot", () => operation("pva.bots.list")],
];

/** The inventory, streamed (see the module comment). */
export async function* runInventory(
  options: InventoryOptions,
  deps: RunOperationDeps,
): AsyncGenerator<InventoryItem> {
  let envs = await listEnvironments(deps.client("bap"));
  if (options.environmentIds?.length) {
    const want = new Set(options.environmentIds.map((e) => e.toLowerCase()));
    envs = envs.filter((e) => want.has(e.id.toLowerCase()));
  }
  for (const env of envs) {
    for (const [type, op] of SOURCES) {
      if (options.types?.length && !options.types.includes(type)) continue;
      try {
        const r = await runOperation(op(), { environmentId: env.id, all: true }, deps);
        if (r.kind !== "items") continue;
        for await (const raw of r.items) yield inventoryItem(type, env, raw);
      } catch (error) {
        // A missing service in one environment (no Dataverse, no bots, no permission) is not fatal.
        if (!(error instanceof ApiError) || ![400, 403, 404].includes(error.status)) throw error;
        options.onSkip?.(env, type, `${error.status}: ${error.message}`);
      }
    }
  }
}

/** One maker: a distinct owner with counts per kind. */
export interface Maker {
  /** The owner's object id. */
  ownerId: string;
  /** The owner's display name (empty when the API gives none). */
  owner: string;
  /** Canvas apps. */
  apps: number;
  /** Cloud flows. */
  flows: number;
  /** Custom connectors. */
  connectors: number;
  /** Copilot Studio agents. */
  bots: number;
  /** All four kinds together. */
  total: number;
}

const KEY: Record<InventoryType, "apps" | "flows" | "connectors" | "bots"> = {
  app: "apps",
  flow: "flows",
  connector: "connectors",
  bot: "bots",
};

/** Distinct owners with counts, most prolific first (items without an owner are left out). */
export async function makers(items: AsyncIterable<InventoryItem>): Promise<Maker[]> {
  const by = new Map<string, Maker>();
  for await (const i of items) {
    const key = (i.ownerId || i.owner).toLowerCase();
    if (!key) continue;
    const m = by.get(key) ??
      { ownerId: i.ownerId, owner: i.owner, apps: 0, flows: 0, connectors: 0, bots: 0, total: 0 };
    m[KEY[i.type]]++;
    m.total++;
    if (!m.owner && i.owner) m.owner = i.owner;
    by.set(key, m);
  }
  return [...by.values()].sort((a, b) => b.total - a.total || a.owner.localeCompare(b.owner));
}

/** Counts per environment and kind. */
export interface EnvironmentMetrics {
  /** The environment's id. */
  environmentId: string;
  /** The environment's display name. */
  environment: string;
  /** Canvas apps. */
  apps: number;
  /** Cloud flows. */
  flows: number;
  /** Custom connectors. */
  connectors: number;
  /** Copilot Studio agents. */
  bots: number;
  /** All four kinds together. */
  total: number;
}

/** Counts per environment and kind, in inventory order. */
export async function metrics(items: AsyncIterable<InventoryItem>): Promise<EnvironmentMetrics[]> {
  const by = new Map<string, EnvironmentMetrics>();
  for await (const i of items) {
    const m = by.get(i.environmentId) ??
      {
        environmentId: i.environmentId,
        environment: i.environment,
        apps: 0,
        flows: 0,
        connectors: 0,
        bots: 0,
        total: 0,
      };
    m[KEY[i.type]]++;
    m.total++;
    by.set(i.environmentId, m);
  }
  return [...by.values()];
}

/** The union of the rows' keys, in first-seen order. */
export function headerUnion(rows: Iterable<object>): string[] {
  const keys = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) keys.add(k);
  return [...keys];
}

function cell(v: unknown): string {
  if (v === undefined || v === null) return "";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/**
 * Writes rows as CSV or JSON (`{"value":[...]}`) through `write`, as they arrive. CSV needs its header
 * first: with `columns` the rows stream; without, they are read once to take the union of their keys
 * (fine for makers and metrics, which are small). Returns the number of rows written.
 */
export async function exportRows<T extends object>(
  rows: AsyncIterable<T> | Iterable<T>,
  format: "csv" | "json",
  write: (chunk: string) => Promise<void>,
  options: { columns?: string[]; onRow?: (count: number) => void } = {},
): Promise<number> {
  let source = rows;
  let columns = options.columns;
  if (format === "csv" && !columns) {
    const all: T[] = [];
    for await (const r of rows) all.push(r);
    columns = headerUnion(all);
    source = all;
  }
  let count = 0;
  let buffer = format === "csv" ? stringify([columns!]) : '{"value":[';
  for await (const r of source) {
    buffer += format === "csv"
      ? stringify([columns!.map((c) => cell((r as Record<string, unknown>)[c]))])
      : `${count ? "," : ""}\n${JSON.stringify(r)}`;
    count++;
    options.onRow?.(count);
    if (buffer.length >= 64 * 1024) {
      await write(buffer);
      buffer = "";
    }
  }
  buffer += format === "csv" ? "" : `${count ? "\n" : ""}]}\n`;
  await write(buffer);
  return count;
}
