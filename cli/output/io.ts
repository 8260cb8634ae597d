/**
 * The IO object: the only way commands reach stdout, stderr and stdin. It owns the TTY, colour and
 * width decisions so every command behaves the same when piped.
 */

/** A synchronous text sink. */
export interface TextSink {
  write(text: string): void;
}

/** Streams and terminal facts for one invocation. */
export interface IO {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** True when stdout is a terminal: tables for people, otherwise TSV. */
  readonly stdoutIsTTY: boolean;
  /** True when stderr is a terminal: progress and spinners only then. */
  readonly stderrIsTTY: boolean;
  /** True when stdin is a terminal: prompts only then. */
  readonly stdinIsTTY: boolean;
  /** Terminal width in columns (80 when unknown). */
  readonly columns: number;
  /** Reads all of stdin as text. */
  readStdin(): Promise<string>;
  /** Reads one line from stdin (for pasted codes when no prompt library is wanted). */
  readLine(): Promise<string | null>;
}

const encoder = new TextEncoder();

/**
 * Thrown by a write to a stdout whose reader has gone (`ppx dv list --all | head -1`). It ends the command
 * where it stands, so no more pages are fetched; cli/main.ts exits 0 without a word, as gh and git do.
 */
export class StdoutClosedError extends Error {
  constructor() {
    super("stdout was closed by its reader");
    this.name = "StdoutClosedError";
  }
}

function writeAll(file: { writeSync(p: Uint8Array): number }, text: string): void {
  let bytes = encoder.encode(text);
  while (bytes.length > 0) {
    const n = file.writeSync(bytes);
    bytes = bytes.subarray(n);
  }
}

/** A sink that turns a broken pipe into StdoutClosedError, and fails every write after it at once. */
function pipeSink(file: { writeSync(p: Uint8Array): number }): TextSink {
  let closed = false;
  return {
    write(text) {
      if (closed) throw new StdoutClosedError();
      try {
        writeAll(file, text);
      } catch (error) {
        if (!(error instanceof Deno.errors.BrokenPipe)) throw error;
        closed = true;
        throw new StdoutClosedError();
      }
    },
  };
}

/** Writes to stderr; a closed stderr is ignored (there is nobody left to tell). */
function quietSink(file: { writeSync(p: Uint8Array): number }): TextSink {
  return {
    write(text) {
      try {
        writeAll(file, text);
      } catch (error) {
        if (!(error instanceof Deno.errors.BrokenPipe)) throw error;
      }
    },
  };
}

/** The process's real streams. */
export function denoIO(): IO {
  let columns = 80;
  try {
    columns = Deno.consoleSize().columns || 80;
  } catch {
    // not a terminal
  }
  return {
    stdout: pipeSink(Deno.stdout),
    stderr: quietSink(Deno.stderr),
    stdoutIsTTY: Deno.stdout.isTerminal(),
    stderrIsTTY: Deno.stderr.isTerminal(),
    stdinIsTTY: Deno.stdin.isTerminal(),
    columns,
    readStdin: () => new Response(Deno.stdin.readable).text(),
    readLine: () => readLineFrom(Deno.stdin),
  };
}

async function readLineFrom(file: { read(p: Uint8Array): Promise<number | null> }): Promise<string | null> {
  const decoder = new TextDecoder();
  const chunks: string[] = [];
  const buf = new Uint8Array(1);
  while (true) {
    const n = await file.read(buf);
    if (n === null || n === 0) return chunks.length ? chunks.join("") : null;
    const ch = decoder.decode(buf.subarray(0, n));
    if (ch === "\n") return chunks.join("").replace(/\r$/, "");
    chunks.push(ch);
  }
}

/** An in-memory IO for tests: captures output, serves canned stdin. */
export class BufferIO implements IO {
  out = "";
  err = "";
  readonly stdout: TextSink = { write: (t) => void (this.out += t) };
  readonly stderr: TextSink = { write: (t) => void (this.err += t) };
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
  columns: number;
  #stdin: string;
  #lines: string[];

  constructor(options: { tty?: boolean; stdin?: string; columns?: number } = {}) {
    this.stdoutIsTTY = this.stderrIsTTY = this.stdinIsTTY = options.tty ?? false;
    this.columns = options.columns ?? 100;
    this.#stdin = options.stdin ?? "";
    this.#lines = this.#stdin.split("\n");
  }

  readStdin(): Promise<string> {
    return Promise.resolve(this.#stdin);
  }

  readLine(): Promise<string | null> {
    const line = this.#lines.shift();
    return Promise.resolve(line === undefined ? null : line.replace(/\r$/, ""));
  }
}
