/** The query engine behind `dv list` and `dv query`: builds the query, pages, streams output. */

import { isAbsolute, join } from "node:path";
import type { DataverseRecord, RecordPage } from "../../../lib/dataverse/client.ts";
import { splitList } from "../../../lib/dataverse/odata.ts";
import { UsageError, ValidationError } from "../../../lib/errors.ts";
import type { Context } from "../../context.ts";
import { dataverseClient } from "../../dataverse_host.ts";
import { cellText, type Column } from "../../output/format.ts";

/** Flags of `dv list` / `dv query`. */
export interface QueryFlags {
  select?: string;
  filter?: string;
  orderby?: string;
  top?: string;
  expand?: string;
  count?: boolean;
  all?: boolean;
  pageSize?: string;
  fetchxml?: string;
  annotations?: boolean;
  dataverseHost?: string;
  host?: string;
}

function positive(name: string, value: string | undefined, max = Infinity): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new UsageError(
      `${name} must be a whole number from 1${max === Infinity ? "" : ` to ${max}`}, not '${value}'.`,
    );
  }
  return n;
}

function columnsFor(select: string[] | undefined): Column[] | undefined {
  // A selected lookup comes back as _<name>_value; show it under the name the user typed.
  return select?.map((name) => ({
    key: name,
    header: name,
    format: (value: unknown, record: Record<string, unknown>) => cellText(value ?? record[`_${name}_value`]),
  }));
}

/** Runs a query and prints its records. */
export async function runQuery(ctx: Context, entitySet: string, flags: QueryFlags): Promise<void> {
  const { client } = await dataverseClient(ctx, flags.dataverseHost ?? flags.host);
  const select = splitList(flags.select);
  const pageSize = positive("--page-size", flags.pageSize, 5000);
  const top = positive("--top", flags.top);
  let pages: AsyncGenerator<RecordPage>;
  if (flags.fetchxml !== undefined) {
    if (flags.select || flags.filter || flags.orderby || flags.expand || flags.top) {
      throw new UsageError(
        "--fetchxml cannot be combined with --select, --filter, --orderby, --expand or --top.",
        {
          hint: "Put attributes, filters and order in the FetchXML.",
        },
      );
    }
    const path = isAbsolute(flags.fetchxml) ? flags.fetchxml : join(ctx.cwd, flags.fetchxml);
    let xml: string;
    try {
      xml = flags.fetchxml === "-" ? await ctx.io.readStdin() : await Deno.readTextFile(path);
    } catch (error) {
      throw new ValidationError(
        `Unable to read the FetchXML file ${flags.fetchxml}: ${(error as Error).message}`,
      );
    }
    pages = client.fetchXmlPages(entitySet, xml, { all: flags.all, annotations: flags.annotations });
  } else {
    pages = client.pages(entitySet, {
      select,
      filter: flags.filter,
      orderby: splitList(flags.orderby),
      top,
      expand: splitList(flags.expand),
      count: flags.count,
    }, { all: flags.all, pageSize, annotations: flags.annotations });
  }

  let count: number | undefined;
  let more = false;
  async function* records(): AsyncGenerator<DataverseRecord> {
    for await (const page of pages) {
      count ??= page.count;
      more = page.more;
      yield* page.records;
    }
  }

  if (ctx.out.format === "json" && flags.count) {
    // With --count, JSON output is an object so the count travels with the records.
    const out = ctx.io.stdout;
    out.write('{\n  "value": [');
    let n = 0;
    for await (const r of records()) out.write(`${n++ ? "," : ""}\n    ${JSON.stringify(r)}`);
    out.write(`${n ? "\n  " : ""}],\n  "count": ${count ?? n}\n}\n`);
  } else {
    const n = await ctx.out.printStream(records(), { columns: columnsFor(select) });
    if (flags.count) {
      ctx.out.notice(
        `${count ?? n} record(s) match${(count ?? 0) >= 5000 ? " (Dataverse counts up to 5,000)" : ""}.`,
      );
    }
  }
  if (more && !flags.all) ctx.out.notice("More records are available: add --all to fetch every page.");
}
