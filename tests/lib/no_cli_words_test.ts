// lib/ errors carry data, not command-line words (issue 13): a message or hint that refers to an option or a
// command keeps it as an `option(...)` / `command(...)` reference, and cli/kit/phrase.ts spells it.
//
// The rule, checked on every .ts file under lib/: no string literal, template literal text or regular
// expression source outside comments may contain
//   - a long flag: `--` followed by a letter (`--key`, `--no-create-if-missing`), or
//   - a command line: a backtick immediately followed by `ppx ` (`` `ppx env list` ``).
// Since lib/ never prints, every string it makes can reach a user only through an error or a result, so the
// rule does not try to follow the data: any literal counts. Comments (JSDoc included) may name flags.
//
// Allowed, each for a stated reason:
//   - catalog definitions (lib/powerplatform/catalog/): a parameter's `flag` and an operation's `example` are
//     the catalog's own data describing the command line, shared by the CLI and the emulator;
//   - a `flag:` or `example:` property of an inline catalog operation elsewhere (same data, one-off operation);
//   - ALLOWED below: single lines, each with its reason;
//   - PENDING_AREAS: directories not checked yet (empty: every lib/ area is checked).

import { deepStrictEqual as assertEquals } from "node:assert/strict";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const LIB = join(ROOT, "lib");

/** Directories not checked yet (none since the issue 13 branches were merged). */
const PENDING_AREAS: string[] = [];

/** Catalog definitions: the command line is their data. */
const CATALOG = ["lib/powerplatform/catalog/"];

/** Single allowed lines: file and a fragment of the line, with the reason. */
const ALLOWED: { file: string; text: string; reason: string }[] = [
  // Content ppx writes, not messages: a GitHub workflow runs ppx, curl and gh with their flags; a connector
  // template's README tells its reader how to create it.
  { file: "lib/github/alm/workflows.ts", text: "", reason: "the workflow YAML ppx writes" },
  { file: "lib/connectors/templates.ts", text: "", reason: "the README of a new connector folder" },
  // External tools' own command lines (secret-tool's arguments, how to unlock gnome-keyring).
  { file: "lib/auth/keyring/linux.ts", text: "--label=", reason: "secret-tool's argument" },
  {
    file: "lib/auth/keyring/linux.ts",
    text: "gnome-keyring-daemon --unlock",
    reason: "gnome-keyring's command",
  },
  // The settings table keys flags by their spelling: that is data the CLI hands in, not a message.
  { file: "lib/config/settings.ts", text: `"--profile"`, reason: "the flag a setting comes from (data key)" },
  { file: "lib/config/settings.ts", text: "profile used when --profile is not given", reason: "setting doc" },
  { file: "lib/config/setting_cases.ts", text: `"--profile"`, reason: "the flag a setting comes from" },
  { file: "lib/auth/secrets/store.ts", text: "`ppx cannot set", reason: "the product's name, no command" },
  // Reasons inside plans and validation findings: part of the documented --json reports, changed only with
  // a changelog entry (noted as the next step in issue 13's closing note).
  { file: "lib/pages/plan.ts", text: "--delete-missing", reason: "plan reason in the --json report" },
  { file: "lib/pages/plan.ts", text: "--strategy", reason: "plan reason in the --json report" },
  { file: "lib/github/alm/plan_github.ts", text: "--allow-actions-prs", reason: "plan detail in --json" },
  {
    file: "lib/connectors/validate/properties_checks.ts",
    text: "--secret-env",
    reason: "a validation finding's message (SARIF and --json reports)",
  },
  // Left for the next step (issue 13 closing note): messages still phrased in lib.
  { file: "lib/auth/secrets/policy.ts", text: "--secure-storage", reason: "left: storage policy messages" },
  { file: "lib/auth/github/login.ts", text: "--no-save-secret", reason: "left: a warning's text" },
  { file: "lib/auth/github/login.ts", text: "--client-secret-env", reason: "left: a warning's text" },
  { file: "lib/auth/github/errors.ts", text: "ppx auth github", reason: "left: GitHubTokenUnavailableError" },
  {
    file: "lib/dataverse/host.ts",
    text: `"--profile": sources.profile`,
    reason: "lib/config's resolveSetting takes the flags by spelling (lib/config is a pending area)",
  },
  {
    file: "lib/dataverse/bulk/plan.ts",
    text: "--no-create-if-missing forbids creating it",
    reason:
      "a row outcome recorded in the journal and the --json summary, not an error: changing it changes " +
      "the documented output",
  },
];

const FLAG = /(?<![\w-])--[a-zA-Z]/;
const COMMAND = /`ppx /;

interface Finding {
  file: string;
  line: number;
  text: string;
}

/**
 * The literal text of a TypeScript source, position by position: comments blanked, code blanked, string /
 * template / regex contents kept. A small scanner (no parser dependency): enough for this codebase's style.
 */
function literalMask(source: string): string {
  const out: string[] = source.split("").map((c) => (c === "\n" ? "\n" : " "));
  let i = 0;
  const keep = (from: number, to: number) => {
    for (let k = from; k < to; k++) out[k] = source[k];
  };
  // Template nesting: each entry is the brace depth at which a `${` began.
  const templates: number[] = [];
  let braces = 0;
  let lastSignificant = "";
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === "/" && next === "/") {
      while (i < source.length && source[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      i = end < 0 ? source.length : end + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      const start = i++;
      while (i < source.length && source[i] !== c && source[i] !== "\n") i += source[i] === "\\" ? 2 : 1;
      keep(start, ++i);
      lastSignificant = c;
      continue;
    }
    if (c === "`" || (c === "}" && templates.length && templates[templates.length - 1] === braces)) {
      if (c === "}") templates.pop();
      const start = i++;
      while (i < source.length && source[i] !== "`" && !(source[i] === "$" && source[i + 1] === "{")) {
        i += source[i] === "\\" ? 2 : 1;
      }
      keep(start, i);
      if (source[i] === "$") {
        templates.push(braces);
        i += 2;
      } else {
        keep(i, i + 1);
        i++;
      }
      lastSignificant = "`";
      continue;
    }
    if (c === "/" && /[(,=:[!&|?{};+\-*%<>~^]|^$|return$/.test(lastSignificant)) {
      // A regular expression literal.
      const start = i++;
      let inClass = false;
      while (i < source.length && source[i] !== "\n" && (inClass || source[i] !== "/")) {
        if (source[i] === "[") inClass = true;
        if (source[i] === "]") inClass = false;
        i += source[i] === "\\" ? 2 : 1;
      }
      keep(start, ++i);
      lastSignificant = "/";
      continue;
    }
    if (c === "{") braces++;
    if (c === "}") braces--;
    if (!/\s/.test(c)) {
      const word = /^[A-Za-z_$][\w$]*/.exec(source.slice(i, i + 20));
      lastSignificant = word ? word[0] : c;
      i += word ? word[0].length : 1;
      continue;
    }
    i++;
  }
  return out.join("");
}

/** The lines of `source` whose literals contain a flag or a command line. */
export function cliWords(source: string): { line: number; text: string }[] {
  const mask = literalMask(source).split("\n");
  const lines = source.split("\n");
  const found: { line: number; text: string }[] = [];
  mask.forEach((literal, i) => {
    if (!FLAG.test(literal) && !COMMAND.test(literal)) return;
    // Inline catalog data: `flag: "--x"` or `example: "ppx ..."`.
    if (/^\s*(flag|example):/.test(lines[i])) return;
    found.push({ line: i + 1, text: lines[i].trim() });
  });
  return found;
}

async function* sources(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* sources(path);
    else if (entry.isFile && entry.name.endsWith(".ts")) yield path;
  }
}

Deno.test("the scanner sees literals, not comments", async (t) => {
  await t.step("flags and command lines in strings and templates are found", () => {
    const found = cliWords([
      `throw new UsageError("--top must be a number");`,
      "const hint = `see \\`ppx env list\\``;",
      "const t = `${a} and --map ${b}`;",
      "const ok = `${option('map')} FILE`;",
    ].join("\n"));
    assertEquals(found.map((f) => f.line), [1, 2, 3]);
  });
  await t.step("comments, JSDoc and inline catalog data are not", () => {
    const found = cliWords([
      "/** Reads `--data`; see `ppx dv create`. */",
      "// --resume continues",
      `  flag: "--environment",`,
      `  example: "ppx env list --json",`,
      "const x = a / b; // --not-a-string",
      "const n = i-- - 1;",
    ].join("\n"));
    assertEquals(found, []);
  });
});

Deno.test("lib/ messages name no flag and no ppx command line", async () => {
  const findings: Finding[] = [];
  for await (const path of sources(LIB)) {
    const file = relative(ROOT, path).replaceAll("\\", "/");
    if ([...PENDING_AREAS, ...CATALOG].some((area) => file.startsWith(area))) continue;
    for (const hit of cliWords(await Deno.readTextFile(path))) {
      if (ALLOWED.some((a) => a.file === file && hit.text.includes(a.text))) continue;
      findings.push({ file, line: hit.line, text: hit.text });
    }
  }
  assertEquals(
    findings.map((f) => `${f.file}:${f.line}: ${f.text}`),
    [],
    "lib/ errors must carry options and commands as data (option(...), command(...) from lib/errors.ts), " +
      "spelled by cli/kit/phrase.ts",
  );
});
