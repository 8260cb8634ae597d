/**
 * The emulator's token authority: an RS256 key pair per emulator, JWTs shaped like Entra v2 access
 * tokens (aud, iss, tid, oid, exp, scp/roles), a JWKS document, and verification for the emulated APIs.
 *
 * @module
 */

import { exportJWK, generateKeyPair, type JWK, type JWTPayload, jwtVerify, SignJWT } from "jose";

/** The tenant the emulator pretends to be, unless a test says otherwise. */
export const EMULATOR_TENANT_ID = "00000000-0000-4000-8000-000000000001";

/** Claims for an issued token. */
export interface TokenClaims {
  /** Audience: the resource (`https://org.crm.dynamics.com`) or app id URI. */
  aud: string;
  /** Tenant id; defaults to EMULATOR_TENANT_ID. */
  tid?: string;
  /** Object id of the user or service principal. */
  oid?: string;
  /** Application (client) id. */
  appid?: string;
  /** Delegated scopes, space separated. */
  scp?: string;
  /** User principal name, for delegated tokens. */
  upn?: string;
  /** Lifetime in seconds (default 3600). */
  expiresIn?: number;
  /** Any further claims. */
  extra?: Record<string, unknown>;
}

/** Signs and verifies the emulator's tokens. */
export class TokenAuthority {
  readonly kid: string;
  readonly #privateKey: CryptoKey;
  readonly #publicKey: CryptoKey;
  readonly #now: () => number;
  readonly #verified = new Map<string, JWTPayload>();
  /** Issuer URL; set by the server once it knows its address. */
  issuerBase = "http://127.0.0.1";

  private constructor(kid: string, privateKey: CryptoKey, publicKey: CryptoKey, now: () => number) {
    this.kid = kid;
    this.#privateKey = privateKey;
    this.#publicKey = publicKey;
    this.#now = now;
  }

  /** Creates an authority with a fresh key pair. */
  static async create(now: () => number = () => Date.now()): Promise<TokenAuthority> {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    // jose types its keys with node's webcrypto CryptoKey when @types/node is in the graph; same runtime object.
    return new TokenAuthority(crypto.randomUUID(), privateKey as CryptoKey, publicKey as CryptoKey, now);
  }

  /** The issuer for a tenant, in Entra v2 form. */
  issuer(tenant: string = EMULATOR_TENANT_ID): string {
    return `${this.issuerBase}/${tenant}/v2.0`;
  }

  /** Issues a signed access token. */
  async issue(claims: TokenClaims): Promise<string> {
    const now = Math.floor(this.#now() / 1000);
    const tid = claims.tid ?? EMULATOR_TENANT_ID;
    const payload: JWTPayload = {
      tid,
      oid: claims.oid ?? crypto.randomUUID(),
      ver: "2.0",
      ...(claims.appid ? { appid: claims.appid, azp: claims.appid } : {}),
      ...(claims.scp ? { scp: claims.scp } : {}),
      ...(claims.upn ? { upn: claims.upn, preferred_username: claims.upn } : {}),
      ...claims.extra,
    };
    return await new SignJWT(payload)
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: this.kid })
      .setIssuer(this.issuer(tid))
      .setAudience(claims.aud)
      .setIssuedAt(now)
      .setNotBefore(now - 60)
      .setExpirationTime(now + (claims.expiresIn ?? 3600))
      .setJti(crypto.randomUUID())
      .sign(this.#privateKey);
  }

  /**
   * Verifies a bearer token for an audience. Accepts the audience with or without a trailing slash,
   * as Entra-issued tokens may carry either. Returns the payload, or undefined when invalid/expired.
   */
  async verify(token: string, audience?: string): Promise<JWTPayload | undefined> {
    let payload = this.#verified.get(token);
    const nowSeconds = Math.floor(this.#now() / 1000);
    if (payload) {
      // The signature was checked before; only the time window can have changed since.
      if (
        (payload.exp !== undefined && nowSeconds > payload.exp + 60) ||
        (payload.nbf !== undefined && nowSeconds < payload.nbf - 60)
      ) return undefined;
    } else {
      try {
        payload = (await jwtVerify(token, this.#publicKey, {
          currentDate: new Date(this.#now()),
          clockTolerance: 60,
        })).payload;
      } catch {
        return undefined;
      }
      // An RSA verification costs about half a millisecond: a bulk load sends the same token thousands of
      // times, so verified tokens are remembered (a few, in insertion order).
      if (this.#verified.size >= 64) this.#verified.delete(this.#verified.keys().next().value!);
      this.#verified.set(token, payload);
    }
    if (audience !== undefined) {
      const want = audience.replace(/\/+$/, "").toLowerCase();
      const auds = (Array.isArray(payload.aud) ? payload.aud : [payload.aud ?? ""]).map((a) =>
        a.replace(/\/+$/, "").toLowerCase()
      );
      if (!auds.includes(want)) return undefined;
    }
    return payload;
  }

  /** The JWKS document (public key only). */
  async jwks(): Promise<{ keys: JWK[] }> {
    const jwk = await exportJWK(this.#publicKey);
    return { keys: [{ ...jwk, kid: this.kid, use: "sig", alg: "RS256" }] };
  }
}
