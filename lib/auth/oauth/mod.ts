/**
 * Provider-neutral OAuth building blocks for native apps: PKCE S256, `state`, and the loopback redirect
 * listener.
 *
 * @module
 */

export * from "./loopback.ts";
export * from "./pkce.ts";
