/**
 * The contents API of the emulated repositories: get a file (base64, blob sha), create or update it
 * (the current sha required to update), delete it; OAuth App tokens need `workflow` for files under
 * `.github/workflows/`, as on GitHub.
 *
 * @module
 */

import type { RouteMatch } from "../../router.ts";
import { restError } from "../wire.ts";
import type { EmulatedRepo } from "./store.ts";

async function blobSha(bytes: Uint8Array): Promise<string> {
  const head = new TextEncoder().encode(`blob ${bytes.length}\0`);
  const all = new Uint8Array(head.length + bytes.length);
  all.set(head);
  all.set(bytes, head.length);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", all));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The JSON body of a request, or `{}`. */
export async function body(request: Request): Promise<Record<string, unknown>> {
  try {
    const value = await request.json();
    return value && typeof value === "object" ? value as Record<string, unknown> : {};
  } catch {
    return {};
  }
}

/** Where a file lives: `branch\npath`. */
function fileKey(
  repo: EmulatedRepo,
  match: RouteMatch,
  branch?: unknown,
): { key: string; path: string; branch: string } {
  const ref = typeof branch === "string" && branch ? branch : repo.defaultBranch;
  return { key: `${ref}\n${match.params.path}`, path: match.params.path, branch: ref };
}

/** `GET .../contents/{path}`. */
export function getFile(repo: EmulatedRepo, match: RouteMatch): Response {
  const { key, path } = fileKey(repo, match, match.url.searchParams.get("ref"));
  const file = repo.files.get(key);
  if (!file) return restError(404, "Not Found");
  return Response.json({
    type: "file",
    encoding: "base64",
    size: file.bytes.length,
    name: path.split("/").pop(),
    path,
    sha: file.sha,
    content: toBase64(file.bytes).replace(/(.{60})/g, "$1\n"),
  });
}

function workflowRefused(path: string, scopes: string[] | undefined): Response | undefined {
  if (scopes && path.startsWith(".github/workflows/") && !scopes.includes("workflow")) {
    return restError(
      404,
      `refusing to allow an OAuth App to create or update workflow \`${path}\` without \`workflow\` scope`,
    );
  }
  return undefined;
}

/** `PUT .../contents/{path}`. */
export async function putFile(
  request: Request,
  repo: EmulatedRepo,
  match: RouteMatch,
  scopes?: string[],
): Promise<Response> {
  const input = await body(request);
  const { key, path } = fileKey(repo, match, input.branch);
  const refused = workflowRefused(path, scopes);
  if (refused) return refused;
  if (typeof input.message !== "string" || typeof input.content !== "string") {
    return restError(422, "Invalid request: message and content are required.");
  }
  const existing = repo.files.get(key);
  if (existing && input.sha !== existing.sha) {
    return restError(409, `${path} does not match ${String(input.sha ?? "")}`);
  }
  if (!existing && input.sha !== undefined) {
    return restError(422, "Invalid request: sha given for a new file.");
  }
  const bytes = Uint8Array.from(atob(input.content), (c) => c.charCodeAt(0));
  const sha = await blobSha(bytes);
  repo.files.set(key, { sha, bytes });
  repo.commits.push(input.message);
  return Response.json({ content: { path, sha }, commit: { message: input.message } }, {
    status: existing ? 200 : 201,
  });
}

/** `DELETE .../contents/{path}`. */
export async function deleteFile(
  request: Request,
  repo: EmulatedRepo,
  match: RouteMatch,
  scopes?: string[],
): Promise<Response> {
  const input = await body(request);
  const { key, path } = fileKey(repo, match, input.branch);
  const refused = workflowRefused(path, scopes);
  if (refused) return refused;
  const existing = repo.files.get(key);
  if (!existing) return restError(404, "Not Found");
  if (input.sha !== existing.sha) {
    return restError(409, `${path} does not match ${String(input.sha ?? "")}`);
  }
  repo.files.delete(key);
  repo.commits.push(String(input.message ?? "delete"));
  return Response.json({ content: null, commit: { message: input.message } });
}
