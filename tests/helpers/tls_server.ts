/**
 * A real HTTPS server on 127.0.0.1 port 0 for tests, with a throw-away self-signed certificate (made with
 * node-forge, valid for 127.0.0.1 and localhost), and a fetch that trusts it. Used to prove what ppx does
 * when a service on https hands back a URL to plain http or to another origin.
 */

// @deno-types="@types/node-forge"
import forge from "node-forge";
import type { TestHandler } from "./server.ts";

/** A running TLS test server. */
export interface TlsTestServer extends AsyncDisposable {
  /** `https://127.0.0.1:PORT` */
  url: string;
  requests: Request[];
  bodies: string[];
  close(): Promise<void>;
}

let cached: { cert: string; key: string } | undefined;

/** A self-signed certificate for 127.0.0.1 and localhost (made once per test process). */
export function testCertificate(): { cert: string; key: string } {
  if (cached) return cached;
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = "01";
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const attrs = [{ name: "commonName", value: "127.0.0.1" }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }, { type: 2, value: "localhost" }] },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  cached = {
    cert: forge.pki.certificateToPem(cert),
    key: forge.pki.privateKeyInfoToPem(
      forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keys.privateKey)),
    ),
  };
  return cached;
}

/** A fetch that trusts the test certificate (and nothing else changes). */
export function trustingFetch(): typeof fetch {
  const client = Deno.createHttpClient({ caCerts: [testCertificate().cert] });
  return (input, init) => fetch(input, { ...init, client } as RequestInit & { client: Deno.HttpClient });
}

/** Starts an HTTPS server that answers with `handler`. */
export function startTlsServer(handler: TestHandler): TlsTestServer {
  const { cert, key } = testCertificate();
  const requests: Request[] = [];
  const bodies: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, cert, key, onListen() {} }, async (request) => {
    const index = requests.length;
    requests.push(request);
    bodies.push(await request.clone().text());
    return handler(request, index);
  });
  return {
    url: `https://127.0.0.1:${server.addr.port}`,
    requests,
    bodies,
    close: () => server.shutdown(),
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}
