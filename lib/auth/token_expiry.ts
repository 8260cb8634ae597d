/**
 * When a raw bearer token (PPX_ACCESS_TOKEN) expires: a JWT's own `exp` claim, read without verifying
 * the signature (the service verifies it; ppx only reports). Opaque tokens have no readable expiry.
 *
 * @module
 */

/** The token's expiry in epoch milliseconds, or undefined when the token is not a JWT with `exp`. */
export async function tokenExpiry(token: string): Promise<number | undefined> {
  if (token.split(".").length !== 3) return undefined;
  // Loaded here so commands that never see a raw token do not load the JWT library.
  const { decodeJwt } = await import("jose");
  try {
    const exp = decodeJwt(token).exp;
    return typeof exp === "number" && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Describes an expiry for people: "valid for 42 min", "expired 3 min ago", or "unknown expiry". */
export function describeExpiry(expiresAt: number | undefined, now: number): string {
  if (expiresAt === undefined || !Number.isFinite(expiresAt)) return "unknown expiry (not a JWT)";
  const minutes = Math.round((expiresAt - now) / 60_000);
  return minutes >= 0 ? `valid for ${minutes} min` : `expired ${-minutes} min ago`;
}
