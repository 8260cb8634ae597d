/**
 * Typed Dataverse errors. The HTTP core turns any failed answer into an ApiError; these subclasses name
 * the outcomes callers branch on (missing record, duplicate key, failed precondition) and a malformed
 * `$batch` answer.
 *
 * @module
 */

import {
  ApiError,
  type ApiErrorDetails,
  type ErrorText,
  ExitCode,
  option,
  phrase,
  PpxError,
  type PpxErrorOptions,
} from "../errors.ts";

/** Dataverse codes for "no such record": by id (0x80040217) and by alternate key (0x80060891). */
export const NOT_FOUND_CODES: ReadonlySet<string> = new Set(["0x80040217", "0x80060891"]);
/** Dataverse codes for "a record with these keys exists" (If-None-Match: *, duplicate alternate key). */
export const DUPLICATE_CODES: ReadonlySet<string> = new Set(["0x80040237", "0x80060892"]);

/** The record addressed by id or alternate key does not exist. Exit 5. */
export class RecordNotFoundError extends ApiError {
  /**
   * Made by `dataverseError` from the ApiError of the failed call; the code is fixed, the rest is kept.
   *
   * @param message what happened, as the service said it
   * @param details the failed call: status, service code, request ids, method and URL
   * @param options a hint on what to do and the original ApiError as cause
   */
  constructor(message: ErrorText, details: ApiErrorDetails, options: PpxErrorOptions = {}) {
    super(message, details, { code: "dataverse.not-found", ...options });
  }
}

/** A record with the same id or alternate key already exists. Exit 1. */
export class DuplicateRecordError extends ApiError {
  /**
   * Made by `dataverseError` from the ApiError of the failed call; the code is fixed, the rest is kept.
   *
   * @param message what happened, as the service said it
   * @param details the failed call: status, service code, request ids, method and URL
   * @param options a hint on what to do and the original ApiError as cause
   */
  constructor(message: ErrorText, details: ApiErrorDetails, options: PpxErrorOptions = {}) {
    super(message, details, { code: "dataverse.duplicate", ...options });
  }
}

/** An If-Match / If-None-Match precondition failed (e.g. the record changed since it was read). Exit 1. */
export class PreconditionFailedError extends ApiError {
  /**
   * Made by `dataverseError` from the ApiError of the failed call; the code is fixed, the rest is kept.
   *
   * @param message what happened, as the service said it
   * @param details the failed call: status, service code, request ids, method and URL
   * @param options a hint on what to do and the original ApiError as cause
   */
  constructor(message: ErrorText, details: ApiErrorDetails, options: PpxErrorOptions = {}) {
    super(message, details, { code: "dataverse.precondition-failed", ...options });
  }
}

/** A `$batch` answer that is not valid multipart. Exit 1. */
export class BatchFormatError extends PpxError {
  /**
   * Carries a default hint, since a malformed answer is the service's fault, not the caller's.
   *
   * @param message what is wrong with the answer
   * @param options the read or parse failure as cause; a hint replaces the default one
   */
  constructor(message: string, options: PpxErrorOptions = {}) {
    super("dataverse.batch-format", message, ExitCode.Failure, {
      hint: phrase`The service answered a $batch request with a malformed body; run again with ${
        option("debug")
      } and report it if it persists.`,
      ...options,
    });
  }
}

function detailsOf(error: ApiError): ApiErrorDetails {
  return {
    status: error.status,
    serviceCode: error.serviceCode,
    correlationId: error.correlationId,
    requestId: error.requestId,
    method: error.method,
    url: error.url,
    body: error.body,
  };
}

/**
 * Narrows an ApiError from a Dataverse call to the typed error for its status and service code. Other
 * errors pass through unchanged.
 */
export function dataverseError(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.constructor !== ApiError) return error;
  const code = error.serviceCode?.toLowerCase() ?? "";
  const details = detailsOf(error);
  if (error.status === 404 && (NOT_FOUND_CODES.has(code) || code === "")) {
    return new RecordNotFoundError(error.text.message, details, {
      hint: "Check the id or alternate key values and the table's entity set name.",
      cause: error,
    });
  }
  if (DUPLICATE_CODES.has(code)) {
    return new DuplicateRecordError(error.text.message, details, {
      hint: phrase`A record with these key values exists; update it instead, or drop ${
        option("createOnly")
      }.`,
      cause: error,
    });
  }
  if (error.status === 412) {
    return new PreconditionFailedError(error.text.message, details, {
      hint: "The record changed or exists/does not exist contrary to the precondition; read it again.",
      cause: error,
    });
  }
  return error;
}
