/**
 * The DLP policy model (BAP V2 policies): connector groups (Business = `Confidential`, Non-business =
 * `General`, Blocked), moving connectors between groups without touching the rest of the policy, a
 * readable table of the groups, and the differences between two policies. Pure: no network.
 *
 * @module
 */

import { option, phrase, UsageError } from "../errors.ts";

/** A JSON object. */
export type JsonObject = Record<string, unknown>;

/** The three groups, as the service names them. */
export type Classification = "Confidential" | "General" | "Blocked";

/** The groups as admins call them. */
export const GROUP_LABELS: Record<Classification, string> = {
  Confidential: "Business",
  General: "Non-business",
  Blocked: "Blocked",
};

/** A connector the tenant knows: its id (`/providers/Microsoft.PowerApps/apis/shared_sql`), name and display name. */
export interface KnownConnector {
  /** The connector's id, `/providers/Microsoft.PowerApps/apis/<name>`. */
  id: string;
  /** The connector's name, e.g. `shared_sql`. */
  name: string;
  /** The name people see. */
  displayName: string;
}

/** One connector of a policy group. */
export interface PolicyConnector {
  /** The connector's id, `/providers/Microsoft.PowerApps/apis/<name>`. */
  id: string;
  /** The connector's display name, as the policy stores it. */
  name?: string;
  /** The resource type, `Microsoft.PowerApps/apis`. */
  type?: string;
}

/** One row of `policy dlp show`. */
export interface GroupRow {
  /** Business, Non-business or Blocked. */
  group: string;
  /** The connector's display name. */
  connector: string;
  /** The connector's id. */
  id: string;
}

/** The connector groups of a policy, in service order, with missing groups as empty. */
export function connectorGroups(
  policy: JsonObject,
): { classification: Classification; connectors: PolicyConnector[] }[] {
  const raw = Array.isArray(policy.connectorGroups) ? policy.connectorGroups as JsonObject[] : [];
  return (["Confidential", "General", "Blocked"] as Classification[]).map((classification) => ({
    classification,
    connectors:
      (raw.find((g) => g.classification === classification)?.connectors as PolicyConnector[] | undefined) ??
        [],
  }));
}

/** Finds a connector by id, short name (`shared_sql` or `sql`) or display name, case-insensitively. */
export function resolveConnector(text: string, known: readonly KnownConnector[]): KnownConnector {
  const t = text.trim().toLowerCase();
  const found = known.find((c) =>
    c.id.toLowerCase() === t || c.name.toLowerCase() === t || c.name.toLowerCase() === `shared_${t}` ||
    c.displayName.toLowerCase() === t
  );
  if (found) return found;
  if (t.startsWith("/providers/")) {
    const name = t.split("/").at(-1)!;
    return { id: text.trim(), name, displayName: name };
  }
  const close = known.filter((c) =>
    c.displayName.toLowerCase().includes(t) || c.name.toLowerCase().includes(t)
  )
    .slice(0, 5).map((c) => `${c.displayName} (${c.name})`);
  throw new UsageError(`No connector is called '${text}'.`, {
    hint: close.length
      ? `Did you mean: ${close.join(", ")}?`
      : "Give the connector's id (/providers/Microsoft.PowerApps/apis/...), name (shared_sql) or display name.",
  });
}

/** Which group each connector moves to. */
export interface Moves {
  /** The business. */
  business?: string[];
  /** The nonBusiness. */
  nonBusiness?: string[];
  /** The blocked. */
  blocked?: string[];
}

/**
 * The policy's connector groups after moving the named connectors (each out of whatever group held
 * it); every other connector stays where it was. UsageError when a connector is named twice.
 */
export function moveConnectors(
  policy: JsonObject,
  moves: Moves,
  known: readonly KnownConnector[],
): {
  connectorGroups: { classification: Classification; connectors: PolicyConnector[] }[];
  moved: GroupRow[];
} {
  const target = new Map<string, { classification: Classification; connector: KnownConnector }>();
  const plan: [Classification, string[] | undefined][] = [
    ["Confidential", moves.business],
    ["General", moves.nonBusiness],
    ["Blocked", moves.blocked],
  ];
  for (const [classification, names] of plan) {
    for (const name of names ?? []) {
      if (!name.trim()) continue;
      const connector = resolveConnector(name, known);
      const key = connector.id.toLowerCase();
      const before = target.get(key);
      if (before && before.classification !== classification) {
        throw new UsageError(
          `${connector.displayName} is named for both ${GROUP_LABELS[before.classification]} and ${
            GROUP_LABELS[classification]
          }.`,
        );
      }
      target.set(key, { classification, connector });
    }
  }
  if (target.size === 0) {
    throw new UsageError(
      phrase`Name at least one connector with ${option("business")}, ${option("nonBusiness")} or ${
        option("blocked")
      }.`,
    );
  }
  const groups = connectorGroups(policy).map((g) => ({
    classification: g.classification,
    connectors: g.connectors.filter((c) => !target.has(String(c.id).toLowerCase())),
  }));
  const moved: GroupRow[] = [];
  for (const { classification, connector } of target.values()) {
    groups.find((g) => g.classification === classification)!.connectors.push({
      id: connector.id,
      name: connector.displayName,
      type: "Microsoft.PowerApps/apis",
    });
    moved.push({ group: GROUP_LABELS[classification], connector: connector.displayName, id: connector.id });
  }
  return { connectorGroups: groups, moved };
}

/** One row per connector of the policy, grouped Business, Non-business, Blocked. */
export function groupRows(policy: JsonObject): GroupRow[] {
  const rows: GroupRow[] = [];
  for (const g of connectorGroups(policy)) {
    for (const c of g.connectors) {
      rows.push({
        group: GROUP_LABELS[g.classification],
        connector: c.name ?? c.id.split("/").at(-1)!,
        id: c.id,
      });
    }
  }
  return rows;
}

/** One difference between two policies. */
export interface PolicyDifference {
  /** `connector` (a connector in different groups) or `setting`. */
  kind: "connector" | "setting";
  /** The connector's display name or id, or the setting's key. */
  item: string;
  /** The value in the first policy (`-` when absent). */
  a: string;
  /** The value in the second policy. */
  b: string;
}

/** The differences between two policies: settings, environments, and connectors in different groups. */
export function diffPolicies(a: JsonObject, b: JsonObject): PolicyDifference[] {
  const out: PolicyDifference[] = [];
  for (const key of ["displayName", "environmentType", "defaultConnectorsClassification"]) {
    const va = a[key] === undefined ? "-" : String(a[key]);
    const vb = b[key] === undefined ? "-" : String(b[key]);
    if (va !== vb) out.push({ kind: "setting", item: key, a: va, b: vb });
  }
  const envs = (p: JsonObject) =>
    ((p.environments as JsonObject[] | undefined) ?? []).map((e) => String(e.name ?? e.id).split("/").at(-1))
      .sort()
      .join(",") || "-";
  if (envs(a) !== envs(b)) out.push({ kind: "setting", item: "environments", a: envs(a), b: envs(b) });
  const where = (p: JsonObject) => {
    const m = new Map<string, { group: string; name: string }>();
    for (const r of groupRows(p)) m.set(r.id.toLowerCase(), { group: r.group, name: r.connector });
    return m;
  };
  const wa = where(a);
  const wb = where(b);
  for (const id of [...new Set([...wa.keys(), ...wb.keys()])].sort()) {
    const x = wa.get(id);
    const y = wb.get(id);
    if (x?.group !== y?.group) {
      out.push({ kind: "connector", item: x?.name ?? y!.name, a: x?.group ?? "-", b: y?.group ?? "-" });
    }
  }
  return out;
}

/** The environment id of a policy environment entry. */
function environmentId(e: JsonObject): string {
  return String(e.name ?? e.id ?? "").split("/").at(-1)!.toLowerCase();
}

/**
 * The `environmentType` and `environments` that make the policy apply (`assign`) or stop applying
 * (`remove`) to an environment, keeping its other environments.
 */
export function reassign(
  policy: JsonObject,
  environment: string,
  action: "assign" | "remove",
): { environmentType: string; environments: JsonObject[]; changed: boolean } {
  const type = String(policy.environmentType ?? "AllEnvironments");
  const list = [...((policy.environments as JsonObject[] | undefined) ?? [])];
  const has = list.some((e) => environmentId(e) === environment.toLowerCase());
  const entry = {
    id: `/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/${environment}`,
    name: environment,
    type: "Microsoft.BusinessAppPlatform/scopes/environments",
  };
  const without = list.filter((e) => environmentId(e) !== environment.toLowerCase());
  // Include-lists gain the environment on assign; exclude-lists lose it (and the reverse on remove).
  const include = (type === "OnlyEnvironments") === (action === "assign");
  if (type === "AllEnvironments") {
    return action === "assign"
      ? { environmentType: type, environments: list, changed: false }
      : { environmentType: "ExceptEnvironments", environments: [entry], changed: true };
  }
  if (include) return { environmentType: type, environments: has ? list : [...list, entry], changed: !has };
  return { environmentType: type, environments: without, changed: has };
}
