/**
 * The declarative catalog of Power Platform admin operations. One entry per operation; the command
 * builder, the reference docs and completions are generated from it.
 *
 * @module
 */

import { APP_OPERATIONS, FLOW_OPERATIONS, PACKAGE_OPERATIONS } from "./apps_flows.ts";
import { ENVIRONMENT_GROUP_OPERATIONS, ENVIRONMENT_OPERATIONS } from "./environments.ts";
import { PAGES_OPERATIONS } from "./pages.ts";
import type { Operation } from "./types.ts";
import { ADVISOR_OPERATIONS } from "./advisor.ts";
import { BOT_OPERATIONS } from "./bots.ts";
import { DLP_OPERATIONS } from "./dlp.ts";
import { GOVERNANCE_OPERATIONS } from "./governance.ts";
import { LICENSING_OPERATIONS } from "./licensing.ts";
import { RBAC_OPERATIONS } from "./rbac.ts";
import { TENANT_OPERATIONS } from "./tenant.ts";
import { USER_OPERATIONS } from "./users.ts";

export type * from "./types.ts";

/** Every catalog operation. */
export const CATALOG: readonly Operation[] = [
  ...ENVIRONMENT_OPERATIONS,
  ...ENVIRONMENT_GROUP_OPERATIONS,
  ...APP_OPERATIONS,
  ...FLOW_OPERATIONS,
  ...PACKAGE_OPERATIONS,
  ...PAGES_OPERATIONS,
  ...DLP_OPERATIONS,
  ...TENANT_OPERATIONS,
  ...RBAC_OPERATIONS,
  ...USER_OPERATIONS,
  ...LICENSING_OPERATIONS,
  ...ADVISOR_OPERATIONS,
  ...GOVERNANCE_OPERATIONS,
  ...BOT_OPERATIONS,
];

/** The operation with this id; throws for an unknown id (a programming error). */
export function operation(id: string): Operation {
  const found = CATALOG.find((o) => o.id === id);
  if (!found) throw new Error(`unknown catalog operation ${id}`);
  return found;
}

/** The operations directly under a group path. */
export function operationsIn(group: readonly string[]): Operation[] {
  return CATALOG.filter((o) => o.group.length === group.length && o.group.every((g, i) => g === group[i]));
}
