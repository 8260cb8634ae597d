/**
 * Applies an upload plan: records in `$batch` change sets (parents before children, each chunk atomic),
 * web-file notes in the same change set as their web file (standard) or file-column blocks after the
 * batch (enhanced), deletes last. Nothing is sent when the plan has refused files or conflicts.
 *
 * Permissions: `--allow-net` for the org host.
 *
 * @module
 */

import type { DataverseClient } from "../dataverse/client.ts";
import type { BatchOperation } from "../dataverse/batch_writer.ts";
import { partError } from "../dataverse/batch_parser.ts";
import { ApiError } from "../errors.ts";
import { PlanNotApplicableError } from "./errors.ts";
import { noteOperation, uploadFileColumn } from "./binaries.ts";
import type { PlanItem, UploadPlan } from "./plan.ts";
import { payloadOf, targetOf } from "./remote.ts";
import { PAGES_TABLES, table } from "./tables.ts";

/** Operations per change set (Dataverse allows 1,000 requests per batch). */
const CHUNK = 200;

/** What applying did. */
export interface ApplyResult {
  /** Write requests sent (each `$batch` counts once; metadata reads are not counted). */
  requests: number;
  /** Items written (created, updated or deleted). */
  applied: PlanItem[];
  /** Fields kept on disk but not sent, per record (`webpage:<id>` -> fields). */
  skippedFields: Record<string, string[]>;
}

/** Refuses a plan that cannot be applied whole, naming every file or record. */
export function assertApplicable(plan: UploadPlan): void {
  if (plan.refused.length) {
    throw new PlanNotApplicableError(
      "refused-files",
      plan.refused.length,
      `The environment would refuse ${plan.refused.length} file(s); nothing was sent:\n` +
        plan.refused.map((r) => `  ${r.path}: ${r.reason}`).join("\n"),
    );
  }
  const conflicts = plan.items.filter((i) => i.action === "conflict");
  if (conflicts.length) {
    throw new PlanNotApplicableError(
      "create-only-conflicts",
      conflicts.length,
      `${conflicts.length} record(s) already exist in the environment; nothing was sent:\n` +
        conflicts.slice(0, 20).map((c) => `  ${c.table} ${c.name} (${c.remoteId})`).join("\n"),
    );
  }
}

/** Sends the plan's writes. */
export async function applyPlan(
  client: DataverseClient,
  plan: UploadPlan,
  onProgress?: (label: string, done: number, total?: number) => void,
): Promise<ApplyResult> {
  assertApplicable(plan);
  const result: ApplyResult = { requests: 0, applied: [], skippedFields: {} };
  const remap = new Map(plan.items.map((i) => [`${i.table}:${i.id}`, i.remoteId]));
  const lookup = (t: string, id: string) => remap.get(`${t}:${id}`) ?? id;
  const ops: { item: PlanItem; op: BatchOperation }[] = [];
  const deferred: { item: PlanItem; op: BatchOperation }[] = [];
  const fileUploads: PlanItem[] = [];
  const metadata = new Map<string, { columns: Set<string>; lookupTargets: Map<string, string> }>();
  const metadataOf = async (logicalName: string) => {
    if (plan.model !== "standard") return undefined;
    if (!metadata.has(logicalName)) {
      const attributes = await client.attributes(logicalName);
      const lookupTargets = new Map<string, string>();
      for (const a of attributes) {
        // A single-target lookup to a table of the set is bound to it; others cannot be guessed.
        const target = a.AttributeType === "Lookup" && a.Targets?.length === 1
          ? PAGES_TABLES.find((t) => t.logicalName === a.Targets![0])
          : undefined;
        if (target) lookupTargets.set(a.LogicalName, target.key);
      }
      metadata.set(logicalName, { columns: new Set(attributes.map((a) => a.LogicalName)), lookupTargets });
    }
    return metadata.get(logicalName);
  };
  for (const item of plan.items) {
    if (item.action !== "create" && item.action !== "update") continue;
    let r = item.record!;
    if (plan.strategy === "merge" && item.remote) {
      // merge keeps the environment's fields the folder does not have
      r = { ...r, fields: { ...item.remote.fields, ...r.fields } };
    }
    const { set } = targetOf(plan.model, r.table);
    const { body, skipped } = payloadOf(plan.model, r, plan.websiteId, {
      clearMissingContent: plan.strategy === "replace" && item.action === "update",
      remap: lookup,
      ...await metadataOf(r.table.logicalName),
    });
    if (skipped.length) result.skippedFields[`${item.table}:${item.id}`] = skipped;
    let patch = body;
    if (plan.strategy === "merge" && item.action === "update" && plan.model === "standard") {
      // merge sends only the fields that differ from the environment
      const keep = new Set(item.fields ?? []);
      patch = Object.fromEntries(
        Object.entries(body).filter(([k]) => keep.has(k.replace(/@odata\.bind$/, ""))),
      );
    }
    if (r.table.key === "website" && plan.model === "standard") {
      // The site's template and language lookups point at records created after it: set them last.
      const binds = Object.keys(patch).filter((k) => k.endsWith("@odata.bind"));
      if (binds.length) {
        deferred.push({
          item,
          op: {
            method: "PATCH",
            url: `${set}(${item.remoteId})`,
            headers: { "If-Match": "*" },
            body: Object.fromEntries(binds.map((k) => [k, patch[k]])),
          },
        });
        patch = Object.fromEntries(Object.entries(patch).filter(([k]) => !binds.includes(k)));
      }
    }
    ops.push({
      item,
      op: {
        method: "PATCH",
        url: `${set}(${item.remoteId})`,
        headers: item.action === "create" ? { "If-None-Match": "*" } : { "If-Match": "*" },
        body: patch,
      },
    });
    if (plan.model === "standard") ops.push(...linkOperations(client, plan, item, r, lookup));
    if (item.binary && r.binary) {
      if (plan.model === "standard") {
        ops.push({ item, op: await noteOperation(item.remoteId, r.fields, r.binary) });
      } else fileUploads.push(item);
    }
  }
  ops.push(...deferred);
  for (const item of [...plan.items].reverse()) {
    if (item.action !== "delete") continue;
    ops.push({
      item,
      op: { method: "DELETE", url: `${targetOf(plan.model, table(item.table)).set}(${item.remoteId})` },
    });
  }
  for (let i = 0; i < ops.length; i += CHUNK) {
    onProgress?.("requests sent", i, ops.length);
    const chunk = ops.slice(i, i + CHUNK);
    const answer = await client.batch([{ changeSet: chunk.map((c) => c.op) }]);
    result.requests++;
    const failed = answer.parts.find((p) => p.status >= 400);
    if (failed) {
      const e = partError(failed);
      const culprit = culpritOf(chunk, failed.contentId, e.message ?? "");
      const where = (item: PlanItem) => `${item.table} ${item.name} (${item.paths[0] ?? item.id})`;
      const what = culprit
        ? where(culprit)
        : `one of ${chunk.length} records, ${where(chunk[0].item)} to ${where(chunk[chunk.length - 1].item)}`;
      throw new ApiError(
        `Upload stopped at ${what}: ${
          e.message ?? `HTTP ${failed.status}`
        }; nothing of its change set was written` +
          (result.applied.length ? ` (${result.applied.length} record(s) were written before)` : "") + ".",
        { status: failed.status, serviceCode: e.code, method: "POST" },
        { hint: "Fix the record and upload again; records already written are skipped next time." },
      );
    }
    for (const c of chunk) if (!result.applied.includes(c.item)) result.applied.push(c.item);
  }
  for (const item of fileUploads) {
    const r = item.record!;
    const mime = typeof r.fields.mimetype === "string" ? r.fields.mimetype : "application/octet-stream";
    result.requests += await uploadFileColumn(client, item.remoteId, r.binary!, mime);
  }
  return result;
}

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * The record a failed change set stopped at: by the Content-ID the service echoed, else (Dataverse answers
 * a failed change set with one part, often without Content-ID) the first request whose body points at a
 * record id the error message names, else the record the message names by its own id.
 */
function culpritOf(
  chunk: { item: PlanItem; op: BatchOperation }[],
  contentId: string | undefined,
  message: string,
) {
  if (contentId !== undefined) return chunk[Number(contentId) - 1]?.item;
  const ids = (message.match(GUID) ?? []).map((g) => g.toLowerCase());
  for (const id of ids) {
    const pointing = chunk.find((c) =>
      c.op.body !== undefined && JSON.stringify(c.op.body).toLowerCase().includes(`(${id})`)
    );
    if (pointing) return pointing.item;
    const own = chunk.find((c) => c.item.remoteId === id);
    if (own) return own.item;
  }
  return undefined;
}

/**
 * `$ref` requests that make a standard record's many-to-many web-role links match the folder: associate
 * the missing ones, disassociate the extra ones (`merge` leaves links alone when the folder has none).
 */
function linkOperations(
  client: DataverseClient,
  plan: UploadPlan,
  item: PlanItem,
  r: PlanItem["record"] & object,
  lookup: (table: string, id: string) => string,
): { item: PlanItem; op: BatchOperation }[] {
  const ops: { item: PlanItem; op: BatchOperation }[] = [];
  const set = targetOf(plan.model, r.table).set;
  for (const rel of r.table.relationships ?? []) {
    const nav = `adx_${rel}`;
    const local = r.fields[nav];
    if (!Array.isArray(local) && plan.strategy === "merge") continue;
    const want = new Set(
      (Array.isArray(local) ? local : []).map((id) => lookup("webrole", String(id).toLowerCase())),
    );
    const there = item.remote?.fields[nav];
    const have = new Set(Array.isArray(there) ? there.map((id) => String(id).toLowerCase()) : []);
    for (const role of [...want].sort()) {
      if (have.has(role)) continue;
      ops.push({
        item,
        op: {
          method: "POST",
          url: `${set}(${item.remoteId})/${nav}/$ref`,
          body: { "@odata.id": client.http.url(`${client.apiPath}/adx_webroles(${role})`).toString() },
        },
      });
    }
    for (const role of [...have].sort()) {
      if (!want.has(role)) {
        ops.push({ item, op: { method: "DELETE", url: `${set}(${item.remoteId})/${nav}(${role})/$ref` } });
      }
    }
  }
  return ops;
}
