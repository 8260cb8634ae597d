/**
 * The Dataverse Web API client: WhoAmI, paged queries (OData and FetchXML), create / retrieve / update /
 * upsert / delete by id or alternate key, `$batch`, CreateMultiple / UpsertMultiple and table metadata.
 * Failed calls become typed errors (RecordNotFoundError, DuplicateRecordError, …); pages are fetched one at
 * a time so memory stays flat.
 *
 * Permissions: `--allow-net` for the org host.
 *
 * @module
 */

import { MetadataCache } from "./metadata.ts";
import { ApiError } from "../errors.ts";
import type { HttpClient, RequestOptions } from "../http/client.ts";
import { TRANSIENT_STATUSES } from "../http/retry.ts";
import { type BatchResponsePart, parseBatchResponse } from "./batch_parser.ts";
import { type BatchEntry, writeBatch } from "./batch_writer.ts";
import { BatchFormatError, dataverseError } from "./errors.ts";
import { buildQuery, checkEntitySet, type QueryOptions, recordPath, type RecordRef } from "./odata.ts";

/** A Dataverse record as the Web API returns it. */
export type DataverseRecord = Record<string, unknown>;

/** WhoAmI's answer. */
export interface WhoAmI {
  /** The signed-in user's `systemuserid` (for a service principal, its application user). */
  UserId: string;
  /** The `businessunitid` of the user's business unit, which scopes their security roles. */
  BusinessUnitId: string;
  /** The org's `organizationid`; the same for every user of this environment. */
  OrganizationId: string;
}

/** One page of a query. */
export interface RecordPage {
  /** The page's records in the order Dataverse sent them; empty (not undefined) for an empty page. */
  records: DataverseRecord[];
  /** `@odata.count` / total record count when asked for. */
  count?: number;
  /** True when more pages exist. */
  more: boolean;
}

/** Paging and annotation options of a query. */
export interface PageOptions {
  /** `Prefer: odata.maxpagesize` (1..5000). */
  pageSize?: number;
  /** Follow every page (default: the first page only). */
  all?: boolean;
  /** Ask for formatted values and lookup annotations. */
  annotations?: boolean;
}

/** What a write returned. */
export interface WriteResult {
  /** The record's URL (`OData-EntityId`). */
  entityId?: string;
  /** The id when the URL or body carries it. */
  id?: string;
  /** The record, when `returnRecord` was asked for. */
  record?: DataverseRecord;
  /** For upserts: true when the record was created (known only with returnRecord). */
  created?: boolean;
}

/** What an upsert may do. */
export type UpsertMode = "upsert" | "create-only" | "update-only";

/** The answer to a `$batch`. */
export interface BatchResult {
  /** 200, or 400 when a request failed without continue-on-error. */
  status: number;
  /** Every inner response in answer order, change-set members one by one. */
  parts: BatchResponsePart[];
}

/** A column of a table, from metadata. */
export interface AttributeInfo {
  /** The column's logical name (lower case), e.g. `parentaccountid`; the key of a record's JSON. */
  LogicalName: string;
  /** The column's kind: `String`, `Integer`, `Lookup`, `Picklist`, …; `Virtual` for newer ones. */
  AttributeType: string;
  /** The finer kind, e.g. `{ Value: "MultiSelectPicklistType" }`; tells apart the `Virtual` kinds. */
  AttributeTypeName?: { Value: string };
  /** Longest value in characters, for String and Memo columns; undefined for other kinds. */
  MaxLength?: number;
  /** For lookup columns: logical names of the tables the lookup may point to; undefined otherwise. */
  Targets?: string[];
  /** False for columns the service fills itself (e.g. `createdon`), which a create must not send. */
  IsValidForCreate?: boolean;
  /** False for columns an update must not send (read-only ones and the primary key). */
  IsValidForUpdate?: boolean;
  /** Any other `AttributeMetadata` property Dataverse returned, including `@odata.type`. */
  [key: string]: unknown;
}

/** One option of a choice column. */
export interface ChoiceOption {
  /** The integer stored in (and written to) the column. */
  value: number;
  /** The label in the caller's language, else the first localized label; empty when there is none. */
  label: string;
}

interface ChoiceAttribute {
  LogicalName: string;
  OptionSet?: {
    Options?: {
      Value: number;
      Label?: { UserLocalizedLabel?: { Label?: string }; LocalizedLabels?: { Label?: string }[] };
    }[];
  };
}

/** A table, from metadata. */
export interface EntityInfo {
  /** The table's logical name (singular, lower case), e.g. `account`; what metadata URLs take. */
  LogicalName: string;
  /** The name in Web API record URLs (usually plural), e.g. `accounts`. */
  EntitySetName: string;
  /** Logical name of the primary key (GUID) column, e.g. `accountid`. */
  PrimaryIdAttribute: string;
  /** Logical name of the column shown as the record's name, e.g. `name` or `fullname`. */
  PrimaryNameAttribute: string;
  /** Other `EntityMetadata` properties, present only when selected (`entity()` selects none). */
  [key: string]: unknown;
}

/** An alternate key of a table, from metadata (`EntityKeyMetadata`). */
export interface AlternateKeyInfo {
  /** The key's own logical name (not a column's), e.g. `ppx_accountnumber_key`. */
  LogicalName: string;
  /** Logical names of the key's columns. */
  KeyAttributes: string[];
  /** Other `EntityKeyMetadata` properties or OData annotations the answer carried. */
  [key: string]: unknown;
}

/** How to send a `$batch`. */
export interface BatchOptions {
  /** `Prefer: odata.continue-on-error`: later requests run after one fails. */
  continueOnError?: boolean;
  /** Aborts the request; requests the service already ran stay done. */
  signal?: AbortSignal;
  /**
   * Do not retry 429 / 5xx answers to the whole batch; throw BatchRejectedError (with Retry-After) so the
   * caller can adapt its own pacing.
   */
  noRetry?: boolean;
  /** Sees the answer's headers (e.g. `x-ms-dop-hint`) before the body is read. */
  onResponse?: (response: Response) => void;
}

/** A `$batch` refused as a whole with a transient status (only with `noRetry`); nothing in it ran. */
export class BatchRejectedError extends ApiError {
  /** Milliseconds the service asked to wait (Retry-After), when it said. */
  readonly retryAfterMs?: number;
  /**
   * Keeps the wait the service asked for, so a caller pacing its own retries can honour it.
   *
   * @param status the status of the whole `$batch` answer (429 or 5xx)
   * @param retryAfter the raw Retry-After header: seconds are kept, an HTTP date or null leaves
   *   `retryAfterMs` undefined
   */
  constructor(status: number, retryAfter: string | null) {
    super(`The $batch request was answered ${status}.`, { status, method: "POST" }, {
      code: status === 429 ? "throttled" : "api.unavailable",
      hint: "Wait and send it again.",
    });
    const seconds = retryAfter === null ? NaN : Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) this.retryAfterMs = seconds * 1000;
  }
}

/** `$batch` answers up to this many bytes are read whole before parsing. */
const SMALL_ANSWER = 256 * 1024;

async function readSmall(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch (cause) {
    // The connection broke mid-body: the same failure the streaming parser reports.
    throw new BatchFormatError(
      `Could not read the $batch answer: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

const STANDARD_HEADERS: Record<string, string> = {
  Accept: "application/json",
  "OData-MaxVersion": "4.0",
  "OData-Version": "4.0",
};

const ID_IN_URL = /\(([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\)$/i;

function prefer(...items: (string | false | undefined)[]): Record<string, string> {
  const list = items.filter((i): i is string => typeof i === "string" && i !== "");
  return list.length ? { Prefer: list.join(",") } : {};
}

/** The annotations FetchXML paging and counting need. */
const FETCH_ANNOTATIONS = [
  "Microsoft.Dynamics.CRM.fetchxmlpagingcookie",
  "Microsoft.Dynamics.CRM.morerecords",
  "Microsoft.Dynamics.CRM.totalrecordcount",
  "Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded",
].join(",");

/** Talks to one org's Web API through an HttpClient whose base URL is the org URL. */
export class DataverseClient {
  /** The transport (auth, retries, throttling), based at the org URL (`https://org.crm.dynamics.com`). */
  readonly http: HttpClient;
  /** The Web API root path without a trailing slash, e.g. `/api/data/v9.2`. */
  readonly apiPath: string;
  #metadata?: MetadataCache;

  /**
   * Sign-in, retries and throttling stay with `http`; this adds Web API paths, headers and typed errors.
   *
   * @param http a client for the org URL
   * @param options `apiPath`: the Web API root to use (default `/api/data/v9.2`)
   */
  constructor(http: HttpClient, options: { apiPath?: string } = {}) {
    this.http = http;
    this.apiPath = (options.apiPath ?? "/api/data/v9.2").replace(/\/+$/, "");
  }

  /** This client's metadata cache (tables, columns, keys, choices), each read at most once. */
  get metadata(): MetadataCache {
    this.#metadata ??= new MetadataCache(this);
    return this.#metadata;
  }

  #path(relative: string): string {
    return `${this.apiPath}/${relative}`;
  }

  async #json<T>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<{ body: T; response: Response }> {
    const headers = {
      ...STANDARD_HEADERS,
      ...(method === "GET" ? { "If-None-Match": "null" } : {}),
      ...options.headers,
    };
    for (let attempt = 0;; attempt++) {
      let response: Response;
      try {
        response = await this.http.send(method, path, { ...options, headers });
      } catch (error) {
        throw dataverseError(error);
      }
      let text: string;
      try {
        text = await response.text();
      } catch (cause) {
        // The connection broke mid-answer. A read is safe to repeat; a write may have happened.
        if (method === "GET" && attempt < 2) continue;
        throw new ApiError(`The connection to ${this.http.url(path).host} broke while reading the answer.`, {
          status: 0,
          method,
        }, {
          code: "network",
          hint: method === "GET"
            ? "Try again."
            : "The change may or may not have been made; check before retrying.",
          cause,
        });
      }
      let body: T = undefined as T;
      if (text.trim() !== "") {
        try {
          body = JSON.parse(text) as T;
        } catch (cause) {
          throw new ApiError(`${this.http.url(path).host} answered with something that is not JSON.`, {
            status: response.status,
            method,
          }, { code: "api.bad-response", cause });
        }
      }
      return { body, response };
    }
  }

  /** Who the token belongs to: user, business unit and org ids. */
  async whoAmI(): Promise<WhoAmI> {
    return (await this.#json<WhoAmI>("GET", this.#path("WhoAmI()"))).body;
  }

  /** Yields pages of an OData query on an entity set. */
  async *pages(
    entitySet: string,
    query: QueryOptions = {},
    options: PageOptions = {},
  ): AsyncGenerator<RecordPage> {
    checkEntitySet(entitySet);
    const qs = buildQuery(query);
    const first = this.#path(`${entitySet}${qs ? `?${qs}` : ""}`);
    let next: string | undefined = first;
    let followed = false;
    const headers = prefer(
      options.pageSize !== undefined && `odata.maxpagesize=${options.pageSize}`,
      options.annotations && 'odata.include-annotations="*"',
    );
    while (next !== undefined) {
      const { body }: { body: Record<string, unknown> } = await this.#json<Record<string, unknown>>(
        "GET",
        next,
        // Next links are the service's: the follow rule keeps them on https and the token on this org.
        next !== first || followed ? { headers, followedFrom: first } : { headers },
      );
      const nextLink: string | undefined = typeof body?.["@odata.nextLink"] === "string"
        ? body["@odata.nextLink"] as string
        : undefined;
      yield {
        records: Array.isArray(body?.value) ? body.value as DataverseRecord[] : [],
        count: typeof body?.["@odata.count"] === "number" ? body["@odata.count"] as number : undefined,
        more: nextLink !== undefined,
      };
      // The next link is used unchanged, with the same Prefer header (Dataverse requires both).
      next = options.all ? nextLink : undefined;
      followed = true;
    }
  }

  /**
   * Yields pages of a FetchXML query (`GET <entityset>?fetchXml=…`). Dataverse sends the paging cookie and
   * `morerecords` only when asked (`Prefer: odata.include-annotations`), so every request asks; each next
   * page carries the previous page's cookie, or just the page number when the service sent none.
   */
  async *fetchXmlPages(
    entitySet: string,
    fetchXml: string,
    options: PageOptions = {},
  ): AsyncGenerator<RecordPage> {
    checkEntitySet(entitySet);
    // The XML parser loads only for FetchXML queries, not with every Dataverse command.
    const { pagingCookieOf, parseFetchXmlQuery } = await import("./fetchxml.ts");
    const query = parseFetchXmlQuery(fetchXml);
    const headers = prefer(`odata.include-annotations="${options.annotations ? "*" : FETCH_ANNOTATIONS}"`);
    let page = query.firstPage;
    let text = fetchXml;
    for (;;) {
      const path = this.#path(`${entitySet}?fetchXml=${encodeURIComponent(text)}`);
      const { body } = await this.#json<Record<string, unknown>>("GET", path, { headers });
      const records = Array.isArray(body?.value) ? body.value as DataverseRecord[] : [];
      const more = body?.["@Microsoft.Dynamics.CRM.morerecords"] === true;
      const count = body?.["@odata.count"] ?? body?.["@Microsoft.Dynamics.CRM.totalrecordcount"];
      yield { records, count: typeof count === "number" ? count : undefined, more };
      // An empty page that claims more would loop for ever.
      if (!options.all || !more || !records.length) return;
      const annotation = body["@Microsoft.Dynamics.CRM.fetchxmlpagingcookie"];
      const cookie = typeof annotation === "string" ? pagingCookieOf(annotation) : undefined;
      text = query.page(++page, cookie);
    }
  }

  /** Reads one record. */
  async get(
    entitySet: string,
    ref: RecordRef,
    options: { select?: string[]; expand?: string[]; annotations?: boolean } = {},
  ): Promise<DataverseRecord> {
    const qs = buildQuery({ select: options.select, expand: options.expand });
    const { body } = await this.#json<DataverseRecord>(
      "GET",
      this.#path(`${recordPath(entitySet, ref)}${qs ? `?${qs}` : ""}`),
      {
        headers: prefer(options.annotations && 'odata.include-annotations="*"'),
      },
    );
    return body;
  }

  #result(response: Response, body: DataverseRecord | undefined, created?: boolean): WriteResult {
    const entityId = response.headers.get("odata-entityid") ?? response.headers.get("location") ?? undefined;
    const id = entityId ? ID_IN_URL.exec(entityId)?.[1]?.toLowerCase() : undefined;
    return {
      entityId,
      ...(id ? { id } : {}),
      ...(body && typeof body === "object" ? { record: body } : {}),
      ...(created !== undefined ? { created } : {}),
    };
  }

  /** Creates a record (POST). */
  async create(
    entitySet: string,
    data: DataverseRecord,
    options: { returnRecord?: boolean; select?: string[] } = {},
  ): Promise<WriteResult> {
    checkEntitySet(entitySet);
    const qs = options.returnRecord ? buildQuery({ select: options.select }) : "";
    const { body, response } = await this.#json<DataverseRecord>(
      "POST",
      this.#path(`${entitySet}${qs ? `?${qs}` : ""}`),
      {
        json: data,
        headers: prefer(options.returnRecord && "return=representation"),
      },
    );
    return this.#result(response, body, true);
  }

  /** Updates an existing record (PATCH with `If-Match: *`, so it never creates one). */
  async update(
    entitySet: string,
    ref: RecordRef,
    data: DataverseRecord,
    options: { returnRecord?: boolean; etag?: string } = {},
  ): Promise<WriteResult> {
    const { body, response } = await this.#json<DataverseRecord>(
      "PATCH",
      this.#path(recordPath(entitySet, ref)),
      {
        json: data,
        headers: {
          "If-Match": options.etag ?? "*",
          ...prefer(options.returnRecord && "return=representation"),
        },
      },
    );
    return this.#result(response, body, false);
  }

  /**
   * Creates or updates (PATCH). `create-only` sends `If-None-Match: *` (412 when the record exists),
   * `update-only` sends `If-Match: *` (404 when it does not). With returnRecord the answer tells whether
   * the record was created (201) or updated (200).
   */
  async upsert(
    entitySet: string,
    ref: RecordRef,
    data: DataverseRecord,
    options: { mode?: UpsertMode; returnRecord?: boolean } = {},
  ): Promise<WriteResult> {
    const condition: Record<string, string> = options.mode === "create-only"
      ? { "If-None-Match": "*" }
      : options.mode === "update-only"
      ? { "If-Match": "*" }
      : {};
    const { body, response } = await this.#json<DataverseRecord>(
      "PATCH",
      this.#path(recordPath(entitySet, ref)),
      {
        json: data,
        headers: { ...condition, ...prefer(options.returnRecord && "return=representation") },
      },
    );
    const created = response.status === 201 ? true : response.status === 200 ? false : undefined;
    return this.#result(response, body, created);
  }

  /** Deletes a record. */
  async delete(entitySet: string, ref: RecordRef): Promise<void> {
    await this.#json("DELETE", this.#path(recordPath(entitySet, ref)));
  }

  /**
   * Sends a `$batch` and yields its parts as they arrive. Without continueOnError Dataverse stops at the
   * first failure and answers 400 with that failure as the only part.
   */
  async *batchStream(
    entries: BatchEntry[],
    options: BatchOptions = {},
  ): AsyncGenerator<BatchResponsePart & { batchStatus: number }> {
    const batch = writeBatch(entries, { apiPath: this.apiPath });
    let response: Response;
    try {
      response = await this.http.send("POST", this.#path("$batch"), {
        body: batch.body,
        headers: {
          ...STANDARD_HEADERS,
          "Content-Type": batch.contentType,
          ...prefer(options.continueOnError && "odata.continue-on-error"),
        },
        allowStatus: options.noRetry ? [400, ...TRANSIENT_STATUSES] : [400],
        noRetry: options.noRetry,
        signal: options.signal,
      });
    } catch (error) {
      throw dataverseError(error);
    }
    options.onResponse?.(response);
    if (TRANSIENT_STATUSES.has(response.status)) {
      // Only reached with noRetry: the caller schedules the retry itself (nothing was applied).
      await response.body?.cancel();
      throw new BatchRejectedError(response.status, response.headers.get("retry-after"));
    }
    const contentType = response.headers.get("content-type");
    if (response.status === 400 && !/^multipart\//i.test(contentType ?? "")) {
      // A 400 about the batch itself (bad framing), not about one of its requests.
      const text = await response.text().catch(() => "");
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const error = (body as { error?: { code?: string; message?: string } })?.error;
      throw new ApiError(`The $batch request was rejected: ${error?.message ?? text.slice(0, 200)}`, {
        status: 400,
        serviceCode: error?.code,
        method: "POST",
        body,
      });
    }
    // A small answer (a bulk load's ten rows) is read whole: cheaper than a stream reader per chunk.
    const length = Number(response.headers.get("content-length") ?? NaN);
    const source = length <= SMALL_ANSWER ? await readSmall(response) : response.body ?? "";
    for await (const part of parseBatchResponse(contentType, source)) {
      yield Object.assign(part, { batchStatus: response.status });
    }
  }

  /** Sends a `$batch` and collects every part. */
  async batch(
    entries: BatchEntry[],
    options: BatchOptions = {},
  ): Promise<BatchResult> {
    const parts: BatchResponsePart[] = [];
    let status = 200;
    for await (const { batchStatus, ...part } of this.batchStream(entries, options)) {
      status = batchStatus;
      parts.push(part);
    }
    return { status, parts };
  }

  async #multiple(
    action: string,
    entitySet: string,
    logicalName: string,
    records: DataverseRecord[],
  ): Promise<string[]> {
    checkEntitySet(entitySet);
    const targets = records.map((r) => ({ "@odata.type": `Microsoft.Dynamics.CRM.${logicalName}`, ...r }));
    const { body } = await this.#json<{ Ids?: string[] }>(
      "POST",
      this.#path(`${entitySet}/Microsoft.Dynamics.CRM.${action}`),
      { json: { Targets: targets } },
    );
    return body?.Ids ?? [];
  }

  /** CreateMultiple: creates all records or none; returns their ids. */
  createMultiple(entitySet: string, logicalName: string, records: DataverseRecord[]): Promise<string[]> {
    return this.#multiple("CreateMultiple", entitySet, logicalName, records);
  }

  /**
   * UpsertMultiple: creates or updates all records or none. A record names its target with
   * `"@odata.id": "accounts(accountnumber='A-1')"` (an alternate key, see `alternateKeySegment`) or with its
   * primary key column; one with neither is created. Dataverse answers 204 without the ids.
   */
  async upsertMultiple(entitySet: string, logicalName: string, records: DataverseRecord[]): Promise<void> {
    await this.#multiple("UpsertMultiple", entitySet, logicalName, records);
  }

  /**
   * Tables by logical name in one request (lookup targets); tables that do not exist are left out. Prefer
   * `metadata.entitySets`, which remembers them.
   */
  async entitiesByLogicalName(logicalNames: string[]): Promise<EntityInfo[]> {
    if (logicalNames.length === 0) return [];
    for (const name of logicalNames) checkEntitySet(name);
    const filter = logicalNames.map((name) => `LogicalName eq '${name}'`).join(" or ");
    const { body } = await this.#json<{ value?: EntityInfo[] }>(
      "GET",
      this.#path(`EntityDefinitions?${
        buildQuery({
          filter,
          select: ["LogicalName", "EntitySetName", "PrimaryIdAttribute", "PrimaryNameAttribute"],
        })
      }`),
    );
    return body?.value ?? [];
  }

  /**
   * The logical and entity set names of every table (one request, `$select` keeps it small). Prefer
   * `metadata.tables`, which remembers them.
   */
  async tableNames(): Promise<{ LogicalName: string; EntitySetName: string }[]> {
    const { body } = await this.#json<{ value?: { LogicalName: string; EntitySetName: string }[] }>(
      "GET",
      this.#path(`EntityDefinitions?${buildQuery({ select: ["LogicalName", "EntitySetName"] })}`),
    );
    return body?.value ?? [];
  }

  /** The table behind an entity set (or logical name), from metadata. */
  async entity(nameOrSet: string): Promise<EntityInfo | undefined> {
    checkEntitySet(nameOrSet);
    const filter = `EntitySetName eq '${nameOrSet}' or LogicalName eq '${nameOrSet}'`;
    const { body } = await this.#json<{ value?: EntityInfo[] }>(
      "GET",
      this.#path(`EntityDefinitions?${
        buildQuery({
          filter,
          select: ["LogicalName", "EntitySetName", "PrimaryIdAttribute", "PrimaryNameAttribute"],
        })
      }`),
    );
    return body?.value?.[0];
  }

  /**
   * The options of the table's choice columns (Picklist, State, Status): column logical name -> options.
   * One metadata request per choice kind.
   */
  async choices(logicalName: string): Promise<Map<string, ChoiceOption[]>> {
    checkEntitySet(logicalName);
    const out = new Map<string, ChoiceOption[]>();
    for (const cast of ["Picklist", "State", "Status"]) {
      const { body } = await this.#json<{ value?: ChoiceAttribute[] }>(
        "GET",
        this.#path(
          `EntityDefinitions(LogicalName='${logicalName}')/Attributes/Microsoft.Dynamics.CRM.${cast}AttributeMetadata?$expand=OptionSet`,
        ),
      );
      for (const a of body?.value ?? []) {
        out.set(
          a.LogicalName,
          (a.OptionSet?.Options ?? []).map((o) => ({
            value: o.Value,
            label: o.Label?.UserLocalizedLabel?.Label ?? o.Label?.LocalizedLabels?.[0]?.Label ?? "",
          })),
        );
      }
    }
    return out;
  }

  /** The columns of a table (logical name), with their types. */
  async attributes(logicalName: string): Promise<AttributeInfo[]> {
    checkEntitySet(logicalName);
    const { body } = await this.#json<{ value?: AttributeInfo[] }>(
      "GET",
      this.#path(`EntityDefinitions(LogicalName='${logicalName}')/Attributes`),
    );
    return body?.value ?? [];
  }

  /** The alternate keys of a table (logical name) with their columns. */
  async alternateKeys(logicalName: string): Promise<AlternateKeyInfo[]> {
    checkEntitySet(logicalName);
    const { body } = await this.#json<{ value?: AlternateKeyInfo[] }>(
      "GET",
      this.#path(`EntityDefinitions(LogicalName='${logicalName}')/Keys?$select=LogicalName,KeyAttributes`),
    );
    return body?.value ?? [];
  }
}
