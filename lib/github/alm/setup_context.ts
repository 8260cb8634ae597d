/**
 * The state the planners of setup-ci share.
 *
 * @module
 */

import type { AlmDeps, SetupCiOptions } from "./options.ts";
import type { GitHubRepoApi } from "./github_api.ts";
import type { GraphApplication, GraphAppsApi } from "./graph_api.ts";
import type { Step } from "./plan.ts";

/** What the planners of setup-ci share: the options, the APIs, the app (filled in when created) and the plan. */
export interface SetupContext {
  /** The command's options. */
  options: SetupCiOptions;
  /** The services. */
  deps: AlmDeps;
  /** GitHub REST for the repository. */
  github: GitHubRepoApi;
  /** Graph app registrations. */
  graph: GraphAppsApi;
  /** The app registration: found at plan time, or set by the step that creates it (`fresh`). */
  app: { value?: GraphApplication; fresh?: boolean };
  /** The branch deployments run from. */
  branch: string;
  /** The plan, appended to in order. */
  steps: Step[];
}
