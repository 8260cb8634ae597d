/**
 * The emulated Microsoft Entra ID service.
 *
 * @example
 * ```ts
 * import { startEmulator } from "../server.ts";
 * import { entraService } from "./mod.ts";
 * const entra = await entraService();
 * const emu = await startEmulator({ services: [entra] });
 * const app = entra.directory.registerApp({ secrets: ["s3cret"] });
 * console.log(entra.authority(), app.clientId);
 * await emu.close();
 * ```
 *
 * @module
 */

export * from "./service.ts";
export * from "./directory.ts";
export * from "./state.ts";
export { AADSTS_TEXT, aadstsResponse } from "./errors.ts";
