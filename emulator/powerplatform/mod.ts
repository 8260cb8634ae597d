/**
 * The emulated Power Platform admin APIs (Power Platform API, BAP, PowerApps and Flow admin APIs).
 *
 * @module
 */

export {
  EMULATOR_ENVIRONMENT_ID,
  type PowerPlatformEmulator,
  powerPlatformService,
  type PowerPlatformServiceOptions,
} from "./service.ts";
export { type EmulatedOperation, OperationBook } from "./operations.ts";
export { PowerPlatformState } from "./state.ts";
