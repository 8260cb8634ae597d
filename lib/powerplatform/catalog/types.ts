/**
 * The shape of a catalog entry: one admin API operation described once, from which the command, its
 * flags, its help, the reference docs and completions are generated. Plain data, no imports.
 *
 * @module
 */

/** HTTP methods the admin APIs use. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Which API family serves an operation (see endpoints.ts). */
export type OperationApi = "powerplatform" | "bap" | "powerapps" | "flow";

/** A value the command takes: a positional argument or a flag, placed in the path, query or a header. */
export interface OperationParam {
  /** The path placeholder (`{flowId}` -> `flowId`), query parameter or header name. */
  name: string;
  /** Where it goes. */
  in: "path" | "query" | "header";
  /** A positional argument name (upper case in help), e.g. `FLOW_ID`; otherwise a flag. */
  positional?: string;
  /** The flag, e.g. `--workflow-id` (for non-positional params). */
  flag?: string;
  /** Filled from `-e/--environment` (resolved to an environment id). */
  environment?: boolean;
  /** Must be given. */
  required?: boolean;
  /** Help text. */
  description: string;
  /** Closed set of values (checked case-insensitively, sent as listed). */
  choices?: string[];
  /** Other words accepted for a choice (`started` -> `start`), lower case. */
  synonyms?: Record<string, string>;
  /** Wraps the value, `{}` marking where it goes (e.g. `status eq '{}'` for a filter). */
  format?: string;
}

/** One typed body field set by a flag. */
export interface BodyField {
  /** The flag, e.g. `--label`. */
  flag: string;
  /** Dot path in the JSON body, e.g. `linkedEnvironmentMetadata.domainName`; `.` is the whole body. */
  key: string;
  /** How the flag's text becomes JSON. */
  type: "string" | "number" | "boolean" | "json" | "list";
  /** Must be given unless `--payload` is. */
  required?: boolean;
  /** Help text. */
  description: string;
  /** Closed set of values (matched case-insensitively, sent as listed). */
  choices?: string[];
  /** Other words accepted for a choice (`full` -> `FullCopy`), lower case. */
  synonyms?: Record<string, string>;
  /** The value names an environment: resolved like `-e` to its id. */
  environment?: boolean;
  /** A fixed value always sent with this field's object (e.g. `databaseType` when a domain is given). */
  alsoSet?: Record<string, unknown>;
}

/** How the request body is formed. */
export type BodySpec =
  | { kind: "none" }
  | { kind: "payload"; required?: boolean; description?: string }
  | { kind: "flags"; fields: BodyField[]; payload?: boolean };

/** A column of the table view: a header and a dot path into the item. */
export interface OperationColumn {
  /** The column heading. */
  header: string;
  /** Dot path into the item; `a|b` takes the first that has a value. */
  path: string;
}

/** One operation of an admin API. */
export interface Operation {
  /** Stable id, e.g. `environment.backup`; the tests' expectation table is keyed by it. */
  id: string;
  /** The command group path, e.g. `["environment", "groups"]`. */
  group: string[];
  /** The leaf command's name. */
  name: string;
  /** Other names of the leaf (earlier CLI names). */
  aliases?: string[];
  /** One line of help. */
  summary: string;
  /** The API family. */
  api: OperationApi;
  /** HTTP method. */
  method: HttpMethod;
  /** Path template relative to the family's base URL, with `{name}` placeholders. */
  path: string;
  /** Default api-version (overridable with `--api-version`); omitted for APIs without one. */
  apiVersion?: string;
  /** Path, query and header parameters. */
  params?: OperationParam[];
  /** Fixed query parameters always sent (e.g. `$expand`). */
  fixedQuery?: Record<string, string>;
  /** The body. */
  body: BodySpec;
  /** A paged list: `--all` and `--top` apply. */
  list?: { itemsKey?: string; tokenParam?: string; topParam?: string };
  /** Answers 202 and finishes later: `--wait/--no-wait` and `--timeout` apply. */
  longRunning?: boolean;
  /** Waits by default (application package installs). */
  waitByDefault?: boolean;
  /** Deletes or overwrites: asks, or needs `--yes` without a terminal. */
  destructive?: boolean;
  /** The query parameter `--validate-only` sets, where the API has one. */
  validateOnly?: string;
  /** Table columns. */
  columns?: OperationColumn[];
  /** The role or permission a 403 from this operation means is missing (named in the error's hint). */
  permission?: string;
  /** One example command line. */
  example: string;
  /** Where the operation is documented, or why a path differs from the earlier CLI. */
  reference?: string;
}
