/**
 * The plan unit of a bulk load: turns a CSV row into the request item that writes it (the record's
 * address, the body, the lock that keeps two rows for one record apart), or into an `invalid` outcome.
 * Pure: no I/O, no clock.
 *
 * A row with neither id nor alternate key gets a generated id derived from the entity set, the file's
 * name, the row number and the row's cells (a UUID version 5). Running the same file again — after a crash,
 * with `--resume`, or after deleting the checkpoint — addresses the same records, so nothing is created
 * twice.
 *
 * @module
 */

import { createHash } from "node:crypto";
import { keyText } from "../keys.ts";
import { alternateKeySegment } from "../odata.ts";
import { buildRow, type ColumnPlan, type PlanOptions } from "./columns.ts";
import type { CsvEncoding } from "./encoding.ts";
import type { JournalEntry, RowOutcome } from "./journal.ts";
import { CellError } from "./values.ts";

/** A row ready to send. */
export interface Item {
  row: number;
  /** Conflict key: rows with the same one never run at the same time. */
  lock?: string;
  /** The record address as reported (`id` or `name=value,…`). */
  label: string;
  /** The request path (`accounts(…)`). */
  path: string;
  body: Record<string, unknown>;
  /** Hash of the row's cells (journalled, checked by `--resume`). */
  hash: number;
  /** Times sent and answered with a transient failure. */
  attempts: number;
}

/** What planning a row needs besides the row. */
export interface RowContext {
  entitySet: string;
  /** The CSV file's base name (one input of generated ids). */
  fileName: string;
  plan: ColumnPlan;
  options: PlanOptions;
  mode: "batch" | "multiple";
  createIfMissing: boolean;
}

/** The options of a load that change what is sent; `--resume` requires the same ones. */
export interface SendingOptions extends PlanOptions {
  mode?: "batch" | "multiple";
  createIfMissing?: boolean;
  encoding?: CsvEncoding;
}

/** The fingerprint of the options that change what is sent (chunk size and concurrency do not). */
export function fingerprintOptions(o: SendingOptions): Record<string, unknown> {
  return {
    mode: o.mode ?? "batch",
    idColumn: o.idColumn ?? null,
    keyColumns: o.keyColumns ?? [],
    map: o.map ?? null,
    emptyAsNull: o.emptyAsNull === true,
    createIfMissing: o.createIfMissing !== false,
    encoding: o.encoding ?? "utf-8",
  };
}

/** A 32-bit FNV-1a hash of a row's cells (never 0, so 0 can mean "none"). */
export function rowHash(cells: string[]): number {
  let h = 0x811c9dc5;
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    for (let i = 0; i < cell.length; i++) {
      h ^= cell.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f;
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) || 1;
}

/** The UUID namespace of generated bulk ids (itself a random v4 UUID, fixed forever). */
export const BULK_ID_NAMESPACE = "3f1c8a52-6c0e-4d43-9a57-0b6f3e2d9c41";

function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, "");
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

const NAMESPACE = uuidBytes(BULK_ID_NAMESPACE);

/**
 * The id of a row without id or key: UUID v5 (RFC 9562) in {@link BULK_ID_NAMESPACE} of
 * `entitySet \n fileName \n row \n cell \x1f cell …`. The same file loaded again gives the same ids; a
 * renamed file, a moved row or changed cells give new ones.
 */
export function generatedId(
  scope: { entitySet: string; fileName: string },
  row: number,
  cells: string[],
): string {
  const name = `${scope.entitySet.toLowerCase()}\n${scope.fileName}\n${row}\n${cells.join("\x1f")}`;
  const digest = createHash("sha1").update(NAMESPACE).update(name, "utf8").digest();
  const b = new Uint8Array(digest.buffer, digest.byteOffset, 16).slice();
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const NO_ADDRESS = "The row has no id or alternate key, and --no-create-if-missing forbids creating it.";

/** Plans one row: the item to send, or an `invalid` outcome naming what is wrong with it. */
export function planRow(ctx: RowContext, row: number, cells: string[]): Item | JournalEntry {
  const hash = rowHash(cells);
  try {
    const r = buildRow(ctx.plan, cells, ctx.options);
    let path: string;
    let label: string;
    let lock: string | undefined;
    let body = r.body;
    if (r.id) {
      path = `${ctx.entitySet}(${r.id})`;
      label = r.id;
      lock = r.id;
    } else if (r.key) {
      path = `${ctx.entitySet}(${alternateKeySegment(r.key)})`;
      label = Object.entries(r.key).map(([k, v]) => `${k}=${keyText(v)}`).join(",");
      lock = label.toLowerCase();
    } else {
      if (!ctx.createIfMissing) throw new CellError(NO_ADDRESS);
      const id = generatedId(ctx, row, cells);
      path = `${ctx.entitySet}(${id})`;
      label = id;
      lock = id;
    }
    if (ctx.mode === "multiple") {
      // UpsertMultiple matches a keyed row only through "@odata.id"; key columns in the body alone
      // would make it a create.
      body = r.key
        ? { ...body, ...r.keyBody, "@odata.id": path }
        : { ...body, [ctx.plan.primaryId]: r.id ?? label };
    }
    return { row, lock, label, path, body, hash, attempts: 0 };
  } catch (error) {
    if (!(error instanceof CellError)) throw error;
    return { ...invalidOutcome(ctx.plan, row, cells, error.message), hash };
  }
}

/** Checks a row as a dry run does: the outcome it would have before sending. */
export function checkRow(ctx: RowContext, row: number, cells: string[]): RowOutcome {
  const planned = planRow(ctx, row, cells);
  if ("status" in planned) {
    const { hash: _, ...outcome } = planned;
    return outcome;
  }
  return { row, key: planned.label, status: "succeeded", httpStatus: 0, code: "", message: "" };
}

function invalidOutcome(plan: ColumnPlan, row: number, cells: string[], message: string): RowOutcome {
  return {
    row,
    key: rawLabel(plan, cells),
    status: "invalid",
    httpStatus: 0,
    code: "invalid-value",
    message,
  };
}

/** The address cells of a row as written, for reporting a row that could not be built. */
function rawLabel(plan: ColumnPlan, cells: string[]): string {
  if (plan.idIndex !== undefined && cells[plan.idIndex]) return cells[plan.idIndex];
  if (plan.keys.length && plan.keys.every((k) => cells[k.index])) {
    return plan.keys.map((k) => `${k.property}=${cells[k.index]}`).join(",");
  }
  return "";
}
