/**
 * Emulated routes: Power Platform API apps (list, get) and the PowerApps admin API (versions, restore, publish, permissions, owner).
 *
 * @module
 */

import type { Route, RouteContext } from "./context.ts";
import { badBody, json, notFound, page, ppError, readObject } from "../wire.ts";
import { appView } from "../views.ts";

/** The routes. */
export function appsRoutes(c: RouteContext): Route[] {
  const { state, now, pageSize, withEnv, app, ADMIN_APPS } = c;
  return [
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
  ];
}
