/**
 * Bulk upsert of CSV files into Dataverse: streaming, typed from metadata, concurrent under an adaptive
 * pacer, resumable from a checkpoint, and exactly once per row.
 *
 * @module
 */

export * from "./checkpoint.ts";
export * from "./columns.ts";
export * from "./csv_rows.ts";
export * from "./encoding.ts";
export * from "./engine.ts";
export * from "./journal.ts";
export * from "./match.ts";
export * from "./metadata.ts";
export * from "./pacer.ts";
export * from "./plan.ts";
export * from "./report.ts";
export * from "./scheduler.ts";
export * from "./sender.ts";
export * from "./validate.ts";
export * from "./values.ts";
