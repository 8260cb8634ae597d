/**
 * `deno task sbom`: a CycloneDX 1.5 software bill of materials (JSON) for the release, built from deno.lock —
 * every npm package the lock pins, with its package URL and the registry's SHA-512 integrity as a hash.
 *
 *   deno task sbom > dist/ppx.cdx.json
 */

/** The parts of deno.lock (version 5) the SBOM reads. */
export interface DenoLock {
  npm?: Record<string, { integrity?: string; dependencies?: string[] }>;
}

/** One CycloneDX component. */
export interface SbomComponent {
  type: "library";
  "bom-ref": string;
  name: string;
  group?: string;
  version: string;
  purl: string;
  hashes?: { alg: "SHA-512"; content: string }[];
}

/** Splits a lock key (`@scope/name@1.2.3_peer@4.5.6`) into name and version. */
export function parseLockKey(key: string): { name: string; version: string } {
  const withoutPeers = key.split("_")[0];
  const at = withoutPeers.lastIndexOf("@");
  if (at <= 0) throw new Error(`deno.lock has an npm entry without a version: ${key}`);
  return { name: withoutPeers.slice(0, at), version: withoutPeers.slice(at + 1) };
}

/** The package URL of an npm package (the scope's `@` percent-encoded, as the purl spec asks). */
export function npmPurl(name: string, version: string): string {
  return `pkg:npm/${name.replace(/^@/, "%40")}@${version}`;
}

function sha512Hex(integrity: string | undefined): string | undefined {
  const match = integrity?.match(/^sha512-([A-Za-z0-9+/=]+)$/);
  if (!match) return undefined;
  return [...Uint8Array.fromBase64(match[1])].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Builds the SBOM document for `name@version` from a parsed deno.lock. */
export function buildSbom(
  lock: DenoLock,
  product: { name: string; version: string },
  now: Date = new Date(),
): Record<string, unknown> {
  const seen = new Set<string>();
  const components: SbomComponent[] = [];
  for (const [key, entry] of Object.entries(lock.npm ?? {})) {
    const { name, version } = parseLockKey(key);
    const purl = npmPurl(name, version);
    if (seen.has(purl)) continue;
    seen.add(purl);
    const slash = name.startsWith("@") ? name.indexOf("/") : -1;
    const hash = sha512Hex(entry.integrity);
    components.push({
      type: "library",
      "bom-ref": purl,
      ...(slash > 0 ? { group: name.slice(0, slash), name: name.slice(slash + 1) } : { name }),
      version,
      purl,
      ...(hash ? { hashes: [{ alg: "SHA-512" as const, content: hash }] } : {}),
    });
  }
  components.sort((a, b) => a.purl.localeCompare(b.purl));
  return {
    bomFormat: "CycloneDX",
    specVersion: "1.5",
    serialNumber: `urn:uuid:${crypto.randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: now.toISOString(),
      component: {
        type: "application",
        "bom-ref": `pkg:jsr/${product.name}@${product.version}`,
        name: product.name,
        version: product.version,
        purl: `pkg:jsr/${product.name}@${product.version}`,
        licenses: [{ license: { id: "MIT" } }],
      },
    },
    components,
  };
}

if (import.meta.main) {
  const config = JSON.parse(await Deno.readTextFile("deno.json"));
  const lock = JSON.parse(await Deno.readTextFile("deno.lock")) as DenoLock;
  console.log(JSON.stringify(buildSbom(lock, { name: config.name, version: config.version }), null, 2));
}
