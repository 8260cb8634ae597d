/**
 * Catalog: data policies (DLP) on the BAP admin API's V2 policy resource
 * (`/providers/PowerPlatform.Governance/v2/policies`), the one Microsoft documents for the
 * connector-group model (Business = Confidential, Non-business = General, Blocked). The earlier CLI
 * called `policy/dataLossPreventionPolicies` on the Power Platform API, which Microsoft does not
 * publish. A policy carries its connector groups and environments itself: `policy dlp connectors` and
 * `policy dlp assignments` read and patch those parts (lib/powerplatform/dlp.ts).
 *
 * @module
 */

import type { Operation, OperationParam } from "./types.ts";

/** The api-version of the V2 policy resource. */
export const DLP_API_VERSION = "2018-01-01";
/** The policy collection, relative to the BAP base URL. */
export const DLP_POLICIES_PATH = "/providers/PowerPlatform.Governance/v2/policies";
const PERM =
  "the Power Platform administrator role (environment admins see only their environments' policies)";
const POLICY: OperationParam = {
  name: "policyName",
  in: "path",
  positional: "POLICY",
  required: true,
  description: "policy name (id)",
};

/** DLP policies. */
export const DLP_OPERATIONS: Operation[] = [
  {
    id: "policy.dlp.list",
    group: ["policy", "dlp"],
    name: "list",
    summary: "List data (DLP) policies",
    api: "bap",
    method: "GET",
    path: DLP_POLICIES_PATH,
    apiVersion: DLP_API_VERSION,
    body: { kind: "none" },
    list: {},
    columns: [
      { header: "name", path: "displayName" },
      { header: "id", path: "name" },
      { header: "scope", path: "environmentType" },
      { header: "default", path: "defaultConnectorsClassification" },
      { header: "modified", path: "lastModifiedTime" },
    ],
    permission: PERM,
    example: "ppx policy dlp list",
    reference: "Power Platform for Admins: List DLP policies (V2)",
  },
  {
    id: "policy.dlp.get",
    group: ["policy", "dlp"],
    name: "get",
    summary: "Show a policy as JSON (`policy dlp show` prints its connector groups)",
    api: "bap",
    method: "GET",
    path: `${DLP_POLICIES_PATH}/{policyName}`,
    apiVersion: DLP_API_VERSION,
    params: [POLICY],
    body: { kind: "none" },
    permission: PERM,
    example: "ppx policy dlp get 2f4e1a6b-0000-4000-8000-00000000d1p1 --json",
    reference: "Power Platform for Admins: Get DLP policy (V2)",
  },
  {
    id: "policy.dlp.create",
    group: ["policy", "dlp"],
    name: "create",
    summary: "Create a policy",
    api: "bap",
    method: "POST",
    path: DLP_POLICIES_PATH,
    apiVersion: DLP_API_VERSION,
    body: {
      kind: "flags",
      payload: true,
      fields: [
        {
          flag: "--display-name",
          key: "displayName",
          type: "string",
          required: true,
          description: "policy name",
        },
        {
          flag: "--environment-type",
          key: "environmentType",
          type: "string",
          required: true,
          choices: ["AllEnvironments", "ExceptEnvironments", "OnlyEnvironments"],
          synonyms: { all: "AllEnvironments", except: "ExceptEnvironments", only: "OnlyEnvironments" },
          description: "which environments it applies to",
        },
        {
          flag: "--default-classification",
          key: "defaultConnectorsClassification",
          type: "string",
          choices: ["General", "Confidential", "Blocked"],
          synonyms: { "non-business": "General", business: "Confidential", blocked: "Blocked" },
          description: "group of connectors the policy does not name",
        },
      ],
    },
    permission: PERM,
    example:
      "ppx policy dlp create --display-name Strict --environment-type all --default-classification blocked",
    reference: "Power Platform for Admins: Create DLP policy (V2)",
  },
  {
    id: "policy.dlp.update",
    group: ["policy", "dlp"],
    name: "update",
    summary: "Change a policy (fields given, or --payload)",
    api: "bap",
    method: "PATCH",
    path: `${DLP_POLICIES_PATH}/{policyName}`,
    apiVersion: DLP_API_VERSION,
    params: [POLICY],
    body: {
      kind: "flags",
      payload: true,
      fields: [
        { flag: "--display-name", key: "displayName", type: "string", description: "policy name" },
        {
          flag: "--default-classification",
          key: "defaultConnectorsClassification",
          type: "string",
          choices: ["General", "Confidential", "Blocked"],
          synonyms: { "non-business": "General", business: "Confidential", blocked: "Blocked" },
          description: "group of connectors the policy does not name",
        },
      ],
    },
    permission: PERM,
    example: "ppx policy dlp update 4c2e8a10-7b3d-4f59-a6e1-0d9c8b7a6f54 --display-name Strict",
    reference: "Power Platform for Admins: Update DLP policy (V2)",
  },
  {
    id: "policy.dlp.delete",
    group: ["policy", "dlp"],
    name: "delete",
    summary: "Delete a policy",
    api: "bap",
    method: "DELETE",
    path: `${DLP_POLICIES_PATH}/{policyName}`,
    apiVersion: DLP_API_VERSION,
    params: [POLICY],
    body: { kind: "none" },
    destructive: true,
    permission: PERM,
    example: "ppx policy dlp delete 4c2e8a10-7b3d-4f59-a6e1-0d9c8b7a6f54 --yes",
    reference: "Power Platform for Admins: Delete DLP policy (V2)",
  },
];
