/**
 * Certificate credentials: loads a PEM (certificate + private key, optionally encrypted) or a PFX/PKCS#12
 * file, and signs the client assertion Entra expects — PS256 with the certificate's SHA-256 thumbprint in
 * the `x5t#S256` header, `aud` = the token endpoint, `iss` = `sub` = the client id, a fresh `jti`, and a
 * 10-minute lifetime. PFX parsing uses node-forge (docs/adr/0004-entra-sign-in-libraries.md).
 *
 * @module
 */

// @deno-types="@types/node-forge"
import forge from "node-forge";
import { SignJWT } from "jose";
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

function b64u(bytes: Uint8Array): string {
  return btoa(bytesToBinary(bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** True when `key` is the private half of the certificate's RSA public key. */
function keyMatches(key: forge.pki.rsa.PrivateKey, cert: forge.pki.Certificate): boolean {
  const pub = cert.publicKey as Partial<forge.pki.rsa.PublicKey>;
  if (!pub.n || !pub.e || !key.n || !key.e) return false;
  return pub.n.equals(key.n) && pub.e.equals(key.e);
}

function unreadable(path: string, why: string, hint: string): ConfigError {
  return new ConfigError(`Cannot use the certificate ${path}: ${why}`, { code: "auth.certificate", hint });
}

/** Parses certificate + key from file bytes (PEM or PFX). `path` is only used in messages. */
export async function parseCertificate(
  bytes: Uint8Array,
  options: { password?: string; path?: string } = {},
): Promise<CertificateCredential> {
  const path = options.path ?? "certificate";
  const text = new TextDecoder().decode(bytes);
  let key: forge.pki.rsa.PrivateKey | undefined;
  let cert: forge.pki.Certificate | undefined;
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
    try {
      cert = forge.pki.certificateFromPem(certPem);
    } catch (cause) {
      throw unreadable(
        path,
        `the certificate in the PEM could not be read (${(cause as Error).message}).`,
        "Only RSA keys are supported.",
      );
    }
    if (keyPem.includes("ENCRYPTED")) {
      // Decrypting with a wrong password usually fails the padding check, but now and then yields bytes
      // that pass it and then break the ASN.1 reader in arbitrary ways (e.g. "only 8, 16, 24, or 32 bits
      // supported"); any failure after decryption, or a key that is not the certificate's, means the same.
      try {
        key = forge.pki.decryptRsaPrivateKey(keyPem, options.password ?? "") as
          | forge.pki.rsa.PrivateKey
          | undefined;
      } catch {
        key = undefined;
      }
      if (!key || !keyMatches(key, cert)) {
        throw unreadable(
          path,
          "the private key is encrypted and could not be decrypted: wrong password or damaged key.",
          "Set the password variable named by --certificate-password-env.",
        );
      }
    } else {
      try {
        key = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
      } catch (cause) {
        throw unreadable(
          path,
          `the PEM could not be read (${(cause as Error).message}).`,
          "Only RSA keys are supported.",
        );
      }
      if (!keyMatches(key, cert)) {
        throw unreadable(
          path,
          "the private key does not belong to the certificate.",
          "Put the certificate and its own private key in the file.",
        );
      }
    }
  } else {
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
        "Set the password variable named by --certificate-password-env (empty for none).",
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
    key = keys[0];
    // The leaf is the certificate whose public key matches the private key.
    cert = certs.find((c) => key && (c.publicKey as forge.pki.rsa.PublicKey).n?.equals(key.n)) ?? certs[0];
    if (!key || !cert) {
      throw unreadable(
        path,
        "the PFX holds no RSA private key and certificate.",
        "Export the PFX with its private key.",
      );
    }
  }
  if (!(cert.publicKey as forge.pki.rsa.PublicKey).n?.equals(key.n)) {
    throw unreadable(
      path,
      "the private key does not belong to the certificate.",
      "Use the key that was generated with this certificate.",
    );
  }
  const pkcs8 = forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key))).getBytes();
  const privateKey = await crypto.subtle.importKey(
    "pkcs8",
    binaryToBytes(pkcs8),
    { name: "RSA-PSS", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const certificateDer = binaryToBytes(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes());
  const sha256 = new Uint8Array(await crypto.subtle.digest("SHA-256", certificateDer));
  const sha1 = new Uint8Array(await crypto.subtle.digest("SHA-1", certificateDer));
  return {
    privateKey,
    certificateDer,
    thumbprintSha256: b64u(sha256),
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
