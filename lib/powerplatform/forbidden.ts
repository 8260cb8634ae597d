/**
 * What a 403 from an admin API means for one operation: the service's own message plus the role or
 * permission the operation needs. ppx does not check the token's scopes itself (the earlier CLI refused
 * valid tokens whose scope names it did not recognise); the service decides, and ppx explains.
 *
 * @module
 */

import { ApiError } from "../errors.ts";
import type { Operation } from "./catalog/types.ts";

/**
 * `error` unchanged, unless it is a 403 from `op`: then the same ApiError with a hint naming the role
 * or permission the operation needs.
 */
export function explainForbidden(op: Pick<Operation, "permission" | "id">, error: unknown): unknown {
  if (!(error instanceof ApiError) || error.status !== 403) return error;
  const needs = op.permission ?? "an admin role that covers this operation";
  return new ApiError(error.message, {
    status: error.status,
    serviceCode: error.serviceCode,
    correlationId: error.correlationId,
    requestId: error.requestId,
    method: error.method,
    url: error.url,
    body: error.body,
  }, {
    code: error.code,
    cause: error,
    hint: `This needs ${needs}. Ask an administrator to assign it to the signed-in identity, then retry.`,
  });
}
