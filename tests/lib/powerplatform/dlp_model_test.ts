/** The DLP model: moving connectors, the group table, policy differences and environment reassignment. */

import { UsageError } from "../../../lib/errors.ts";
import {
  diffPolicies,
  groupRows,
  type KnownConnector,
  moveConnectors,
  reassign,
  resolveConnector,
} from "../../../lib/powerplatform/dlp_model.ts";
import { assert, assertEquals } from "../../helpers/assert.ts";

const K = (name: string, displayName: string): KnownConnector => ({
  id: `/providers/Microsoft.PowerApps/apis/${name}`,
  name,
  displayName,
});
const KNOWN = [
  K("shared_sql", "SQL Server"),
  K("shared_teams", "Microsoft Teams"),
  K("shared_dropbox", "Dropbox"),
];
const policy = {
  name: "p1",
  displayName: "P",
  environmentType: "AllEnvironments",
  connectorGroups: [
    { classification: "Confidential", connectors: [{ id: KNOWN[0].id, name: "SQL Server" }] },
    { classification: "General", connectors: [{ id: KNOWN[1].id, name: "Microsoft Teams" }] },
    { classification: "Blocked", connectors: [] },
  ],
};

function throwsUsage(fn: () => unknown, part: string) {
  try {
    fn();
  } catch (e) {
    assert(e instanceof UsageError, `expected UsageError, got ${e}`);
    assert(
      e.message.includes(part) || (e.hint ?? "").includes(part),
      `'${part}' not in: ${e.message} ${e.hint}`,
    );
    return;
  }
  throw new Error("expected a UsageError");
}

Deno.test("connectors resolve by id, name, short name and display name; unknown ones suggest", () => {
  assertEquals(resolveConnector("SQL server", KNOWN).name, "shared_sql");
  assertEquals(resolveConnector("teams", KNOWN).name, "shared_teams");
  assertEquals(
    resolveConnector("/providers/Microsoft.PowerApps/apis/shared_dropbox", KNOWN).name,
    "shared_dropbox",
  );
  assertEquals(resolveConnector("/providers/Microsoft.PowerApps/apis/shared_new", KNOWN).name, "shared_new");
  throwsUsage(() => resolveConnector("drop box", KNOWN), "No connector");
  throwsUsage(() => resolveConnector("Drop", KNOWN), "Dropbox");
});

Deno.test("moving keeps every connector not named, and places each named one once", () => {
  const { connectorGroups, moved } = moveConnectors(
    policy,
    { blocked: ["sql"], business: ["Dropbox"] },
    KNOWN,
  );
  assertEquals(connectorGroups.map((g) => g.connectors.map((c) => c.id.split("/").at(-1))), [
    ["shared_dropbox"],
    ["shared_teams"],
    ["shared_sql"],
  ]);
  assertEquals(moved.map((m) => m.group), ["Business", "Blocked"]);
  throwsUsage(() => moveConnectors(policy, {}, KNOWN), "at least one");
  throwsUsage(() => moveConnectors(policy, { business: ["sql"], blocked: ["SQL Server"] }, KNOWN), "both");
});

Deno.test("group rows and differences", () => {
  assertEquals(groupRows(policy).map((r) => `${r.group}:${r.connector}`), [
    "Business:SQL Server",
    "Non-business:Microsoft Teams",
  ]);
  const other = { ...policy, environmentType: "OnlyEnvironments", connectorGroups: [] };
  assertEquals(diffPolicies(policy, other), [
    { kind: "setting", item: "environmentType", a: "AllEnvironments", b: "OnlyEnvironments" },
    { kind: "connector", item: "SQL Server", a: "Business", b: "-" },
    { kind: "connector", item: "Microsoft Teams", a: "Non-business", b: "-" },
  ]);
  assertEquals(diffPolicies(policy, structuredClone(policy)), []);
});

Deno.test("reassign: include lists gain on assign, exclude lists lose; all-environments becomes except on remove", () => {
  const only = { environmentType: "OnlyEnvironments", environments: [{ name: "e1" }] };
  assertEquals(reassign(only, "e2", "assign").environments.length, 2);
  assertEquals(reassign(only, "E1", "assign").changed, false);
  assertEquals(reassign(only, "e1", "remove").environments, []);
  const except = { environmentType: "ExceptEnvironments", environments: [{ name: "e1" }] };
  assertEquals(reassign(except, "e1", "assign").environments, []);
  assertEquals(reassign(except, "e2", "remove").environments.length, 2);
  const all = { environmentType: "AllEnvironments", environments: [] };
  assertEquals(reassign(all, "e1", "assign").changed, false);
  const r = reassign(all, "e1", "remove");
  assertEquals([r.environmentType, r.environments.length], ["ExceptEnvironments", 1]);
});
