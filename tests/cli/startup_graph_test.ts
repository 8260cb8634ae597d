/**
 * Start-up guard (issue 14, ADR 0014): the modules every command loads, and the command groups measured by
 * `deno task bench startup`, must not statically import the libraries only some commands need. A static
 * import of yaml, a CSV library, string-width, jose, node-forge, saxes, zip or JSONC code here would make
 * every `ppx config list` pay for it; those load with `await import()` where they are used.
 */

import { deepStrictEqual } from "node:assert/strict";
import { ROOT } from "../helpers/cli.ts";

interface InfoModule {
  specifier: string;
  dependencies?: { specifier: string; isDynamic?: boolean; code?: { specifier: string } }[];
}

/** npm packages and node: built-ins reachable from `entry` through static imports only. */
async function staticPackages(entry: string): Promise<string[]> {
  const out = await new Deno.Command(Deno.execPath(), { args: ["info", "--json", entry], cwd: ROOT })
    .output();
  const info = JSON.parse(new TextDecoder().decode(out.stdout)) as {
    modules: InfoModule[];
    redirects: Record<string, string>;
  };
  const modules = new Map(info.modules.map((m) => [m.specifier, m]));
  const seen = new Set<string>();
  const visit = (specifier: string) => {
    const resolved = info.redirects[specifier] ?? specifier;
    if (seen.has(resolved)) return;
    seen.add(resolved);
    for (const dep of modules.get(resolved)?.dependencies ?? []) {
      if (!dep.isDynamic && dep.code) visit(dep.code.specifier);
    }
  };
  visit(new URL(entry, `file://${ROOT}`).href);
  return [...seen].filter((s) => !s.startsWith("file:")).map((s) =>
    s.replace(/^npm:\/?/, "").replace(/@[\d.]+(_[^/]*)?(\/|$)/, "$2").replace(/\/$/, "")
  ).sort();
}

Deno.test("start-up: the context and the measured command groups import only the command framework", async (t) => {
  // commander is the copy in cli/generated/commander (ADR 0023): no npm package, no node: module.
  const expected: Record<string, string[]> = {
    "cli/main.ts": [],
    "cli/app.ts": [],
    // The credential chain (oauth4webapi, AsyncLocalStorage) loads with the first token request.
    "cli/context.ts": [],
    "cli/commands/config/mod.ts": [],
    "cli/commands/profile/mod.ts": [],
    "cli/commands/dv/mod.ts": [],
    "cli/commands/solution/mod.ts": [],
    // The whole @pacx/emulator package loads when `emulator start` runs.
    "cli/commands/emulator/mod.ts": [],
    "cli/commands/github/mod.ts": [],
    "cli/commands/pages/mod.ts": [],
    // The sign-in flows, connector use-cases and upgrade archive readers load when a command runs.
    "cli/commands/auth/mod.ts": [],
    "cli/commands/connector/mod.ts": [],
    "cli/commands/upgrade.ts": [],
  };
  for (const [entry, packages] of Object.entries(expected)) {
    await t.step(entry, async () => deepStrictEqual(await staticPackages(entry), packages));
  }
});

Deno.test("start-up: every command group's help loads no npm package and no node: module", async (t) => {
  // `ppx GROUP --help` builds the group's whole subtree: any static import of a library or a Node built-in
  // there is paid by every help and every command of the group (issue 14: within 1.2x of gh).
  const entries: string[] = [];
  for (const dir of Deno.readDirSync(`${ROOT}cli/commands`)) {
    if (!dir.isDirectory) {
      if (dir.name.endsWith(".ts")) entries.push(`cli/commands/${dir.name}`);
      continue;
    }
    // A group folder has a mod.ts; the catalog-built admin groups are one file each.
    const files = [...Deno.readDirSync(`${ROOT}cli/commands/${dir.name}`)].map((f) => f.name);
    const group = files.includes("mod.ts") ? ["mod.ts"] : files.filter((f) => f.endsWith(".ts"));
    entries.push(...group.map((f) => `cli/commands/${dir.name}/${f}`));
  }
  for (const entry of entries.sort()) {
    await t.step(entry, async () => deepStrictEqual(await staticPackages(entry), []));
  }
});

Deno.test("start-up: `rbac` (and `auth roles|assignments`) built from the RBAC operations alone miss none of the catalog's", async () => {
  const { CATALOG } = await import("../../lib/powerplatform/catalog/mod.ts");
  const { RBAC_OPERATIONS } = await import("../../lib/powerplatform/catalog/rbac.ts");
  deepStrictEqual(CATALOG.filter((op) => op.group[0] === "rbac"), RBAC_OPERATIONS);
});
