/**
 * The Dataverse Web API client library: OData helpers, the `$batch` writer and streaming parser, the
 * CRUD / query client and its typed errors.
 *
 * @module
 */

export * from "./batch_parser.ts";
export * from "./batch_writer.ts";
export * from "./client.ts";
export * from "./errors.ts";
export * from "./fetchxml.ts";
export * from "./host.ts";
export * from "./keys.ts";
export * from "./metadata.ts";
export * from "./multipart.ts";
export * from "./odata.ts";
