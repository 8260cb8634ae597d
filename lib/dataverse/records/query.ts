/**
 * `queryRecords`: the records of an OData or FetchXML query, page by page (the use-case behind `ppx dv list`
 * and `ppx dv query`). Records stream, so memory stays flat for any number of them.
 *
 * @module
 */

import type { DataverseRecord, RecordPage } from "../client.ts";
import type { RecordDeps } from "./get.ts";

/** Dataverse counts, and pages, up to this many records. */
export const MAX_COUNT = 5000;

/** Options of {@link queryRecords}. */
export interface QueryRecordsOptions {
  /** The table's entity set name, e.g. `accounts`. */
  entitySet: string;
  /** A FetchXML query instead of the OData options (select, filter, orderby, top, expand, count). */
  fetchXml?: string;
  /** Columns to return. */
  select?: string[];
  /** An OData `$filter` expression. */
  filter?: string;
  /** Sort order, e.g. `["name asc"]`. */
  orderby?: string[];
  /** At most this many records in all. */
  top?: number;
  /** Navigation properties to expand. */
  expand?: string[];
  /** Ask for the number of matching records (up to 5,000). */
  count?: boolean;
  /** Follow every page (otherwise the first page only). */
  all?: boolean;
  /** Records per page, 1-5000. */
  pageSize?: number;
  /** Include formatted values and lookup annotations. */
  annotations?: boolean;
}

/** A query being read: iterate `records`; `count` and `more` are known once reading has begun / ended. */
export interface QueryRun {
  /** The records, in order, streamed page by page. */
  records: AsyncGenerator<DataverseRecord>;
  /** How many records match (up to 5,000), when asked for with `count`; set by the first page. */
  readonly count: number | undefined;
  /** True when more records were available than were read (no `all`). */
  readonly more: boolean;
}

/**
 * Starts the query. With `count` and `top` together, `$top` is not sent: Dataverse would count only the
 * records `$top` lets through. The page size is capped at `top` instead and reading stops after `top`
 * records, so `--top 1 --count` reports the real count.
 */
export function queryRecords(options: QueryRecordsOptions, deps: RecordDeps): QueryRun {
  const { client } = deps;
  const capped = options.count === true && options.top !== undefined && options.fetchXml === undefined;
  const top = capped ? options.top : undefined;
  const pageSize = capped
    ? Math.min(options.top!, options.pageSize ?? MAX_COUNT, MAX_COUNT)
    : options.pageSize;
  const pages: AsyncGenerator<RecordPage> = options.fetchXml !== undefined
    ? client.fetchXmlPages(options.entitySet, options.fetchXml, {
      all: options.all,
      annotations: options.annotations,
    })
    : client.pages(options.entitySet, {
      select: options.select,
      filter: options.filter,
      orderby: options.orderby,
      top: capped ? undefined : options.top,
      expand: options.expand,
      count: options.count,
    }, {
      all: options.all || (top !== undefined && top > pageSize!),
      pageSize,
      annotations: options.annotations,
    });

  const state = { count: undefined as number | undefined, more: false };
  async function* records(): AsyncGenerator<DataverseRecord> {
    let n = 0;
    for await (const page of pages) {
      state.count ??= page.count;
      state.more = page.more;
      for (const record of page.records) {
        if (top !== undefined && n >= top) {
          state.more = false;
          return;
        }
        n++;
        yield record;
      }
      if (top !== undefined && n >= top) {
        state.more = false;
        return;
      }
    }
  }
  return {
    records: records(),
    get count() {
      return state.count;
    },
    get more() {
      return state.more;
    },
  };
}
