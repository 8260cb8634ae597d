/**
 * The emulated Dataverse Web API.
 *
 * @module
 */

export {
  type DataverseEmulator,
  type DataverseExtension,
  dataverseService,
  type DataverseServiceOptions,
  type PersistedSection,
} from "./service.ts";
export {
  type AlternateKeySchema,
  type AttributeSchema,
  type AttributeType,
  type DataverseSchema,
  DEFAULT_SCHEMA,
  normalizeSchema,
  SchemaError,
  type TableSchema,
} from "./schema.ts";
export { dumpSeed, loadSeed, type SeedData, SeedError } from "./seed.ts";
export { DataverseStore } from "./store.ts";
