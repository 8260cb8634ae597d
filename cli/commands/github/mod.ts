/** `ppx github`: GitHub-backed ALM (setup-ci, teardown-ci). */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import setupCi from "./setup_ci.ts";
import teardownCi from "./teardown_ci.ts";

/** Builds the `github` group. */
export default function github(app: App) {
  const group = new Command("github").description(
    "GitHub-backed ALM: set up and tear down CI/CD for a solution",
  );
  for (const build of [setupCi, teardownCi]) group.addCommand(build(app));
  return group;
}
