/**
 * PKCE (RFC 7636) with the S256 method, and the `state` value that ties a redirect to the sign-in that
 * started it. Provider-neutral: Entra and GitHub both use it.
 *
 * @module
 */

/** A PKCE pair: send `challenge` with the authorize request, `verifier` with the code exchange. */
export interface Pkce {
  verifier: string;
  challenge: string;
  method: "S256";
}

function base64url(bytes: Uint8Array): string {
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A random URL-safe string carrying `bytes` bytes of entropy. */
export function randomUrlSafe(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** base64url(SHA-256(verifier)): the S256 code challenge. */
export async function pkceChallenge(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
}

/** A fresh PKCE pair (a 43-character verifier from 32 random bytes, the RFC's recommendation). */
export async function createPkce(): Promise<Pkce> {
  const verifier = randomUrlSafe(32);
  return { verifier, challenge: await pkceChallenge(verifier), method: "S256" };
}

/** A fresh, unguessable `state`. */
export function randomState(): string {
  return randomUrlSafe(24);
}
