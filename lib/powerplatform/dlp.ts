/**
 * DLP use-cases beyond raw payloads: show a policy's groups, move connectors between groups by id or
 * name, replace the groups from a payload, list / assign / remove the environments a policy applies
 * to, and diff two policies (or a policy and a JSON document). Each reads the policy, changes only the
 * part it owns and PATCHes that part back.
 *
 * @module
 */

import { NotFoundError, option, phrase, UsageError } from "../errors.ts";
import { operation } from "./catalog/mod.ts";
import type { Operation } from "./catalog/types.ts";
import {
  connectorGroups,
  diffPolicies,
  type GroupRow,
  groupRows,
  type JsonObject,
  type KnownConnector,
  moveConnectors,
  type Moves,
  type PolicyDifference,
  reassign,
} from "./dlp_model.ts";
import { runOperation, type RunOperationDeps } from "./execute.ts";

/** The connectors the tenant knows (PowerApps API), used to resolve names in `connectors set`. */
export const CONNECTOR_CATALOG: Operation = {
  id: "connectors.catalog",
  group: [],
  name: "catalog",
  summary: "The connectors of the tenant",
  api: "powerapps",
  method: "GET",
  path: "/providers/Microsoft.PowerApps/apis",
  apiVersion: "2016-11-01",
  params: [{
    name: "$filter",
    in: "query",
    flag: "--environment",
    format: "environment eq '{}'",
    description: "",
  }],
  body: { kind: "none" },
  list: {},
  example: "",
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function body(
  op: string,
  input: Parameters<typeof runOperation>[1],
  deps: RunOperationDeps,
): Promise<JsonObject> {
  const result = await runOperation(operation(op), input, deps);
  if (result.kind !== "done") throw new Error(`unexpected ${result.kind} from ${op}`);
  return (result.body ?? {}) as JsonObject;
}

/** Reads a policy by its name (id) or display name. NotFoundError names the policies there are. */
export async function readPolicy(policy: string, deps: RunOperationDeps): Promise<JsonObject> {
  if (GUID.test(policy.trim())) {
    return await body("policy.dlp.get", { params: { policyName: policy.trim() } }, deps);
  }
  const all: JsonObject[] = [];
  const result = await runOperation(operation("policy.dlp.list"), { all: true }, deps);
  if (result.kind === "items") { for await (const p of result.items) all.push(p); }
  const found = all.filter((p) => String(p.displayName ?? "").toLowerCase() === policy.trim().toLowerCase());
  if (found.length === 1) return found[0];
  if (found.length > 1) throw new UsageError(`More than one policy is called '${policy}'; give its id.`);
  throw new NotFoundError(`No DLP policy is called '${policy}'.`, {
    hint: all.length ? `Policies: ${all.map((p) => `${p.displayName} (${p.name})`).join(", ")}.` : undefined,
  });
}

async function patch(policy: JsonObject, payload: JsonObject, deps: RunOperationDeps): Promise<JsonObject> {
  return await body("policy.dlp.update", { params: { policyName: String(policy.name) }, payload }, deps);
}

/** Options of `policy dlp show`. */
export interface DlpShowOptions {
  /** Policy id or display name. */
  policy: string;
}

/** A policy's header and its connectors by group. */
export interface DlpShowResult {
  /** The policy's name (its id). */
  name: string;
  /** The name people see. */
  displayName: string;
  /** AllEnvironments, OnlyEnvironments or ExceptEnvironments. */
  environmentType: string;
  /** The group of connectors the policy does not name. */
  defaultGroup: string;
  /** One row per connector and group. */
  rows: GroupRow[];
}

/** `policy dlp show`: the policy's groups as rows. */
export async function runDlpShow(options: DlpShowOptions, deps: RunOperationDeps): Promise<DlpShowResult> {
  const p = await readPolicy(options.policy, deps);
  const labels: Record<string, string> = {
    Confidential: "Business",
    General: "Non-business",
    Blocked: "Blocked",
  };
  return {
    name: String(p.name),
    displayName: String(p.displayName ?? ""),
    environmentType: String(p.environmentType ?? ""),
    defaultGroup: labels[String(p.defaultConnectorsClassification)] ??
      String(p.defaultConnectorsClassification ?? ""),
    rows: groupRows(p),
  };
}

/** Options of `policy dlp connectors set`. */
export interface DlpConnectorsSetOptions extends Moves {
  /** Policy id or display name. */
  policy: string;
  /** Resolve names against this environment's connectors (default: the tenant's). */
  environmentId?: string;
}

/** `policy dlp connectors set`: moves the named connectors, keeps the rest, PATCHes the groups. */
export async function runDlpConnectorsSet(
  options: DlpConnectorsSetOptions,
  deps: RunOperationDeps,
): Promise<{ policy: string; moved: GroupRow[] }> {
  const p = await readPolicy(options.policy, deps);
  const known: KnownConnector[] = [];
  const catalog = await runOperation(
    CONNECTOR_CATALOG,
    { all: true, params: { $filter: options.environmentId } },
    deps,
  );
  if (catalog.kind === "items") {
    for await (const c of catalog.items) {
      const props = (c.properties ?? {}) as JsonObject;
      known.push({
        id: String(c.id ?? `/providers/Microsoft.PowerApps/apis/${c.name}`),
        name: String(c.name ?? ""),
        displayName: String(props.displayName ?? c.name ?? ""),
      });
    }
  }
  const { connectorGroups: groups, moved } = moveConnectors(p, options, known);
  await patch(p, { connectorGroups: groups }, deps);
  return { policy: String(p.name), moved };
}

/** `policy dlp connectors list`: one row per connector and group. */
export async function runDlpConnectorsList(
  options: DlpShowOptions,
  deps: RunOperationDeps,
): Promise<GroupRow[]> {
  return groupRows(await readPolicy(options.policy, deps));
}

/** `policy dlp connectors update`: replaces the groups with `{"groups":[...]}` or `{"connectorGroups":[...]}`. */
export async function runDlpConnectorsUpdate(
  options: { policy: string; payload: JsonObject },
  deps: RunOperationDeps,
): Promise<JsonObject> {
  const groups = options.payload.connectorGroups ?? options.payload.groups;
  if (!Array.isArray(groups) || groups.length === 0) {
    throw new UsageError(
      phrase`${option("payload")} needs a non-empty "groups" (or "connectorGroups") array.`,
      {
        hint:
          `Example: {"groups":[{"classification":"Confidential","connectors":[{"id":"/providers/Microsoft.PowerApps/apis/shared_sql"}]}]}`,
      },
    );
  }
  for (const g of groups as JsonObject[]) {
    if (!["Confidential", "General", "Blocked"].includes(String(g?.classification))) {
      throw new UsageError(
        `Each group's classification must be Confidential (business), General (non-business) or Blocked, not '${g?.classification}'.`,
      );
    }
    if (!Array.isArray(g.connectors)) {
      throw new UsageError("Each group needs a connectors array ([] for none).");
    }
  }
  const p = await readPolicy(options.policy, deps);
  const merged = connectorGroups(p).map((g) =>
    (groups as JsonObject[]).find((x) => x.classification === g.classification) ?? g
  );
  return await patch(p, { connectorGroups: merged }, deps);
}

/** One environment a policy names. */
export interface DlpAssignmentRow {
  /** The environment's id. */
  environmentId: string;
  /** `included` (OnlyEnvironments) or `excluded` (ExceptEnvironments). */
  assignment: string;
}

/** `policy dlp assignments list`: the environments the policy names, and how. */
export async function runDlpAssignmentsList(
  options: DlpShowOptions,
  deps: RunOperationDeps,
): Promise<{ environmentType: string; rows: DlpAssignmentRow[] }> {
  const p = await readPolicy(options.policy, deps);
  const type = String(p.environmentType ?? "AllEnvironments");
  const how = type === "ExceptEnvironments" ? "excluded" : "included";
  return {
    environmentType: type,
    rows: ((p.environments as JsonObject[] | undefined) ?? []).map((e) => ({
      environmentId: String(e.name ?? e.id).split("/").at(-1)!,
      assignment: how,
    })),
  };
}

/** `policy dlp assignments assign|remove`: makes the policy apply, or stop applying, to environments. */
export async function runDlpAssign(
  options: { policy: string; environmentIds: string[]; action: "assign" | "remove" },
  deps: RunOperationDeps,
): Promise<{ policy: string; environmentType: string; changed: boolean }> {
  if (options.environmentIds.length === 0) throw new UsageError("Name at least one environment.");
  let p = await readPolicy(options.policy, deps);
  let changed = false;
  let next = {
    environmentType: String(p.environmentType ?? "AllEnvironments"),
    environments: p.environments,
  };
  for (const env of options.environmentIds) {
    const r = reassign({ ...p, ...next }, env, options.action);
    changed ||= r.changed;
    next = { environmentType: r.environmentType, environments: r.environments };
    p = { ...p, ...next };
  }
  if (changed) await patch(p, next as JsonObject, deps);
  return { policy: String(p.name), environmentType: next.environmentType, changed };
}

/** `policy dlp diff A B`: B is a policy (id or display name) or an already-read JSON document. */
export async function runDlpDiff(
  options: { a: string; b?: string; bDocument?: JsonObject },
  deps: RunOperationDeps,
): Promise<PolicyDifference[]> {
  const a = await readPolicy(options.a, deps);
  const b = options.bDocument ?? await readPolicy(options.b ?? "", deps);
  return diffPolicies(a, b);
}
