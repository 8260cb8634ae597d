/**
 * Catalog: tenant settings (BAP admin API `listtenantsettings` / `updatetenantsettings`, the calls
 * Microsoft documents) and tenant feature controls (Power Platform API `tenantsettings/featureControl`,
 * not in the published reference; kept from the earlier CLI).
 *
 * @module
 */

import type { Operation, OperationParam } from "./types.ts";

const BAP = "2020-10-01";
const PP = "2024-03-01-preview";
const ADMIN = "the Power Platform administrator role (or Global administrator)";
const FEATURE: OperationParam = {
  name: "featureName",
  in: "path",
  positional: "FEATURE",
  required: true,
  description: "feature control name",
};
const JUSTIFICATION = {
  flag: "--justification",
  key: "justification",
  type: "string",
  required: true,
  description: "why access is needed",
} as const;

/** Tenant settings and feature controls. */
export const TENANT_OPERATIONS: Operation[] = [
  {
    id: "tenant.settings.show",
    group: ["tenant", "settings"],
    name: "show",
    aliases: ["list"],
    summary: "Show every tenant setting (`tenant settings get KEY.PATH` prints one)",
    api: "bap",
    method: "POST",
    path: "/providers/Microsoft.BusinessAppPlatform/listtenantsettings",
    apiVersion: BAP,
    body: { kind: "none" },
    permission: ADMIN,
    example: "ppx tenant settings show --json",
    reference: "List tenant settings (BAP, POST listtenantsettings)",
  },
  {
    id: "tenant.settings.update",
    group: ["tenant", "settings"],
    name: "update",
    summary: "Update tenant settings from a JSON payload (`tenant settings set KEY.PATH VALUE` for one)",
    api: "bap",
    method: "POST",
    path: "/providers/Microsoft.BusinessAppPlatform/updatetenantsettings",
    apiVersion: BAP,
    body: { kind: "payload", required: true, description: "the settings to change, as JSON" },
    permission: ADMIN,
    example: `ppx tenant settings update --payload '{"disableTrialEnvironmentCreationByNonAdminUsers":true}'`,
    reference: "Update tenant settings (BAP, POST updatetenantsettings)",
  },
  {
    id: "tenant.settings.request-access",
    group: ["tenant", "settings"],
    name: "request-access",
    summary: "Ask a tenant administrator for access to settings",
    api: "powerplatform",
    method: "POST",
    path: "tenantsettings/requestAccess",
    apiVersion: PP,
    body: {
      kind: "flags",
      payload: true,
      fields: [
        JUSTIFICATION,
        {
          flag: "--setting",
          key: "requestedSettings",
          type: "list",
          description: "settings to ask for (comma list)",
        },
      ],
    },
    example:
      `ppx tenant settings request-access --justification "CoE inventory" --setting powerPlatform.powerApps`,
    reference: "Not in Microsoft's published reference; kept from the earlier CLI",
  },
  {
    id: "tenant.feature.list",
    group: ["tenant", "feature"],
    name: "list",
    summary: "List the tenant's feature controls",
    api: "powerplatform",
    method: "GET",
    path: "tenantsettings/featureControl",
    apiVersion: PP,
    body: { kind: "none" },
    list: {},
    columns: [
      { header: "name", path: "name|featureName" },
      { header: "enabled", path: "enabled|isEnabled|properties.enabled" },
    ],
    permission: ADMIN,
    example: "ppx tenant feature list",
    reference: "Not in Microsoft's published reference; kept from the earlier CLI",
  },
  {
    id: "tenant.feature.get",
    group: ["tenant", "feature"],
    name: "get",
    aliases: ["show"],
    summary: "Show one feature control",
    api: "powerplatform",
    method: "GET",
    path: "tenantsettings/featureControl/{featureName}",
    apiVersion: PP,
    params: [FEATURE],
    body: { kind: "none" },
    permission: ADMIN,
    example: "ppx tenant feature get copilotInPowerApps",
    reference: "Not in Microsoft's published reference; kept from the earlier CLI",
  },
  {
    id: "tenant.feature.update",
    group: ["tenant", "feature"],
    name: "update",
    summary: "Update a feature control",
    api: "powerplatform",
    method: "PATCH",
    path: "tenantsettings/featureControl/{featureName}",
    apiVersion: PP,
    params: [FEATURE],
    body: {
      kind: "flags",
      payload: true,
      fields: [{ flag: "--enabled", key: "enabled", type: "boolean", description: "turn the feature on" }],
    },
    permission: ADMIN,
    example: "ppx tenant feature update copilotInPowerApps --enabled",
    reference: "Not in Microsoft's published reference; kept from the earlier CLI",
  },
  {
    id: "tenant.feature.request-access",
    group: ["tenant", "feature"],
    name: "request-access",
    summary: "Ask a tenant administrator for access to a feature",
    api: "powerplatform",
    method: "POST",
    path: "tenantsettings/featureControl/{featureName}/requestAccess",
    apiVersion: PP,
    params: [FEATURE],
    body: { kind: "flags", payload: true, fields: [JUSTIFICATION] },
    example: `ppx tenant feature request-access copilotInPowerApps --justification "pilot"`,
    reference: "Not in Microsoft's published reference; kept from the earlier CLI",
  },
];
