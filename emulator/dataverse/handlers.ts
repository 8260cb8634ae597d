/**
 * Web API operations on tables: collection queries (OData and FetchXML), create, retrieve, update /
 * upsert with If-Match / If-None-Match, delete, single-column and `$ref` writes, and the bulk messages
 * CreateMultiple, UpdateMultiple and UpsertMultiple.
 *
 * @module
 */

import type { ServiceProtection } from "../faults.ts";
import { CODES, DvError, payloadError, syntaxError } from "./errors.ts";
import { parseFetchXml } from "./fetchxml.ts";
import { FetchRunner } from "./fetchxml_run.ts";
import { compileFilter, compileOrderBy } from "./filter.ts";
import { type DvRequest, type DvResponse, empty, json, stableGuid } from "./http.ts";
import {
  type CompiledQuery,
  encodeSkipToken,
  includedAnnotations,
  MAX_PAGE_SIZE,
  maxPageSize,
  pagingCookie,
  parsePrefer,
  QueryEngine,
  readSkipToken,
} from "./query.ts";
import {
  formatRecord,
  parseExpand,
  parseSelect,
  readPayload,
  recordResolver,
  resolveKey,
} from "./records.ts";
import { type MatchedKey, matchKey } from "./keys.ts";
import { type KeyPredicate, parseKeyPredicate, parseResourcePath } from "./resource.ts";
import { type AttributeSchema, isLookup } from "./schema.ts";
import type { DataverseStore, StoredRecord, TableData } from "./store.ts";
import { coerceValue } from "./values.ts";

const SUPPORTED_OPTIONS = new Set([
  "$select",
  "$filter",
  "$orderby",
  "$top",
  "$expand",
  "$count",
  "$skiptoken",
  "fetchXml",
]);

/** Everything a table operation needs. */
export class TableHandlers {
  readonly engine = new QueryEngine();
  readonly fetcher: FetchRunner;

  constructor(
    readonly store: DataverseStore,
    readonly base: () => string,
    readonly apiPath: string,
    readonly protection?: ServiceProtection,
  ) {
    this.fetcher = new FetchRunner(store);
  }

  #root(): string {
    return `${this.base()}${this.apiPath}`;
  }

  #context(fragment: string): string {
    return `${this.#root()}/$metadata#${fragment}`;
  }

  /** Handles `<entityset>...` paths. */
  async handle(req: DvRequest, path: string): Promise<DvResponse> {
    const parsed = parseResourcePath(path);
    const table = this.store.bySet(parsed.name);
    if (!table) {
      throw new DvError(404, CODES.resourceNotFound, `Resource not found for the segment '${parsed.name}'.`);
    }
    const method = req.method;
    if (parsed.keyText === undefined) {
      if (parsed.segments.length === 0) {
        if (method === "GET") return this.#query(req, table);
        if (method === "POST") return this.#create(req, table);
      } else if (parsed.segments.length === 1 && method === "POST") {
        const action = parsed.segments[0].replace(/^Microsoft\.Dynamics\.CRM\./, "");
        if (action === "CreateMultiple" || action === "UpsertMultiple" || action === "UpdateMultiple") {
          return await this.#multiple(req, table, action);
        }
        throw new DvError(
          404,
          CODES.resourceNotFound,
          `Resource not found for the segment '${parsed.segments[0]}'.`,
        );
      } else {
        throw new DvError(
          404,
          CODES.resourceNotFound,
          `Resource not found for the segment '${parsed.segments[0]}'.`,
        );
      }
      throw new DvError(
        405,
        CODES.badRequest,
        `The HTTP method '${method}' is not allowed on an entity set.`,
      );
    }
    const key = parseKeyPredicate(parsed.keyText);
    const [first, second, ...more] = parsed.segments;
    if (first === undefined) {
      if (method === "GET") return this.#retrieve(req, table, key, parsed.keyText);
      if (method === "PATCH") return this.#upsert(req, table, key, parsed.keyText);
      if (method === "DELETE") return this.#delete(req, table, key, parsed.keyText);
      throw new DvError(405, CODES.badRequest, `The HTTP method '${method}' is not allowed on a record.`);
    }
    if (more.length) {
      throw new DvError(404, CODES.resourceNotFound, `Resource not found for the segment '${more[0]}'.`);
    }
    const id = this.#existing(table, key, parsed.keyText);
    if (second === "$ref" && table.navigation.has(first)) return this.#ref(req, table, id, first);
    if (second !== undefined) {
      throw new DvError(404, CODES.resourceNotFound, `Resource not found for the segment '${second}'.`);
    }
    if (table.navigation.has(first) && method === "GET") {
      const nav = table.navigation.get(first)!;
      const lookup = table.records.get(id)!.values[nav.attribute.logicalName] as
        | { table: string; id: string }
        | null;
      const target = this.store.table(nav.target)!;
      const related = lookup ? target.records.get(lookup.id) : undefined;
      if (!related) return empty(204);
      return json(200, {
        "@odata.context": this.#context(`${target.schema.entitySetName}/$entity`),
        ...formatRecord(this.store, target, related, {
          select: parseSelect(target, req.url.searchParams.get("$select")),
        }),
      });
    }
    return this.#property(req, table, id, first);
  }

  #existing(table: TableData, key: KeyPredicate, keyText: string): string {
    const id = "id" in key ? this.store.findMatched(table, key) : this.store.findByKey(table, key.key);
    if (!id) throw this.#notFound(table, key, keyText);
    return id;
  }

  #notFound(table: TableData, key: KeyPredicate, keyText: string): DvError {
    return "id" in key
      ? new DvError(404, CODES.notFound, `${table.logicalName} With Id = ${key.id} Does Not Exist`)
      : new DvError(
        404,
        CODES.keyNotFound,
        `A record with the specified key values does not exist in ${table.logicalName} entity (${keyText}).`,
      );
  }

  #entityId(table: TableData, keyText: string): string {
    return `${this.#root()}/${table.schema.entitySetName}(${keyText})`;
  }

  #annotations(prefs: Map<string, string>): boolean {
    const wanted = includedAnnotations(prefs);
    return wanted("OData.Community.Display.V1.FormattedValue") ||
      wanted("Microsoft.Dynamics.CRM.lookuplogicalname") ||
      wanted("Microsoft.Dynamics.CRM.associatednavigationproperty");
  }

  #applied(prefs: Map<string, string>, extra: string[] = []): Record<string, string> {
    const applied = [...extra];
    if (prefs.has("odata.include-annotations")) {
      applied.push(`odata.include-annotations="${prefs.get("odata.include-annotations")}"`);
    }
    return applied.length ? { "Preference-Applied": applied.join(",") } : {};
  }

  #query(req: DvRequest, table: TableData): DvResponse {
    const params = req.url.searchParams;
    for (const name of params.keys()) {
      if (name === "$skip") throw syntaxError("The query parameter $skip is not supported.");
      if (name.startsWith("$") && !SUPPORTED_OPTIONS.has(name)) {
        throw syntaxError(`The query parameter ${name} is not supported.`);
      }
    }
    const prefs = parsePrefer(req.headers.get("prefer"));
    const annotations = this.#annotations(prefs);
    const fetchXml = params.get("fetchXml");
    if (fetchXml !== null) return this.#fetch(req, table, fetchXml, prefs, annotations);

    const resolve = recordResolver(this.store, table);
    const filter = params.get("$filter") ?? "";
    const orderby = params.get("$orderby") ?? "";
    const query: CompiledQuery = {
      table,
      signature: `${filter}|${orderby}`,
      predicate: filter ? compileFilter(filter, resolve) : undefined,
      compare: orderby ? compileOrderBy(orderby, resolve) : undefined,
    };
    const select = parseSelect(table, params.get("$select"));
    const expand = parseExpand(table, params.get("$expand"));
    const topText = params.get("$top");
    const top = topText === null ? undefined : Number(topText);
    if (top !== undefined && (!Number.isInteger(top) || top < 0)) {
      throw syntaxError(`Invalid value '${topText}' for $top.`);
    }
    const preferred = maxPageSize(prefs);
    const ids = this.engine.ordered(query);

    let start = 0;
    const token = params.get("$skiptoken");
    const pageSize = preferred ?? Math.min(top ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
    let pageNumber = 1;
    if (token !== null) {
      const cookie = readSkipToken(token);
      pageNumber = cookie.pageNumber;
      start = (cookie.last ? this.engine.positionAfter(query, cookie.last) : undefined) ??
        (cookie.pageNumber - 1) * pageSize;
    }
    // $top is ignored when a page size is preferred; otherwise it caps the whole result.
    const limit = preferred === undefined && top !== undefined ? Math.min(top, ids.length) : ids.length;
    const end = Math.min(start + pageSize, limit);
    const page = ids.slice(start, end);
    const body: Record<string, unknown> = {
      "@odata.context": this.#context(
        `${table.schema.entitySetName}${select ? `(${select.join(",")})` : ""}`,
      ),
    };
    if (params.get("$count") === "true") body["@odata.count"] = Math.min(limit, MAX_PAGE_SIZE);
    body.value = page.map((id) =>
      formatRecord(this.store, table, table.records.get(id)!, { select, expand, annotations })
    );
    if (end < limit && page.length) {
      const cookie = pagingCookie(
        pageNumber + 1,
        table.schema.primaryIdAttribute,
        page[0],
        page[page.length - 1],
      );
      const search = req.url.search.replace(/^\?/, "").split("&").filter((p) =>
        p && !p.startsWith("$skiptoken=") && !p.startsWith("%24skiptoken=")
      );
      search.push(`$skiptoken=${encodeSkipToken(cookie)}`);
      body["@odata.nextLink"] = `${this.#root()}/${table.schema.entitySetName}?${search.join("&")}`;
    }
    return json(
      200,
      body,
      this.#applied(prefs, preferred !== undefined ? [`odata.maxpagesize=${preferred}`] : []),
    );
  }

  #fetch(
    req: DvRequest,
    table: TableData,
    xml: string,
    prefs: Map<string, string>,
    annotations: boolean,
  ): DvResponse {
    const plan = parseFetchXml(xml, table, this.store, {
      userId: stableGuid(`user:${String(req.principal.oid ?? "anonymous")}`),
      now: this.store.now(),
    });
    const result = this.fetcher.run(plan, { annotations });
    const select = plan.aggregate || plan.allAttributes
      ? undefined
      : [...new Set(plan.columns.filter((c) => c.entity === null).map((c) => c.attribute.logicalName))];
    const body: Record<string, unknown> = {
      "@odata.context": this.#context(
        `${table.schema.entitySetName}${select?.length ? `(${select.join(",")})` : ""}`,
      ),
    };
    const wanted = includedAnnotations(prefs);
    if (plan.totalCount || req.url.searchParams.get("$count") === "true") {
      body["@odata.count"] = Math.min(result.total, MAX_PAGE_SIZE);
      if (wanted("Microsoft.Dynamics.CRM.totalrecordcount")) {
        body["@Microsoft.Dynamics.CRM.totalrecordcount"] = Math.min(result.total, MAX_PAGE_SIZE);
      }
      if (wanted("Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded")) {
        body["@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded"] = result.total > MAX_PAGE_SIZE;
      }
    }
    // Like Dataverse, paging annotations come only when asked for, and not on the last page.
    if (result.more) {
      if (result.cookie && wanted("Microsoft.Dynamics.CRM.fetchxmlpagingcookie")) {
        body["@Microsoft.Dynamics.CRM.fetchxmlpagingcookie"] = result.cookie;
      }
      if (wanted("Microsoft.Dynamics.CRM.morerecords")) body["@Microsoft.Dynamics.CRM.morerecords"] = true;
    }
    body.value = result.value;
    return json(200, body, this.#applied(prefs));
  }

  #representation(
    req: DvRequest,
    table: TableData,
    record: StoredRecord,
    status: number,
    entityId: string,
  ): DvResponse {
    const select = parseSelect(table, req.url.searchParams.get("$select"));
    const prefs = parsePrefer(req.headers.get("prefer"));
    const expand = parseExpand(table, req.url.searchParams.get("$expand"));
    return json(status, {
      "@odata.context": this.#context(
        `${table.schema.entitySetName}${select ? `(${select.join(",")})` : ""}/$entity`,
      ),
      ...formatRecord(this.store, table, record, { select, expand, annotations: this.#annotations(prefs) }),
    }, {
      ETag: `W/"${record.version}"`,
      "OData-EntityId": entityId,
      ...this.#applied(prefs, ["return=representation"]),
    });
  }

  #written(
    req: DvRequest,
    table: TableData,
    record: StoredRecord,
    created: boolean,
    entityId: string,
  ): DvResponse {
    if (req.batch?.contentId !== undefined) {
      req.batch.contentIds.set(req.batch.contentId, { table: table.logicalName, id: record.id });
    }
    const prefs = parsePrefer(req.headers.get("prefer"));
    if (prefs.get("return") === "representation") {
      return this.#representation(req, table, record, created ? 201 : 200, entityId);
    }
    const headers: Record<string, string> = { "OData-EntityId": entityId };
    if (req.batch) headers.Location = entityId;
    return empty(204, headers);
  }

  #parseBody(req: DvRequest, table: TableData): unknown {
    if (req.body.trim() === "") throw payloadError(table.logicalName, "The request body is empty.");
    try {
      return JSON.parse(req.body);
    } catch (error) {
      throw payloadError(
        table.logicalName,
        `The request body is not valid JSON: ${(error as Error).message}`,
      );
    }
  }

  #create(req: DvRequest, table: TableData): DvResponse {
    const values = readPayload(this.store, table, this.#parseBody(req, table), req.batch?.contentIds);
    const pk = table.schema.primaryIdAttribute;
    const id = (values[pk] as string | undefined) ?? crypto.randomUUID();
    delete values[pk];
    const record = this.store.insert(table, id, values);
    return this.#written(req, table, record, true, this.#entityId(table, id));
  }

  /** Creates or updates one record as PATCH does; returns the record and whether it was created. */
  upsertRecord(
    table: TableData,
    key: KeyPredicate,
    keyText: string,
    body: unknown,
    options: { ifMatch?: string | null; ifNoneMatch?: string | null; contentIds?: DvRequest["batch"] } = {},
  ): { record: StoredRecord; created: boolean } {
    const matched: MatchedKey = "id" in key ? key : matchKey(table, key.key);
    const existing = this.store.findMatched(table, matched);
    const ifMatch = options.ifMatch?.trim();
    const ifNoneMatch = options.ifNoneMatch?.trim();
    if (ifMatch) {
      if (!existing) throw this.#notFound(table, key, keyText);
      if (ifMatch !== "*" && ifMatch !== `W/"${table.records.get(existing)!.version}"`) {
        throw new DvError(
          412,
          CODES.concurrency,
          "The version of the existing record doesn't match the RowVersion property provided.",
        );
      }
    }
    if (ifNoneMatch === "*" && existing) {
      throw new DvError(412, CODES.duplicate, "A record with matching key values already exists.");
    }
    const values = readPayload(this.store, table, body, options.contentIds?.contentIds);
    const pk = table.schema.primaryIdAttribute;
    if (existing) {
      delete values[pk];
      if ("values" in matched) { for (const name of Object.keys(matched.values)) delete values[name]; }
      return { record: this.store.update(table, existing, values), created: false };
    }
    let id = "id" in matched ? matched.id : (values[pk] as string | undefined) ?? crypto.randomUUID();
    if ("values" in matched) {
      // Key values from the URL are copied into the new record, as Dataverse does.
      for (const [name, value] of Object.entries(matched.values)) {
        const attribute = table.attributes.get(name)!;
        values[name] = isLookup(attribute)
          ? { table: this.#lookupTable(attribute, value as string), id: value }
          : coerceValue(table.schema, attribute, value);
      }
    } else id = matched.id;
    delete values[pk];
    return { record: this.store.insert(table, id, values), created: true };
  }

  /** The table a lookup key value points into: the first target holding that id (a Customer has two). */
  #lookupTable(attribute: AttributeSchema, id: string): string {
    const targets = attribute.targets ?? [];
    return targets.find((t) => this.store.table(t)?.records.has(id)) ?? targets[0];
  }

  #upsert(req: DvRequest, table: TableData, key: KeyPredicate, keyText: string): DvResponse {
    const { record, created } = this.upsertRecord(table, key, keyText, this.#parseBody(req, table), {
      ifMatch: req.headers.get("if-match"),
      ifNoneMatch: req.headers.get("if-none-match"),
      contentIds: req.batch,
    });
    return this.#written(req, table, record, created, this.#entityId(table, keyText));
  }

  #retrieve(req: DvRequest, table: TableData, key: KeyPredicate, keyText: string): DvResponse {
    const id = this.#existing(table, key, keyText);
    const record = table.records.get(id)!;
    if (req.headers.get("if-none-match") === `W/"${record.version}"`) return empty(304);
    const params = req.url.searchParams;
    const select = parseSelect(table, params.get("$select"));
    const expand = parseExpand(table, params.get("$expand"));
    const prefs = parsePrefer(req.headers.get("prefer"));
    return json(200, {
      "@odata.context": this.#context(
        `${table.schema.entitySetName}${select ? `(${select.join(",")})` : ""}/$entity`,
      ),
      ...formatRecord(this.store, table, record, { select, expand, annotations: this.#annotations(prefs) }),
    }, { ETag: `W/"${record.version}"`, ...this.#applied(prefs) });
  }

  #delete(req: DvRequest, table: TableData, key: KeyPredicate, keyText: string): DvResponse {
    const id = this.#existing(table, key, keyText);
    const ifMatch = req.headers.get("if-match");
    if (ifMatch && ifMatch !== "*" && ifMatch !== `W/"${table.records.get(id)!.version}"`) {
      throw new DvError(
        412,
        CODES.concurrency,
        "The version of the existing record doesn't match the RowVersion property provided.",
      );
    }
    this.store.remove(table, id);
    return empty(204);
  }

  #property(req: DvRequest, table: TableData, id: string, name: string): DvResponse {
    const attribute = table.attributes.get(name);
    if (!attribute || isLookup(attribute)) {
      throw new DvError(404, CODES.resourceNotFound, `Resource not found for the segment '${name}'.`);
    }
    if (req.method === "GET") {
      return json(200, {
        "@odata.context": this.#context(`${table.schema.entitySetName}(${id})/${name}`),
        value: table.records.get(id)!.values[name] ?? null,
      });
    }
    if (req.method === "PUT" || req.method === "DELETE") {
      if (attribute.readOnly) throw payloadError(table.logicalName, `The property '${name}' is read-only.`);
      const value = req.method === "DELETE"
        ? null
        : (this.#parseBody(req, table) as { value?: unknown })?.value;
      if (value === undefined) {
        throw payloadError(table.logicalName, 'A single-column write needs a body {"value": …}.');
      }
      this.store.update(table, id, { [name]: coerceValue(table.schema, attribute, value) });
      return empty(204);
    }
    throw new DvError(405, CODES.badRequest, `The HTTP method '${req.method}' is not allowed on a column.`);
  }

  #ref(req: DvRequest, table: TableData, id: string, nav: string): DvResponse {
    const column = table.navigation.get(nav)!.attribute.logicalName;
    if (req.method === "DELETE") {
      this.store.update(table, id, { [column]: null });
      return empty(204);
    }
    if (req.method !== "PUT") {
      throw new DvError(405, CODES.badRequest, `The HTTP method '${req.method}' is not allowed on $ref.`);
    }
    const body = this.#parseBody(req, table) as Record<string, unknown>;
    const values = readPayload(
      this.store,
      table,
      { [`${nav}@odata.bind`]: body?.["@odata.id"] },
      req.batch?.contentIds,
    );
    this.store.update(table, id, values);
    return empty(204);
  }

  async #multiple(req: DvRequest, table: TableData, action: string): Promise<DvResponse> {
    const body = this.#parseBody(req, table) as { Targets?: unknown };
    if (!body || !Array.isArray(body.Targets) || body.Targets.length === 0) {
      throw payloadError(table.logicalName, `${action} needs a non-empty "Targets" array.`);
    }
    const targets = body.Targets as Record<string, unknown>[];
    const expected = `Microsoft.Dynamics.CRM.${table.logicalName}`;
    for (const [i, t] of targets.entries()) {
      const type = String(t?.["@odata.type"] ?? "").replace(/^#/, "");
      if (type !== expected) {
        throw payloadError(
          table.logicalName,
          `Targets[${i}] needs "@odata.type": "${expected}" (got '${type || "none"}').`,
        );
      }
    }
    await this.protection?.operations(targets.length);
    const pk = table.schema.primaryIdAttribute;
    const ids = await this.store.transaction(() =>
      targets.map((target) => {
        const id = target[pk];
        if (action === "CreateMultiple") {
          const values = readPayload(this.store, table, target);
          const newId = (values[pk] as string | undefined) ?? crypto.randomUUID();
          delete values[pk];
          return this.store.insert(table, newId, values).id;
        }
        if (action === "UpdateMultiple") {
          if (typeof id !== "string") {
            throw payloadError(table.logicalName, `UpdateMultiple targets need ${pk}.`);
          }
          const values = readPayload(this.store, table, target);
          delete values[pk];
          return this.store.update(table, id.toLowerCase(), values).id;
        }
        // UpsertMultiple names each record by "@odata.id" (`set(key='v')` or `set(<guid>)`) or by its
        // primary key column; a target with neither is created.
        const address = target["@odata.id"];
        if (address !== undefined) {
          const keyText = odataIdKey(table, address);
          const { "@odata.id": _, ...rest } = target;
          return this.upsertRecord(table, parseKeyPredicate(keyText), keyText, rest).record.id;
        }
        if (typeof id === "string") {
          return this.upsertRecord(table, { id: id.toLowerCase() }, id, target).record.id;
        }
        const values = readPayload(this.store, table, target);
        return this.store.insert(table, crypto.randomUUID(), values).id;
      })
    );
    // UpsertMultiple and UpdateMultiple answer 204 without a body; only CreateMultiple returns the ids.
    if (action !== "CreateMultiple") return empty(204);
    return json(200, {
      "@odata.context": this.#context(`Microsoft.Dynamics.CRM.${action}Response`),
      Ids: ids,
    });
  }
}

/** The key predicate of a target's "@odata.id" (`accounts(accountnumber='A-1')`, relative or absolute). */
function odataIdKey(table: TableData, address: unknown): string {
  const text = typeof address === "string" ? address.replace(/^.*\/api\/data\/v[\d.]+\//, "") : "";
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\((.+)\)$/.exec(text);
  if (!m || m[1] !== table.schema.entitySetName) {
    throw payloadError(
      table.logicalName,
      `"@odata.id" must address a ${table.schema.entitySetName} record, e.g. ` +
        `"${table.schema.entitySetName}(<id>)" or "${table.schema.entitySetName}(key='value')" (got '${
          String(address)
        }').`,
    );
  }
  try {
    return decodeURIComponent(m[2]);
  } catch {
    throw payloadError(table.logicalName, `"@odata.id" is not correctly percent-encoded: '${address}'.`);
  }
}

export { resolveKey };
