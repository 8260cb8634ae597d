/**
 * Catalog: admin roles of users (Power Platform API `usermanagement/...`). Microsoft documents "Users -
 * Apply Admin Role" (the signed-in user becomes System Administrator of an environment); list and remove
 * are not in the published reference and keep the earlier CLI's paths.
 *
 * @module
 */

import type { Operation, OperationParam } from "./types.ts";

const V = "2022-03-01-preview";
const USER: OperationParam = {
  name: "userId",
  in: "path",
  positional: "USER_ID",
  required: true,
  description: "the user's object id",
};

/** Users' admin roles. */
export const USER_OPERATIONS: Operation[] = [
  {
    id: "users.admin-role.apply",
    group: ["users", "admin-role"],
    name: "apply",
    summary: "Make the signed-in user System Administrator of an environment (waits by default)",
    api: "powerplatform",
    method: "POST",
    path: "usermanagement/environments/{environmentId}/user/applyAdminRole",
    apiVersion: V,
    params: [{ name: "environmentId", in: "path", environment: true, description: "the environment (-e)" }],
    body: { kind: "none" },
    longRunning: true,
    waitByDefault: true,
    permission: "a Power Platform administrator or Dynamics 365 administrator role in Microsoft Entra",
    example: "ppx users admin-role apply -e contoso-dev",
    reference: "Users - Apply Admin Role",
  },
  {
    id: "users.admin-role.list",
    group: ["users", "admin-role"],
    name: "list",
    summary: "List a user's admin roles",
    api: "powerplatform",
    method: "GET",
    path: "usermanagement/users/{userId}/adminRoles",
    apiVersion: V,
    params: [USER],
    body: { kind: "none" },
    list: {},
    columns: [
      { header: "role", path: "roleDisplayName|roleDefinitionId" },
      { header: "roleDefinitionId", path: "roleDefinitionId" },
      { header: "scope", path: "scope" },
    ],
    example: "ppx users admin-role list 5f2b0a39-0000-4f25-9d0b-000000000001",
    reference: "Not in Microsoft's published reference; kept from the earlier CLI",
  },
  {
    id: "users.admin-role.remove",
    group: ["users", "admin-role"],
    name: "remove",
    summary: "Remove an admin role from a user (waits by default)",
    api: "powerplatform",
    method: "POST",
    path: "usermanagement/users/{userId}:removeAdminRole",
    apiVersion: V,
    params: [USER],
    body: {
      kind: "flags",
      fields: [{
        flag: "--role-definition-id",
        key: "roleDefinitionId",
        type: "string",
        required: true,
        description: "the role to remove",
      }],
    },
    longRunning: true,
    waitByDefault: true,
    destructive: true,
    example:
      "ppx users admin-role remove 5b1f0c8e-0000-4000-8000-00000000beef --role-definition-id 0cb07c69-1631-4725-ab35-e59e001c51ea --yes",
    reference: "Not in Microsoft's published reference; kept from the earlier CLI",
  },
];
