/**
 * Secrets: specs, the SecretStore over keyring / env / config / Key Vault, and the token storage policy.
 *
 * @module
 */

export * from "./spec.ts";
export * from "./store.ts";
export * from "./policy.ts";
export * from "./keyvault.ts";
export * from "./profile_secrets.ts";
