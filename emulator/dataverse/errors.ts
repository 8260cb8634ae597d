/**
 * Dataverse error answers: the `{"error":{"code","message"}}` envelope with the codes the real service
 * uses, thrown inside handlers as DvError and turned into a response (or a `$batch` part) in one place.
 *
 * @module
 */

/** A failed operation with its HTTP status and Dataverse error code. */
export class DvError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = "DvError";
  }
}

/** Error codes the emulator answers with (hex strings, as Dataverse sends them). */
export const CODES = {
  /** Record not found by id. */
  notFound: "0x80040217",
  /** Record not found by alternate key. */
  keyNotFound: "0x80060891",
  /** Duplicate record / primary key (If-None-Match: *, POST with an existing id). */
  duplicate: "0x80040237",
  /** Duplicate alternate key values. */
  duplicateKey: "0x80060892",
  /** Row version (ETag) mismatch. */
  concurrency: "0x80060882",
  /** Unknown resource segment or property. */
  resourceNotFound: "0x80060888",
  /** Invalid payload (unknown property, wrong type). */
  payload: "0x80048d19",
  /** Validation: a value is too long. */
  validation: "0x80044331",
  /** Validation: a choice value out of range. */
  outOfRange: "0x8004431a",
  /** Generic failure. */
  unexpected: "0x80040216",
  /** FetchXML names a column the table does not have. */
  missingAttribute: "0x80041103",
  /** FetchXML names a table that does not exist. */
  missingEntity: "0x80041102",
  /** An aggregate query reads more records than its limit. */
  aggregateLimit: "0x8004e023",
  /** Bad request / not supported. */
  badRequest: "0x80040203",
} as const;

/** 400 for a payload the OData layer rejects. */
export function payloadError(table: string, detail: string): DvError {
  return new DvError(
    400,
    CODES.payload,
    `Error identified in Payload provided by the user for Entity :'${table}', For more information on this ` +
      `error please follow this help link https://go.microsoft.com/fwlink/?linkid=2195293  ----> ` +
      `InnerException : Microsoft.OData.ODataException: ${detail}`,
  );
}

/** 400 for an unknown property in a query option. */
export function unknownProperty(table: string, name: string): DvError {
  return new DvError(
    400,
    CODES.resourceNotFound,
    `Could not find a property named '${name}' on type 'Microsoft.Dynamics.CRM.${table}'.`,
  );
}

/** 400 for a query option the emulator (or Dataverse) cannot parse. */
export function syntaxError(message: string): DvError {
  return new DvError(400, CODES.resourceNotFound, message);
}
