/**
 * `deno task demo`: a guided tour of ppx that runs entirely offline. It drives the real CLI in-process
 * and shows each command with its output. Later capabilities (the emulator, sign-in, Dataverse, bulk
 * upsert) add their steps to DEMO_STEPS.
 */

import { runCli } from "../cli/main.ts";
import { denoIO } from "../cli/output/io.ts";
import { envFrom } from "../lib/env.ts";

/** One step of the tour. */
export interface DemoStep {
  title: string;
  argv: string[];
}

/** The steps, in order. */
export const DEMO_STEPS: DemoStep[] = [
  { title: "Which ppx is this?", argv: ["version"] },
  { title: "The same facts for scripts", argv: ["version", "--json"] },
  { title: "Every environment variable ppx reads", argv: ["help", "environment"] },
  { title: "What the exit codes mean", argv: ["help", "exit-codes"] },
];

if (import.meta.main) {
  const io = denoIO();
  const env = envFrom({ NO_COLOR: Deno.env.get("NO_COLOR") });
  for (const step of DEMO_STEPS) {
    io.stdout.write(`\n# ${step.title}\n$ ppx ${step.argv.join(" ")}\n`);
    const code = await runCli(step.argv, { io, env });
    if (code !== 0) {
      io.stderr.write(`demo step failed with exit code ${code}\n`);
      Deno.exit(code);
    }
  }
  io.stdout.write("\nDone. Run `deno task test` to run the test suite.\n");
}
