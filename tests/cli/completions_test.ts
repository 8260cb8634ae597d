import { assert, assertEquals, assertIncludes } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";

function hasBash(): boolean {
  try {
    return new Deno.Command("bash", { args: ["-c", "true"] }).outputSync().success;
  } catch {
    return false;
  }
}

/** Decided before the tests are registered, so a missing bash shows as "ignored", not as a pass. */
const BASH = hasBash();

/** Runs the generated bash completion for a command line and returns the candidates. */
async function bashComplete(script: string, line: string[]): Promise<string[]> {
  const words = line.map((w) => `'${w}'`).join(" ");
  const program = `${script}\nCOMP_WORDS=(${words}); COMP_CWORD=${
    line.length - 1
  }; _ppx; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = await new Deno.Command("bash", { args: ["-c", program], stdout: "piped", stderr: "piped" })
    .output();
  assert(out.success, new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout).split("\n").filter(Boolean);
}

Deno.test({
  name: "bash completion completes commands and flags from the command tree",
  ignore: !BASH,
  fn: async () => {
    const { code, stdout } = await runPpx(["completions", "bash"]);
    assertEquals(code, 0);
    assertEquals(await bashComplete(stdout, ["ppx", "ver"]), ["version"]);
    const top = await bashComplete(stdout, ["ppx", ""]);
    for (const name of ["version", "completions", "help"]) assert(top.includes(name), `${name} in ${top}`);
    const flags = await bashComplete(stdout, ["ppx", "version", "--js"]);
    assertEquals(flags, ["--json"]);
    const shells = await bashComplete(stdout, ["ppx", "completions", "--"]);
    assert(shells.includes("--help") && shells.includes("--profile"), shells.join(","));
  },
});

Deno.test("zsh, fish and powershell scripts cover every top-level command", async () => {
  for (const shell of ["zsh", "fish", "powershell"]) {
    const { code, stdout } = await runPpx(["completions", shell]);
    assertEquals(code, 0, shell);
    for (const name of ["version", "completions", "help", "--json", "--profile"]) {
      assertIncludes(stdout, name, shell);
    }
  }
  assertIncludes((await runPpx(["completions", "zsh"])).stdout, "compdef _ppx ppx");
  assertIncludes((await runPpx(["completions", "fish"])).stdout, "complete -c ppx");
  assertIncludes(
    (await runPpx(["completions", "powershell"])).stdout,
    "Register-ArgumentCompleter -Native -CommandName ppx",
  );
});

Deno.test("an unknown shell is a usage error listing the shells", async () => {
  const r = await runPpx(["completions", "tcsh"]);
  assertEquals(r.code, 2);
  assertIncludes(r.stderr, "bash, zsh, fish, powershell");
});
