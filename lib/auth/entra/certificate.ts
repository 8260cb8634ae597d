/**
 * Certificate credentials: loads a PEM (certificate + private key, optionally encrypted) or a PFX/PKCS#12
 * file, and signs the client assertion Entra expects — PS256 with the certificate's SHA-256 thumbprint in
 * the `x5t#S256` header, `aud` = the token endpoint, `iss` = `sub` = the client id, a fresh `jti`, and a
 * 10-minute lifetime. A plain PKCS#8 PEM is read with WebCrypto and jose; node-forge (loaded only then) reads
 * PFX files and encrypted or PKCS#1 PEM keys (docs/adr/0004-entra-sign-in-libraries.md, ADR 0014).
 *
 * @module
 */

// @deno-types="@types/node-forge"
import { type FixTopic, withRemedy } from "../remedy.ts";
import type forge from "node-forge";
import { ConfigError } from "../../errors.ts";

/** A loaded certificate credential. */
export interface CertificateCredential {
  /** RSA-PSS SHA-256 signing key. */
  privateKey: CryptoKey;
  /** DER bytes of the leaf certificate. */
  certificateDer: Uint8Array<ArrayBuffer>;
  /** base64url SHA-256 of the DER certificate (`x5t#S256`). */
  thumbprintSha256: string;
  /** Hex SHA-1 thumbprint as the Entra portal shows it, for messages. */
  thumbprintSha1Hex: string;
}

function binaryToBytes(binary: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function bytesToBinary(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

type Forge = typeof forge;

async function loadForge(): Promise<Forge> {
  // @deno-types="@types/node-forge"
  return (await import("node-forge")).default;
}

function pemBody(pem: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.fromBase64(pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "")) as Uint8Array<
    ArrayBuffer
  >;
}

/** DER keys and certificate, however the file held them. */
interface RawCredential {
  pkcs8: Uint8Array<ArrayBuffer>;
  certificateDer: Uint8Array<ArrayBuffer>;
}

/** `fix`: a hint in plain words, or a topic the CLI words (it names a flag). */
function unreadable(path: string, why: string, fix: string | { topic: FixTopic }): ConfigError {
  const message = `Cannot use the certificate ${path}: ${why}`;
  if (typeof fix === "string") return new ConfigError(message, { code: "auth.certificate", hint: fix });
  return withRemedy(new ConfigError(message, { code: "auth.certificate" }), {
    action: "fix",
    topic: fix.topic,
  });
}

/** Parses certificate + key from file bytes (PEM or PFX). `path` is only used in messages. */
export async function parseCertificate(
  bytes: Uint8Array,
  options: { password?: string; path?: string } = {},
): Promise<CertificateCredential> {
  const path = options.path ?? "certificate";
  const text = new TextDecoder().decode(bytes);
  let raw: RawCredential;
  if (text.includes("-----BEGIN")) {
    const certPem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(text)?.[0];
    const keyPem =
      /-----BEGIN (?:RSA |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |ENCRYPTED )?PRIVATE KEY-----/
        .exec(text)?.[0];
    if (!certPem || !keyPem) {
      throw unreadable(
        path,
        "a PEM file needs both the certificate and its private key.",
        "Concatenate them: cat cert.pem key.pem > combined.pem",
      );
    }
    let key: forge.pki.rsa.PrivateKey | undefined;
    const plainPkcs8 = keyPem.startsWith("-----BEGIN PRIVATE KEY-----");
    const encrypted = keyPem.includes("ENCRYPTED");
    try {
      if (plainPkcs8) {
        raw = { pkcs8: pemBody(keyPem), certificateDer: pemBody(certPem) };
      } else if (encrypted) {
        const forge = await loadForge();
        // Decrypting with a wrong password usually fails the padding check, but now and then yields bytes
        // that pass it and then break the ASN.1 reader in arbitrary ways (e.g. "only 8, 16, 24, or 32 bits
        // supported"); any failure after decryption, or a key that is not the certificate's, means the same.
        try {
          key = forge.pki.decryptRsaPrivateKey(keyPem, options.password ?? "") as forge.pki.rsa.PrivateKey;
          raw = { pkcs8: key ? pkcs8Of(forge, key) : new Uint8Array(), certificateDer: pemBody(certPem) };
        } catch {
          key = undefined;
          raw = { pkcs8: new Uint8Array(), certificateDer: pemBody(certPem) };
        }
      } else {
        const forge = await loadForge();
        key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
        raw = { pkcs8: key ? pkcs8Of(forge, key) : new Uint8Array(), certificateDer: pemBody(certPem) };
      }
    } catch (cause) {
      throw unreadable(
        path,
        `the PEM could not be read (${(cause as Error).message}).`,
        "Only RSA keys are supported.",
      );
    }
    if (encrypted) {
      const wrong = unreadable(
        path,
        "the private key is encrypted and could not be decrypted: wrong password or damaged key.",
        { topic: "entra.certificate-password" },
      );
      if (!key) throw wrong;
      try {
        return await credentialOf(raw, path);
      } catch {
        throw wrong;
      }
    }
  } else {
    const forge = await loadForge();
    let p12: forge.pkcs12.Pkcs12Pfx;
    try {
      const asn1 = forge.asn1.fromDer(forge.util.createBuffer(bytesToBinary(bytes)));
      p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, options.password ?? "");
    } catch (cause) {
      const message = (cause as Error).message ?? String(cause);
      throw unreadable(
        path,
        /mac|password|decrypt|invalid/i.test(message)
          ? "the PFX password is wrong."
          : `the PFX could not be read (${message}).`,
        { topic: "entra.pfx-password" },
      );
    }
    const keys = [
      ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ??
        []),
      ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
    ].map((b) => b.key as forge.pki.rsa.PrivateKey | undefined).filter((k): k is forge.pki.rsa.PrivateKey =>
      !!k
    );
    const certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [])
      .map((b) => b.cert).filter((c): c is forge.pki.Certificate => !!c);
    const key = keys[0];
    // The leaf is the certificate whose public key matches the private key.
    const cert = certs.find((c) => key && (c.publicKey as forge.pki.rsa.PublicKey).n?.equals(key.n)) ??
      certs[0];
    if (!key || !cert) {
      throw unreadable(
        path,
        "the PFX holds no RSA private key and certificate.",
        "Export the PFX with its private key.",
      );
    }
    raw = {
      pkcs8: pkcs8Of(forge, key),
      certificateDer: binaryToBytes(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes()),
    };
  }
  return await credentialOf(raw, path);
}

function pkcs8Of(forge: Forge, key: forge.pki.rsa.PrivateKey): Uint8Array<ArrayBuffer> {
  return binaryToBytes(
    forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key))).getBytes(),
  );
}

/** Imports the key for signing and checks it against the certificate's public key (modulus equality). */
async function credentialOf(raw: RawCredential, path: string): Promise<CertificateCredential> {
  const { exportJWK, importX509 } = await import("jose");
  const algorithm = { name: "RSA-PSS", hash: "SHA-256" };
  let privateJwk: JsonWebKey;
  let publicN: string | undefined;
  try {
    const extractable = await crypto.subtle.importKey("pkcs8", raw.pkcs8, algorithm, true, ["sign"]);
    privateJwk = await crypto.subtle.exportKey("jwk", extractable);
    const certPem =
      `-----BEGIN CERTIFICATE-----\n${raw.certificateDer.toBase64()}\n-----END CERTIFICATE-----`;
    publicN = (await exportJWK(await importX509(certPem, "PS256", { extractable: true }))).n;
  } catch (cause) {
    throw unreadable(
      path,
      `the PEM could not be read (${(cause as Error).message}).`,
      "Only RSA keys are supported.",
    );
  }
  if (!publicN || privateJwk.n !== publicN) {
    throw unreadable(
      path,
      "the private key does not belong to the certificate.",
      "Use the key that was generated with this certificate.",
    );
  }
  const privateKey = await crypto.subtle.importKey("pkcs8", raw.pkcs8, algorithm, false, ["sign"]);
  const certificateDer = raw.certificateDer;
  const sha256 = new Uint8Array(await crypto.subtle.digest("SHA-256", certificateDer));
  const sha1 = new Uint8Array(await crypto.subtle.digest("SHA-1", certificateDer));
  return {
    privateKey,
    certificateDer,
    thumbprintSha256: sha256.toBase64({ alphabet: "base64url", omitPadding: true }),
    thumbprintSha1Hex: [...sha1].map((b) => b.toString(16).padStart(2, "0")).join("").toUpperCase(),
  };
}

/** Signs a client assertion for `audience` (the token endpoint). */
export async function signClientAssertion(
  credential: CertificateCredential,
  clientId: string,
  audience: string,
  nowMs: number,
): Promise<string> {
  const { SignJWT } = await import("jose");
  const now = Math.floor(nowMs / 1000);
  return await new SignJWT({})
    .setProtectedHeader({ alg: "PS256", typ: "JWT", "x5t#S256": credential.thumbprintSha256 })
    .setAudience(audience)
    .setIssuer(clientId)
    .setSubject(clientId)
    .setJti(crypto.randomUUID())
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + 600)
    .sign(credential.privateKey);
}
