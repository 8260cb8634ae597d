/**
 * What every Entra flow needs: the discovered endpoint, the client id, a clock, and the error context.
 *
 * @module
 */

import type { Client } from "oauth4webapi";
import type { Clock } from "../../../clock.ts";
import type { EntraEndpoint } from "../discovery.ts";
import type { EntraErrorContext } from "../errors.ts";

/** Inputs shared by every flow. */
export interface FlowBase {
  /** The discovered authority. */
  endpoint: EntraEndpoint;
  /** Application (client) id. */
  clientId: string;
  /** Time source (token expiry, polling). */
  clock: Clock;
  /** Cancels the flow. */
  signal?: AbortSignal;
  /** Names used in error messages. */
  context?: EntraErrorContext;
}

/** The oauth4webapi client record for a client id. */
export function clientOf(clientId: string): Client {
  return { client_id: clientId };
}

/** The scopes of a user sign-in: the resource's `.default` plus `offline_access` for a refresh token. */
export function userScopes(scope: string): string {
  return scope.split(" ").includes("offline_access") ? scope : `${scope} offline_access`;
}
