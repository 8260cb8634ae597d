/**
 * What a person can do about an auth or config error, as data. lib/ never names a flag or a ppx command
 * in an error: it attaches one of these (`withRemedy`) instead of a hint; the CLI words it
 * (`cli/remedies.ts`), with the flag and command names of the command line it owns. The CLI installs its
 * wording once (`setRemedyWording`) so that `error.hint` reads as before wherever it is passed on (doctor
 * checks, status rows, errors that wrap others); a library user without the CLI reads `remedy` instead.
 *
 * @module
 */

import type { PpxError } from "../errors.ts";

/** A command-line option a remedy asks for, by the option's name in the options object. */
export type RemedyOption =
  | "clientId"
  | "hostname"
  | "web"
  | "device"
  | "redirectUri"
  | "clientSecretEnv"
  | "audience";

/** The fixes of {@link Remedy} `fix`, by what went wrong. */
export type FixTopic =
  | "entra.recreate-app"
  | "entra.store-secret"
  | "entra.certificate-path"
  | "entra.certificate-file"
  | "entra.federated-file"
  | "entra.github-profile"
  | "entra.no-credentials"
  | "discovery.unreachable"
  | "discovery.tenant"
  | "discovery.metadata"
  | "discovery.http"
  | "keyring.timeout"
  | "github.check-app"
  | "github.device-disabled"
  | "github.proxy"
  | "github.redirect"
  | "github.debug"
  | "github.no-token"
  | "github.not-github"
  | "github.other-host"
  | "github.pick-profile"
  | "github.login-page"
  | "github.api-path"
  | "github.web-secret"
  | "github.web-paste"
  | "entra.no-browser"
  | "entra.cloud"
  | "keyring.elsewhere"
  | "keyvault.no-credentials"
  | "config.newer"
  | "config.no-profiles"
  | "config.profile-taken"
  | "entra.certificate-password"
  | "entra.pfx-password"
  | "entra.federated-file-unreadable"
  | "entra.mi-unsupported"
  | "entra.mi-assignment"
  | "entra.mi-unavailable"
  | "storage.insecure-refused"
  | "entra.login-required"
  | "entra.devops-oidc";

/** One way out of an error. */
export type Remedy =
  /** Sign a GitHub profile in again (the profile as named; `option` when a value is missing). */
  | { action: "github-sign-in"; profile: string; option?: "clientId" }
  /** The name belongs to a profile of another provider: pick another name, or delete that one. */
  | { action: "github-other-name"; profile: string }
  /** An option that does not apply here (e.g. an audience for a GitHub token): leave it out. */
  | { action: "drop-option"; option: RemedyOption; provider: "github" | "azure" }
  /** There is no Entra profile to sign in: create one. */
  | { action: "entra-create" }
  /** The profile is a GitHub profile: sign it in the GitHub way. */
  | { action: "github-profile"; profile: string }
  /** A value is needed and none was given. */
  | { action: "pass-option"; option: RemedyOption }
  /** An Entra sign-in error (AADSTS number or OAuth error as `topic`) with the profile and flow it hit. */
  | { action: "entra"; topic: string; profile?: string; flow?: string }
  /** A fix the CLI words by topic (it names flags or commands), for the profile or value concerned. */
  | { action: "fix"; topic: FixTopic; profile?: string; value?: string }
  /** Nothing more is known: look at the exchange with the debug trace. */
  | { action: "debug"; what: "response" | "details" }
  /** GitHub answered something that is not GitHub: check the host (and look with the debug trace). */
  | { action: "check-options"; options: RemedyOption[]; debug?: boolean };

/** An error that carries a remedy. */
export interface WithRemedy {
  /** What to do about it; the CLI words it. */
  readonly remedy: Remedy;
}

let wording: ((remedy: Remedy) => string | undefined) | undefined;

/** Installs the wording of remedies as hints (the CLI does, once); undefined removes it. */
export function setRemedyWording(words: ((remedy: Remedy) => string | undefined) | undefined): void {
  wording = words;
}

/**
 * Attaches `remedy` to `error` and returns it, for `throw withRemedy(...)`. Its `hint` becomes the
 * installed wording of the remedy (undefined without one).
 */
export function withRemedy<E extends PpxError>(error: E, remedy: Remedy): E & WithRemedy {
  Object.defineProperty(error, "remedy", { value: remedy, enumerable: false });
  Object.defineProperty(error, "hint", {
    get: () => wording?.(remedy),
    enumerable: true,
    configurable: true,
  });
  return error as E & WithRemedy;
}

/** The remedy an error carries, if any. */
export function remedyOf(error: unknown): Remedy | undefined {
  if (typeof error !== "object" || error === null || !("remedy" in error)) return undefined;
  return (error as WithRemedy).remedy;
}
