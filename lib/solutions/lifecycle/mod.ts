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

// The use-cases behind `ppx solution ...`: `run(options, deps)`, one per command.
export * from "./inspect.ts";
export * from "./changes.ts";
export * from "./export.ts";
export * from "./import.ts";
export * from "./create_settings.ts";
export * from "./set_version.ts";
export * from "./files.ts";
