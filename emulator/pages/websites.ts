/**
 * The Power Pages admin API of the Power Platform API (`/powerpages/environments/{env}/websites/...`) in
 * the emulator: sites per environment, start / stop and the deep scan as long-running operations
 * (202 + Operation-Location, finishing on the admin emulator's clock), the quick scan, the security
 * score and report, the web application firewall and site visibility. It shares the token check and
 * operation book of the Power Platform admin service.
 *
 * @module
 */

import type { Router } from "../router.ts";
import type { EmulatorCore, EmulatorService } from "../server.ts";
import type { PowerPlatformEmulator } from "../powerplatform/service.ts";
import { EMULATOR_ENVIRONMENT_ID } from "../powerplatform/state.ts";
import { json, notFound, ppError, readObject } from "../powerplatform/wire.ts";

/** One emulated site. */
export interface EmulatedWebsite {
  id: string;
  name: string;
  environmentId: string;
  websiteUrl: string;
  dataModel: "Standard" | "Enhanced";
  status: "Running" | "Stopped";
  siteVisibility: "Public" | "Private";
  wafEnabled: boolean;
  wafRules: unknown;
  lastDeepScan?: { score: number; completedOn: string };
}

/** The service plus its sites, for tests. */
export interface PagesAdminEmulator extends EmulatorService {
  readonly websites: Map<string, EmulatedWebsite>;
}

/** Adds the Power Pages admin routes to an emulated tenant; seeds one site in the emulator's environment. */
export function pagesAdminService(pp: PowerPlatformEmulator): PagesAdminEmulator {
  const websites = new Map<string, EmulatedWebsite>();
  const seed: EmulatedWebsite = {
    id: "5a7e1d2c-3333-4b4c-8d00-000000000003",
    name: "Contoso Portal",
    environmentId: EMULATOR_ENVIRONMENT_ID,
    websiteUrl: "https://contoso.powerappsportals.com",
    dataModel: "Enhanced",
    status: "Running",
    siteVisibility: "Private",
    wafEnabled: false,
    wafRules: { ManagedRules: [], CustomRules: [] },
  };
  websites.set(seed.id, seed);

  return {
    name: "powerpages-admin",
    websites,
    register(router: Router, core: EmulatorCore) {
      const ops = pp.operations;
      const view = (w: EmulatedWebsite) => ({
        id: w.id,
        name: w.name,
        environmentId: w.environmentId,
        websiteUrl: w.websiteUrl,
        dataModel: w.dataModel,
        status: w.status,
        siteVisibility: w.siteVisibility,
      });
      const accepted = (name: string, w: EmulatedWebsite, effect: () => void) => {
        const op = ops.start(name, w.environmentId, effect);
        return json({ operationId: op.operationId, status: "Running" }, 202, {
          "operation-location":
            `${core.url}/powerpages/environments/${w.environmentId}/operations/${op.operationId}?api-version=2022-03-01-preview`,
          "retry-after": "0",
        });
      };
      type H = (w: EmulatedWebsite, r: Request, u: URL) => Response | Promise<Response>;
      const routes: [string, string, H][] = [
        ["GET", "", (w) => json(view(w))],
        ["POST", "/start", (w) => accepted("StartWebsite", w, () => void (w.status = "Running"))],
        ["POST", "/stop", (w) => accepted("StopWebsite", w, () => void (w.status = "Stopped"))],
        ["POST", "/scan/quick/execute", (_w, _r, u) =>
          json({
            lcid: Number(u.searchParams.get("lcid") ?? 1033),
            issues: [{ category: "Security", rule: "HttpsOnly", result: "Passed" }],
          })],
        ["POST", "/scan/deep/start", (w) =>
          accepted("DeepScan", w, () => {
            w.lastDeepScan = { score: 87, completedOn: new Date(core.now()).toISOString() };
          })],
        [
          "GET",
          "/scan/deep/getSecurityScore",
          (w) =>
            w.lastDeepScan
              ? json({ totalScore: w.lastDeepScan.score, completedOn: w.lastDeepScan.completedOn })
              : notFound(`A completed deep scan of website '${w.id}'`),
        ],
        [
          "GET",
          "/scan/deep/getLatestCompletedReport",
          (w) =>
            w.lastDeepScan
              ? json({ completedOn: w.lastDeepScan.completedOn, score: w.lastDeepScan.score, findings: [] })
              : notFound(`A completed deep scan of website '${w.id}'`),
        ],
        ["POST", "/enableWaf", (w) => accepted("EnableWaf", w, () => void (w.wafEnabled = true))],
        ["POST", "/disableWaf", (w) => accepted("DisableWaf", w, () => void (w.wafEnabled = false))],
        ["GET", "/getWafStatus", (w) => json({ status: w.wafEnabled ? "Enabled" : "Disabled" })],
        ["GET", "/getWafRules", (w) => json(w.wafRules)],
        ["PUT", "/createWafRules", async (w, r) => {
          const body = await readObject(r);
          if (!body) return ppError(400, "InvalidRequestBody", "The request body must be a JSON object.");
          w.wafRules = body;
          return json(body);
        }],
        ["PATCH", "/siteVisibility", async (w, r) => {
          const body = await readObject(r);
          const v = String(body?.siteVisibility ?? "");
          if (v !== "Public" && v !== "Private") {
            return ppError(400, "ValidationError", "siteVisibility must be Public or Private.");
          }
          w.siteVisibility = v;
          return json(view(w));
        }],
      ];
      const guard = async (request: Request, url: URL): Promise<Response | undefined> => {
        const m = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "");
        if (!m || !(await core.tokens.verify(m[1]))) {
          return ppError(401, "Unauthorized", "A valid bearer token is required.");
        }
        if (!url.searchParams.get("api-version")) {
          return ppError(400, "MissingApiVersionParameter", "The api-version query parameter is required.");
        }
        return undefined;
      };
      const BASE = "/powerpages/environments/:environmentId/websites";
      router.add("GET", BASE, async (request, match) => {
        const denied = await guard(request, match.url);
        if (denied) return denied;
        const value = [...websites.values()].filter((w) => w.environmentId === match.params.environmentId)
          .map(view);
        return json({ value });
      });
      router.add(
        "GET",
        "/powerpages/environments/:environmentId/operations/:operationId",
        async (request, match) => {
          const denied = await guard(request, match.url);
          if (denied) return denied;
          const op = ops.get(match.params.operationId);
          return op
            ? json({ id: op.operationId, ...ops.view(op) })
            : notFound(`Operation '${match.params.operationId}'`);
        },
      );
      for (const [method, suffix, handler] of routes) {
        router.add(method, `${BASE}/:websiteId${suffix}`, async (request, match) => {
          const denied = await guard(request, match.url);
          if (denied) return denied;
          const w = websites.get(match.params.websiteId.toLowerCase());
          if (!w || w.environmentId !== match.params.environmentId) {
            return notFound(`Website '${match.params.websiteId}'`);
          }
          return await handler(w, request, match.url);
        });
      }
    },
  };
}
