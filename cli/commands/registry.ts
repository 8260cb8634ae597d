/**
 * The top-level command groups. Each is loaded only when invoked, so start-up parses one group at
 * most; completions and the reference docs load them all.
 */

import type { CommandUnknownOpts } from "@commander-js/extra-typings";
import type { App } from "../app.ts";

/** A lazily loaded top-level command (or group of commands). */
export interface CommandGroup {
  name: string;
  summary: string;
  aliases?: string[];
  /** Hidden from help (deprecated aliases). */
  hidden?: boolean;
  load(): Promise<{ default: (app: App) => CommandUnknownOpts }>;
}

/** Every top-level command, in help order. */
export const GROUPS: CommandGroup[] = [
  {
    name: "auth",
    summary: "Sign in (Azure or GitHub), check and print credentials",
    load: () => import("./auth/mod.ts"),
  },
  {
    name: "login",
    summary: "Sign in with Azure or GitHub (routes to the provider's `ppx auth` command)",
    load: () => import("./login.ts"),
  },
  {
    name: "profile",
    summary: "List, show, select, rename and delete sign-in profiles",
    load: () => import("./profile/mod.ts"),
  },
  {
    name: "config",
    summary: "Config file path and settings (get, set, unset, list with sources)",
    load: () => import("./config/mod.ts"),
  },
  {
    name: "dv",
    summary: "Dataverse records: query, create, update, upsert, delete",
    load: () => import("./dv/mod.ts"),
  },
  {
    name: "api",
    summary: "Send an authenticated request to any endpoint (like `gh api`)",
    load: () => import("./api.ts"),
  },
  {
    name: "solution",
    summary: "Solutions: list, export, import, publish, check; pack and unpack (SolutionPackager layout)",
    load: () => import("./solution/mod.ts"),
  },
  {
    name: "pages",
    summary: "Power Pages sites: list, download, upload, diff, convert (pac's folders, both data models)",
    aliases: ["paportal", "powerpages"],
    load: () => import("./pages/mod.ts"),
  },
  {
    name: "environment",
    summary: "Power Platform environments: list, select, who, lifecycle, operations, groups",
    aliases: ["env"],
    load: () => import("./environment/mod.ts"),
  },
  {
    name: "env-group",
    summary: "Alias of `ppx environment groups`",
    hidden: true,
    load: () => import("./admin_groups/env_group.ts"),
  },
  {
    name: "apps",
    summary: "Power Apps as admin: list, show, versions, share, owners",
    load: () => import("./admin_groups/apps.ts"),
  },
  {
    name: "flows",
    summary: "Cloud flows and their runs",
    load: () => import("./admin_groups/flows.ts"),
  },
  {
    name: "packages",
    summary: "Application packages: list, install, upgrade, status",
    load: () => import("./admin_groups/packages.ts"),
  },
  {
    name: "app",
    summary: "Alias group: `app admin` (apps), `app pkgs` (packages)",
    hidden: true,
    load: () => import("./admin_groups/app.ts"),
  },
  {
    name: "power",
    summary: "Alias group: `power flows`, `power runs`",
    hidden: true,
    load: () => import("./admin_groups/power.ts"),
  },
  {
    name: "connector",
    summary:
      "Custom connectors: validate offline (certification rules, SARIF), init, create, update, download",
    aliases: ["connectors"],
    load: () => import("./connector/mod.ts"),
  },
  {
    name: "policy",
    summary: "Data (DLP) policies: list, show, diff, connectors set, assignments",
    load: () => import("./admin_groups/policy.ts"),
  },
  {
    name: "tenant",
    summary: "Tenant settings (get/set one KEY.PATH) and feature controls",
    load: () => import("./admin_groups/tenant.ts"),
  },
  {
    name: "rbac",
    summary: "Role definitions and role assignments (tenant, environment group, environment)",
    load: () => import("./admin_groups/rbac.ts"),
  },
  {
    name: "users",
    summary: "Users' admin roles: list, apply, remove",
    load: () => import("./admin_groups/users.ts"),
  },
  {
    name: "licensing",
    summary: "Billing policies, allocations, storage warnings, capacity, ISV contracts",
    load: () => import("./admin_groups/licensing.ts"),
  },
  {
    name: "analytics",
    summary: "Advisor recommendations: scenarios, resources, acknowledge, dismiss, execute",
    load: () => import("./admin_groups/analytics.ts"),
  },
  {
    name: "governance",
    summary: "Cross-tenant connection reports and rule-based policies",
    load: () => import("./admin_groups/governance.ts"),
  },
  {
    name: "pva",
    summary: "Copilot Studio agents (bots): publish, channels, quarantine",
    load: () => import("./admin_groups/pva.ts"),
  },
  {
    name: "coe",
    summary: "Center of Excellence: inventory, makers, metrics, export (CSV/JSON, streamed)",
    load: () => import("./admin_groups/coe.ts"),
  },
  {
    name: "connection",
    summary: "Connection references of a solution: list, validate (exit 1 when one is unbound)",
    load: () => import("./connection/mod.ts"),
  },
  {
    name: "github",
    summary: "GitHub-backed ALM: setup-ci (app, federated credentials, app users, workflows), teardown-ci",
    load: () => import("./github/mod.ts"),
  },
  {
    name: "emulator",
    summary: "Run the local cloud emulator for offline use, tests and CI",
    load: () => import("./emulator/mod.ts"),
  },
  {
    name: "doctor",
    summary: "Check config, keyring, network, clock, sign-in per audience and Dataverse",
    load: () => import("./doctor.ts"),
  },
  {
    name: "version",
    summary: "Print version, Deno version, target and commit",
    load: () => import("./version.ts"),
  },
  {
    name: "upgrade",
    summary: "Replace this ppx binary with the latest release (checksum verified)",
    load: () => import("./upgrade.ts"),
  },
  {
    name: "completions",
    summary: "Print a shell completion script (bash, zsh, fish, powershell)",
    load: () => import("./completions.ts"),
  },
  {
    name: "help",
    summary: "Help on a command or a topic (environment, exit-codes, output)",
    load: () => import("./help.ts"),
  },
];

/** Finds a group by name or alias. */
export function findGroup(word: string | undefined): CommandGroup | undefined {
  if (!word) return undefined;
  return GROUPS.find((g) => g.name === word || g.aliases?.includes(word));
}
