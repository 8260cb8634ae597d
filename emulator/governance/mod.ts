/**
 * The emulated governance admin APIs (DLP, tenant settings, RBAC, users, licensing, Advisor,
 * governance, Copilot Studio bots, connectors).
 *
 * @module
 */

export {
  deepMerge,
  type GovernanceEmulator,
  governanceService,
  type GovernanceServiceOptions,
} from "./service.ts";
export { GovernanceState } from "./state.ts";
