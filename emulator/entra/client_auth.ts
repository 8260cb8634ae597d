/**
 * How the emulated token endpoint authenticates a confidential client: a client secret (form or Basic),
 * a certificate-signed assertion (verified against the registered certificate by `x5t#S256` or `x5t`,
 * `aud` = this token endpoint, `iss` = `sub` = client id, unexpired, `jti` not replayed), or a federated
 * assertion from a trusted external issuer.
 *
 * @module
 */

import { decodeProtectedHeader, errors, jwtVerify } from "jose";
import type { EmulatedApp } from "./state.ts";

/** Why authentication failed, as an AADSTS code. */
export type ClientAuthResult = { ok: true; via: "secret" | "certificate" | "federated" | "none" } | {
  ok: false;
  aadsts: number;
  text?: string;
};

/** Inputs of one authentication. */
export interface ClientAuthInput {
  app: EmulatedApp;
  form: URLSearchParams;
  authorization: string | null;
  /** Acceptable `aud` values of a certificate assertion (this tenant's token endpoint URLs). */
  tokenEndpoints: string[];
  now: number;
  /** Verification key of the emulator's external (federation) issuers. */
  externalKey: CryptoKey;
  /** Seen assertion ids (replay protection). */
  usedJti: Set<string>;
}

function basicSecret(authorization: string | null, clientId: string): string | undefined {
  const m = /^Basic\s+(.+)$/i.exec(authorization ?? "");
  if (!m) return undefined;
  const [id, secret] = atob(m[1]).split(":").map(decodeURIComponent);
  return id === clientId ? secret : undefined;
}

/** Authenticates the client; `none` when no proof was sent (public client grants). */
export async function authenticateClient(input: ClientAuthInput): Promise<ClientAuthResult> {
  const { app, form, now } = input;
  const secret = form.get("client_secret") ?? basicSecret(input.authorization, app.clientId);
  if (secret !== undefined && secret !== null) {
    const match = app.secrets.find((s) => s.value === secret);
    if (!match) return { ok: false, aadsts: 7000215 };
    if (match.expiresAt !== undefined && match.expiresAt <= now) return { ok: false, aadsts: 7000222 };
    return { ok: true, via: "secret" };
  }
  const assertion = form.get("client_assertion");
  if (!assertion) return { ok: true, via: "none" };
  if (form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") {
    return { ok: false, aadsts: 700027, text: "Client assertion type is not jwt-bearer." };
  }
  let header;
  try {
    header = decodeProtectedHeader(assertion);
  } catch {
    return { ok: false, aadsts: 700027, text: "Client assertion is not a JWT." };
  }
  const s256 = header["x5t#S256"] as string | undefined;
  const s1 = header.x5t as string | undefined;
  if (s256 || s1) {
    const cert = app.certificates.find((c) =>
      (s256 && c.thumbprintSha256 === s256) || (s1 && c.thumbprintSha1 === s1)
    );
    if (!cert) return { ok: false, aadsts: 700027 };
    const alg = header.alg === "RS256" ? "RS256" : header.alg === "PS256" ? "PS256" : undefined;
    if (!alg) return { ok: false, aadsts: 700027, text: `Unsupported assertion algorithm ${header.alg}.` };
    try {
      const { payload } = await jwtVerify(assertion, cert.keys[alg], {
        algorithms: [alg],
        audience: input.tokenEndpoints,
        issuer: app.clientId,
        subject: app.clientId,
        currentDate: new Date(now),
        clockTolerance: 300,
        requiredClaims: ["exp", "jti"],
      });
      if (input.usedJti.has(payload.jti!)) {
        return { ok: false, aadsts: 700027, text: "The client assertion was already used (jti replay)." };
      }
      input.usedJti.add(payload.jti!);
      return { ok: true, via: "certificate" };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, aadsts: 700024 };
      return {
        ok: false,
        aadsts: 700027,
        text: `Client assertion failed signature or claim validation: ${(error as Error).message}`,
      };
    }
  }
  try {
    const { payload } = await jwtVerify(assertion, input.externalKey, { currentDate: new Date(now) });
    const auds = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    const match = app.federated.find((f) =>
      f.issuer === payload.iss && f.subject === payload.sub && auds.includes(f.audience)
    );
    if (!match) {
      return {
        ok: false,
        aadsts: 70021,
        text:
          `No matching federated identity record found for presented assertion issuer '${payload.iss}' and subject '${payload.sub}'.`,
      };
    }
    return { ok: true, via: "federated" };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, aadsts: 700024 };
    return { ok: false, aadsts: 70021, text: "The federated assertion could not be validated." };
  }
}
