/**
 * The config file: paths, schema, migrations, encryption and the locked, atomic store.
 *
 * @module
 */

export * from "./paths.ts";
export * from "./schema.ts";
export * from "./errors.ts";
export * from "./store.ts";
export * from "./profiles.ts";
export * from "./settings.ts";
export { type Json, migrate, type Migrated, migrateProfile } from "./migrate.ts";
export {
  type EncryptionHeader,
  ENVELOPE_ITERATIONS,
  isEnvelope,
  isLegacyEncrypted,
  isSealed,
} from "./envelope.ts";
export { kdfRuns, type KeyMaterial, parseKey } from "./key.ts";
export { type JsonProblem, parseJson } from "./json_text.ts";
export type { WarnSink, WriteFaults } from "./files.ts";
