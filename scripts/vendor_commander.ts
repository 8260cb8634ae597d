/**
 * Copies commander's ESM source (the version pinned as "commander" in deno.json) into
 * cli/generated/commander/, with its `node:` imports pointed at cli/commander_shims.ts, so parsing a command line
 * does not start Deno's Node compatibility layer (docs/adr/0023-commander-without-node-layer.md). Nothing
 * else in the files changes. With --check, fails when the committed copy differs from what this produces
 * (CI runs it that way, so a version bump without re-running it is caught).
 */

const ROOT = new URL("../", import.meta.url);
const TARGET = new URL("cli/generated/commander/", ROOT);
const FILES = [
  "index.js",
  "lib/argument.js",
  "lib/command.js",
  "lib/error.js",
  "lib/help.js",
  "lib/option.js",
  "lib/suggestSimilar.js",
  "LICENSE",
];

/** The exact import lines of commander 15 and what replaces each; a new line in a later version fails. */
const NODE_IMPORTS: Record<string, string> = {
  "import { EventEmitter } from 'node:events';":
    "import { EventEmitter } from '../../../commander_shims.ts';",
  "import childProcess from 'node:child_process';":
    "import { childProcess } from '../../../commander_shims.ts';",
  "import path from 'node:path';": "import { path } from '../../../commander_shims.ts';",
  "import fs from 'node:fs';": "import { fs } from '../../../commander_shims.ts';",
  "import process from 'node:process';": "import { process } from '../../../commander_shims.ts';",
  "import { stripVTControlCharacters } from 'node:util';":
    "import { stripVTControlCharacters } from '../../../commander_shims.ts';",
};

async function run(args: string[]): Promise<string> {
  const out = await new Deno.Command(Deno.execPath(), { args, stderr: "inherit" }).output();
  if (!out.success) throw new Error(`deno ${args.join(" ")} failed`);
  return new TextDecoder().decode(out.stdout);
}

/** The folder of the pinned commander package in Deno's npm cache (downloaded first if needed). */
async function packageDir(): Promise<{ dir: string; spec: string }> {
  const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT))) as {
    imports: Record<string, string>;
  };
  const spec = config.imports["commander"];
  const version = /^npm:commander@(\d+\.\d+\.\d+)$/.exec(spec ?? "")?.[1];
  if (!version) throw new Error(`deno.json must pin "commander" as npm:commander@X.Y.Z (found ${spec})`);
  await run(["cache", "--quiet", spec]);
  const info = JSON.parse(await run(["info", "--json"])) as { npmCache: string };
  return { dir: `${info.npmCache}/registry.npmjs.org/commander/${version}/`, spec };
}

function rewrite(file: string, text: string): string {
  if (!file.endsWith(".js")) return text;
  const lines = text.split("\n").map((line) => NODE_IMPORTS[line] ?? line);
  const left = lines.filter((line) => /from ['"]node:/.test(line));
  if (left.length) {
    throw new Error(`${file}: unknown Node import(s): ${left.join("; ")} — extend NODE_IMPORTS`);
  }
  const body = lines.join("\n");
  return file === "index.js" ? `// @ts-self-types="./mod.d.ts"\n${body}` : body;
}

const { dir, spec } = await packageDir();
const stale: string[] = [];
for (const file of FILES) {
  const text = rewrite(file, await Deno.readTextFile(dir + file));
  const target = new URL(file, TARGET);
  const current = await Deno.readTextFile(target).catch(() => undefined);
  if (current === text) continue;
  if (Deno.args.includes("--check")) {
    stale.push(file);
    continue;
  }
  await Deno.mkdir(new URL(".", target), { recursive: true });
  await Deno.writeTextFile(target, text);
}
if (stale.length) {
  console.error(`cli/generated/commander is not ${spec}: ${stale.join(", ")} — run \`deno task vendor\``);
  Deno.exit(1);
}
console.log(`cli/generated/commander: ${spec}${Deno.args.includes("--check") ? " (up to date)" : ""}`);
