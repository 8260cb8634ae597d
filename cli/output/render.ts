/**
 * One data value, rendered the way the invocation asks: an aligned table on a terminal, TSV when piped,
 * JSON with --json, or YAML / CSV with --output.
 */

import type { Styler } from "./color.ts";
import {
  cellText,
  type Column,
  type ColumnSpec,
  columnText,
  headerOf,
  inferColumns,
  toColumns,
  tsvEscape,
} from "./format.ts";
import type { IO } from "./io.ts";
import { csvRows as csvRow, yamlStringify } from "./libs.ts";
import { renderTable } from "./table.ts";

import type { OutputFormat } from "./formats.ts";

export { OUTPUT_FORMATS, type OutputFormat } from "./formats.ts";

/** How to render one value. */
export interface RenderOptions {
  /** Columns for lists (and key order for records); inferred when absent. */
  columns?: ColumnSpec[];
  /**
   * Tables only, without `columns`: show these keys (those any record has) instead of every key, e.g. a
   * table's name, id and modified-on. TSV, CSV, JSON and YAML still carry every key.
   */
  preferColumns?: string[];
  /** Inferred columns keep the key as header (`name`), as columns chosen with `--select` do. */
  rawHeaders?: boolean;
}

/**
 * How `Output.result` shows a value to people (table / TSV / CSV): a success notice on stderr (nothing on
 * stdout), the columns of a table, or a function that prints it its own way. JSON and YAML always print the
 * value itself.
 */
export type Human<T> = string | RenderOptions | ((data: T, out: Output) => void);

/** Chooses the format: --json, then --output, then table on a terminal and TSV when piped. */
export function chooseFormat(
  json: boolean,
  output: OutputFormat | undefined,
  stdoutIsTTY: boolean,
): OutputFormat {
  if (json) return "json";
  if (output) return output;
  return stdoutIsTTY ? "table" : "tsv";
}

type Row = Record<string, unknown>;

/** Renders data and notices for one invocation. */
export class Output {
  /**
   * `style` colours stdout, `errStyle` stderr (notices, warnings): each follows its own stream, so
   * `2> log.txt` on a terminal gets no escape codes. `errStyle` defaults to `style`.
   */
  constructor(
    readonly io: IO,
    readonly format: OutputFormat,
    readonly style: Styler,
    readonly errStyle: Styler = style,
  ) {}

  /** True when the user asked for machine-readable output. */
  get machine(): boolean {
    return this.format === "json" || this.format === "yaml";
  }

  /**
   * The one way a command prints its result: `data` as JSON / YAML for machines (the documented shape of
   * its kind, docs/user-manual/03-cli-usage.md), else as `human` says (see {@link Human}); without
   * `human`, a table or TSV of `data`.
   */
  result<T>(data: T, human?: Human<T>): void {
    if (this.machine) return this.print(data);
    if (typeof human === "string") return this.success(human);
    if (typeof human === "function") return human(data, this);
    this.print(data, human);
  }

  /** Prints a list of records, a single record, or plain text. */
  print(data: unknown, options: RenderOptions = {}): void {
    if (this.format === "json") return this.io.stdout.write(JSON.stringify(data, null, 2) + "\n");
    if (this.format === "yaml") return this.io.stdout.write(yamlStringify(data));
    if (typeof data === "string") return this.io.stdout.write(data.endsWith("\n") ? data : data + "\n");
    if (Array.isArray(data)) return this.#list(data.map(asRow), options);
    if (data && typeof data === "object") return this.#record(data as Row, options);
    if (data !== undefined) this.io.stdout.write(cellText(data) + "\n");
  }

  /**
   * Prints records as they arrive so memory stays flat for any number of them. JSON is written as one
   * array; tables buffer (a person's terminal), TSV and CSV stream.
   */
  async printStream(records: AsyncIterable<Row>, options: RenderOptions = {}): Promise<number> {
    let count = 0;
    if (this.format === "table") {
      const all: Row[] = [];
      for await (const r of records) all.push(r);
      this.#list(all, options);
      return all.length;
    }
    if (this.format === "json") {
      this.io.stdout.write("[");
      // Indented exactly as `print` would indent the same array, so `list --json` and `get --json` agree.
      for await (const r of records) {
        this.io.stdout.write(
          `${count++ ? "," : ""}\n  ${JSON.stringify(r, null, 2).replaceAll("\n", "\n  ")}`,
        );
      }
      this.io.stdout.write(count ? "\n]\n" : "]\n");
      return count;
    }
    if (this.format === "yaml") {
      for await (const r of records) {
        this.io.stdout.write(yamlStringify([r]));
        count++;
      }
      if (!count) this.io.stdout.write("[]\n");
      return count;
    }
    let columns = options.columns ? toColumns(options.columns) : undefined;
    for await (const r of records) {
      if (!columns) columns = this.#columnsFor([r], options);
      if (count++ === 0) this.#writeHeader(columns);
      this.#writeRow(columns, r);
    }
    return count;
  }

  /** A notice for people (stderr), e.g. "Profile saved." Never mixed into data on stdout. */
  notice(text: string): void {
    this.io.stderr.write(text + "\n");
  }

  /**
   * A remark for people only (stderr), left out with --json / --yaml where the result says it already
   * ("Published all customizations.").
   */
  remark(text: string): void {
    if (!this.machine) this.notice(text);
  }

  /** A success notice with a check mark on terminals. */
  success(text: string): void {
    this.notice(this.io.stderrIsTTY ? `${this.errStyle.green("✓")} ${text}` : text);
  }

  /** A warning on stderr. */
  warn(text: string): void {
    this.notice(`${this.errStyle.yellow("warning:")} ${text}`);
  }

  #list(records: Row[], options: RenderOptions): void {
    const columns = this.#columnsFor(records, options);
    if (this.format === "table") {
      if (records.length === 0) return this.notice("No results.");
      return this.io.stdout.write(renderTable(records, columns, this.io.columns, this.style));
    }
    this.#writeHeader(columns);
    for (const r of records) this.#writeRow(columns, r);
  }

  #columnsFor(records: Row[], options: RenderOptions): Column[] {
    if (options.columns) return toColumns(options.columns);
    let columns = inferColumns(records);
    if (this.format === "table" && options.preferColumns) {
      const chosen = options.preferColumns.filter((key) => columns.some((c) => c.key === key));
      if (chosen.length) columns = chosen.map((key) => ({ key }));
    }
    return options.rawHeaders ? columns.map((c) => ({ ...c, header: c.key })) : columns;
  }

  #record(record: Row, options: RenderOptions): void {
    const columns: Column[] = options.columns
      ? toColumns(options.columns)
      : Object.keys(record).filter((k) => !k.includes("@")).map((key) => ({ key }));
    const pairs = columns.map((c) => ({ field: c.header ?? c.key, value: columnText(c, record) }));
    if (this.format === "table") {
      const width = Math.max(0, ...pairs.map((p) => p.field.length));
      for (const p of pairs) this.io.stdout.write(`${this.style.bold(p.field.padEnd(width))}  ${p.value}\n`);
      return;
    }
    if (this.format === "csv") {
      this.io.stdout.write(csvRow([columns.map((c) => c.key), columns.map((c) => columnText(c, record))]));
      return;
    }
    for (const p of pairs) this.io.stdout.write(`${tsvEscape(p.field)}\t${tsvEscape(p.value)}\n`);
  }

  #writeHeader(columns: ReturnType<typeof toColumns>): void {
    if (this.format === "csv") this.io.stdout.write(csvRow([columns.map((c) => c.key)]));
    else this.io.stdout.write(columns.map((c) => headerOf(c)).join("\t") + "\n");
  }

  #writeRow(columns: ReturnType<typeof toColumns>, record: Row): void {
    const cells = columns.map((c) => columnText(c, record));
    if (this.format === "csv") this.io.stdout.write(csvRow([cells]));
    else this.io.stdout.write(cells.map(tsvEscape).join("\t") + "\n");
  }
}

function asRow(value: unknown): Row {
  return value && typeof value === "object" && !Array.isArray(value) ? value as Row : { value };
}
