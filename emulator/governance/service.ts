/**
 * The emulated governance admin APIs: DLP policies (BAP `PowerPlatform.Governance/v2/policies`), the
 * connector catalog and custom connectors (PowerApps API), tenant settings (BAP) and feature controls,
 * and on the Power Platform API `authorization/`, `usermanagement/`, `licensing/`,
 * `analytics/advisorRecommendations`, `governance/` and `copilotstudio/`. Its route table (ROUTES)
 * mirrors ppx's catalog without importing it. Long-running calls answer 202 with Operation-Location;
 * lists page with `nextLink` (`$top`, `$skiptoken`); `forbid(prefix)` answers 403 for a path prefix.
 *
 * Given the part-1 service, it adds apps and flows to more environments, so the CoE inventory has
 * several environments with apps, flows, connectors and bots.
 *
 * @module
 */

import type { Router } from "../router.ts";
import type { EmulatorCore, EmulatorService } from "../server.ts";
import { OperationBook } from "../powerplatform/operations.ts";
import type { PowerPlatformEmulator } from "../powerplatform/service.ts";
import { badBody, json, notFound, page, ppError, readObject } from "../powerplatform/wire.ts";
import { CONNECTORS, GovernanceState, type Json, MAKERS, SEED_ENVIRONMENTS } from "./state.ts";

/** How to build the service. */
export interface GovernanceServiceOptions {
  /** The part-1 service, whose environments, apps and flows this one reads (and seeds further). */
  powerPlatform?: PowerPlatformEmulator;
  /** How long a long-running operation runs, in ms (default 1500). */
  operationDelayMs?: number;
  /** Items per page when the client names no size (default 2). */
  pageSize?: number;
  /** Retry-After seconds on 202 answers (default 1). */
  retryAfterSeconds?: number;
}

/** The service plus its control API. */
export interface GovernanceEmulator extends EmulatorService {
  readonly state: GovernanceState;
  readonly operations: OperationBook;
  /** Answers requests whose path starts with `prefix` with 403 (for permission tests). */
  forbid(prefix: string): void;
  /** Requests served (method and path), for tests. */
  readonly requests: string[];
}

type Handler = (request: Request, params: Record<string, string>, url: URL) => Response | Promise<Response>;

const BAP = "/providers/Microsoft.BusinessAppPlatform";
const DLP = "/providers/PowerPlatform.Governance/v2/policies";
const BOTS = "/copilotstudio/environments/:environmentId/bots";

/** Builds the service. */
export function governanceService(options: GovernanceServiceOptions = {}): GovernanceEmulator {
  let core: EmulatorCore | undefined;
  const now = () => core?.now() ?? Date.now();
  const state = GovernanceState.seeded(Date.now());
  const ops = new OperationBook(now, options.operationDelayMs ?? 1500);
  const pageSize = options.pageSize ?? 2;
  const forbidden: string[] = [];
  const requests: string[] = [];
  const pp = options.powerPlatform;
  if (pp) seedInventory(pp);

  const envIds = () => pp ? [...pp.state.environments.keys()] : SEED_ENVIRONMENTS;
  const knownEnv = (id: string) => envIds().some((e) => e.toLowerCase() === id.toLowerCase());
  const accepted = (name: string, area: string, effect?: () => void, env?: string) => {
    const op = ops.start(name, env, effect);
    return json({ operationId: op.operationId, status: "Running" }, 202, {
      "operation-location": `${
        core!.url
      }/${area}/operations/${op.operationId}?api-version=2022-03-01-preview`,
      "retry-after": String(options.retryAfterSeconds ?? 1),
    });
  };
  const operation: Handler = (_r, p) => {
    const op = ops.get(p.operationId);
    return op ? json({ id: op.operationId, ...ops.view(op) }) : notFound(`Operation '${p.operationId}'`);
  };
  const withBody = (
    h: (body: Json, r: Request, p: Record<string, string>, u: URL) => Response | Promise<Response>,
  ): Handler =>
  async (r, p, u) => {
    const body = await readObject(r);
    return body ? h(body, r, p, u) : badBody();
  };
  const crud = (
    store: Map<string, Json>,
    idParam: string,
    what: string,
    validate: (b: Json) => string | undefined,
    method: "PATCH" | "PUT",
  ): [string, string, Handler][] => [
    ["GET", "", (_r, _p, u) => json(page([...store.values()], u, pageSize))],
    [
      "POST",
      "",
      withBody((b) => {
        const bad = validate(b);
        if (bad) return ppError(400, "ValidationError", bad);
        const id = crypto.randomUUID();
        const item = { id, ...b, createdOn: new Date(now()).toISOString() };
        store.set(id, item);
        return json(item, 201);
      }),
    ],
    [
      "GET",
      `/:${idParam}`,
      (_r, p) => store.has(p[idParam]) ? json(store.get(p[idParam])) : notFound(`${what} '${p[idParam]}'`),
    ],
    [
      method,
      `/:${idParam}`,
      withBody((b, _r, p) => {
        const item = store.get(p[idParam]);
        if (!item) return notFound(`${what} '${p[idParam]}'`);
        Object.assign(item, b, { lastModifiedOn: new Date(now()).toISOString() });
        return json(item);
      }),
    ],
    [
      "DELETE",
      `/:${idParam}`,
      (_r, p) =>
        store.delete(p[idParam]) ? new Response(null, { status: 204 }) : notFound(`${what} '${p[idParam]}'`),
    ],
  ];
  const under = (prefix: string, routes: [string, string, Handler][]) =>
    routes.map(([m, path, h]) => [m, `${prefix}${path}`, h] as [string, string, Handler]);
  const bot = (p: Record<string, string>) => {
    const b = state.bots.get(p.botId);
    return b && b.environmentId.toLowerCase() === p.environmentId.toLowerCase() ? b : undefined;
  };
  const withBot = (
    h: (
      b: NonNullable<ReturnType<typeof bot>>,
      r: Request,
      p: Record<string, string>,
    ) => Response | Promise<Response>,
  ): Handler =>
  (r, p) => {
    const b = bot(p);
    return b ? h(b, r, p) : notFound(`Bot '${p.botId}'`);
  };
  const botView = (b: NonNullable<ReturnType<typeof bot>>) => ({
    id: b.id,
    name: b.id,
    displayName: b.displayName,
    environmentId: b.environmentId,
    owner: b.owner,
    lastModifiedTime: b.lastModifiedTime,
    state: b.state,
    isQuarantined: b.quarantined,
  });
  const validDlp = (b: Json, full: boolean): string | undefined => {
    if (full && (typeof b.displayName !== "string" || !b.displayName)) return "displayName is required.";
    if (
      full &&
      !["AllEnvironments", "ExceptEnvironments", "OnlyEnvironments"].includes(String(b.environmentType))
    ) {
      return "environmentType must be AllEnvironments, ExceptEnvironments or OnlyEnvironments.";
    }
    if (b.connectorGroups !== undefined) {
      if (!Array.isArray(b.connectorGroups)) return "connectorGroups must be an array.";
      for (const g of b.connectorGroups as Json[]) {
        if (!["Confidential", "General", "Blocked"].includes(String(g?.classification))) {
          return "Each connector group's classification must be Confidential, General or Blocked.";
        }
        if (!Array.isArray(g.connectors)) {
          return "Each connector group needs a connectors array ([] for none).";
        }
      }
    }
    return undefined;
  };

  /** The route table: method, URLPattern pathname, handler. */
  const ROUTES: [string, string, Handler][] = [
    // DLP policies (BAP V2)
    ["GET", DLP, (_r, _p, u) => json(page([...state.dlpPolicies.values()], u, pageSize))],
    [
      "POST",
      DLP,
      withBody((b) => {
        const bad = validDlp(b, true);
        if (bad) return ppError(400, "InvalidPolicy", bad);
        const name = crypto.randomUUID();
        const t = new Date(now()).toISOString();
        const policy = {
          connectorGroups: [
            { classification: "Confidential", connectors: [] },
            { classification: "General", connectors: [] },
            { classification: "Blocked", connectors: [] },
          ],
          environments: [],
          defaultConnectorsClassification: "General",
          ...b,
          name,
          createdTime: t,
          lastModifiedTime: t,
        };
        state.dlpPolicies.set(name, policy);
        return json(policy, 201);
      }),
    ],
    [
      "GET",
      `${DLP}/:policyName`,
      (_r, p) =>
        state.dlpPolicies.has(p.policyName)
          ? json(state.dlpPolicies.get(p.policyName))
          : notFound(`Policy '${p.policyName}'`),
    ],
    [
      "PATCH",
      `${DLP}/:policyName`,
      withBody((b, _r, p) => {
        const policy = state.dlpPolicies.get(p.policyName);
        if (!policy) return notFound(`Policy '${p.policyName}'`);
        const bad = validDlp(b, false);
        if (bad) return ppError(400, "InvalidPolicy", bad);
        Object.assign(policy, b, { name: p.policyName, lastModifiedTime: new Date(now()).toISOString() });
        return json(policy);
      }),
    ],
    [
      "DELETE",
      `${DLP}/:policyName`,
      (_r, p) =>
        state.dlpPolicies.delete(p.policyName)
          ? new Response(null, { status: 204 })
          : notFound(`Policy '${p.policyName}'`),
    ],
    // Connectors (PowerApps API): the catalog, and custom connectors as admin
    ["GET", "/providers/Microsoft.PowerApps/apis", (_r, _p, u) =>
      json(page(
        CONNECTORS.map((c) => ({
          name: c.name,
          id: c.id,
          properties: { displayName: c.displayName, isCustomApi: false },
        })),
        u,
        100,
      ))],
    ["GET", "/providers/Microsoft.PowerApps/scopes/admin/environments/:environmentId/apis", (_r, p, u) => {
      if (!knownEnv(p.environmentId)) return notFound(`Environment '${p.environmentId}'`);
      return json(
        page(state.customConnectors.filter((c) => c.environmentId === p.environmentId), u, pageSize),
      );
    }],
    // Tenant settings (BAP) and feature controls
    ["POST", `${BAP}/listtenantsettings`, () => json(state.tenantSettings)],
    [
      "POST",
      `${BAP}/updatetenantsettings`,
      withBody((b) => {
        state.tenantSettings = deepMerge(state.tenantSettings, b);
        return json(state.tenantSettings);
      }),
    ],
    [
      "POST",
      "/tenantsettings/requestAccess",
      withBody((b) =>
        typeof b.justification === "string" && b.justification
          ? json({ status: "Submitted" }, 202)
          : ppError(400, "ValidationError", "justification is required.")
      ),
    ],
    [
      "GET",
      "/tenantsettings/featureControl",
      (_r, _p, u) => json(page([...state.features.values()], u, pageSize)),
    ],
    [
      "GET",
      "/tenantsettings/featureControl/:featureName",
      (_r, p) =>
        state.features.has(p.featureName)
          ? json(state.features.get(p.featureName))
          : notFound(`Feature '${p.featureName}'`),
    ],
    [
      "PATCH",
      "/tenantsettings/featureControl/:featureName",
      withBody((b, _r, p) => {
        const f = state.features.get(p.featureName);
        if (!f) return notFound(`Feature '${p.featureName}'`);
        Object.assign(f, b, { name: p.featureName });
        return json(f);
      }),
    ],
    [
      "POST",
      "/tenantsettings/featureControl/:featureName/requestAccess",
      withBody((b, _r, p) =>
        !state.features.has(p.featureName)
          ? notFound(`Feature '${p.featureName}'`)
          : typeof b.justification === "string" && b.justification
          ? json({ status: "Submitted" }, 202)
          : ppError(400, "ValidationError", "justification is required.")
      ),
    ],
    // RBAC
    [
      "GET",
      "/authorization/roleDefinitions",
      (_r, _p, u) => json(page([...state.roleDefinitions.values()], u, pageSize)),
    ],
    ...under(
      "/authorization/roleDefinitions",
      crud(
        state.roleDefinitions,
        "roleDefinitionId",
        "Role definition",
        (b) =>
          typeof b.name === "string" && Array.isArray(b.permissions)
            ? undefined
            : "name and permissions are required.",
        "PATCH",
      )
        .filter(([m, path]) => !(m === "GET" && path === "")),
    ),
    ...assignmentRoutes("/authorization/roleAssignments", () => undefined),
    ...assignmentRoutes(
      "/authorization/environments/:environmentId/roleAssignments",
      (p) => knownEnv(p.environmentId) ? `/environments/${p.environmentId}` : null,
    ),
    ...assignmentRoutes(
      "/authorization/environmentGroups/:groupId/roleAssignments",
      (p) => `/environmentGroups/${p.groupId}`,
    ),
    // Users' admin roles
    ["POST", "/usermanagement/environments/:environmentId/user/applyAdminRole", (_r, p) => {
      if (!knownEnv(p.environmentId)) return notFound(`Environment '${p.environmentId}'`);
      return accepted("ApplyAdminRole", "usermanagement", () => {
        const roles = state.adminRoles.get(MAKERS[0].id) ?? [];
        roles.push({
          roleDefinitionId: "system-administrator",
          roleDisplayName: "System Administrator",
          scope: `/environments/${p.environmentId}`,
        });
        state.adminRoles.set(MAKERS[0].id, roles);
      }, p.environmentId);
    }],
    [
      "GET",
      "/usermanagement/users/:userId/adminRoles",
      (_r, p, u) => json(page(state.adminRoles.get(p.userId) ?? [], u, pageSize)),
    ],
    [
      "POST",
      "/usermanagement/users/:userId\\:removeAdminRole",
      withBody((b, _r, p) => {
        if (typeof b.roleDefinitionId !== "string") {
          return ppError(400, "ValidationError", "roleDefinitionId is required.");
        }
        const roles = state.adminRoles.get(p.userId) ?? [];
        if (
          !roles.some((r) => r.roleDefinitionId === b.roleDefinitionId)
        ) {
          return notFound(`Role '${b.roleDefinitionId}' of user '${p.userId}'`);
        }
        return accepted(
          "RemoveAdminRole",
          "usermanagement",
          () =>
            state.adminRoles.set(p.userId, roles.filter((r) => r.roleDefinitionId !== b.roleDefinitionId)),
        );
      }),
    ],
    ["GET", "/usermanagement/operations/:operationId", operation],
    // Licensing
    ...under(
      "/licensing/billingPolicies",
      crud(
        state.billingPolicies as unknown as Map<string, Json>,
        "billingPolicyId",
        "Billing policy",
        (b) =>
          typeof b.name === "string" && typeof b.location === "string" &&
            typeof (b.billingInstrument as Json | undefined)?.subscriptionId === "string"
            ? undefined
            : "name, location and billingInstrument.subscriptionId are required.",
        "PUT",
      )
        .map(([m, path, h]) =>
          [
            m,
            path,
            m === "POST" && path === ""
              ? withBody((b, r, p, u) => {
                const res = h(
                  new Request(r.url, { method: "POST", body: JSON.stringify(b) }),
                  p,
                  u,
                ) as Promise<Response>;
                return res.then(async (x) => {
                  if (x.status !== 201) return x;
                  const item = await x.json();
                  state.billingPolicies.get(item.id)!.environments = [];
                  return json({ ...item, environments: undefined, status: item.status ?? "Enabled" }, 201);
                });
              })
              : h,
          ] as [string, string, Handler]
        ),
    ),
    [
      "POST",
      "/licensing/billingPolicies/:billingPolicyId/refreshProvisioningStatus",
      (_r, p) =>
        state.billingPolicies.has(p.billingPolicyId)
          ? accepted("RefreshProvisioningStatus", "licensing")
          : notFound(`Billing policy '${p.billingPolicyId}'`),
    ],
    ["GET", "/licensing/billingPolicies/:billingPolicyId/environments", (_r, p, u) => {
      const b = state.billingPolicies.get(p.billingPolicyId);
      return b
        ? json(page(b.environments.map((e) => ({ environmentId: e, billingPolicyId: b.id })), u, pageSize))
        : notFound(`Billing policy '${p.billingPolicyId}'`);
    }],
    ["GET", "/licensing/billingPolicies/:billingPolicyId/environments/:environmentId", (_r, p) => {
      const b = state.billingPolicies.get(p.billingPolicyId);
      if (!b) return notFound(`Billing policy '${p.billingPolicyId}'`);
      return b.environments.includes(p.environmentId)
        ? json({ environmentId: p.environmentId, billingPolicyId: b.id })
        : notFound(`Environment '${p.environmentId}' in billing policy '${b.id}'`);
    }],
    [
      "POST",
      "/licensing/billingPolicies/:billingPolicyId/environments/add",
      withBody((body, _r, p) => {
        const b = state.billingPolicies.get(p.billingPolicyId);
        if (!b) return notFound(`Billing policy '${p.billingPolicyId}'`);
        const ids = body.environmentIds;
        if (!Array.isArray(ids) || ids.length === 0) {
          return ppError(400, "ValidationError", "environmentIds must be a non-empty array.");
        }
        const unknown = ids.find((i) => !knownEnv(String(i)));
        if (unknown) return ppError(400, "ValidationError", `Environment '${unknown}' does not exist.`);
        for (const i of ids) if (!b.environments.includes(String(i))) b.environments.push(String(i));
        return json({ environmentIds: b.environments });
      }),
    ],
    [
      "POST",
      "/licensing/billingPolicies/:billingPolicyId/environments/remove",
      withBody((body, _r, p) => {
        const b = state.billingPolicies.get(p.billingPolicyId);
        if (!b) return notFound(`Billing policy '${p.billingPolicyId}'`);
        if (!Array.isArray(body.environmentIds)) {
          return ppError(400, "ValidationError", "environmentIds must be an array.");
        }
        b.environments = b.environments.filter((e) => !(body.environmentIds as unknown[]).includes(e));
        return json({ environmentIds: b.environments });
      }),
    ],
    ["GET", "/licensing/environments/:environmentId/billingPolicy", (_r, p) => {
      const b = [...state.billingPolicies.values()].find((x) => x.environments.includes(p.environmentId));
      return b
        ? json({ ...b, environments: undefined })
        : notFound(`A billing policy for environment '${p.environmentId}'`);
    }],
    [
      "GET",
      "/licensing/environments/:environmentId/allocations",
      (_r, p) =>
        knownEnv(p.environmentId)
          ? json(
            state.allocations.get(p.environmentId) ??
              { environmentId: p.environmentId, currencyAllocations: [] },
          )
          : notFound(`Environment '${p.environmentId}'`),
    ],
    [
      "PATCH",
      "/licensing/environments/:environmentId/allocations",
      withBody((b, _r, p) => {
        if (!knownEnv(p.environmentId)) return notFound(`Environment '${p.environmentId}'`);
        if (!Array.isArray(b.currencyAllocations)) {
          return ppError(400, "ValidationError", "currencyAllocations must be an array.");
        }
        const v = { environmentId: p.environmentId, currencyAllocations: b.currencyAllocations };
        state.allocations.set(p.environmentId, v);
        return json(v);
      }),
    ],
    [
      "GET",
      "/licensing/environments/:environmentId/capacityAllocations",
      (_r, p) =>
        knownEnv(p.environmentId)
          ? json(
            state.capacityAllocations.get(p.environmentId) ??
              { environmentId: p.environmentId, capacityAllocations: [] },
          )
          : notFound(`Environment '${p.environmentId}'`),
    ],
    [
      "PATCH",
      "/licensing/environments/:environmentId/capacityAllocations",
      withBody((b, _r, p) => {
        if (!knownEnv(p.environmentId)) return notFound(`Environment '${p.environmentId}'`);
        const v = { environmentId: p.environmentId, ...b };
        state.capacityAllocations.set(p.environmentId, v);
        return json(v);
      }),
    ],
    [
      "GET",
      "/licensing/currencyReports",
      (_r, _p, u) =>
        json(
          page(
            [{ id: "report-2026-11", currencyType: "PowerAppsPerApp", consumed: 12, allocated: 20 }],
            u,
            pageSize,
          ),
        ),
    ],
    ["GET", "/licensing/storageWarningThresholds", (_r, _p, u) => json(page(thresholds(), u, pageSize))],
    ["GET", "/licensing/storageWarningThresholds/:storageCategory", (_r, p) => {
      const items = thresholds().filter((t) => t.storageCategory === p.storageCategory);
      return items.length ? json({ value: items }) : notFound(`Storage category '${p.storageCategory}'`);
    }],
    ["GET", "/licensing/storageWarningThresholds/:storageCategory/:entityName", (_r, p) => {
      const t = thresholds().find((x) =>
        x.storageCategory === p.storageCategory && x.storageEntity === p.entityName
      );
      return t ? json(t) : notFound(`Storage entity '${p.entityName}'`);
    }],
    ["GET", "/licensing/tenantCapacity", () =>
      json({
        tenantId: "00000000-0000-4000-8000-00000000000f",
        licenseModelType: "StorageDriven",
        tenantCapacities: [
          {
            capacityType: "Database",
            totalCapacity: 40960,
            maxCapacity: 40960,
            consumption: { actual: 21003, rated: 21003 },
            status: "Available",
          },
          {
            capacityType: "File",
            totalCapacity: 102400,
            maxCapacity: 102400,
            consumption: { actual: 30211, rated: 30211 },
            status: "Available",
          },
          {
            capacityType: "Log",
            totalCapacity: 2048,
            maxCapacity: 2048,
            consumption: { actual: 2100, rated: 2100 },
            status: "Overage",
          },
        ],
      })],
    ["GET", "/licensing/temporaryCurrencyEntitlement/count", () => json({ count: 2 })],
    ["GET", "/licensing/operations/:operationId", operation],
    ...under(
      "/licensing/isvContracts",
      crud(
        state.isvContracts,
        "isvContractId",
        "ISV contract",
        (b) => typeof b.name === "string" ? undefined : "name is required.",
        "PUT",
      ),
    ),
    // Advisor recommendations
    [
      "GET",
      "/analytics/advisorRecommendations/scenarios",
      (_r, _p, u) => json(page(state.scenarios, u, 100)),
    ],
    [
      "GET",
      "/analytics/advisorRecommendations/:scenario/actions",
      (_r, p, u) =>
        scenario(p.scenario)
          ? json(
            page(
              [{ actionName: "SendEmailToOwner", displayName: "Email the owner" }, {
                actionName: "QuarantineApp",
                displayName: "Quarantine the app",
              }],
              u,
              100,
            ),
          )
          : notFound(`Scenario '${p.scenario}'`),
    ],
    [
      "GET",
      "/analytics/advisorRecommendations/:scenario/resources",
      (_r, p, u) =>
        scenario(p.scenario)
          ? json(page(state.resources.filter((x) => x.scenario === p.scenario), u, pageSize))
          : notFound(`Scenario '${p.scenario}'`),
    ],
    [
      "GET",
      "/analytics/advisorRecommendations/:scenario/recommendations",
      (_r, p, u) =>
        scenario(p.scenario)
          ? json(
            page([...state.recommendations.values()].filter((x) => x.scenario === p.scenario), u, pageSize),
          )
          : notFound(`Scenario '${p.scenario}'`),
    ],
    ["GET", "/analytics/advisorRecommendations/:scenario/recommendations/:recommendationId", (_r, p) => {
      const rec = recommendation(p);
      return rec ? json(rec) : notFound(`Recommendation '${p.recommendationId}'`);
    }],
    [
      "GET",
      "/analytics/advisorRecommendations/:scenario/recommendations/:recommendationId/status",
      (_r, p) => {
        const rec = recommendation(p);
        return rec
          ? json({ id: rec.id, status: rec.status, acknowledgedBy: rec.acknowledgedBy })
          : notFound(`Recommendation '${p.recommendationId}'`);
      },
    ],
    ...(["acknowledge", "dismiss"] as const).map((verb) =>
      [
        "POST",
        `/analytics/advisorRecommendations/:scenario/recommendations/:recommendationId\\:${verb}`,
        withBody((b, _r, p) => {
          const rec = recommendation(p);
          if (!rec) return notFound(`Recommendation '${p.recommendationId}'`);
          return accepted(
            verb === "dismiss" ? "Dismiss" : "Acknowledge",
            "analytics/advisorRecommendations",
            () =>
              Object.assign(rec, {
                status: verb === "dismiss" ? "Dismissed" : "Acknowledged",
                acknowledgedBy: b.requestedBy ?? MAKERS[0].displayName,
                notes: b.notes,
              }),
          );
        }),
      ] as [string, string, Handler]
    ),
    ["GET", "/analytics/advisorRecommendations/operations/:operationId", operation],
    [
      "POST",
      "/analytics/actions/:actionName",
      withBody((b, _r, p) => {
        if (typeof b.scenario !== "string" || !scenario(b.scenario)) {
          return ppError(400, "ValidationError", "scenario must name a known scenario.");
        }
        const ids = ((b.actionParameters as Json | undefined)?.resourceIds as unknown[] | undefined) ?? [];
        return json({
          results: ids.map((id) => ({ resourceId: id, action: p.actionName, status: "Succeeded" })),
        });
      }),
    ],
    // Governance
    ["POST", "/governance/crossTenantConnectionReports", async (r) => {
      const body = await readObject(r);
      if (!body) return badBody();
      const id = crypto.randomUUID();
      state.reports.set(id, { reportId: id, status: "Running", createdDate: new Date(now()).toISOString() });
      return accepted(
        "CrossTenantConnectionReport",
        "governance",
        () =>
          Object.assign(state.reports.get(id)!, {
            status: "Completed",
            connections: [{
              tenantId: "11111111-0000-4000-8000-000000000001",
              connectorId: "shared_sharepointonline",
              direction: "Outbound",
            }],
          }),
      );
    }],
    [
      "GET",
      "/governance/crossTenantConnectionReports",
      (_r, _p, u) => json(page([...state.reports.values()], u, pageSize)),
    ],
    [
      "GET",
      "/governance/crossTenantConnectionReports/:reportId",
      (_r, p) =>
        state.reports.has(p.reportId)
          ? json(state.reports.get(p.reportId))
          : notFound(`Report '${p.reportId}'`),
    ],
    ["GET", "/governance/operations/:operationId", operation],
    [
      "GET",
      "/governance/ruleBasedPolicies/assignments",
      (_r, _p, u) => json(page(state.ruleAssignments, u, pageSize)),
    ],
    ...under(
      "/governance/ruleBasedPolicies",
      crud(
        state.rulePolicies,
        "policyId",
        "Rule-based policy",
        (b) => typeof b.name === "string" && b.name ? undefined : "name is required.",
        "PATCH",
      ),
    ),
    [
      "GET",
      "/governance/ruleBasedPolicies/:policyId/assignments",
      (_r, p, u) =>
        state.rulePolicies.has(p.policyId)
          ? json(page(state.ruleAssignments.filter((a) => a.policyId === p.policyId), u, pageSize))
          : notFound(`Rule-based policy '${p.policyId}'`),
    ],
    [
      "POST",
      "/governance/ruleBasedPolicies/:policyId/environments/:environmentId/assignments",
      withBody((b, _r, p) => assignRule(p.policyId, p.environmentId, "Environment", b)),
    ],
    [
      "POST",
      "/governance/ruleBasedPolicies/:policyId/environmentGroups/:groupId/assignments",
      withBody((b, _r, p) => assignRule(p.policyId, p.groupId, "EnvironmentGroup", b)),
    ],
    [
      "GET",
      "/governance/environments/:environmentId/ruleBasedAssignments",
      (_r, p, u) =>
        json(page(state.ruleAssignments.filter((a) => a.resourceId === p.environmentId), u, pageSize)),
    ],
    [
      "GET",
      "/governance/environmentGroups/:groupId/ruleBasedAssignments",
      (_r, p, u) => json(page(state.ruleAssignments.filter((a) => a.resourceId === p.groupId), u, pageSize)),
    ],
    // Copilot Studio bots
    ["GET", BOTS, (_r, p, u) => {
      if (!knownEnv(p.environmentId)) return notFound(`Environment '${p.environmentId}'`);
      const items = [...state.bots.values()].filter((b) =>
        b.environmentId.toLowerCase() === p.environmentId.toLowerCase()
      );
      return json(page(items.map(botView), u, pageSize));
    }],
    ["GET", `${BOTS}/:botId`, withBot((b) => json(botView(b)))],
    ...(["publish", "unpublish", "export", "import"] as const).map((verb) =>
      [
        "POST",
        `${BOTS}/:botId/${verb}`,
        withBot(async (b, r) => {
          const body = await readObject(r);
          if (!body) return badBody();
          if (verb === "export" && typeof body.packageFormat !== "string") {
            return ppError(400, "ValidationError", "packageFormat is required.");
          }
          if (verb === "import" && typeof body.packageUrl !== "string") {
            return ppError(400, "ValidationError", "packageUrl is required.");
          }
          return accepted(verb, "copilotstudio", () => {
            if (verb === "publish") {
              b.state = "Published";
            }
            if (verb === "unpublish") {
              b.state = "Draft";
            }
            b.lastModifiedTime = new Date(now()).toISOString();
          }, b.environmentId);
        }),
      ] as [string, string, Handler]
    ),
    ["GET", "/copilotstudio/operations/:operationId", operation],
    ["GET", `${BOTS}/:botId/channels`, (_r, p, u) => {
      const b = bot(p);
      return b ? json(page(b.channels, u, pageSize)) : notFound(`Bot '${p.botId}'`);
    }],
    [
      "GET",
      `${BOTS}/:botId/channels/:channelId`,
      withBot((b, _r, p) => {
        const c = b.channels.find((x) => x.id === p.channelId);
        return c ? json(c) : notFound(`Channel '${p.channelId}'`);
      }),
    ],
    [
      "POST",
      `${BOTS}/:botId/channels`,
      withBot(async (b, r) => {
        const body = await readObject(r);
        if (!body) return badBody();
        if (typeof body.channelType !== "string") {
          return ppError(400, "ValidationError", "channelType is required.");
        }
        const c = {
          id: `${b.id}-${body.channelType.toLowerCase()}`,
          configuration: {},
          isEnabled: false,
          ...body,
        };
        b.channels = b.channels.filter((x) => x.id !== c.id).concat(c);
        return json(c, 201);
      }),
    ],
    [
      "PUT",
      `${BOTS}/:botId/channels/:channelId`,
      withBot(async (b, r, p) => {
        const body = await readObject(r);
        if (!body) return badBody();
        const i = b.channels.findIndex((x) => x.id === p.channelId);
        if (i < 0) return notFound(`Channel '${p.channelId}'`);
        if (typeof body.channelType !== "string") {
          return ppError(400, "ValidationError", "channelType is required.");
        }
        b.channels[i] = { configuration: {}, isEnabled: false, ...body, id: p.channelId };
        return json(b.channels[i]);
      }),
    ],
    [
      "DELETE",
      `${BOTS}/:botId/channels/:channelId`,
      withBot((b, _r, p) => {
        if (!b.channels.some((x) => x.id === p.channelId)) return notFound(`Channel '${p.channelId}'`);
        b.channels = b.channels.filter((x) => x.id !== p.channelId);
        return new Response(null, { status: 204 });
      }),
    ],
    [
      "GET",
      `${BOTS}/:botId/api/botQuarantine/GetBotQuarantineStatus`,
      withBot((b) =>
        json({
          isBotQuarantined: b.quarantined,
          lastUpdateTimeUtc: b.quarantineUpdated ?? b.lastModifiedTime,
        })
      ),
    ],
    ...([["SetAsQuarantined", true], ["SetAsUnquarantined", false]] as const).map(([verb, on]) =>
      [
        "POST",
        `${BOTS}/:botId/api/botQuarantine/${verb}`,
        withBot((b) => {
          b.quarantined = on;
          b.quarantineUpdated = new Date(now()).toISOString();
          return json({ isBotQuarantined: b.quarantined, lastUpdateTimeUtc: b.quarantineUpdated });
        }),
      ] as [string, string, Handler]
    ),
  ];

  function scenario(name: string) {
    return state.scenarios.find((s) => s.scenario === name);
  }
  function recommendation(p: Record<string, string>) {
    const rec = state.recommendations.get(p.recommendationId);
    return rec && rec.scenario === p.scenario ? rec : undefined;
  }
  function thresholds() {
    return [
      { storageCategory: "Database", storageEntity: "account", thresholdInMB: 5120 },
      { storageCategory: "File", storageEntity: "annotation", thresholdInMB: 10240 },
      { storageCategory: "Log", storageEntity: "audit", thresholdInMB: 1024 },
    ];
  }
  function assignRule(policyId: string, resourceId: string, resourceType: string, b: Json): Response {
    const policy = state.rulePolicies.get(policyId);
    if (!policy) return notFound(`Rule-based policy '${policyId}'`);
    if (resourceType === "Environment" && !knownEnv(resourceId)) {
      return notFound(`Environment '${resourceId}'`);
    }
    if (b.assignmentOverrides !== undefined && !Array.isArray(b.assignmentOverrides)) {
      return ppError(400, "ValidationError", "assignmentOverrides must be an array.");
    }
    const a = {
      policyId,
      resourceId,
      resourceType,
      ruleSetCount: (policy.ruleSets as unknown[] | undefined)?.length ?? 0,
      tenantId: "00000000-0000-4000-8000-00000000000f",
    };
    state.ruleAssignments.push(a);
    return json(a, 201);
  }
  function assignmentRoutes(
    prefix: string,
    scopeOf: (p: Record<string, string>) => string | null | undefined,
  ): [string, string, Handler][] {
    const scoped = (p: Record<string, string>) => scopeOf(p);
    return [
      ["GET", prefix, (_r, p, u) => {
        const scope = scoped(p);
        if (scope === null) return notFound(`Environment '${p.environmentId}'`);
        let items = [...state.roleAssignments.values()];
        if (scope) items = items.filter((a) => a.scope === scope);
        const principal = u.searchParams.get("principalId");
        const want = u.searchParams.get("scope");
        if (principal) items = items.filter((a) => a.principalId === principal);
        if (want) items = items.filter((a) => a.scope === want);
        return json(page(items, u, pageSize));
      }],
      [
        "POST",
        prefix,
        withBody((b, _r, p) => {
          const scope = scoped(p);
          if (scope === null) return notFound(`Environment '${p.environmentId}'`);
          if (typeof b.principalId !== "string" || typeof b.roleDefinitionId !== "string") {
            return ppError(400, "ValidationError", "principalId and roleDefinitionId are required.");
          }
          if (!state.roleDefinitions.has(b.roleDefinitionId)) {
            return ppError(400, "ValidationError", `Role definition '${b.roleDefinitionId}' does not exist.`);
          }
          const target = scope ?? b.scope;
          if (typeof target !== "string" || !target) {
            return ppError(400, "ValidationError", "scope is required.");
          }
          const id = crypto.randomUUID();
          const a = {
            id,
            principalId: b.principalId,
            principalType: b.principalType ?? "User",
            roleDefinitionId: b.roleDefinitionId,
            scope: target,
          };
          state.roleAssignments.set(id, a);
          return json({ value: [a] }, 201);
        }),
      ],
      ["DELETE", `${prefix}/:roleAssignmentId`, (_r, p) => {
        const a = state.roleAssignments.get(p.roleAssignmentId);
        const scope = scoped(p);
        if (!a || (scope && a.scope !== scope)) return notFound(`Role assignment '${p.roleAssignmentId}'`);
        state.roleAssignments.delete(p.roleAssignmentId);
        return new Response(null, { status: 204 });
      }],
    ];
  }
  function seedInventory(service: PowerPlatformEmulator) {
    const s = service.state;
    const t = (days: number) => new Date(Date.now() - 86_400_000 * days).toISOString();
    const apps: [string, string, string, number, number][] = [
      ["3f1a9b7c-1111-4d2e-8f00-000000000021", SEED_ENVIRONMENTS[2], "Sales pipeline", 1, 6],
      ["3f1a9b7c-1111-4d2e-8f00-000000000022", SEED_ENVIRONMENTS[3], "Order desk", 2, 15],
      ["3f1a9b7c-1111-4d2e-8f00-000000000023", SEED_ENVIRONMENTS[3], "Warehouse scanner", 1, 1],
    ];
    for (const [id, environmentId, displayName, maker, days] of apps) {
      if (s.apps.has(id)) continue;
      const owner = { id: MAKERS[maker].id, displayName: MAKERS[maker].displayName };
      s.apps.set(id, {
        id,
        environmentId,
        displayName,
        owner,
        lastModifiedTime: t(days),
        versions: [{ id: "20261101T100000Z", createdTime: t(days) }],
        permissions: [{ id: `perm-${id}`, principal: { ...owner, type: "User" }, roleName: "Owner" }],
      });
    }
    const flows: [string, string, string, number][] = [
      ["7c8d0e1f-2222-4a3b-9c00-000000000021", SEED_ENVIRONMENTS[2], "Lead follow-up", 8],
      ["7c8d0e1f-2222-4a3b-9c00-000000000022", SEED_ENVIRONMENTS[3], "Invoice sync", 2],
    ];
    for (const [id, environmentId, displayName, days] of flows) {
      if (!s.flows.has(id)) {
        s.flows.set(id, { id, environmentId, displayName, state: "Started", modifiedOn: t(days), runs: [] });
      }
    }
  }

  return {
    name: "governance",
    state,
    operations: ops,
    requests,
    forbid(prefix: string) {
      forbidden.push(prefix);
    },
    register(router: Router, c: EmulatorCore) {
      core = c;
      for (const [method, pattern, handler] of ROUTES) {
        router.add(method, pattern, async (request, match) => {
          requests.push(`${request.method} ${match.url.pathname}`);
          const m = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "");
          if (!m || !await c.tokens.verify(m[1])) {
            return ppError(401, "Unauthorized", "A valid bearer token is required.");
          }
          if (forbidden.some((f) => match.url.pathname.startsWith(f))) {
            return ppError(403, "Forbidden", "The caller does not have permission to perform this action.");
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

/** `target` with `patch` merged in: objects merge key by key, anything else replaces; unknown keys stay. */
export function deepMerge(target: Json, patch: Json): Json {
  const out: Json = { ...target };
  for (const [k, v] of Object.entries(patch)) {
    const old = out[k];
    out[k] =
      v && typeof v === "object" && !Array.isArray(v) && old && typeof old === "object" && !Array.isArray(old)
        ? deepMerge(old as Json, v as Json)
        : v;
  }
  return out;
}
