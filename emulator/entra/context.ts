/**
 * What the Entra issuers share: the directory, knobs and counters of one emulated Entra, the emulator's clock
 * and token authority, and Entra's error answer.
 *
 * @module
 */

import type { EmulatorCore } from "../server.ts";
import type { Directory } from "./directory.ts";
import type { EmulatedApp, EntraKnobs } from "./state.ts";

/** Counters tests assert on. */
export interface EntraStats {
  /** Token requests by grant type. */
  token: Record<string, number>;
  discovery: number;
  deviceCode: number;
  imds: number;
  appService: number;
}

/** The state and helpers every issuer of one Entra service reads. */
export interface EntraContext {
  readonly directory: Directory;
  readonly knobs: EntraKnobs;
  readonly stats: EntraStats;
  /** The emulator's base URL (throws before registration). */
  url(): string;
  /** The emulator's clock, in milliseconds. */
  now(): number;
  /** The emulator core (token authority); throws before registration. */
  core(): EmulatorCore;
  /** An AADSTS error answer, as Entra words it. */
  error(code: number, overrides?: { error?: string; status?: number; text?: string }): Response;
}

const SCOPE_NOISE = new Set(["openid", "profile", "offline_access", "email"]);

/** A random base64url string of `bytes` random bytes. */
export function randomToken(bytes = 32): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  return buf.toBase64({ alphabet: "base64url", omitPadding: true });
}

/** base64url(SHA-256(text)): the PKCE S256 transform. */
export async function sha256b64u(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return digest.toBase64({ alphabet: "base64url", omitPadding: true });
}

/** Splits a requested scope into the resource and what to echo back; undefined when there is none. */
export function resourceOfScope(scope: string): { resource: string; granted: string } | undefined {
  const parts = scope.split(/\s+/).filter((s) => s && !SCOPE_NOISE.has(s));
  if (parts.length !== 1) return undefined;
  const only = parts[0];
  const cut = only.lastIndexOf("/");
  if (cut <= "https://".length) return undefined;
  return { resource: only.slice(0, cut), granted: only };
}

/** A form-encoded body (anything else reads as empty, as Entra ignores it). */
export async function readForm(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("application/x-www-form-urlencoded")) return new URLSearchParams();
  return new URLSearchParams(await request.text());
}

/** The tenant a path segment names; for `organizations`/`common`, the app's home tenant. */
export function tenantFor(directory: Directory, segment: string, app?: EmulatedApp): string | undefined {
  const t = directory.resolveTenant(segment);
  if (t === "multi") return app?.tenantId;
  return t;
}
