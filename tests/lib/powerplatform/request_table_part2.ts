/**
 * The hand-written expectation table of the part-2 admin operations (DLP, tenant settings, RBAC, users,
 * licensing, advisor, governance, bots), written from Microsoft's Power Platform REST reference (and,
 * for operations Microsoft does not publish, the earlier CLI's paths). Not derived from the catalog.
 */

import type { RequestExpectation } from "./request_table_check.ts";
import type { OperationInput } from "../../../lib/powerplatform/request.ts";

const E = "8d0c4f6e-0000-4000-8000-000000000002";
const G = "6d1b0a39-5d0b-4f25-9d0b-5d0b4f259d0b";
const PV = "api-version=2022-03-01-preview";
const BOTS = `copilotstudio/environments/${E}/bots/bot-1`;
const DLP = "/providers/PowerPlatform.Governance/v2/policies";

/** One expectation (see request_table_check.ts). */
export type Part2Expected = RequestExpectation;

const pp = (method: string, url: string, input: OperationInput = {}, body?: unknown): Part2Expected => ({
  input,
  api: "powerplatform",
  method,
  url,
  body,
});
const bap = (method: string, url: string, input: OperationInput = {}, body?: unknown): Part2Expected => ({
  input,
  api: "bap",
  method,
  url,
  body,
});
const env = { environmentId: E };

/** Every part-2 operation id with the request it must build. */
export const PART2_TABLE: Record<string, Part2Expected> = {
  // DLP (BAP V2 policies)
  "policy.dlp.list": bap("GET", `${DLP}?api-version=2018-01-01`),
  "policy.dlp.get": bap("GET", `${DLP}/p1?api-version=2018-01-01`, { params: { policyName: "p1" } }),
  "policy.dlp.create": bap(
    "POST",
    `${DLP}?api-version=2018-01-01`,
    {
      fields: {
        "--display-name": "Strict",
        "--environment-type": "all",
        "--default-classification": "blocked",
      },
    },
    { displayName: "Strict", environmentType: "AllEnvironments", defaultConnectorsClassification: "Blocked" },
  ),
  "policy.dlp.update": bap("PATCH", `${DLP}/p1?api-version=2018-01-01`, {
    params: { policyName: "p1" },
    fields: { "--display-name": "Renamed" },
  }, { displayName: "Renamed" }),
  "policy.dlp.delete": bap("DELETE", `${DLP}/p1?api-version=2018-01-01`, { params: { policyName: "p1" } }),
  // Tenant settings (BAP) and feature controls
  "tenant.settings.show": bap(
    "POST",
    "/providers/Microsoft.BusinessAppPlatform/listtenantsettings?api-version=2020-10-01",
  ),
  "tenant.settings.update": bap(
    "POST",
    "/providers/Microsoft.BusinessAppPlatform/updatetenantsettings?api-version=2020-10-01",
    { payload: { walkMeOptOut: true } },
    { walkMeOptOut: true },
  ),
  "tenant.settings.request-access": pp(
    "POST",
    "tenantsettings/requestAccess?api-version=2024-03-01-preview",
    { fields: { "--justification": "CoE", "--setting": "a,b" } },
    { justification: "CoE", requestedSettings: ["a", "b"] },
  ),
  "tenant.feature.list": pp("GET", "tenantsettings/featureControl?api-version=2024-03-01-preview"),
  "tenant.feature.get": pp("GET", "tenantsettings/featureControl/f1?api-version=2024-03-01-preview", {
    params: { featureName: "f1" },
  }),
  "tenant.feature.update": pp(
    "PATCH",
    "tenantsettings/featureControl/f1?api-version=2024-03-01-preview",
    { params: { featureName: "f1" }, fields: { "--enabled": true } },
    { enabled: true },
  ),
  "tenant.feature.request-access": pp(
    "POST",
    "tenantsettings/featureControl/f1/requestAccess?api-version=2024-03-01-preview",
    { params: { featureName: "f1" }, fields: { "--justification": "pilot" } },
    { justification: "pilot" },
  ),
  // RBAC
  "rbac.roles.list": pp("GET", `authorization/roleDefinitions?${PV}`),
  "rbac.roles.create": pp("POST", `authorization/roleDefinitions?${PV}`, { payload: { name: "r" } }, {
    name: "r",
  }),
  "rbac.roles.update": pp("PATCH", `authorization/roleDefinitions/r1?${PV}`, {
    params: { roleDefinitionId: "r1" },
    payload: { name: "r" },
  }, { name: "r" }),
  "rbac.roles.delete": pp("DELETE", `authorization/roleDefinitions/r1?${PV}`, {
    params: { roleDefinitionId: "r1" },
  }),
  "rbac.assignments.list": pp("GET", `authorization/roleAssignments?${PV}&principalId=u1`, {
    params: { principalId: "u1" },
  }),
  "rbac.assignments.create": pp("POST", `authorization/roleAssignments?${PV}`, {
    fields: { "--principal-id": "u1", "--role-definition-id": "r1", "--scope": "/tenants/t1" },
  }, { principalId: "u1", roleDefinitionId: "r1", scope: "/tenants/t1" }),
  "rbac.assignments.delete": pp("DELETE", `authorization/roleAssignments/a1?${PV}`, {
    params: { roleAssignmentId: "a1" },
  }),
  "rbac.assignments.list.environment": pp(
    "GET",
    `authorization/environments/${E}/roleAssignments?${PV}`,
    env,
  ),
  "rbac.assignments.create.environment": pp("POST", `authorization/environments/${E}/roleAssignments?${PV}`, {
    ...env,
    fields: { "--principal-id": "u1", "--role-definition-id": "r1" },
  }, { principalId: "u1", roleDefinitionId: "r1" }),
  "rbac.assignments.delete.environment": pp(
    "DELETE",
    `authorization/environments/${E}/roleAssignments/a1?${PV}`,
    { ...env, params: { roleAssignmentId: "a1" } },
  ),
  "rbac.assignments.list.group": pp("GET", `authorization/environmentGroups/${G}/roleAssignments?${PV}`, {
    params: { groupId: G },
  }),
  "rbac.assignments.create.group": pp("POST", `authorization/environmentGroups/${G}/roleAssignments?${PV}`, {
    params: { groupId: G },
    fields: { "--principal-id": "u1", "--role-definition-id": "r1" },
  }, { principalId: "u1", roleDefinitionId: "r1" }),
  "rbac.assignments.delete.group": pp(
    "DELETE",
    `authorization/environmentGroups/${G}/roleAssignments/a1?${PV}`,
    {
      params: { groupId: G, roleAssignmentId: "a1" },
    },
  ),
  // Users
  "users.admin-role.apply": pp("POST", `usermanagement/environments/${E}/user/applyAdminRole?${PV}`, env),
  "users.admin-role.list": pp("GET", `usermanagement/users/u1/adminRoles?${PV}`, {
    params: { userId: "u1" },
  }),
  "users.admin-role.remove": pp("POST", `usermanagement/users/u1:removeAdminRole?${PV}`, {
    params: { userId: "u1" },
    fields: { "--role-definition-id": "r1" },
  }, { roleDefinitionId: "r1" }),
  // Licensing
  "licensing.billing.list": pp("GET", `licensing/billingPolicies?${PV}`),
  "licensing.billing.get": pp("GET", `licensing/billingPolicies/b1?${PV}`, {
    params: { billingPolicyId: "b1" },
  }),
  "licensing.billing.create": pp("POST", `licensing/billingPolicies?${PV}`, {
    fields: {
      "--name": "PAYG",
      "--location": "unitedstates",
      "--subscription-id": "s1",
      "--resource-group": "rg",
    },
  }, {
    name: "PAYG",
    location: "unitedstates",
    billingInstrument: { subscriptionId: "s1", resourceGroup: "rg" },
  }),
  "licensing.billing.update": pp("PUT", `licensing/billingPolicies/b1?${PV}`, {
    params: { billingPolicyId: "b1" },
    fields: { "--status": "disabled" },
  }, { status: "Disabled" }),
  "licensing.billing.delete": pp("DELETE", `licensing/billingPolicies/b1?${PV}`, {
    params: { billingPolicyId: "b1" },
  }),
  "licensing.billing.refresh-provisioning": pp(
    "POST",
    `licensing/billingPolicies/b1/refreshProvisioningStatus?${PV}`,
    { params: { billingPolicyId: "b1" } },
  ),
  "licensing.billing.environment-default": pp("GET", `licensing/environments/${E}/billingPolicy?${PV}`, env),
  "licensing.billing.environment.list": pp("GET", `licensing/billingPolicies/b1/environments?${PV}`, {
    params: { billingPolicyId: "b1" },
  }),
  "licensing.billing.environment.get": pp("GET", `licensing/billingPolicies/b1/environments/${E}?${PV}`, {
    ...env,
    params: { billingPolicyId: "b1" },
  }),
  "licensing.billing.environment.add": pp("POST", `licensing/billingPolicies/b1/environments/add?${PV}`, {
    params: { billingPolicyId: "b1" },
    fields: { "--environment-ids": `${E},e2` },
  }, { environmentIds: [E, "e2"] }),
  "licensing.billing.environment.remove": pp(
    "POST",
    `licensing/billingPolicies/b1/environments/remove?${PV}`,
    {
      params: { billingPolicyId: "b1" },
      fields: { "--environment-ids": E },
    },
    { environmentIds: [E] },
  ),
  "licensing.allocations.reports": pp("GET", `licensing/currencyReports?${PV}`),
  "licensing.allocations.currency.get": pp("GET", `licensing/environments/${E}/allocations?${PV}`, env),
  "licensing.allocations.currency.patch": pp("PATCH", `licensing/environments/${E}/allocations?${PV}`, {
    ...env,
    payload: { currencyAllocations: [{ currencyType: "PowerAppsPerApp", allocated: 5 }] },
  }, { currencyAllocations: [{ currencyType: "PowerAppsPerApp", allocated: 5 }] }),
  "licensing.allocations.capacity.get": pp(
    "GET",
    `licensing/environments/${E}/capacityAllocations?${PV}`,
    env,
  ),
  "licensing.allocations.capacity.patch": pp(
    "PATCH",
    `licensing/environments/${E}/capacityAllocations?${PV}`,
    {
      ...env,
      payload: { capacityAllocations: [] },
    },
    { capacityAllocations: [] },
  ),
  "licensing.storage.list": pp("GET", `licensing/storageWarningThresholds?${PV}`),
  "licensing.storage.get": pp("GET", `licensing/storageWarningThresholds/Database?${PV}`, {
    params: { storageCategory: "Database" },
  }),
  "licensing.storage.entity": pp("GET", `licensing/storageWarningThresholds/File/annotation?${PV}`, {
    params: { storageCategory: "File", entityName: "annotation" },
  }),
  "licensing.capacity.tenant": pp("GET", `licensing/tenantCapacity?${PV}`),
  "licensing.capacity.temporary-currency": pp("GET", `licensing/temporaryCurrencyEntitlement/count?${PV}`),
  "licensing.isv.list": pp("GET", `licensing/isvContracts?${PV}`),
  "licensing.isv.get": pp("GET", `licensing/isvContracts/c1?${PV}`, { params: { isvContractId: "c1" } }),
  "licensing.isv.create": pp("POST", `licensing/isvContracts?${PV}`, { payload: { name: "c" } }, {
    name: "c",
  }),
  "licensing.isv.update": pp("PUT", `licensing/isvContracts/c1?${PV}`, {
    params: { isvContractId: "c1" },
    payload: { name: "c" },
  }, { name: "c" }),
  "licensing.isv.delete": pp("DELETE", `licensing/isvContracts/c1?${PV}`, {
    params: { isvContractId: "c1" },
  }),
  // Advisor recommendations
  "analytics.scenarios": pp("GET", `analytics/advisorRecommendations/scenarios?${PV}`),
  "analytics.actions": pp("GET", `analytics/advisorRecommendations/InactiveApps/actions?${PV}`, {
    params: { scenario: "InactiveApps" },
  }),
  "analytics.resources": pp("GET", `analytics/advisorRecommendations/InactiveApps/resources?$top=5&${PV}`, {
    params: { scenario: "InactiveApps" },
    top: 5,
  }),
  "analytics.recommendations": pp(
    "GET",
    `analytics/advisorRecommendations/InactiveApps/recommendations?${PV}`,
    {
      params: { scenario: "InactiveApps" },
    },
  ),
  "analytics.show": pp("GET", `analytics/advisorRecommendations/InactiveApps/recommendations/r1?${PV}`, {
    params: { scenario: "InactiveApps", recommendationId: "r1" },
  }),
  "analytics.status": pp(
    "GET",
    `analytics/advisorRecommendations/InactiveApps/recommendations/r1/status?${PV}`,
    {
      params: { scenario: "InactiveApps", recommendationId: "r1" },
    },
  ),
  "analytics.acknowledge": pp(
    "POST",
    `analytics/advisorRecommendations/InactiveApps/recommendations/r1:acknowledge?${PV}`,
    { params: { scenario: "InactiveApps", recommendationId: "r1" }, fields: { "--notes": "ok" } },
    { notes: "ok" },
  ),
  "analytics.dismiss": pp(
    "POST",
    `analytics/advisorRecommendations/InactiveApps/recommendations/r1:dismiss?${PV}`,
    { params: { scenario: "InactiveApps", recommendationId: "r1" }, fields: {} },
    {},
  ),
  "analytics.execute": pp("POST", `analytics/actions/SendEmail?${PV}`, {
    params: { actionName: "SendEmail" },
    fields: { "--scenario": "InactiveApps", "--parameters": '{"resourceIds":["a"]}' },
  }, { scenario: "InactiveApps", actionParameters: { resourceIds: ["a"] } }),
  // Governance
  "governance.report.submit": pp("POST", `governance/crossTenantConnectionReports?${PV}`, {}, {}),
  "governance.report.status": pp("GET", `governance/crossTenantConnectionReports/rep1?${PV}`, {
    params: { reportId: "rep1" },
  }),
  "governance.report.list": pp("GET", `governance/crossTenantConnectionReports?${PV}`),
  "governance.policy.list": pp("GET", `governance/ruleBasedPolicies?${PV}`),
  "governance.policy.get": pp("GET", `governance/ruleBasedPolicies/p1?${PV}`, { params: { policyId: "p1" } }),
  "governance.policy.create": pp("POST", `governance/ruleBasedPolicies?${PV}`, {
    fields: { "--name": "Guard", "--rule-sets": '[{"id":"rs1","version":"1","inputs":{}}]' },
  }, { name: "Guard", ruleSets: [{ id: "rs1", version: "1", inputs: {} }] }),
  "governance.policy.update": pp("PATCH", `governance/ruleBasedPolicies/p1?${PV}`, {
    params: { policyId: "p1" },
    fields: { "--name": "Guard 2" },
  }, { name: "Guard 2" }),
  "governance.assignment.create": pp(
    "POST",
    `governance/ruleBasedPolicies/p1/environments/${E}/assignments?${PV}`,
    { ...env, params: { policyId: "p1" }, fields: {} },
    {},
  ),
  "governance.assignment.create-group": pp(
    "POST",
    `governance/ruleBasedPolicies/p1/environmentGroups/${G}/assignments?${PV}`,
    { params: { policyId: "p1", groupId: G }, fields: {} },
    {},
  ),
  "governance.assignment.list": pp("GET", `governance/ruleBasedPolicies/assignments?${PV}`),
  "governance.assignment.list-by-policy": pp("GET", `governance/ruleBasedPolicies/p1/assignments?${PV}`, {
    params: { policyId: "p1" },
  }),
  "governance.assignment.list-by-environment": pp(
    "GET",
    `governance/environments/${E}/ruleBasedAssignments?${PV}`,
    env,
  ),
  "governance.assignment.list-by-group": pp(
    "GET",
    `governance/environmentGroups/${G}/ruleBasedAssignments?${PV}`,
    {
      params: { groupId: G },
    },
  ),
  // Copilot Studio bots
  "pva.bots.list": pp("GET", `copilotstudio/environments/${E}/bots?$top=3&${PV}`, { ...env, top: 3 }),
  "pva.bots.get": pp("GET", `${BOTS}?${PV}`, { ...env, params: { botId: "bot-1" } }),
  "pva.bots.publish": pp("POST", `${BOTS}/publish?${PV}`, {
    ...env,
    params: { botId: "bot-1" },
    fields: { "--comment": "v2", "--channels": "MsTeams,DirectLine" },
  }, { comment: "v2", includedChannels: ["MsTeams", "DirectLine"] }),
  "pva.bots.unpublish": pp("POST", `${BOTS}/unpublish?${PV}`, {
    ...env,
    params: { botId: "bot-1" },
    fields: {},
  }, {}),
  "pva.bots.export": pp("POST", `${BOTS}/export?${PV}`, {
    ...env,
    params: { botId: "bot-1" },
    fields: { "--package-format": "Zip", "--include-analytics": true },
  }, { packageFormat: "Zip", includeAnalytics: true }),
  "pva.bots.import": pp("POST", `${BOTS}/import?${PV}`, {
    ...env,
    params: { botId: "bot-1" },
    fields: { "--package-url": "https://example.invalid/p.zip", "--overwrite": true },
  }, { packageUrl: "https://example.invalid/p.zip", overwriteExistingResources: true }),
  "pva.bots.channels.list": pp("GET", `${BOTS}/channels?${PV}`, { ...env, params: { botId: "bot-1" } }),
  "pva.bots.channels.get": pp("GET", `${BOTS}/channels/c1?${PV}`, {
    ...env,
    params: { botId: "bot-1", channelId: "c1" },
  }),
  "pva.bots.channels.enable": pp("POST", `${BOTS}/channels?${PV}`, {
    ...env,
    params: { botId: "bot-1" },
    fields: { "--channel-type": "MsTeams", "--enabled": true },
  }, { channelType: "MsTeams", isEnabled: true }),
  "pva.bots.channels.update": pp("PUT", `${BOTS}/channels/c1?${PV}`, {
    ...env,
    params: { botId: "bot-1", channelId: "c1" },
    fields: { "--channel-type": "MsTeams", "--configuration": '{"a":1}' },
  }, { channelType: "MsTeams", configuration: { a: 1 } }),
  "pva.bots.channels.disable": pp("DELETE", `${BOTS}/channels/c1?${PV}`, {
    ...env,
    params: { botId: "bot-1", channelId: "c1" },
  }),
  "pva.bots.quarantine.status": pp("GET", `${BOTS}/api/botQuarantine/GetBotQuarantineStatus?api-version=1`, {
    ...env,
    params: { botId: "bot-1" },
  }),
  "pva.bots.quarantine.set": pp("POST", `${BOTS}/api/botQuarantine/SetAsQuarantined?api-version=1`, {
    ...env,
    params: { botId: "bot-1" },
  }),
  "pva.bots.quarantine.unset": pp("POST", `${BOTS}/api/botQuarantine/SetAsUnquarantined?api-version=1`, {
    ...env,
    params: { botId: "bot-1" },
  }),
};
