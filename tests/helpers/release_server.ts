/** A local stand-in for GitHub's release API and asset downloads, with fake archives, for upgrade tests. */

import { createTarGzip } from "nanotar";
import { archiveName, releaseTargetFor } from "../../lib/upgrade/assets.ts";
import { sha256Hex } from "../../lib/upgrade/checksums.ts";

/** A running release server. */
export interface ReleaseServer extends AsyncDisposable {
  url: string;
  version: string;
  /** Paths requested, in order. */
  requests: string[];
}

/**
 * Serves `GET /repos/o/ppx/releases/latest` and `/o/ppx/releases/download/v<version>/<asset>` on 127.0.0.1.
 * The archive holds a `ppx` shell script printing the version; `corruptSums` publishes a wrong checksum.
 */
export async function startReleaseServer(
  options: { version?: string; corruptSums?: boolean } = {},
): Promise<ReleaseServer> {
  const version = options.version ?? "9.9.9";
  const target = releaseTargetFor(Deno.build.os, Deno.build.arch) ?? "x86_64-unknown-linux-gnu";
  const archive = archiveName(version, target);
  const bytes = await createTarGzip([{
    name: "ppx",
    data: `#!/bin/sh\necho "ppx ${version}"\n`,
    attrs: { mode: "755" },
  }]);
  const digest = options.corruptSums ? "0".repeat(64) : await sha256Hex(bytes);
  const sums = `${digest}  ${archive}\n${"1".repeat(64)}  ppx-${version}-other.zip\n`;
  const requests: string[] = [];
  let url = "";
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (request) => {
    const path = new URL(request.url).pathname;
    requests.push(path);
    const download = `/o/ppx/releases/download/v${version}/`;
    if (path === "/repos/o/ppx/releases/latest") {
      return Response.json({
        tag_name: `v${version}`,
        assets: [archive, "SHA256SUMS"].map((name) => ({
          name,
          browser_download_url: `${url}${download}${name}`,
        })),
      });
    }
    if (path === `${download}SHA256SUMS`) return new Response(sums);
    if (path === `${download}${archive}`) return new Response(bytes as Uint8Array<ArrayBuffer>);
    return new Response("not found", { status: 404 });
  });
  url = `http://127.0.0.1:${server.addr.port}`;
  return {
    url,
    version,
    requests,
    async [Symbol.asyncDispose]() {
      await server.shutdown();
    },
  };
}
