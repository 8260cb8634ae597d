/**
 * Every catalog operation builds the request Microsoft's reference documents. The expectations are
 * written out by hand from the reference (not derived from the catalog), so a typo in a catalog path,
 * method, api-version or body key fails here.
 */

import { CATALOG, operation } from "../../../lib/powerplatform/catalog/mod.ts";
import { buildRequest } from "../../../lib/powerplatform/request.ts";
import { assertEquals } from "../../helpers/assert.ts";
import { type RequestExpectation, testRequestTable } from "./request_table_check.ts";
import { PAGES_TABLE } from "./pages_request_table.ts";
import { PART2_TABLE } from "./request_table_part2.ts";

const E = "8d0c4f6e-0000-4000-8000-000000000002";
const S = "8d0c4f6e-0000-4000-8000-000000000004";
const G = "6d1b0a39-5d0b-4f25-9d0b-5d0b4f259d0b";
const APP = "3f1a9b7c-1111-4d2e-8f00-000000000001";
const FLOW = "7c8d0e1f-2222-4a3b-9c00-000000000002";
const RUN = "08585000000000000000000000011CU00";
const PV = "2022-03-01-preview";

type Expected = RequestExpectation;

const TABLE: Record<string, Expected> = {
  ...PAGES_TABLE,
  "environment.show": {
    input: { environmentId: E },
    api: "powerplatform",
    method: "GET",
    url: `environmentmanagement/environments/${E}?api-version=${PV}`,
  },
  "environment.create": {
    input: {
      fields: {
        "--name": "Contoso Dev",
        "--region": "europe",
        "--type": "sandbox",
        "--domain": "contoso-dev",
        "--currency": "EUR",
        "--language": "1033",
      },
    },
    api: "powerplatform",
    method: "POST",
    url: "environmentmanagement/provisioning/environments?api-version=2024-10-01",
    body: {
      displayName: "Contoso Dev",
      location: "europe",
      environmentSku: "Sandbox",
      databaseType: "CommonDataService",
      linkedEnvironmentMetadata: {
        domainName: "contoso-dev",
        currency: { code: "EUR" },
        baseLanguageCode: 1033,
      },
    },
  },
  "environment.delete": {
    input: { environmentId: E },
    api: "powerplatform",
    method: "DELETE",
    url: `environmentmanagement/environments/${E}?api-version=${PV}`,
  },
  "environment.copy": {
    input: { environmentId: E, fields: { "--source": S, "--type": "full" }, validateOnly: true },
    api: "powerplatform",
    method: "POST",
    url: `environmentmanagement/environments/${E}/copy?ValidateOnly=true&api-version=${PV}`,
    body: { sourceEnvironmentId: S, copyType: "FullCopy" },
  },
  "environment.reset": {
    input: { environmentId: E },
    api: "powerplatform",
    method: "POST",
    url: `environmentmanagement/environments/${E}/reset?api-version=2024-10-01`,
    body: {},
  },
  "environment.backup": {
    input: { environmentId: E, fields: { "--label": "nightly" } },
    api: "powerplatform",
    method: "POST",
    url: `environmentmanagement/environments/${E}/backups?api-version=${PV}`,
    body: { label: "nightly" },
  },
  "environment.backups": {
    input: { environmentId: E },
    api: "powerplatform",
    method: "GET",
    url: `environmentmanagement/environments/${E}/backups?api-version=${PV}`,
  },
  "environment.restore": {
    input: {
      environmentId: E,
      fields: { "--source": S, "--backup-time": "2026-11-30T12:00:00Z", "--skip-audit-data": true },
    },
    api: "powerplatform",
    method: "POST",
    url: `environmentmanagement/environments/${E}/Restore?api-version=${PV}`,
    body: { sourceEnvironmentId: S, restorePointDateTime: "2026-11-30T12:00:00Z", skipAuditData: true },
  },
  "environment.enable-managed": {
    input: { environmentId: E },
    api: "powerplatform",
    method: "POST",
    url: `environmentmanagement/environments/${E}/governanceSetting/enableManaged?api-version=2024-10-01`,
    body: {},
  },
  "environment.disable-managed": {
    input: { environmentId: E },
    api: "powerplatform",
    method: "POST",
    url: `environmentmanagement/environments/${E}/governanceSetting/disableManaged?api-version=2024-10-01`,
  },
  "environment.ops.list": {
    input: { environmentId: E, top: 5 },
    api: "powerplatform",
    method: "GET",
    url: `environmentmanagement/environments/${E}/operations?api-version=${PV}&limit=5`,
  },
  "environment.ops.show": {
    input: { params: { operationId: "op-1" } },
    api: "powerplatform",
    method: "GET",
    url: `environmentmanagement/operations/op-1?api-version=${PV}`,
  },
  "environment.groups.list": {
    input: {},
    api: "powerplatform",
    method: "GET",
    url: `environmentmanagement/environmentGroups?api-version=${PV}`,
  },
  "environment.groups.show": {
    input: { params: { groupId: G } },
    api: "powerplatform",
    method: "GET",
    url: `environmentmanagement/environmentGroups/${G}?api-version=${PV}`,
  },
  "environment.groups.create": {
    input: { fields: { "--name": "Sales", "--description": "EMEA" } },
    api: "powerplatform",
    method: "POST",
    url: `environmentmanagement/environmentGroups?api-version=${PV}`,
    body: { displayName: "Sales", description: "EMEA" },
  },
  "environment.groups.update": {
    input: { params: { groupId: G }, payload: { displayName: "Old", extra: 1 }, fields: { "--name": "New" } },
    api: "powerplatform",
    method: "PATCH",
    url: `environmentmanagement/environmentGroups/${G}?api-version=${PV}`,
    body: { displayName: "New", extra: 1 },
  },
  "environment.groups.delete": {
    input: { params: { groupId: G } },
    api: "powerplatform",
    method: "DELETE",
    url: `environmentmanagement/environmentGroups/${G}?api-version=${PV}`,
  },
  "environment.groups.add": {
    input: { params: { groupId: G }, environmentId: E },
    api: "powerplatform",
    method: "POST",
    url: `environmentmanagement/environmentGroups/${G}/addEnvironment/${E}?api-version=${PV}`,
  },
  "environment.groups.remove": {
    input: { params: { groupId: G }, environmentId: E },
    api: "powerplatform",
    method: "POST",
    url: `environmentmanagement/environmentGroups/${G}/removeEnvironment/${E}?api-version=${PV}`,
  },
  "apps.list": {
    input: { environmentId: E, top: 10 },
    api: "powerplatform",
    method: "GET",
    url: `powerapps/environments/${E}/apps?$top=10&api-version=${PV}`,
  },
  "apps.show": {
    input: { environmentId: E, params: { appId: APP } },
    api: "powerplatform",
    method: "GET",
    url: `powerapps/environments/${E}/apps/${APP}?api-version=${PV}`,
  },
  "apps.versions": {
    input: { params: { appId: APP } },
    api: "powerapps",
    method: "GET",
    url: `/providers/Microsoft.PowerApps/apps/${APP}/versions?api-version=2016-11-01`,
  },
  "apps.restore": {
    input: { params: { appId: APP }, fields: { "--version-id": "v1" } },
    api: "powerapps",
    method: "POST",
    url: `/providers/Microsoft.PowerApps/apps/${APP}/restore?api-version=2016-11-01`,
    body: { restoreVersionId: "v1" },
  },
  "apps.publish": {
    input: { environmentId: E, params: { appId: APP } },
    api: "powerapps",
    method: "POST",
    url:
      `/providers/Microsoft.PowerApps/scopes/admin/environments/${E}/apps/${APP}/publish?api-version=2017-05-01`,
    body: {},
  },
  "apps.share": {
    input: {
      environmentId: E,
      params: { appId: APP },
      fields: { "--principal": "u1", "--principal-type": "user", "--role": "canedit", "--notify": true },
    },
    api: "powerapps",
    method: "POST",
    url:
      `/providers/Microsoft.PowerApps/scopes/admin/environments/${E}/apps/${APP}/modifyPermissions?api-version=2016-11-01`,
    body: {
      put: [{
        properties: { principal: { id: "u1", type: "User" }, roleName: "CanEdit", notifyShareTargets: true },
      }],
    },
  },
  "apps.revoke": {
    input: { environmentId: E, params: { appId: APP }, fields: { "--assignment-id": "x" } },
    api: "powerapps",
    method: "POST",
    url:
      `/providers/Microsoft.PowerApps/scopes/admin/environments/${E}/apps/${APP}/modifyPermissions?api-version=2016-11-01`,
    body: { delete: [{ id: "x" }] },
  },
  "apps.permissions": {
    input: { environmentId: E, params: { appId: APP } },
    api: "powerapps",
    method: "GET",
    url:
      `/providers/Microsoft.PowerApps/scopes/admin/environments/${E}/apps/${APP}/permissions?api-version=2016-11-01`,
  },
  "apps.set-owner": {
    input: {
      environmentId: E,
      params: { appId: APP },
      fields: { "--owner": "u1", "--role-for-old-owner": "canedit" },
    },
    api: "powerapps",
    method: "POST",
    url:
      `/providers/Microsoft.PowerApps/scopes/admin/environments/${E}/apps/${APP}/modifyAppOwner?api-version=2022-11-01`,
    body: { newAppOwner: "u1", roleForOldAppOwner: "CanEdit" },
  },
  "flows.list": {
    input: { environmentId: E, params: { ownerId: "o1", modifiedOnStartDate: "2026-01-01" } },
    api: "powerplatform",
    method: "GET",
    url:
      `powerautomate/environments/${E}/cloudFlows?api-version=${PV}&modifiedOnStartDate=2026-01-01&ownerId=o1`,
  },
  "flows.get": {
    input: { environmentId: E, params: { flowId: FLOW } },
    api: "powerplatform",
    method: "GET",
    url: `powerautomate/environments/${E}/cloudFlows/${FLOW}?api-version=${PV}`,
  },
  "flows.set-state": {
    input: { environmentId: E, params: { flowId: FLOW, action: "Stopped" } },
    api: "flow",
    method: "POST",
    url:
      `/providers/Microsoft.ProcessSimple/scopes/admin/environments/${E}/flows/${FLOW}/stop?api-version=2016-11-01`,
  },
  "flows.delete": {
    input: { environmentId: E, params: { flowId: FLOW } },
    api: "flow",
    method: "DELETE",
    url:
      `/providers/Microsoft.ProcessSimple/scopes/admin/environments/${E}/flows/${FLOW}?api-version=2016-11-01`,
  },
  "flows.run": {
    input: {
      environmentId: E,
      params: { flowId: FLOW, triggerName: "manual" },
      fields: { "--inputs": '{"text":"hi"}' },
    },
    api: "flow",
    method: "POST",
    url:
      `/providers/Microsoft.ProcessSimple/environments/${E}/flows/${FLOW}/triggers/manual/run?api-version=2016-11-01`,
    body: { text: "hi" },
  },
  "flows.runs.list": {
    input: { environmentId: E, params: { flowId: FLOW, $filter: "failed" } },
    api: "flow",
    method: "GET",
    url:
      `/providers/Microsoft.ProcessSimple/environments/${E}/flows/${FLOW}/runs?$filter=status+eq+%27Failed%27&api-version=2016-11-01`,
  },
  "flows.runs.get": {
    input: { environmentId: E, params: { flowId: FLOW, runName: RUN } },
    api: "flow",
    method: "GET",
    url:
      `/providers/Microsoft.ProcessSimple/environments/${E}/flows/${FLOW}/runs/${RUN}?api-version=2016-11-01`,
  },
  "flows.runs.cancel": {
    input: { environmentId: E, params: { flowId: FLOW, runName: RUN } },
    api: "flow",
    method: "POST",
    url:
      `/providers/Microsoft.ProcessSimple/environments/${E}/flows/${FLOW}/runs/${RUN}/cancel?api-version=2016-11-01`,
  },
  "flows.runs.diagnostics": {
    input: { environmentId: E, params: { flowId: FLOW, runName: RUN } },
    api: "flow",
    method: "GET",
    url:
      `/providers/Microsoft.ProcessSimple/environments/${E}/flows/${FLOW}/runs/${RUN}/actions?api-version=2016-11-01`,
  },
  "packages.list": {
    input: { environmentId: E, params: { appInstallState: "installed" } },
    api: "powerplatform",
    method: "GET",
    url: `appmanagement/environments/${E}/applicationPackages?api-version=${PV}&appInstallState=Installed`,
  },
  "packages.tenant": {
    input: {},
    api: "powerplatform",
    method: "GET",
    url: `appmanagement/applicationPackages?api-version=${PV}`,
  },
  "packages.install": {
    input: {
      environmentId: E,
      params: { uniqueName: "msdyn_OfficeGroups" },
      fields: { "--parameters": "a=b" },
    },
    api: "powerplatform",
    method: "POST",
    url: `appmanagement/environments/${E}/applicationPackages/msdyn_OfficeGroups/install?api-version=${PV}`,
    body: { payloadValue: "a=b" },
  },
  "packages.upgrade": {
    input: { environmentId: E, params: { uniqueName: "msdyn_OfficeGroups" } },
    api: "powerplatform",
    method: "POST",
    url: `appmanagement/environments/${E}/applicationPackages/msdyn_OfficeGroups/install?api-version=${PV}`,
    body: {},
  },
  "packages.status": {
    input: { environmentId: E, params: { operationId: "op-9" } },
    api: "powerplatform",
    method: "GET",
    url: `appmanagement/environments/${E}/operations/op-9?api-version=${PV}`,
  },
};

Deno.test("the expectation table covers every catalog operation, and only those", () => {
  assertEquals([...Object.keys(TABLE), ...Object.keys(PART2_TABLE)].sort(), CATALOG.map((o) => o.id).sort());
});

testRequestTable(TABLE);

Deno.test("--api-version overrides the catalog's", () => {
  const built = buildRequest(operation("environment.show"), { environmentId: E, apiVersion: "2024-10-01" });
  assertEquals(built.query["api-version"], "2024-10-01");
});
