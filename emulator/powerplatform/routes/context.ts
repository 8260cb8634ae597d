/**
 * What the route modules share: the state, the operation book, paging size and the helpers that answer
 * in the APIs' shapes.
 *
 * @module
 */

import type { EmulatedOperation, OperationBook } from "../operations.ts";
import type { EmulatedApp, EmulatedEnvironment, EmulatedFlow, PowerPlatformState } from "../state.ts";

/** Handles one matched request. */
export type Handler = (
  request: Request,
  params: Record<string, string>,
  url: URL,
) => Response | Promise<Response>;

/** Method, URLPattern pathname, handler. */
export type Route = [string, string, Handler];

/** The shared context of the route modules. */
export interface RouteContext {
  state: PowerPlatformState;
  ops: OperationBook;
  /** Items per page when the client names no size. */
  pageSize: number;
  /** Retry-After seconds on answers about running operations. */
  retryAfter: string;
  /** The emulator's URL (known once listening). */
  base(): string;
  /** Emulator time, ms since the epoch. */
  now(): number;
  /** An environment by id (case-insensitive). */
  env(id: string): EmulatedEnvironment | undefined;
  /** Wraps a handler that needs `:environmentId` to exist (404 otherwise). */
  withEnv(
    h: (
      e: EmulatedEnvironment,
      r: Request,
      p: Record<string, string>,
      u: URL,
    ) => Response | Promise<Response>,
  ): Handler;
  /** Starts an environment operation and answers 202 with its monitor. */
  envOp(name: string, id: string, effect?: () => void): Response;
  /** The 202 answer of a started operation. */
  accepted(op: EmulatedOperation, monitor: string): Response;
  /** True when the request asks to validate only. */
  validateOnly(url: URL): boolean;
  /** The app `:appId` (in `:environmentId` when given). */
  app(p: Record<string, string>): EmulatedApp | undefined;
  /** The flow `:flowId` in `:environmentId`. */
  flow(p: Record<string, string>): EmulatedFlow | undefined;
  BAP: string;
  EM: string;
  ADMIN_APPS: string;
  FLOWS: string;
}
