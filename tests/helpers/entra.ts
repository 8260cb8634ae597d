/** Test helpers for Entra sign-in: an emulator with the Entra service, and certificates made by openssl. */

import {
  EMULATOR_TENANT_ID,
  type EmulatorService,
  type EntraKnobs,
  type EntraService,
  entraService,
  type RunningEmulator,
} from "@pacx/emulator";
import { startTestEmulator } from "./emulator.ts";

/** A running emulator with Entra; dispose it (`await using`) or call `close()`. */
export interface EntraEmulator extends AsyncDisposable {
  emu: RunningEmulator;
  entra: EntraService;
  close(): Promise<void>;
}

/**
 * Starts the emulator with the Entra service (plus `services`, e.g. Key Vault), and an optional time source.
 * Disposing stops it and fails the test when a request reached a route the emulator does not know.
 */
export async function startEntra(
  knobs: Partial<EntraKnobs> = {},
  options: { now?: () => number; services?: EmulatorService[] } = {},
): Promise<EntraEmulator> {
  const entra = await entraService(knobs);
  const emu = await startTestEmulator({ services: [entra, ...(options.services ?? [])], now: options.now });
  return { emu, entra, close: () => emu.close(), [Symbol.asyncDispose]: () => emu.close() };
}

/** The start of `ppx auth create NAME --flow FLOW --tenant-id <the emulator's tenant>`. */
export function createArgs(name: string, flow: string): string[] {
  return ["auth", "create", name, "--flow", flow, "--tenant-id", EMULATOR_TENANT_ID];
}

/** True when the openssl binary is available. */
/**
 * `ppx auth create NAME` for a client-credential profile whose secret is in the OS keyring under `secretRef`
 * (created without signing in), against the emulator's Entra at `authority`.
 */
export function keyringProfileArgs(
  name: string,
  authority: string,
  clientId: string,
  secretRef: string,
): string[] {
  return [
    ...createArgs(name, "client-credential"),
    "--authority",
    authority,
    "--client-id",
    clientId,
    "--dataverse-host",
    "https://org.crm.dynamics.com",
    "--secret-backend",
    "keyring",
    "--secret-ref",
    secretRef,
    "--no-login",
  ];
}

export async function haveOpenssl(): Promise<boolean> {
  try {
    return (await new Deno.Command("openssl", { args: ["version"], stdout: "null", stderr: "null" }).output())
      .success;
  } catch {
    return false;
  }
}

async function openssl(args: string[], cwd: string): Promise<void> {
  const out = await new Deno.Command("openssl", { args, cwd, stdout: "null", stderr: "piped" }).output();
  if (!out.success) throw new Error(`openssl ${args[0]} failed: ${new TextDecoder().decode(out.stderr)}`);
}

/** Files of a self-signed certificate made by openssl (disposing removes them). */
export interface TestCertificate extends AsyncDisposable {
  dir: string;
  /** Certificate only (PEM). */
  certPem: string;
  /** Key + certificate in one PEM file. */
  combinedPath: string;
  /** Encrypted key + certificate PEM (password `pem-pass`). */
  encryptedPath: string;
  /** PKCS#1 (`BEGIN RSA PRIVATE KEY`) key + certificate PEM. */
  pkcs1Path: string;
  /** The certificate with a private key that is not its own. */
  mismatchedPath: string;
  /** PFX with OpenSSL 3 defaults (AES-256, SHA-256 MAC), password `pfx-pass`. */
  pfxPath: string;
  /** PFX with legacy algorithms (3DES / RC2, SHA-1 MAC), password `pfx-pass`. */
  legacyPfxPath: string;
}

/** Makes a throwaway RSA certificate in a temp dir (remove `dir` afterwards). */
export async function makeCertificate(): Promise<TestCertificate> {
  const dir = await Deno.makeTempDir({ prefix: "ppx-cert-" });
  await openssl([
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "key.pem",
    "-out",
    "cert.pem",
    "-days",
    "2",
    "-subj",
    "/CN=ppx-test",
  ], dir);
  const key = await Deno.readTextFile(`${dir}/key.pem`);
  const certPem = await Deno.readTextFile(`${dir}/cert.pem`);
  await Deno.writeTextFile(`${dir}/combined.pem`, `${key}${certPem}`);
  await openssl([
    "pkcs8",
    "-topk8",
    "-in",
    "key.pem",
    "-out",
    "enc.pem",
    "-passout",
    "pass:pem-pass",
    "-v2",
    "aes-256-cbc",
  ], dir);
  await Deno.writeTextFile(`${dir}/encrypted.pem`, `${await Deno.readTextFile(`${dir}/enc.pem`)}${certPem}`);
  await openssl(["rsa", "-in", "key.pem", "-traditional", "-out", "rsa.pem"], dir);
  await Deno.writeTextFile(`${dir}/pkcs1.pem`, `${await Deno.readTextFile(`${dir}/rsa.pem`)}${certPem}`);
  await openssl(
    ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "other.pem"],
    dir,
  );
  await Deno.writeTextFile(
    `${dir}/mismatched.pem`,
    `${await Deno.readTextFile(`${dir}/other.pem`)}${certPem}`,
  );
  await openssl([
    "pkcs12",
    "-export",
    "-inkey",
    "key.pem",
    "-in",
    "cert.pem",
    "-out",
    "cert.pfx",
    "-passout",
    "pass:pfx-pass",
  ], dir);
  let legacy = true;
  try {
    await openssl([
      "pkcs12",
      "-export",
      "-legacy",
      "-inkey",
      "key.pem",
      "-in",
      "cert.pem",
      "-out",
      "legacy.pfx",
      "-passout",
      "pass:pfx-pass",
    ], dir);
  } catch {
    legacy = false;
  }
  return {
    [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }).catch(() => {}),
    dir,
    certPem,
    combinedPath: `${dir}/combined.pem`,
    encryptedPath: `${dir}/encrypted.pem`,
    pkcs1Path: `${dir}/pkcs1.pem`,
    mismatchedPath: `${dir}/mismatched.pem`,
    pfxPath: `${dir}/cert.pfx`,
    legacyPfxPath: legacy ? `${dir}/legacy.pfx` : `${dir}/cert.pfx`,
  };
}
