/**
 * An OData `$filter` parser and evaluator for the subset Dataverse users write: comparisons
 * (eq ne gt ge lt le), `and` / `or` / `not`, parentheses, `contains` / `startswith` / `endswith`, null,
 * strings, numbers, booleans, GUIDs and dates. String comparisons ignore case, as Dataverse's collation
 * does. Property names are resolved by the caller, so the same code filters records and metadata.
 *
 * @module
 */

import { syntaxError } from "./errors.ts";

/** Kinds of values a property holds, for type checks and comparisons. */
export type ValueKind = "string" | "number" | "boolean" | "datetime" | "guid" | "any";

/** How to read one property (or property path) from a row. */
export interface Accessor<T> {
  kind: ValueKind;
  /** Type name for error messages, e.g. `Edm.String`. */
  edm: string;
  get(row: T): unknown;
}

/** Resolves a property path (`name`, `primarycontactid/fullname`); throws for unknown names. */
export type Resolver<T> = (path: string[]) => Accessor<T>;

/** A compiled filter. */
export type Predicate<T> = (row: T) => boolean;

type Token =
  | { t: "str"; v: string }
  | { t: "num"; v: number; raw: string }
  | { t: "guid"; v: string }
  | { t: "date"; v: string }
  | { t: "id"; v: string }
  | { t: "punct"; v: "(" | ")" | "," | "/" };

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?/;
const NUM = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDfFlL]?/;
const ID = /^[A-Za-z_$][A-Za-z0-9_.$]*/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") {
      i++;
      continue;
    }
    if (ch === "(" || ch === ")" || ch === "," || ch === "/") {
      tokens.push({ t: "punct", v: ch });
      i++;
      continue;
    }
    if (ch === "'") {
      let j = i + 1;
      let value = "";
      for (;;) {
        if (j >= text.length) {
          throw syntaxError(`Syntax error: unterminated string literal at position ${i} in '${text}'.`);
        }
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j++];
      }
      tokens.push({ t: "str", v: value });
      i = j + 1;
      continue;
    }
    const rest = text.slice(i);
    const guid = GUID.exec(rest);
    if (guid) {
      tokens.push({ t: "guid", v: guid[0].toLowerCase() });
      i += guid[0].length;
      continue;
    }
    const date = DATE.exec(rest);
    if (date) {
      tokens.push({ t: "date", v: date[0] });
      i += date[0].length;
      continue;
    }
    const num = NUM.exec(rest);
    if (num) {
      tokens.push({ t: "num", v: Number(num[0].replace(/[mMdDfFlL]$/, "")), raw: num[0] });
      i += num[0].length;
      continue;
    }
    const id = ID.exec(rest);
    if (id) {
      tokens.push({ t: "id", v: id[0] });
      i += id[0].length;
      continue;
    }
    throw syntaxError(`Syntax error at position ${i} in '${text}'.`);
  }
  return tokens;
}

type Operand<T> =
  | { k: "lit"; kind: ValueKind; edm: string; v: unknown }
  | { k: "prop"; acc: Accessor<T> };

const COMPARISONS = new Set(["eq", "ne", "gt", "ge", "lt", "le"]);
const FUNCTIONS = new Set(["contains", "startswith", "endswith"]);

function norm(v: unknown, kind: ValueKind): unknown {
  if (v === null || v === undefined) return null;
  if (kind === "datetime" || (typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v) && kind !== "string")) {
    const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(String(v)) ? `${v}T00:00:00Z` : String(v));
    return Number.isNaN(ms) ? v : ms;
  }
  if (typeof v === "string") return v.toLowerCase();
  if (v && typeof v === "object" && "id" in v) return String((v as { id: string }).id).toLowerCase();
  return v;
}

function compare(op: string, a: unknown, b: unknown): boolean {
  if (op === "eq") return a === b;
  if (op === "ne") return a !== b;
  if (a === null || b === null) return false;
  const x = a as number | string;
  const y = b as number | string;
  if (op === "gt") return x > y;
  if (op === "ge") return x >= y;
  if (op === "lt") return x < y;
  return x <= y;
}

function compatible(a: ValueKind, b: ValueKind): boolean {
  if (a === "any" || b === "any" || a === b) return true;
  if ((a === "guid" && b === "string") || (a === "string" && b === "guid")) return false;
  if ((a === "datetime" && b === "string") || (a === "string" && b === "datetime")) return false;
  return false;
}

class Parser<T> {
  #pos = 0;
  constructor(readonly tokens: Token[], readonly resolve: Resolver<T>, readonly text: string) {}

  #peekId(word: string): boolean {
    const t = this.tokens[this.#pos];
    return t?.t === "id" && t.v.toLowerCase() === word;
  }

  #expect(v: string): void {
    const t = this.tokens[this.#pos];
    if (t?.t !== "punct" || t.v !== v) {
      throw syntaxError(`Syntax error: '${v}' expected at token ${this.#pos + 1} in '${this.text}'.`);
    }
    this.#pos++;
  }

  parse(): Predicate<T> {
    const p = this.#or();
    if (this.#pos < this.tokens.length) {
      throw syntaxError(`Syntax error at token ${this.#pos + 1} in '${this.text}'.`);
    }
    return p;
  }

  #or(): Predicate<T> {
    let left = this.#and();
    while (this.#peekId("or")) {
      this.#pos++;
      const l = left;
      const r = this.#and();
      left = (row) => l(row) || r(row);
    }
    return left;
  }

  #and(): Predicate<T> {
    let left = this.#not();
    while (this.#peekId("and")) {
      this.#pos++;
      const l = left;
      const r = this.#not();
      left = (row) => l(row) && r(row);
    }
    return left;
  }

  #not(): Predicate<T> {
    if (this.#peekId("not")) {
      this.#pos++;
      const inner = this.#not();
      return (row) => !inner(row);
    }
    return this.#primary();
  }

  #primary(): Predicate<T> {
    const t = this.tokens[this.#pos];
    if (!t) throw syntaxError(`Syntax error: the expression '${this.text}' ends too early.`);
    if (t.t === "punct" && t.v === "(") {
      this.#pos++;
      const inner = this.#or();
      this.#expect(")");
      return inner;
    }
    if (t.t === "id" && FUNCTIONS.has(t.v.toLowerCase()) && this.tokens[this.#pos + 1]?.v === "(") {
      const name = t.v.toLowerCase();
      this.#pos += 2;
      const a = this.#operand();
      this.#expect(",");
      const b = this.#operand();
      this.#expect(")");
      const get = (o: Operand<T>, row: T) => o.k === "lit" ? o.v : o.k === "prop" ? o.acc.get(row) : null;
      return (row) => {
        const x = get(a, row);
        const y = get(b, row);
        if (typeof x !== "string" || typeof y !== "string") return false;
        const s = x.toLowerCase();
        const sub = y.toLowerCase();
        return name === "contains"
          ? s.includes(sub)
          : name === "startswith"
          ? s.startsWith(sub)
          : s.endsWith(sub);
      };
    }
    const left = this.#operand();
    const opToken = this.tokens[this.#pos];
    if (opToken?.t !== "id" || !COMPARISONS.has(opToken.v.toLowerCase())) {
      if (left.k === "prop" && left.acc.kind === "boolean") return (row) => left.acc.get(row) === true;
      throw syntaxError(
        `Syntax error: a comparison operator (eq, ne, gt, ge, lt, le) is expected in '${this.text}'.`,
      );
    }
    const op = opToken.v.toLowerCase();
    this.#pos++;
    const right = this.#operand();
    const kindOf = (o: Operand<T>) => o.k === "lit" ? o.kind : o.acc.kind;
    const edmOf = (o: Operand<T>) => o.k === "lit" ? o.edm : o.acc.edm;
    const isNull = (o: Operand<T>) => o.k === "lit" && o.v === null;
    if (!isNull(left) && !isNull(right) && !compatible(kindOf(left), kindOf(right))) {
      throw syntaxError(
        `A binary operator with incompatible types was detected. Found operand types '${edmOf(left)}' and ` +
          `'${edmOf(right)}' for operator kind '${op}'.`,
      );
    }
    const kind = kindOf(left) === "any" ? kindOf(right) : kindOf(left);
    const value = (o: Operand<T>, row: T) => norm(o.k === "lit" ? o.v : o.acc.get(row), kind);
    if (left.k === "lit" && right.k === "lit") {
      const result = compare(op, value(left, undefined as T), value(right, undefined as T));
      return () => result;
    }
    return (row) => compare(op, value(left, row), value(right, row));
  }

  #operand(): Operand<T> {
    const t = this.tokens[this.#pos++];
    if (!t) throw syntaxError(`Syntax error: the expression '${this.text}' ends too early.`);
    switch (t.t) {
      case "str":
        return { k: "lit", kind: "string", edm: "Edm.String", v: t.v };
      case "num":
        return { k: "lit", kind: "number", edm: Number.isInteger(t.v) ? "Edm.Int32" : "Edm.Decimal", v: t.v };
      case "guid":
        return { k: "lit", kind: "guid", edm: "Edm.Guid", v: t.v };
      case "date":
        return { k: "lit", kind: "datetime", edm: "Edm.DateTimeOffset", v: t.v };
      case "id": {
        const lower = t.v.toLowerCase();
        if (lower === "null") return { k: "lit", kind: "any", edm: "null", v: null };
        if (lower === "true" || lower === "false") {
          return { k: "lit", kind: "boolean", edm: "Edm.Boolean", v: lower === "true" };
        }
        const path = [t.v];
        while (this.tokens[this.#pos]?.v === "/" && this.tokens[this.#pos + 1]?.t === "id") {
          path.push(this.tokens[this.#pos + 1].v as string);
          this.#pos += 2;
        }
        return { k: "prop", acc: this.resolve(path) };
      }
      default:
        throw syntaxError(`Syntax error: unexpected '${t.v}' in '${this.text}'.`);
    }
  }
}

/** Compiles a `$filter` expression; throws DvError (400) for syntax errors and unknown properties. */
export function compileFilter<T>(text: string, resolve: Resolver<T>): Predicate<T> {
  const tokens = tokenize(text);
  if (tokens.length === 0) return () => true;
  return new Parser(tokens, resolve, text).parse();
}

/** Compiles `$orderby` (`name asc, createdon desc`) into a comparator. */
export function compileOrderBy<T>(text: string, resolve: Resolver<T>): (a: T, b: T) => number {
  const keys = text.split(",").map((s) => s.trim()).filter(Boolean).map((item) => {
    const [name, dir, extra] = item.split(/\s+/);
    if (extra !== undefined || (dir !== undefined && !/^(asc|desc)$/i.test(dir))) {
      throw syntaxError(`Syntax error in $orderby: '${item}'.`);
    }
    return { acc: resolve(name.split("/")), desc: dir?.toLowerCase() === "desc" };
  });
  return (a, b) => {
    for (const k of keys) {
      const x = norm(k.acc.get(a), k.acc.kind);
      const y = norm(k.acc.get(b), k.acc.kind);
      if (x === y) continue;
      // Nulls sort first ascending, as in SQL Server.
      const c = x === null ? -1 : y === null ? 1 : (x as number) < (y as number) ? -1 : 1;
      return k.desc ? -c : c;
    }
    return 0;
  };
}
