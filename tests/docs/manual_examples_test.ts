/**
 * The manual's ```` ```console ```` examples are run, so the manual cannot go stale. Each page runs in one
 * bash session (stdout piped, as a script reads it) in a fresh working directory and HOME, with
 * a `ppx` on PATH that runs this checkout, against a fresh `ppx emulator start` of its own. Output is compared
 * after normalising ids, times, durations, ports, temp paths and versions (tests/helpers/golden.ts). The
 * conventions are in docs/user-manual/00-index.md, "How to read the examples". `deno task snapshots`
 * (UPDATE_SNAPSHOTS=1) rewrites the output of the examples that differ with what they printed.
 */

import { AssertionError } from "../helpers/assert.ts";
import { ROOT } from "../helpers/cli.ts";
import { type ExampleStep, matchLines, parseExamples, rewriteOutputs } from "../helpers/console_blocks.ts";
import { normalise, unifiedDiff, UPDATE_SNAPSHOTS } from "../helpers/golden.ts";

const PAGES = [
  "README.md",
  ...[...Deno.readDirSync(`${ROOT}docs/user-manual`)]
    .filter((e) => e.isFile && e.name.endsWith(".md"))
    .map((e) => `docs/user-manual/${e.name}`)
    .sort(),
];
const PAGE_TIMEOUT_MS = 60_000;

/** Why the examples cannot run here (no bash or no `script` for a terminal), or undefined. */
function unsupported(): string | undefined {
  if (Deno.build.os === "windows") return "Windows (needs bash)";
  for (const tool of ["bash"]) {
    const found = Deno.env.get("PATH")?.split(":").some((dir) => {
      try {
        return Deno.statSync(`${dir}/${tool}`).isFile;
      } catch {
        return false;
      }
    });
    if (!found) return `no ${tool} on PATH`;
  }
}
const SKIP = unsupported();

/** The flags of the `ppx` task in deno.json, so the examples run ppx exactly as `deno task ppx` does. */
function ppxFlags(): string[] {
  const config = JSON.parse(Deno.readTextFileSync(`${ROOT}deno.json`));
  const task: string = config.tasks.ppx;
  return task.split(/\s+/).filter((word) => word.startsWith("--"));
}

/** The Deno cache the examples share with this run (their HOME is fresh, the cache must not be). */
async function denoDir(): Promise<string> {
  const fromEnv = Deno.env.get("DENO_DIR");
  if (fromEnv) return fromEnv;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json"],
    stdout: "piped",
    stderr: "null",
  })
    .output();
  return JSON.parse(new TextDecoder().decode(out.stdout)).denoDir;
}

interface Sandbox extends AsyncDisposable {
  root: string;
  work: string;
  home: string;
  env: Record<string, string>;
}

async function sandbox(): Promise<Sandbox> {
  const root = await Deno.realPath(await Deno.makeTempDir({ prefix: "ppx-manual-" }));
  const work = `${root}/work`, home = `${root}/home`, bin = `${root}/bin`;
  await Promise.all([work, home, bin].map((dir) => Deno.mkdir(dir)));
  await Deno.writeTextFile(
    `${bin}/ppx`,
    `#!/bin/sh\nexec "${Deno.execPath()}" run --quiet ${ppxFlags().join(" ")} --config "${ROOT}deno.json" ` +
      `"${ROOT}cli/main.ts" "$@"\n`,
    { mode: 0o755 },
  );
  const env: Record<string, string> = {
    PATH: `${bin}:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`,
    HOME: home,
    DENO_DIR: await denoDir(),
    NO_COLOR: "1",
    CI: "1", // no update notice
    TERM: "dumb",
    LANG: "C.UTF-8",
  };
  return {
    root,
    work,
    home,
    env,
    [Symbol.asyncDispose]: () => Deno.remove(root, { recursive: true }),
  };
}

interface Emulator extends AsyncDisposable {
  url: string;
}

/** `ppx emulator start --token-file token.txt` in the page's directory, as 01-getting-started.md does it. */
async function startEmulator(box: Sandbox): Promise<Emulator> {
  const child = new Deno.Command(`${box.root}/bin/ppx`, {
    // Solution jobs take 1 s instead of 30: the transcripts are the same, the page runs faster.
    args: ["emulator", "start", "--token-file", "token.txt", "--solution-job-time", "1s"],
    cwd: box.work,
    env: box.env,
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!out.includes("Ready.")) {
    const { value, done } = await reader.read();
    if (done) break;
    out += value;
  }
  const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
  const stop = async () => {
    try {
      child.kill("SIGTERM");
    } catch {
      // already ended
    }
    await child.status;
    await reader.cancel();
    await stderr;
  };
  if (!url) {
    await stop();
    throw new Error(`ppx emulator start did not get ready:\n${out}\n${await stderr}`);
  }
  return { url, [Symbol.asyncDispose]: stop };
}

/** What the page's steps printed (stdout and stderr, as on a terminal) and how they exited. */
interface StepResult {
  output: string;
  code: number;
}

/**
 * Runs the page's steps in one bash session, stdout piped as a script would read it (so tables are TSV) and
 * stderr not compared: the manual describes messages on stderr in its text.
 */
async function runSteps(
  box: Sandbox,
  steps: ExampleStep[],
  env: Record<string, string>,
): Promise<{ results: Map<number, StepResult>; raw: string; timedOut: boolean }> {
  const script = [`cd "${box.work}"`];
  steps.forEach((step, i) => {
    script.push(`printf '\\036B${i}\\036'`, step.command, `printf '\\036E${i}:%d\\036' "$?"`);
  });
  const file = `${box.root}/page.sh`;
  await Deno.writeTextFile(file, script.join("\n") + "\n");
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, PAGE_TIMEOUT_MS);
  const out = await new Deno.Command("bash", {
    args: ["--noprofile", "--norc", file],
    cwd: box.work,
    env,
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: controller.signal,
  }).output();
  clearTimeout(timer);
  const raw = new TextDecoder().decode(out.stdout);
  const results = new Map<number, StepResult>();
  // deno-lint-ignore no-control-regex -- \x1e is the marker the session prints between steps
  for (const m of raw.matchAll(/\x1eB(\d+)\x1e([\s\S]*?)\x1eE\1:(\d+)\x1e/g)) {
    results.set(Number(m[1]), { output: terminalText(m[2]), code: Number(m[3]) });
  }
  return { results, raw: terminalText(raw + new TextDecoder().decode(out.stderr)), timedOut };
}

/** What a terminal shows: CRLF as LF, escape sequences and lines overwritten by `\r` (progress) dropped. */
function terminalText(text: string): string {
  return text
    .replace(/\r\n/g, "\n")
    // deno-lint-ignore no-control-regex -- terminal escape sequences are what is removed
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "")
    .split("\n")
    .map((line) => line.slice(line.lastIndexOf("\r") + 1))
    .join("\n")
    // deno-lint-ignore no-control-regex -- EOT and backspace echoed by the terminal
    .replace(/\x04|\x08/g, "");
}

/** The output as a page shows it: the example's own paths and the emulator's usual port (8750). */
function presentable(output: string, box: Sandbox): string {
  let text = output;
  for (const [path, name] of [[box.work, "/work"], [box.home, "~"], [box.root, "/tmp/ppx"]]) {
    text = text.split(path).join(name);
  }
  return text.replace(/\b(127\.0\.0\.1|localhost):\d+/g, "$1:8750")
    .split("\n").map((line) => line.trimEnd()).join("\n").replace(/\n+$/, "");
}

async function checkPage(page: string) {
  const markdown = await Deno.readTextFile(`${ROOT}${page}`);
  const { mode, steps, problems } = parseExamples(markdown);
  const failures = problems.map((p) => `${page}: ${p}`);
  const rewrites: { step: ExampleStep; text: string }[] = [];
  await using box = await sandbox();
  const env = { ...box.env };
  let emulator: Emulator | undefined;
  if (mode !== "none") {
    emulator = await startEmulator(box);
    if (mode === "signed-in") {
      const url = emulator.url;
      Object.assign(env, {
        DATAVERSE_HOST: url,
        PPX_ACCESS_TOKEN: (await Deno.readTextFile(`${box.work}/token.txt`)).trim(),
        PPX_POWERPLATFORM_URL: url,
        PPX_BAP_URL: url,
        PPX_POWERAPPS_URL: url,
        PPX_FLOW_URL: url,
        PPX_GRAPH_URL: url,
      });
    }
  }
  try {
    const { results, raw, timedOut } = await runSteps(box, steps, env);
    const context = { paths: { [box.work]: "/work", [box.home]: "~", [box.root]: "/tmp/ppx" } };
    let unfinished: string | undefined;
    steps.forEach((step, i) => {
      const where = `${page}:${step.line}`;
      const result = results.get(i);
      if (!result) {
        if (unfinished) return void failures.push(`${where}: not reached (${unfinished} did not finish)`);
        unfinished = where;
        // The session's last words without the step markers: usually the prompt or error that stopped it.
        const tail = raw.split("\x1e").filter((_, k) => k % 2 === 0).join("").slice(-2000);
        failures.push(
          `${where}: \`${step.command}\` ${
            timedOut
              ? `did not finish within ${PAGE_TIMEOUT_MS / 1000} s (waiting for input? pass --yes)`
              : "never finished (the session ended)"
          }; the session printed:\n${tail}`,
        );
        return;
      }
      if (step.kind === "setup") {
        if (result.code !== 0) {
          failures.push(`${where}: the console-setup exited ${result.code}:\n${result.output}`);
        }
        return;
      }
      const expected = normalise(step.expected, context);
      const actual = normalise(result.output, context);
      if (matchLines(expected === "" ? [] : expected.split("\n"), actual === "" ? [] : actual.split("\n"))) {
        return;
      }
      if (UPDATE_SNAPSHOTS) return void rewrites.push({ step, text: presentable(result.output, box) });
      failures.push(
        `${where}: \`$ ${step.command}\` (exit ${result.code}) printed something else:\n` +
          unifiedDiff(expected, actual, { expected: `${where} (manual)`, actual: "actual" }),
      );
    });
  } finally {
    await emulator?.[Symbol.asyncDispose]();
  }
  if (rewrites.length && !problems.length) {
    await Deno.writeTextFile(`${ROOT}${page}`, rewriteOutputs(markdown, rewrites));
    console.log(`rewrote the output of ${rewrites.length} example(s) of ${page}: review the diff`);
  }
  if (failures.length) {
    throw new AssertionError({
      message: `${failures.length} example(s) of ${page} do not match (normalised: <guid>, <time>, ` +
        `<duration>, <version>, http://127.0.0.1:PORT, /work = the page's directory):\n\n` +
        failures.join("\n\n"),
    });
  }
}

for (const page of PAGES) {
  const { steps, problems } = parseExamples(Deno.readTextFileSync(`${ROOT}${page}`));
  if (!steps.some((s) => s.kind === "command") && !problems.length) continue;
  Deno.test({
    name: `manual examples of ${page} run as shown${SKIP ? ` (skipped: ${SKIP})` : ""}`,
    ignore: SKIP !== undefined,
    fn: () => checkPage(page),
  });
}
