/**
 * Ties the answers of a `$batch` to the requests that asked them. OData lets a service answer the members
 * of a change set in any order (each echoes its request's Content-ID), so answers are matched by Content-ID;
 * an answer without one (a change set that failed is answered by one response for the whole set) is
 * matched by its top-level position. An answer that names no request, or a second answer for one request,
 * leaves that request unanswered: it is sent again (safe, every request is an idempotent upsert) rather than
 * reported against the wrong row.
 *
 * @module
 */

import type { BatchResponsePart } from "../batch_parser.ts";

/** A request as sent: its top-level position in the batch and its Content-ID. */
export interface SentRequest {
  entry: number;
  contentId: string;
}

/** Matches `parts` to `requests`; returns request index -> its answer (absent: no usable answer). */
export function matchAnswers(
  requests: readonly SentRequest[],
  parts: readonly BatchResponsePart[],
): Map<number, BatchResponsePart> {
  const byId = new Map<string, number>();
  const byEntry = new Map<number, number[]>();
  requests.forEach((r, i) => {
    byId.set(r.contentId, i);
    const list = byEntry.get(r.entry) ?? [];
    list.push(i);
    byEntry.set(r.entry, list);
  });
  const matched = new Map<number, BatchResponsePart>();
  const spoiled = new Set<number>();
  // Every member of one answered change set must belong to one requested change set.
  const setOf = new Map<number, number>();
  const spoil = (index: number) => {
    matched.delete(index);
    spoiled.add(index);
  };
  const claim = (index: number, part: BatchResponsePart) => {
    if (spoiled.has(index)) return;
    if (matched.has(index)) spoil(index);
    else matched.set(index, part);
  };
  for (const part of parts) {
    if (part.contentId !== undefined) {
      const index = byId.get(part.contentId);
      if (index === undefined) continue;
      if (part.changeSet !== undefined) {
        const entry = requests[index].entry;
        const seen = setOf.get(part.changeSet);
        if (seen !== undefined && seen !== entry) {
          for (const i of [...byEntry.get(entry) ?? [], ...byEntry.get(seen) ?? []]) spoil(i);
          continue;
        }
        setOf.set(part.changeSet, entry);
      }
      claim(index, part);
    } else {
      // One answer for a whole (failed) change set, in the position of its request.
      const members = byEntry.get(part.entry);
      if (!members) continue;
      for (const i of members) claim(i, part);
    }
  }
  return matched;
}
