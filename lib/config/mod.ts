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
export { migrate, migrateProfile } from "./migrate.ts";
export {
  type EncryptionHeader,
  ENVELOPE_ITERATIONS,
  isEnvelope,
  isLegacyEncrypted,
  isSealed,
} from "./envelope.ts";
export { kdfRuns, parseKey } from "./key.ts";
export { parseJson } from "./json_text.ts";
export type { WarnSink, WriteFaults } from "./files.ts";
