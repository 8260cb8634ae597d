/**
 * How the emulated APIs show their resources: BAP environments (with `linkedEnvironmentMetadata`), the
 * Power Platform API's environment view, apps, flows and runs in their documented field names.
 *
 * @module
 */

import type { EmulatedApp, EmulatedEnvironment, EmulatedFlow, EmulatedRun } from "./state.ts";

/** The Dataverse URL of an environment (the emulator's own URL for its own org). */
export function environmentUrl(e: EmulatedEnvironment, base: string): string | undefined {
  return e.self ? base : e.url;
}

/** BAP admin API view. */
export function bapEnvironment(e: EmulatedEnvironment, base: string): Record<string, unknown> {
  const url = environmentUrl(e, base);
  return {
    id: `/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/${e.id}`,
    type: "Microsoft.BusinessAppPlatform/scopes/environments",
    location: e.region,
    name: e.id,
    properties: {
      displayName: e.displayName,
      environmentSku: e.type,
      azureRegion: e.region,
      createdTime: e.createdTime,
      provisioningState: "Succeeded",
      states: { management: { id: e.state }, runtime: { id: "Enabled" } },
      governanceConfiguration: { protectionLevel: e.managed ? "Standard" : "Basic" },
      ...(e.groupId ? { parentEnvironmentGroup: { id: e.groupId } } : {}),
      ...(url
        ? {
          linkedEnvironmentMetadata: {
            instanceUrl: `${url}/`,
            instanceApiUrl: url,
            uniqueName: e.uniqueName,
            domainName: e.domainName,
            resourceId: e.id,
          },
        }
        : {}),
    },
  };
}

/** Power Platform API view (`environmentmanagement/environments`). */
export function ppEnvironment(e: EmulatedEnvironment, base: string): Record<string, unknown> {
  return {
    id: e.id,
    environmentId: e.id,
    displayName: e.displayName,
    type: e.type,
    geo: e.region,
    state: e.state,
    dataverseOrganizationUrl: environmentUrl(e, base) ?? null,
    protectionLevel: e.managed ? "Standard" : "Basic",
    environmentGroupId: e.groupId ?? null,
    createdDateTime: e.createdTime,
  };
}

/** An app as the Power Platform and PowerApps APIs show it. */
export function appView(a: EmulatedApp): Record<string, unknown> {
  return {
    name: a.id,
    id: `/providers/Microsoft.PowerApps/apps/${a.id}`,
    type: "Microsoft.PowerApps/apps",
    properties: {
      displayName: a.displayName,
      owner: a.owner,
      lastModifiedTime: a.lastModifiedTime,
      environment: { name: a.environmentId },
      ...(a.publishedVersion ? { appVersion: a.publishedVersion } : {}),
    },
  };
}

/** A cloud flow as the Power Platform API shows it. */
export function flowView(f: EmulatedFlow): Record<string, unknown> {
  return {
    workflowId: f.id,
    name: f.displayName,
    stateCode: f.state === "Started" ? "Activated" : "Draft",
    statusCode: f.state,
    modifiedOn: f.modifiedOn,
    environmentId: f.environmentId,
  };
}

/** A run as the Flow API shows it. */
export function runView(flow: EmulatedFlow, r: EmulatedRun): Record<string, unknown> {
  return {
    name: r.name,
    id:
      `/providers/Microsoft.ProcessSimple/environments/${flow.environmentId}/flows/${flow.id}/runs/${r.name}`,
    type: "Microsoft.ProcessSimple/environments/flows/runs",
    properties: {
      status: r.status,
      startTime: r.startTime,
      ...(r.endTime ? { endTime: r.endTime } : {}),
      trigger: { name: r.trigger },
    },
  };
}
