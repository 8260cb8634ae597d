/**
 * Catalog: Power Platform role-based access control (Power Platform API `authorization/...`): role
 * definitions and role assignments at tenant, environment group and environment scope.
 *
 * @module
 */

import type { Operation, OperationParam } from "./types.ts";

const V = "2022-03-01-preview";
const RBAC_READ = "the Power Platform administrator or Power Platform RBAC administrator role";

const ENV: OperationParam = {
  name: "environmentId",
  in: "path",
  environment: true,
  description: "the environment (-e)",
};
const GROUP: OperationParam = {
  name: "groupId",
  in: "path",
  positional: "GROUP_ID",
  required: true,
  description: "environment group id",
};
const ROLE: OperationParam = {
  name: "roleDefinitionId",
  in: "path",
  positional: "ROLE_DEFINITION_ID",
  required: true,
  description: "role definition id",
};
const ASSIGNMENT: OperationParam = {
  name: "roleAssignmentId",
  in: "path",
  positional: "ASSIGNMENT_ID",
  required: true,
  description: "role assignment id",
};

const ASSIGNMENT_FIELDS = [
  {
    flag: "--principal-id",
    key: "principalId",
    type: "string",
    required: true,
    description: "user, group or service principal object id",
  },
  {
    flag: "--role-definition-id",
    key: "roleDefinitionId",
    type: "string",
    required: true,
    description: "the role to assign",
  },
] as const;

const ROLE_COLUMNS = [
  { header: "name", path: "name|roleDefinitionName" },
  { header: "id", path: "id|roleDefinitionId" },
  { header: "scopes", path: "assignableScopes" },
];
const ASSIGNMENT_COLUMNS = [
  { header: "id", path: "id|roleAssignmentId" },
  { header: "principal", path: "principalId|principalObjectId" },
  { header: "role", path: "roleDefinitionId" },
  { header: "scope", path: "scope" },
];

/** The scopes an assignment list or create can take, each a path prefix. */
function scoped(
  scope: "tenant" | "environment" | "group",
): { prefix: string; params: OperationParam[]; suffix: string; example: string } {
  if (scope === "environment") {
    return {
      prefix: "authorization/environments/{environmentId}/roleAssignments",
      params: [ENV],
      suffix: "-e contoso-dev",
      example: "environment",
    };
  }
  if (scope === "group") {
    return {
      prefix: "authorization/environmentGroups/{groupId}/roleAssignments",
      params: [GROUP],
      suffix: "6d1b0a39-5d0b-4f25-9d0b-5d0b4f259d0b",
      example: "environment group",
    };
  }
  return { prefix: "authorization/roleAssignments", params: [], suffix: "", example: "tenant" };
}

function assignmentOps(scope: "tenant" | "environment" | "group"): Operation[] {
  const s = scoped(scope);
  const suffix = scope === "tenant" ? "" : scope === "environment" ? "-environment" : "-group";
  const id = scope === "tenant" ? "" : scope === "environment" ? ".environment" : ".group";
  const at = scope === "tenant" ? "" : ` at ${s.example} scope`;
  return [
    {
      id: `rbac.assignments.list${id}`,
      group: ["rbac", "assignments"],
      name: `list${suffix}`,
      summary: `List role assignments${at}`,
      api: "powerplatform",
      method: "GET",
      path: s.prefix,
      apiVersion: V,
      params: [
        ...s.params,
        ...(scope === "tenant"
          ? [
            { name: "principalId", in: "query", flag: "--principal-id", description: "only this principal" },
            { name: "scope", in: "query", flag: "--scope", description: "only this scope" },
          ] as OperationParam[]
          : []),
      ],
      body: { kind: "none" },
      list: {},
      columns: ASSIGNMENT_COLUMNS,
      permission: RBAC_READ,
      example: `ppx rbac assignments list${suffix} ${s.suffix}`.trim(),
      reference: `Role Based Access Control - List ${
        scope === "tenant" ? "" : scope === "environment" ? "Environment " : "Environment Group "
      }Role Assignments`,
    },
    {
      id: `rbac.assignments.create${id}`,
      group: ["rbac", "assignments"],
      name: `create${suffix}`,
      summary: `Assign a role to a principal${at}`,
      api: "powerplatform",
      method: "POST",
      path: s.prefix,
      apiVersion: V,
      params: s.params,
      body: {
        kind: "flags",
        payload: true,
        fields: [
          ...ASSIGNMENT_FIELDS,
          ...(scope === "tenant"
            ? [{
              flag: "--scope",
              key: "scope",
              type: "string",
              required: true,
              description: "tenant, environment group or environment scope, e.g. /tenants/TENANT_ID",
            }] as const
            : []),
        ],
      },
      permission: RBAC_READ,
      example:
        `ppx rbac assignments create${suffix} ${s.suffix} --principal-id 5b1f0c8e-0000-4000-8000-00000000beef --role-definition-id 0cb07c69-1631-4725-ab35-e59e001c51ea${
          scope === "tenant" ? " --scope /tenants/72f988bf-86f1-41af-91ab-2d7cd011db47" : ""
        }`.replace("  ", " "),
      reference: "Role Based Access Control - Create Role Assignment",
    },
    {
      id: `rbac.assignments.delete${id}`,
      group: ["rbac", "assignments"],
      name: `delete${suffix}`,
      summary: `Delete a role assignment${at}`,
      api: "powerplatform",
      method: "DELETE",
      path: `${s.prefix}/{roleAssignmentId}`,
      apiVersion: V,
      params: [...s.params, ASSIGNMENT],
      body: { kind: "none" },
      destructive: true,
      permission: RBAC_READ,
      example: `ppx rbac assignments delete${suffix} ${
        scope === "group" ? `${s.suffix} ` : ""
      }9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a${scope === "environment" ? " -e contoso-dev" : ""} --yes`,
      reference: "Role Based Access Control - Delete Role Assignment",
    },
  ];
}

/** Role definitions and assignments. */
export const RBAC_OPERATIONS: Operation[] = [
  {
    id: "rbac.roles.list",
    group: ["rbac", "roles"],
    name: "list",
    summary: "List the role definitions (built-in roles and their permissions)",
    api: "powerplatform",
    method: "GET",
    path: "authorization/roleDefinitions",
    apiVersion: V,
    body: { kind: "none" },
    list: {},
    columns: ROLE_COLUMNS,
    permission: RBAC_READ,
    example: "ppx rbac roles list",
    reference: "Role Based Access Control - List Role Definitions",
  },
  {
    id: "rbac.roles.create",
    group: ["rbac", "roles"],
    name: "create",
    summary: "Create a role definition from a JSON file (--payload @role.json)",
    api: "powerplatform",
    method: "POST",
    path: "authorization/roleDefinitions",
    apiVersion: V,
    body: {
      kind: "payload",
      required: true,
      description: "the role definition: name, permissions, assignableScopes",
    },
    permission: RBAC_READ,
    example: "ppx rbac roles create --payload @role.json",
    reference:
      "Not in Microsoft's published reference (only built-in roles are documented); kept from the earlier CLI",
  },
  {
    id: "rbac.roles.update",
    group: ["rbac", "roles"],
    name: "update",
    summary: "Update a role definition (--payload @role.json)",
    api: "powerplatform",
    method: "PATCH",
    path: "authorization/roleDefinitions/{roleDefinitionId}",
    apiVersion: V,
    params: [ROLE],
    body: { kind: "payload", required: true, description: "the fields to change" },
    permission: RBAC_READ,
    example: "ppx rbac roles update 0cb07c69-1631-4725-ab35-e59e001c51ea --payload @role.json",
    reference: "Not in Microsoft's published reference; kept from the earlier CLI",
  },
  {
    id: "rbac.roles.delete",
    group: ["rbac", "roles"],
    name: "delete",
    summary: "Delete a role definition",
    api: "powerplatform",
    method: "DELETE",
    path: "authorization/roleDefinitions/{roleDefinitionId}",
    apiVersion: V,
    params: [ROLE],
    body: { kind: "none" },
    destructive: true,
    permission: RBAC_READ,
    example: "ppx rbac roles delete 0cb07c69-1631-4725-ab35-e59e001c51ea --yes",
    reference: "Not in Microsoft's published reference; kept from the earlier CLI",
  },
  ...assignmentOps("tenant"),
  ...assignmentOps("environment"),
  ...assignmentOps("group"),
];
