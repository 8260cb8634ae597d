/**
 * The local cloud emulator: start it with the services you need.
 *
 * @example
 * ```ts
 * import { startEmulator } from "@pacx/emulator";
 * const emu = await startEmulator({ services: [] });
 * console.log(emu.url);
 * await emu.close();
 * ```
 *
 * @module
 */

export * from "./server.ts";
export * from "./router.ts";
export * from "./tokens.ts";
export * from "./entra/mod.ts";
export * from "./github/mod.ts";
export * from "./faults.ts";
export * from "./dataverse/mod.ts";
export * from "./solutions/mod.ts";
export * from "./keyvault/mod.ts";
export * from "./connectors/mod.ts";
export * from "./pages/mod.ts";
export * from "./powerplatform/mod.ts";
export * from "./governance/mod.ts";
export * from "./github/repos/mod.ts";
export * from "./graph/mod.ts";
export * from "./appusers/mod.ts";
