/**
 * Web-file binaries, one implementation per data model: notes (annotations, `documentbody` in base64) for
 * standard sites, the `filecontent` file column of powerpagecomponent for enhanced sites, moved in 4 MB
 * blocks (InitializeFileBlocksUpload / UploadBlock / CommitFileBlocksUpload and the download pair), so a
 * large file is never sent or held whole. Also the environment's limits (blocked extensions, size).
 *
 * Permissions: `--allow-net` for the org host.
 *
 * @module
 */

import type { DataverseClient } from "../dataverse/client.ts";
import { dataverseError } from "../dataverse/errors.ts";
import type { BinarySource } from "./model.ts";
import { bytesSource } from "./model.ts";
import { createHash } from "node:crypto";
import { ENHANCED } from "./remote.ts";

/** Dataverse's block size for file columns. */
export const BLOCK_SIZE = 4 * 1024 * 1024;

async function action<T>(client: DataverseClient, name: string, body: unknown): Promise<T> {
  try {
    const response = await client.http.send("POST", `${client.apiPath}/${name}`, {
      json: body,
      headers: { Accept: "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0" },
    });
    const text = await response.text();
    return (text ? JSON.parse(text) : {}) as T;
  } catch (error) {
    throw dataverseError(error);
  }
}

/** A web file's note fields and bytes (standard model); undefined when it has no note with a body. */
export async function downloadNote(
  client: DataverseClient,
  webFileId: string,
): Promise<{ fields: Record<string, unknown>; binary: BinarySource } | undefined> {
  for await (
    const page of client.pages("annotations", {
      filter: `_objectid_value eq ${webFileId}`,
      select: ["annotationid", "filename", "mimetype", "documentbody", "isdocument"],
    }, { all: true })
  ) {
    const note = page.records.find((n) => typeof n.documentbody === "string");
    if (!note) continue;
    const fileName = String(note.filename ?? "file");
    return {
      fields: {
        annotationid: String(note.annotationid).toLowerCase(),
        filename: fileName,
        isdocument: true,
        mimetype: note.mimetype ?? "application/octet-stream",
        objectid: webFileId,
        objecttypecode: "adx_webfile",
      },
      binary: await bytesSource(fileName, Uint8Array.fromBase64(String(note.documentbody))),
    };
  }
  return undefined;
}

/** The `$batch` operation that writes a web file's note (standard model), keeping the note's id. */
export async function noteOperation(
  webFileId: string,
  fields: Record<string, unknown>,
  binary: BinarySource,
): Promise<{ method: "PATCH"; url: string; body: Record<string, unknown> }> {
  const bytes = new Uint8Array(await new Response(await binary.open()).arrayBuffer());
  const noteId = typeof fields.annotationid === "string" ? fields.annotationid : crypto.randomUUID();
  return {
    method: "PATCH",
    url: `annotations(${noteId})`,
    body: {
      subject: binary.fileName,
      filename: typeof fields.filename === "string" ? fields.filename : binary.fileName,
      mimetype: typeof fields.mimetype === "string" ? fields.mimetype : "application/octet-stream",
      isdocument: true,
      documentbody: bytes.toBase64(),
      "objectid_adx_webfile@odata.bind": `/adx_webfiles(${webFileId})`,
    },
  };
}

/** Downloads a powerpagecomponent's file column (enhanced model); undefined when it holds no file. */
export async function downloadFileColumn(
  client: DataverseClient,
  componentId: string,
): Promise<BinarySource | undefined> {
  let init: { FileContinuationToken: string; FileSizeInBytes: number; FileName: string };
  try {
    init = await action(client, "InitializeFileBlocksDownload", {
      Target: {
        "@odata.type": `Microsoft.Dynamics.CRM.${ENHANCED.componentLogicalName}`,
        [ENHANCED.componentId]: componentId,
      },
      FileAttributeName: "filecontent",
    });
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
  // Blocks go to a temporary file as they arrive (hashed on the way), so a large file is never held whole.
  const temp = await Deno.makeTempFile({ prefix: "ppx-webfile-" });
  const hash = createHash("sha256");
  try {
    using file = await Deno.open(temp, { write: true, truncate: true });
    for (let offset = 0; offset < init.FileSizeInBytes; offset += BLOCK_SIZE) {
      const block = await action<{ Data: string }>(client, "DownloadBlock", {
        Offset: offset,
        BlockLength: Math.min(BLOCK_SIZE, init.FileSizeInBytes - offset),
        FileContinuationToken: init.FileContinuationToken,
      });
      const bytes = Uint8Array.fromBase64(block.Data);
      hash.update(bytes);
      for (let written = 0; written < bytes.byteLength;) written += await file.write(bytes.subarray(written));
    }
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
  return {
    fileName: init.FileName,
    size: init.FileSizeInBytes,
    sha256: hash.digest("hex"),
    open: async () => (await Deno.open(temp)).readable,
    dispose: () => Deno.remove(temp).catch(() => {}),
  };
}

/** Uploads a web file into a powerpagecomponent's file column, block by block from its stream. */
export async function uploadFileColumn(
  client: DataverseClient,
  componentId: string,
  binary: BinarySource,
  mimeType: string,
): Promise<number> {
  const init = await action<{ FileContinuationToken: string }>(client, "InitializeFileBlocksUpload", {
    Target: {
      "@odata.type": `Microsoft.Dynamics.CRM.${ENHANCED.componentLogicalName}`,
      [ENHANCED.componentId]: componentId,
    },
    FileAttributeName: "filecontent",
    FileName: binary.fileName,
  });
  let requests = 1;
  const blockIds: string[] = [];
  let pending = new Uint8Array(0);
  const send = async (data: Uint8Array) => {
    const id = btoa(String(blockIds.length).padStart(8, "0"));
    blockIds.push(id);
    await action(client, "UploadBlock", {
      BlockId: id,
      BlockData: data.toBase64(),
      FileContinuationToken: init.FileContinuationToken,
    });
    requests++;
  };
  for await (const chunk of await binary.open()) {
    const joined = new Uint8Array(pending.byteLength + chunk.byteLength);
    joined.set(pending);
    joined.set(chunk, pending.byteLength);
    pending = joined;
    while (pending.byteLength >= BLOCK_SIZE) {
      await send(pending.subarray(0, BLOCK_SIZE));
      pending = pending.slice(BLOCK_SIZE);
    }
  }
  if (pending.byteLength || !blockIds.length) await send(pending);
  await action(client, "CommitFileBlocksUpload", {
    FileName: binary.fileName,
    MimeType: mimeType,
    BlockList: blockIds,
    FileContinuationToken: init.FileContinuationToken,
  });
  return requests + 1;
}

/** What the environment accepts for attachments. */
export interface UploadLimits {
  /** Lower-case extensions without dot (`exe`, `js`, …). */
  blocked: Set<string>;
  /** Largest file in bytes. */
  maxBytes: number;
}

/** Reads `blockedattachments` and `maxuploadfilesize` from the organization row. */
export async function uploadLimits(client: DataverseClient): Promise<UploadLimits> {
  let row: Record<string, unknown> = {};
  try {
    for await (
      const page of client.pages("organizations", { select: ["blockedattachments", "maxuploadfilesize"] })
    ) {
      row = page.records[0] ?? {};
    }
  } catch {
    // Without the organization row nothing can be checked in advance; the service still refuses.
  }
  const blocked = new Set(
    String(row.blockedattachments ?? "").split(";").map((s) => s.trim().toLowerCase()).filter(Boolean),
  );
  const max = Number(row.maxuploadfilesize);
  return { blocked, maxBytes: Number.isFinite(max) && max > 0 ? max : 5 * 1024 * 1024 };
}

/** Why a file cannot be uploaded, or undefined when it can. */
export function refusal(fileName: string, size: number, limits: UploadLimits): string | undefined {
  const ext = fileName.includes(".") ? fileName.split(".").pop()!.toLowerCase() : "";
  if (ext && limits.blocked.has(ext)) {
    return `the .${ext} extension is blocked in this environment (remove it from "Blocked file extensions" in the environment's privacy and security settings, or rename the file)`;
  }
  if (size > limits.maxBytes) {
    return `${size} bytes exceeds the environment's limit of ${limits.maxBytes} bytes (raise "Maximum file size" in the environment's email settings, or shrink the file)`;
  }
  return undefined;
}
