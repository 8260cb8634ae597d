/**
 * Emulated routes: Power Platform API application packages (list, install, install status).
 *
 * @module
 */

import type { Route, RouteContext } from "./context.ts";
import { json, notFound, page } from "../wire.ts";

/** The routes. */
export function packagesRoutes(c: RouteContext): Route[] {
  const { state, ops, base, pageSize, withEnv, accepted } = c;
  return [
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
}
