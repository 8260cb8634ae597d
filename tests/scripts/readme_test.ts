import { VERSION } from "../../lib/version.ts";
import { assert, assertEquals } from "../helpers/assert.ts";

const root = new URL("../../", import.meta.url);

async function docs(): Promise<{ path: string; text: string }[]> {
  const out = [{ path: "README.md", text: await Deno.readTextFile(new URL("README.md", root)) }];
  for await (const entry of Deno.readDir(new URL("docs/user-manual/", root))) {
    if (!entry.name.endsWith(".md")) continue;
    const path = `docs/user-manual/${entry.name}`;
    out.push({ path, text: await Deno.readTextFile(new URL(path, root)) });
  }
  return out;
}

Deno.test("every `deno run jsr:@pacx/cli...` in the docs names an export that runs the CLI", async () => {
  const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", root)));
  const exports = config.exports as Record<string, string>;
  let seen = 0;
  for (const { path, text } of await docs()) {
    for (const match of text.matchAll(/deno run [^`]*?jsr:@pacx\/cli(\/[\w-]+)?/g)) {
      seen++;
      const target = exports[`.${match[1] ?? ""}`];
      assert(
        target === "./cli/main.ts" || target === "./mod.ts",
        `${path}: '${match[0]}' runs ${target ?? "no export"}`,
      );
    }
  }
  assert(seen > 0, "the README shows how to run ppx from JSR");
});

Deno.test("the package run as a program is the CLI: `deno run mod.ts --version` with no permissions", async () => {
  const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", root)));
  assertEquals(config.exports["."], "./mod.ts");
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", new URL("mod.ts", root).pathname, "--version"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assertEquals(new TextDecoder().decode(out.stderr), "");
  assertEquals(new TextDecoder().decode(out.stdout).trim(), VERSION);
  assertEquals(out.code, 0);
});
