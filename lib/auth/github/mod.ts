/**
 * GitHub as an identity provider: device and web OAuth flows, refresh with rotation, host resolution
 * for github.com, GHE.com and GitHub Enterprise Server, and the typed errors of each failure.
 *
 * @example
 * ```ts
 * import { GitHubTokenProvider } from "@pacx/cli";
 * import { HttpClient } from "@pacx/cli";
 * import { systemClock } from "@pacx/cli";
 * const provider = new GitHubTokenProvider({ clientId: "Iv1.0123456789abcdef", scopes: ["repo"] }, {
 *   http: new HttpClient(),
 *   clock: systemClock,
 *   interaction: { onDeviceCode: (p) => console.error(`Open ${p.verificationUri} and enter ${p.userCode}`) },
 * });
 * const token = await provider.getToken();
 * ```
 *
 * @module
 */

export * from "./device_flow.ts";
export * from "./errors.ts";
export * from "./host.ts";
export * from "./provider.ts";
export * from "./refresh.ts";
export * from "./token_set.ts";
export * from "./user.ts";
export * from "./web_code.ts";
export * from "./login.ts";
export * from "./profile_store.ts";
export * from "./resolve.ts";
export * from "./web_flow.ts";
export * from "./status.ts";
