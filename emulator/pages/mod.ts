/**
 * Power Pages in the emulated org: the tables of both data models and web-file binaries.
 *
 * @module
 */

export { PAGES_SCHEMA, PAGES_SCHEMA_TABLES } from "./schema.ts";
export { type PagesEmulator, pagesService, type PagesServiceOptions, type StoredFile } from "./service.ts";
export { type EmulatedWebsite, type PagesAdminEmulator, pagesAdminService } from "./websites.ts";
