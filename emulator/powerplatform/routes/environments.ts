/**
 * Emulated routes: BAP admin API environments, Power Platform API environment lifecycle, operations and groups.
 *
 * @module
 */

import type { Route, RouteContext } from "./context.ts";
import { badBody, json, notFound, page, ppError, readObject } from "../wire.ts";
import { bapEnvironment, ppEnvironment } from "../views.ts";

/** The routes. */
export function environmentsRoutes(c: RouteContext): Route[] {
  const {
    state,
    ops,
    base,
    now,
    pageSize,
    env,
    withEnv,
    envOp,
    accepted,
    validateOnly,
    BAP,
    EM,
    retryAfter,
  } = c;
  return [
    [
      "GET",
      BAP,
      (_r, _p, u) =>
        json(page([...state.environments.values()].map((e) => bapEnvironment(e, base())), u, pageSize)),
    ],
    ["GET", `${BAP}/:environmentId`, withEnv((e) => json(bapEnvironment(e, base())))],
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
  ];
}
