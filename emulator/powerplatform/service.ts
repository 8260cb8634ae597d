/**
 * The emulated Power Platform admin APIs: the Power Platform API (`/environmentmanagement`,
 * `/powerapps`, `/powerautomate`, `/appmanagement`), the BAP admin API (`/providers/
 * Microsoft.BusinessAppPlatform`), the PowerApps admin API (`/providers/Microsoft.PowerApps`) and the
 * Flow API (`/providers/Microsoft.ProcessSimple`), all under the emulator's own URL (their paths do not
 * overlap). Point ppx at it with PPX_POWERPLATFORM_URL, PPX_BAP_URL, PPX_POWERAPPS_URL and PPX_FLOW_URL.
 *
 * Long-running operations answer 202 with `Operation-Location` and `Retry-After`, and finish after
 * `operationDelayMs` (or fail: `failNextOperations`, `failOperations`). Lists page with `nextLink`,
 * `continuationToken` or `x-ms-continuation-token`. `throttle(n)` answers the next n requests with 429.
 * The routes come from this module's own table (ROUTES), which mirrors ppx's catalog without importing it,
 * so the emulator cross-checks the product.
 *
 * @module
 */

import type { Router } from "../router.ts";
import type { EmulatorCore, EmulatorService } from "../server.ts";
import { type EmulatedOperation, OperationBook } from "./operations.ts";
import { appsRoutes } from "./routes/apps.ts";
import type { Handler, Route, RouteContext } from "./routes/context.ts";
import { environmentsRoutes } from "./routes/environments.ts";
import { flowsRoutes } from "./routes/flows.ts";
import { packagesRoutes } from "./routes/packages.ts";
import { EMULATOR_ENVIRONMENT_ID, PowerPlatformState } from "./state.ts";
import { json, notFound, ppError } from "./wire.ts";

/** How to build the service. */
export interface PowerPlatformServiceOptions {
  /** How long a long-running operation runs, in ms (default 1500). */
  operationDelayMs?: number;
  /** Retry-After seconds on 202 answers (default 1). */
  retryAfterSeconds?: number;
  /** Items per page when the client names no size (default 2, so paging shows). */
  pageSize?: number;
  /** Every operation fails. */
  failOperations?: boolean;
}

/** The service plus its control API. */
export interface PowerPlatformEmulator extends EmulatorService {
  /** The resources served (tests inspect and change them). */
  readonly state: PowerPlatformState;
  /** The long-running operations (tests set `delayMs`, `failNext`, `failAll`). */
  readonly operations: OperationBook;
  /** Answers the next `count` admin requests with 429 and this Retry-After. */
  throttle(count: number, retryAfterSeconds?: number): void;
  /** Admin requests served so far (method and path), for tests. */
  readonly requests: string[];
}

/** Builds the service. */
export function powerPlatformService(options: PowerPlatformServiceOptions = {}): PowerPlatformEmulator {
  let core: EmulatorCore | undefined;
  const now = () => core?.now() ?? Date.now();
  const state = PowerPlatformState.seeded(Date.now());
  const ops = new OperationBook(now, options.operationDelayMs ?? 1500);
  ops.failAll = options.failOperations === true;
  const pageSize = options.pageSize ?? 2;
  const retryAfter = String(options.retryAfterSeconds ?? 1);
  let throttled = 0;
  let throttleSeconds = 1;
  const requests: string[] = [];
  const base = () => core!.url;

  const env = (id: string) =>
    state.environments.get(id) ??
      [...state.environments.values()].find((e) => e.id.toLowerCase() === id.toLowerCase());
  const accepted = (op: EmulatedOperation, monitor: string) =>
    json({ operationId: op.operationId, status: "Running" }, 202, {
      "operation-location": monitor,
      "retry-after": retryAfter,
    });
  const envOp = (name: string, id: string, effect?: () => void) => {
    const op = ops.start(name, id, effect);
    return accepted(
      op,
      `${base()}/environmentmanagement/operations/${op.operationId}?api-version=2022-03-01-preview`,
    );
  };
  const withEnv = (
    h: (
      e: NonNullable<ReturnType<typeof env>>,
      r: Request,
      p: Record<string, string>,
      u: URL,
    ) => Response | Promise<Response>,
  ): Handler =>
  (r, p, u) => {
    const e = env(p.environmentId);
    return e ? h(e, r, p, u) : notFound(`Environment '${p.environmentId}'`);
  };
  const validateOnly = (u: URL) =>
    /^true$/i.test(u.searchParams.get("ValidateOnly") ?? u.searchParams.get("validateOnly") ?? "");

  const BAP = "/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments";
  const EM = "/environmentmanagement";
  const ADMIN_APPS = "/providers/Microsoft.PowerApps/scopes/admin/environments/:environmentId/apps/:appId";
  const FLOWS = "/providers/Microsoft.ProcessSimple/environments/:environmentId/flows/:flowId";

  const app = (p: Record<string, string>) => {
    const a = state.apps.get(p.appId);
    return a && (!p.environmentId || a.environmentId === env(p.environmentId)?.id) ? a : undefined;
  };
  const flow = (p: Record<string, string>) => {
    const f = state.flows.get(p.flowId);
    return f && f.environmentId === env(p.environmentId)?.id ? f : undefined;
  };

  /** The route table (method, URLPattern pathname, handler), one module per API area. */
  const c: RouteContext = {
    state,
    ops,
    pageSize,
    retryAfter,
    base,
    now,
    env,
    withEnv,
    envOp,
    accepted,
    validateOnly,
    app,
    flow,
    BAP,
    EM,
    ADMIN_APPS,
    FLOWS,
  };
  const ROUTES: Route[] = [
    ...environmentsRoutes(c),
    ...appsRoutes(c),
    ...flowsRoutes(c),
    ...packagesRoutes(c),
  ];

  return {
    name: "powerplatform",
    state,
    operations: ops,
    requests,
    throttle(count, seconds = 1) {
      throttled = count;
      throttleSeconds = seconds;
    },
    register(router: Router, c: EmulatorCore) {
      core = c;
      for (const [method, pattern, handler] of ROUTES) {
        router.add(method, pattern, async (request, match) => {
          requests.push(`${request.method} ${match.url.pathname}`);
          ops.settle();
          const denied = await authorize(c, request);
          if (denied) return denied;
          if (throttled > 0) {
            throttled--;
            return ppError(429, "TooManyRequests", "Rate limit is exceeded. Try again later.", {
              "retry-after": String(throttleSeconds),
            });
          }
          if (!match.url.searchParams.get("api-version")) {
            return ppError(400, "MissingApiVersionParameter", "The api-version query parameter is required.");
          }
          return await handler(request, match.params, match.url);
        });
      }
    },
  };
}

/** Any token the emulator issued is accepted (its audience is the caller's business); none is a 401. */
async function authorize(core: EmulatorCore, request: Request): Promise<Response | undefined> {
  const m = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "");
  if (m && await core.tokens.verify(m[1])) return undefined;
  return ppError(401, "Unauthorized", "A valid bearer token is required.", {
    "www-authenticate": `Bearer authorization_uri=${core.url}/common/oauth2/authorize`,
  });
}

export { EMULATOR_ENVIRONMENT_ID };
