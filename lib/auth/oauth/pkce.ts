/**
 * PKCE (RFC 7636, S256 only) and `state` values for authorization-code sign-in. Provider-neutral: Entra
 * and GitHub both use these.
 *
 * @module
 */

import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomState } from "oauth4webapi";

/** A PKCE pair: keep `verifier` secret until the token request, send `challenge` in the authorize URL. */
export interface Pkce {
  /** The code verifier (43+ characters of base64url randomness). */
  verifier: string;
  /** base64url(SHA-256(verifier)). */
  challenge: string;
  /** Always S256; `plain` is never offered. */
  method: "S256";
}

/** Creates a fresh PKCE verifier and its S256 challenge. */
export async function createPkce(): Promise<Pkce> {
  const verifier = generateRandomCodeVerifier();
  return { verifier, challenge: await calculatePKCECodeChallenge(verifier), method: "S256" };
}

/** A fresh, unguessable `state` value that ties the redirect to this sign-in attempt. */
export function createState(): string {
  return generateRandomState();
}
