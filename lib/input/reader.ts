/**
 * Reads what a user hands a command: `@file`, `-` / `@-` (stdin) or inline text, with paths resolved
 * against an explicit working folder and the file system injectable, then parsed as JSON, JSONC, CSV,
 * YAML or XML with the file, line and column in every error. The CLI builds one per invocation
 * (`ctx.input`); tests pass an in-memory file system.
 *
 * @module
 */

import { isAbsolute, join } from "node:path";
import { ValidationError } from "../errors.ts";
import type { TextFormat, TextSource } from "./formats.ts";

/** The file-system calls the reader makes. */
export interface InputFs {
  /** Reads a UTF-8 text file (rejects like `Deno.readTextFile`). */
  readTextFile(path: string): Promise<string>;
}

/** What an InputReader is built from. */
export interface InputReaderDeps {
  /** The folder relative paths are resolved against (the invocation's cwd). */
  cwd: string;
  /** All of stdin as text; called at most once. */
  stdin: () => Promise<string>;
  /** Defaults to Deno's file system. */
  fs?: InputFs;
}

/**
 * How a value names its text: `data` takes `@file`, `@-`, `-` or inline text (`--data`, `--body`);
 * `path` takes a path or `-` (`--fetchxml`, `--settings-file`).
 */
export type InputSpecKind = "data" | "path";

/** Options of one read. */
export interface ReadOptions {
  /** How the input is named in messages, e.g. `--data`. */
  label: string;
  /** `data` (default) or `path`; see {@link InputSpecKind}. */
  kind?: InputSpecKind;
}

/** A text read from a file, stdin or the command line. */
export interface InputText extends TextSource {
  /** The absolute (cwd-resolved) path for a file; undefined for stdin and inline text. */
  path?: string;
}

const denoFs: InputFs = { readTextFile: (path) => Deno.readTextFile(path) };

/** Reads and parses user input; see the module comment. */
export class InputReader {
  readonly #deps: InputReaderDeps;
  #stdin?: Promise<string>;

  /** Nothing is read until a method is called. */
  constructor(deps: InputReaderDeps) {
    this.#deps = deps;
  }

  /** `path` resolved against the working folder (absolute paths unchanged). */
  path(path: string): string {
    return isAbsolute(path) ? path : join(this.#deps.cwd, path);
  }

  /** The text a value names (see {@link InputSpecKind}). */
  async text(spec: string, options: ReadOptions): Promise<InputText> {
    const kind = options.kind ?? "data";
    const { label } = options;
    if (spec === "-" || spec === "@-") return { text: await this.#readStdin(), file: "stdin", label };
    let file: string;
    if (spec.startsWith("@")) file = spec.slice(1);
    else if (kind === "path") file = spec;
    else return { text: spec, file: "inline", label };
    if (file === "") {
      throw new ValidationError(`${label} names no file after '@'.`, {
        hint: `Write ${label} @path/to/file.`,
      });
    }
    const path = this.path(file);
    try {
      return { text: stripBom(await (this.#deps.fs ?? denoFs).readTextFile(path)), file, label, path };
    } catch (error) {
      throw new ValidationError(`Unable to read the ${label} file ${file}: ${(error as Error).message}`, {
        hint: "Check the path.",
        location: { file },
        cause: error,
      });
    }
  }

  /** Reads and parses a value as `format` (XML is checked for well-formedness and returned as text). */
  async parse(spec: string, format: TextFormat, options: ReadOptions): Promise<unknown> {
    const text = await this.text(spec, options);
    // Loaded on first use: the parsers bring yaml, saxes, csv-parse and jsonc-parser, which a command that
    // reads no input must not pay for at start-up.
    const { parseText } = await import("./formats.ts");
    return await parseText(text, format);
  }

  /** Reads and parses strict JSON. */
  json(spec: string, options: ReadOptions): Promise<unknown> {
    return this.parse(spec, "json", options);
  }

  /** Reads JSON that must be an object (a record, a map); `example` goes in the hint. */
  async jsonObject(
    spec: string,
    options: ReadOptions & { example?: string },
  ): Promise<Record<string, unknown>> {
    const value = await this.json(spec, options);
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      throw new ValidationError(`${options.label} must be a JSON object.`, {
        hint: options.example ? `Example: ${options.example}` : undefined,
        location: { file: spec.startsWith("@") ? spec.slice(1) : options.kind === "path" ? spec : "inline" },
      });
    }
    return value as Record<string, unknown>;
  }

  /** Reads JSON with comments and trailing commas. */
  jsonc(spec: string, options: ReadOptions): Promise<unknown> {
    return this.parse(spec, "jsonc", options);
  }

  /** Reads YAML. */
  yaml(spec: string, options: ReadOptions): Promise<unknown> {
    return this.parse(spec, "yaml", options);
  }

  /** Reads XML, checked for well-formedness, as text. */
  async xml(spec: string, options: ReadOptions): Promise<string> {
    return await this.parse(spec, "xml", options) as string;
  }

  /** Reads CSV into rows of cells (the header row first). */
  async csv(spec: string, options: ReadOptions): Promise<string[][]> {
    const text = await this.text(spec, options);
    const { parseCsvSource } = await import("./formats.ts");
    return await parseCsvSource(text);
  }

  #readStdin(): Promise<string> {
    this.#stdin ??= this.#deps.stdin().then(stripBom);
    return this.#stdin;
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
