/**
 * The Dataverse solution lifecycle: list, export, import (async, with deployment settings), status,
 * publish, delete, components, dependencies, deployment settings and versions. Functions return data;
 * the CLI renders it.
 *
 * @module
 */

export * from "./solutions.ts";
export * from "./jobs.ts";
export * from "./settings.ts";
export * from "./version.ts";
export * from "./zip_info.ts";
export { importFailureOf } from "./import_data.ts";
