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
import { EMULATOR_ENVIRONMENT_ID, PowerPlatformState } from "./state.ts";
import { appView, bapEnvironment, flowView, ppEnvironment, runView } from "./views.ts";
import { badBody, json, notFound, page, ppError, readObject } from "./wire.ts";

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
  readonly state: PowerPlatformState;
  readonly operations: OperationBook;
  /** Answers the next `count` admin requests with 429 and this Retry-After. */
  throttle(count: number, retryAfterSeconds?: number): void;
  /** Admin requests served so far (method and path), for tests. */
  readonly requests: string[];
}

type Handler = (request: Request, params: Record<string, string>, url: URL) => Response | Promise<Response>;

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

  /** The route table: method, URLPattern pathname, handler. */
  const ROUTES: [string, string, Handler][] = [
    // BAP admin API
    [
      "GET",
      BAP,
      (_r, _p, u) =>
        json(page([...state.environments.values()].map((e) => bapEnvironment(e, base())), u, pageSize)),
    ],
    ["GET", `${BAP}/:environmentId`, withEnv((e) => json(bapEnvironment(e, base())))],
    // Power Platform API: environments
    [
      "GET",
      `${EM}/environments`,
      (_r, _p, u) =>
        json(page([...state.environments.values()].map((e) => ppEnvironment(e, base())), u, pageSize)),
    ],
    ["GET", `${EM}/environments/:environmentId`, withEnv((e) => json(ppEnvironment(e, base())))],
    ["POST", `${EM}/provisioning/environments`, async (r) => {
      const body = await readObject(r);
      if (!body) return badBody();
      if (typeof body.displayName !== "string" || !body.displayName) {
        return ppError(400, "ValidationError", "displayName is required.");
      }
      const id = crypto.randomUUID();
      const linked = body.linkedEnvironmentMetadata as Record<string, unknown> | undefined;
      const domain = typeof linked?.domainName === "string" ? linked.domainName : undefined;
      return envOp("Create", id, () =>
        state.environments.set(id, {
          id,
          displayName: body.displayName as string,
          type: String(body.environmentSku ?? "Sandbox"),
          region: String(body.location ?? "unitedstates"),
          url: domain ? `https://${domain}.crm.dynamics.com` : undefined,
          domainName: domain,
          uniqueName: domain ? `unq${id.replaceAll("-", "")}` : undefined,
          state: "Ready",
          managed: false,
          createdTime: new Date(now()).toISOString(),
        }));
    }],
    [
      "DELETE",
      `${EM}/environments/:environmentId`,
      withEnv((e) => {
        if (e.self) {
          return ppError(400, "ValidationError", "The emulator's own environment cannot be deleted.");
        }
        return envOp("Delete", e.id, () => state.environments.delete(e.id));
      }),
    ],
    [
      "POST",
      `${EM}/environments/:environmentId/copy`,
      withEnv(async (e, r, _p, u) => {
        const body = await readObject(r);
        if (!body) return badBody();
        if (!body.sourceEnvironmentId || !env(String(body.sourceEnvironmentId))) {
          return ppError(400, "ValidationError", "sourceEnvironmentId must name an existing environment.");
        }
        if (!["MinimalCopy", "FullCopy"].includes(String(body.copyType))) {
          return ppError(400, "ValidationError", "copyType must be MinimalCopy or FullCopy.");
        }
        if (validateOnly(u)) return json({ validationResult: "Valid" });
        return envOp("Copy", e.id);
      }),
    ],
    ["POST", `${EM}/environments/:environmentId/reset`, withEnv((e) => envOp("Reset", e.id))],
    [
      "POST",
      `${EM}/environments/:environmentId/backups`,
      withEnv(async (e, r) => {
        const body = await readObject(r);
        if (!body) return badBody();
        if (typeof body.label !== "string" || !body.label) {
          return ppError(400, "ValidationError", "label is required.");
        }
        const id = crypto.randomUUID();
        const t = now();
        return envOp("Backup", e.id, () =>
          state.backups.push({
            id,
            environmentId: e.id,
            label: body.label as string,
            backupPointDateTime: new Date(t).toISOString(),
            backupExpiryDateTime: new Date(t + 7 * 86_400_000).toISOString(),
          }));
      }),
    ],
    [
      "GET",
      `${EM}/environments/:environmentId/backups`,
      withEnv((e, _r, _p, u) =>
        json(
          page(
            state.backups.filter((b) => b.environmentId === e.id),
            u,
            pageSize,
            "collection",
            "continuationToken",
          ),
        )
      ),
    ],
    [
      "POST",
      `${EM}/environments/:environmentId/Restore`,
      withEnv(async (e, r, _p, u) => {
        const body = await readObject(r);
        if (!body) return badBody();
        if (!body.sourceEnvironmentId || !body.restorePointDateTime) {
          return ppError(
            400,
            "ValidationError",
            "sourceEnvironmentId and restorePointDateTime are required.",
          );
        }
        if (validateOnly(u)) return json({ validationResult: "Valid" });
        return envOp("Restore", e.id);
      }),
    ],
    [
      "POST",
      `${EM}/environments/:environmentId/governanceSetting/enableManaged`,
      withEnv((e) => envOp("EnableManaged", e.id, () => (e.managed = true))),
    ],
    [
      "POST",
      `${EM}/environments/:environmentId/governanceSetting/disableManaged`,
      withEnv((e) => envOp("DisableManaged", e.id, () => (e.managed = false))),
    ],
    [
      "GET",
      `${EM}/environments/:environmentId/operations`,
      withEnv((e, _r, _p, u) =>
        json(
          page(
            ops.forEnvironment(e.id).map((o) => ops.view(o)),
            u,
            pageSize,
            "collection",
            "continuationToken",
          ),
        )
      ),
    ],
    ["GET", `${EM}/operations/:operationId`, (_r, p) => {
      const op = ops.get(p.operationId);
      if (!op) return notFound(`Operation '${p.operationId}'`);
      const view = ops.view(op);
      return json(view, 200, view.status === "Running" ? { "retry-after": retryAfter } : {});
    }],
    // Environment groups
    ["GET", `${EM}/environmentGroups`, (_r, _p, u) => json(page([...state.groups.values()], u, pageSize))],
    ["POST", `${EM}/environmentGroups`, async (r) => {
      const body = await readObject(r);
      if (!body) return badBody();
      if (typeof body.displayName !== "string" || !body.displayName) {
        return ppError(400, "ValidationError", "displayName is required.");
      }
      const g = {
        id: crypto.randomUUID(),
        displayName: body.displayName,
        description: typeof body.description === "string" ? body.description : undefined,
        parentGroupId: typeof body.parentGroupId === "string" ? body.parentGroupId : undefined,
        createdTime: new Date(now()).toISOString(),
      };
      state.groups.set(g.id, g);
      return json(g, 201);
    }],
    ["GET", `${EM}/environmentGroups/:groupId`, (_r, p) => {
      const g = state.groups.get(p.groupId);
      return g ? json(g) : notFound(`Environment group '${p.groupId}'`);
    }],
    ["PATCH", `${EM}/environmentGroups/:groupId`, async (r, p) => {
      const g = state.groups.get(p.groupId);
      if (!g) return notFound(`Environment group '${p.groupId}'`);
      const body = await readObject(r);
      if (!body) return badBody();
      for (const k of ["displayName", "description", "parentGroupId"] as const) {
        if (typeof body[k] === "string") g[k] = body[k] as string;
      }
      return json(g);
    }],
    [
      "DELETE",
      `${EM}/environmentGroups/:groupId`,
      (_r, p) =>
        state.groups.delete(p.groupId)
          ? new Response(null, { status: 204 })
          : notFound(`Environment group '${p.groupId}'`),
    ],
    ["POST", `${EM}/environmentGroups/:groupId/:verb/:environmentId`, (_r, p) => {
      const g = state.groups.get(p.groupId);
      const e = env(p.environmentId);
      if (!g) return notFound(`Environment group '${p.groupId}'`);
      if (!e) return notFound(`Environment '${p.environmentId}'`);
      if (p.verb !== "addEnvironment" && p.verb !== "removeEnvironment") {
        return notFound(`Action '${p.verb}'`);
      }
      const op = ops.start(p.verb, e.id, () => (e.groupId = p.verb === "addEnvironment" ? g.id : undefined));
      return accepted(
        op,
        `${base()}/environmentmanagement/operations/${op.operationId}?api-version=2022-03-01-preview`,
      );
    }],
    // Power Platform API: apps and flows
    [
      "GET",
      "/powerapps/environments/:environmentId/apps",
      withEnv((e, _r, _p, u) =>
        json(page([...state.apps.values()].filter((a) => a.environmentId === e.id).map(appView), u, pageSize))
      ),
    ],
    ["GET", "/powerapps/environments/:environmentId/apps/:appId", (_r, p) => {
      const a = app(p);
      return a ? json(appView(a)) : notFound(`App '${p.appId}'`);
    }],
    [
      "GET",
      "/powerautomate/environments/:environmentId/cloudFlows",
      withEnv((e, r, _p, u) => {
        // Pages by the x-ms-continuation-token header, as the earlier CLI's reference described.
        let flows = [...state.flows.values()].filter((f) => f.environmentId === e.id);
        const wid = u.searchParams.get("workflowId");
        if (wid) flows = flows.filter((f) => f.id === wid);
        const start = Number(r.headers.get("x-ms-continuation-token") ?? "0") || 0;
        const slice = flows.slice(start, start + pageSize);
        const headers: Record<string, string> = start + pageSize < flows.length
          ? { "x-ms-continuation-token": String(start + pageSize) }
          : {};
        return json({ value: slice.map(flowView) }, 200, headers);
      }),
    ],
    ["GET", "/powerautomate/environments/:environmentId/cloudFlows/:flowId", (_r, p) => {
      const f = flow(p);
      return f ? json(flowView(f)) : notFound(`Cloud flow '${p.flowId}'`);
    }],
    // PowerApps admin API
    ["GET", "/providers/Microsoft.PowerApps/apps/:appId/versions", (_r, p, u) => {
      const a = app(p);
      if (!a) return notFound(`App '${p.appId}'`);
      return json(
        page(
          a.versions.map((v) => ({
            name: v.id,
            properties: { createdTime: v.createdTime, description: v.description },
          })),
          u,
          pageSize,
        ),
      );
    }],
    ["POST", "/providers/Microsoft.PowerApps/apps/:appId/restore", async (r, p) => {
      const a = app(p);
      if (!a) return notFound(`App '${p.appId}'`);
      const body = await readObject(r);
      if (!body) return badBody();
      if (!a.versions.some((v) => v.id === body.restoreVersionId)) {
        return ppError(400, "InvalidVersion", `No version '${body.restoreVersionId}'.`);
      }
      a.lastModifiedTime = new Date(now()).toISOString();
      return json(appView(a));
    }],
    ["POST", `${ADMIN_APPS}/publish`, async (r, p) => {
      const a = app(p);
      if (!a) return notFound(`App '${p.appId}'`);
      const body = await readObject(r);
      a.publishedVersion = typeof body?.versionId === "string" ? body.versionId : a.versions.at(-1)?.id;
      return json(appView(a));
    }],
    ["GET", `${ADMIN_APPS}/permissions`, (_r, p, u) => {
      const a = app(p);
      if (!a) return notFound(`App '${p.appId}'`);
      return json(
        page(
          a.permissions.map((x) => ({
            name: x.id,
            properties: { principal: x.principal, roleName: x.roleName },
          })),
          u,
          pageSize,
        ),
      );
    }],
    ["POST", `${ADMIN_APPS}/modifyPermissions`, async (r, p) => {
      const a = app(p);
      if (!a) return notFound(`App '${p.appId}'`);
      const body = await readObject(r);
      if (!body || (!Array.isArray(body.put) && !Array.isArray(body.delete))) {
        return ppError(400, "InvalidRequestBody", "Expected { put: [...] } or { delete: [...] }.");
      }
      for (
        const item of (body.put ?? []) as {
          properties?: { principal?: { id: string; type: string }; roleName?: string };
        }[]
      ) {
        const principal = item.properties?.principal;
        if (!principal?.id) {
          return ppError(400, "InvalidPrincipal", "Each put entry needs properties.principal.id.");
        }
        a.permissions.push({
          id: crypto.randomUUID(),
          principal,
          roleName: item.properties?.roleName ?? "CanView",
        });
      }
      for (const item of (body.delete ?? []) as { id?: string }[]) {
        const i = a.permissions.findIndex((x) => x.id === item.id);
        if (i < 0) return ppError(404, "NotFound", `No role assignment '${item.id}'.`);
        a.permissions.splice(i, 1);
      }
      return json({});
    }],
    ["POST", `${ADMIN_APPS}/modifyAppOwner`, async (r, p) => {
      const a = app(p);
      if (!a) return notFound(`App '${p.appId}'`);
      const body = await readObject(r);
      if (!body || typeof body.newAppOwner !== "string") {
        return ppError(400, "InvalidRequestBody", "newAppOwner is required.");
      }
      a.owner = { id: body.newAppOwner, displayName: body.newAppOwner };
      return json(appView(a));
    }],
    // Flow admin API
    [
      "POST",
      "/providers/Microsoft.ProcessSimple/scopes/admin/environments/:environmentId/flows/:flowId/:action",
      (_r, p) => {
        const f = flow(p);
        if (!f) return notFound(`Cloud flow '${p.flowId}'`);
        if (p.action !== "start" && p.action !== "stop") return notFound(`Action '${p.action}'`);
        f.state = p.action === "start" ? "Started" : "Stopped";
        return json({});
      },
    ],
    [
      "DELETE",
      "/providers/Microsoft.ProcessSimple/scopes/admin/environments/:environmentId/flows/:flowId",
      (_r, p) => {
        const f = flow(p);
        if (!f) return notFound(`Cloud flow '${p.flowId}'`);
        state.flows.delete(f.id);
        return new Response(null, { status: 200 });
      },
    ],
    ["POST", `${FLOWS}/triggers/:triggerName/run`, (_r, p) => {
      const f = flow(p);
      if (!f) return notFound(`Cloud flow '${p.flowId}'`);
      if (f.state !== "Started") return ppError(400, "WorkflowNotEnabled", "The flow is turned off.");
      const run = {
        name: `08585${crypto.randomUUID().replaceAll("-", "").slice(0, 24)}CU00`,
        status: "Running",
        startTime: new Date(now()).toISOString(),
        trigger: p.triggerName,
        actions: [],
      };
      f.runs.unshift(run);
      return json(runView(f, run), 202, { "x-ms-workflow-run-id": run.name });
    }],
    ["GET", `${FLOWS}/runs`, (_r, p, u) => {
      const f = flow(p);
      if (!f) return notFound(`Cloud flow '${p.flowId}'`);
      const filter = /status eq '(\w+)'/i.exec(u.searchParams.get("$filter") ?? "")?.[1];
      const runs = f.runs.filter((r) => !filter || r.status.toLowerCase() === filter.toLowerCase());
      return json(page(runs.map((r) => runView(f, r)), u, pageSize));
    }],
    ["GET", `${FLOWS}/runs/:runName`, (_r, p) => {
      const f = flow(p);
      const run = f?.runs.find((r) => r.name === p.runName);
      return f && run ? json(runView(f, run)) : notFound(`Run '${p.runName}'`);
    }],
    ["POST", `${FLOWS}/runs/:runName/cancel`, (_r, p) => {
      const f = flow(p);
      const run = f?.runs.find((r) => r.name === p.runName);
      if (!f || !run) return notFound(`Run '${p.runName}'`);
      if (run.status !== "Running") {
        return ppError(409, "RunNotRunning", `The run is ${run.status}; only running runs can be cancelled.`);
      }
      run.status = "Cancelled";
      run.endTime = new Date(now()).toISOString();
      return json({});
    }],
    ["GET", `${FLOWS}/runs/:runName/actions`, (_r, p, u) => {
      const f = flow(p);
      const run = f?.runs.find((r) => r.name === p.runName);
      if (!f || !run) return notFound(`Run '${p.runName}'`);
      return json(page(
        run.actions.map((a) => ({
          name: a.name,
          properties: { status: a.status, ...(a.code ? { code: a.code, error: { message: a.error } } : {}) },
        })),
        u,
        pageSize,
      ));
    }],
    // Application packages
    [
      "GET",
      "/appmanagement/applicationPackages",
      (_r, _p, u) =>
        json(
          page(
            state.packages.map((k) => ({
              uniqueName: k.uniqueName,
              localizedName: k.localizedName,
              version: k.version,
            })),
            u,
            pageSize,
          ),
        ),
    ],
    [
      "GET",
      "/appmanagement/environments/:environmentId/applicationPackages",
      withEnv((e, _r, _p, u) => {
        const want = u.searchParams.get("appInstallState")?.toLowerCase();
        const items = state.packages
          .map((k) => ({
            uniqueName: k.uniqueName,
            localizedName: k.localizedName,
            version: k.version,
            state: k.installed.has(e.id) ? "Installed" : "None",
          }))
          .filter((k) => !want || want === "all" || (want === "installed") === (k.state === "Installed"));
        return json(page(items, u, pageSize));
      }),
    ],
    [
      "POST",
      "/appmanagement/environments/:environmentId/applicationPackages/:uniqueName/install",
      withEnv((e, _r, p) => {
        const k = state.packages.find((x) => x.uniqueName === p.uniqueName);
        if (!k) return notFound(`Application package '${p.uniqueName}'`);
        const op = ops.start("Install", e.id, () => k.installed.add(e.id));
        return accepted(
          op,
          `${base()}/appmanagement/environments/${e.id}/operations/${op.operationId}?api-version=2022-03-01-preview`,
        );
      }),
    ],
    ["GET", "/appmanagement/environments/:environmentId/operations/:operationId", (_r, p) => {
      const op = ops.get(p.operationId);
      if (!op) return notFound(`Operation '${p.operationId}'`);
      const view = ops.view(op);
      return json({
        id: op.operationId,
        ...view,
        status: view.status,
        ...(view.errorDetail ? { error: view.errorDetail } : {}),
      });
    }],
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
