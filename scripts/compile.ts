/**
 * Builds the release binaries: five `deno compile` targets, each archived (tar.gz, or zip for Windows),
 * plus SHA256SUMS. The version in deno.json must equal lib/version.ts, and the commit and target are
 * stamped into lib/build_info.ts for each build (restored afterwards).
 *
 *   deno task compile            build everything into dist/
 *   deno task compile --dry-run  print the plan without building
 *   deno task compile --target x86_64-unknown-linux-gnu
 */

import { VERSION } from "../lib/version.ts";
import { archiveName, binaryName, RELEASE_TARGETS } from "../lib/upgrade/assets.ts";

/** The release targets (one list for the compile script, the installers and `ppx upgrade`). */
export const TARGETS = RELEASE_TARGETS;

/** The permissions the binary is compiled with (docs/permissions.md). */
export const PERMISSIONS = ["--allow-env", "--allow-read", "--allow-write", "--allow-net", "--allow-run"];

/**
 * V8 settings the binary runs with. A smaller young generation (8 MB semi-spaces instead of V8's larger
 * default) keeps a long bulk load's resident memory around 165 MB instead of 210 MB, at no measurable cost
 * in speed; `deno task ppx` and `deno task install` use the same.
 */
export const V8_FLAGS = ["--v8-flags=--max-semi-space-size=8"];

/** Files embedded into the binary (read at run time with import.meta.dirname). */
export const INCLUDES: string[] = [];

/** One build step. */
export interface BuildPlan {
  target: string;
  binary: string;
  archive: string;
  args: string[];
}

/** The deno compile invocation per target. */
export function plan(targets: readonly string[] = TARGETS, outDir = "dist"): BuildPlan[] {
  return targets.map((target) => {
    const binary = `${outDir}/ppx-${target}/${binaryName(target)}`;
    const archive = `${outDir}/${archiveName(VERSION, target)}`;
    const args = [
      "compile",
      "--target",
      target,
      "--output",
      binary,
      ...PERMISSIONS,
      ...V8_FLAGS,
      ...INCLUDES.flatMap((f) => ["--include", f]),
      "cli/main.ts",
    ];
    return { target, binary, archive, args };
  });
}

async function run(cmd: string, args: string[], cwd?: string): Promise<void> {
  const out = await new Deno.Command(cmd, { args, cwd, stdout: "inherit", stderr: "inherit" }).output();
  if (!out.success) throw new Error(`${cmd} ${args.join(" ")} failed with exit code ${out.code}`);
}

async function gitCommit(): Promise<string> {
  try {
    const out = await new Deno.Command("git", { args: ["rev-parse", "--short=12", "HEAD"], stdout: "piped" })
      .output();
    return new TextDecoder().decode(out.stdout).trim() || "unknown";
  } catch {
    return "unknown";
  }
}

async function sha256(path: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

if (import.meta.main) {
  const config = JSON.parse(await Deno.readTextFile("deno.json"));
  if (config.version !== VERSION) {
    console.error(
      `deno.json version ${config.version} differs from lib/version.ts ${VERSION}; fix one of them.`,
    );
    Deno.exit(1);
  }
  const only = Deno.args.includes("--target") ? [Deno.args[Deno.args.indexOf("--target") + 1]] : TARGETS;
  const steps = plan(only);
  if (Deno.args.includes("--dry-run")) {
    for (const s of steps) console.log(`deno ${s.args.join(" ")}\n  -> ${s.archive}`);
    Deno.exit(0);
  }
  const buildInfo = "lib/build_info.ts";
  const original = await Deno.readTextFile(buildInfo);
  const commit = await gitCommit();
  const sums: string[] = [];
  try {
    await Deno.mkdir("dist", { recursive: true });
    for (const step of steps) {
      await Deno.writeTextFile(
        buildInfo,
        original.replace(
          /BUILD: [^=]*= \{[^}]*\}/,
          `BUILD: { commit: string; target: string; repository: string } = {\n  commit: "${commit}",\n  ` +
            `target: "${step.target}",\n  repository: "${Deno.env.get("GITHUB_REPOSITORY") ?? ""}",\n}`,
        ),
      );
      await run(Deno.execPath(), step.args);
      const dir = step.binary.slice(0, step.binary.lastIndexOf("/"));
      const name = step.binary.slice(dir.length + 1);
      if (step.archive.endsWith(".zip")) await run("zip", ["-j", "-q", step.archive, step.binary]);
      else await run("tar", ["-czf", step.archive, "-C", dir, name]);
      sums.push(`${await sha256(step.archive)}  ${step.archive.slice("dist/".length)}`);
    }
    await Deno.writeTextFile("dist/SHA256SUMS", sums.join("\n") + "\n");
    console.log(sums.join("\n"));
  } finally {
    await Deno.writeTextFile(buildInfo, original);
  }
}
