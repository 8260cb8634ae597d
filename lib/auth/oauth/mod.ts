/**
 * Provider-neutral OAuth 2.0 building blocks for native-app sign-in: PKCE and state, the loopback
 * redirect listener, "open a browser or print the URL", and device-authorization polling with an
 * injected clock. Entra ID and GitHub sign-in are both built from these.
 *
 * @example
 * ```ts
 * import { createPkce, createState, openOrPrint, startLoopbackListener } from "./mod.ts";
 * const pkce = await createPkce();
 * const state = createState();
 * const listener = startLoopbackListener({ expectedState: state });
 * // build the provider's authorize URL with listener.redirectUri, pkce.challenge and state, then:
 * // await openOrPrint(opener, url, console.error); const params = await listener.result;
 * await listener.close();
 * ```
 *
 * @module
 */

export * from "./pkce.ts";
export * from "./loopback.ts";
export * from "./browser.ts";
export * from "./device_poll.ts";
