/**
 * The Power Platform admin APIs: endpoints per cloud, the operation catalog, request building, running an
 * operation (paging, long-running operations), environment resolution and connection references.
 *
 * Permissions: `--allow-net` for the admin API hosts (and the Dataverse host for connection references).
 *
 * @example
 * ```ts
 * import { cloudEndpoints, HttpClient, operation, processEnv, runOperation, StaticTokenSource, systemClock } from "@pacx/cli";
 * const ep = cloudEndpoints("public", processEnv());
 * const http = new HttpClient({ baseUrl: ep.powerplatform.baseUrl, token: new StaticTokenSource("...") });
 * const result = await runOperation(operation("environment.groups.list"), { all: true }, {
 *   client: () => http,
 *   clock: systemClock,
 * });
 * ```
 *
 * @module
 */

export * from "./endpoints.ts";
export * from "./follow.ts";
export * from "./lro.ts";
export * from "./paging.ts";
export { buildRequest, type BuiltRequest, type OperationInput } from "./request.ts";
export * from "./execute.ts";
export * from "./environments.ts";
export * from "./connection_references.ts";
export { CATALOG, operation, operationsIn } from "./catalog/mod.ts";
export type * from "./catalog/types.ts";
export * from "./env_use_cases.ts";
