/**
 * An emulated GitHub + Entra + Dataverse for `ppx github setup-ci` tests: the OAuth emulator (tokens with
 * scopes), one repository, Graph, and Dataverse application users; plus the argv and run options that
 * point ppx at them.
 */

import { startTestEmulator } from "./emulator.ts";
import {
  type AppUsersEmulator,
  appUsersService,
  type EmulatedRepo,
  GitHubEmulator,
  GitHubReposEmulator,
  type GraphEmulator,
  graphService,
  type RunningEmulator,
} from "@pacx/emulator";
import { ManualClock } from "../../lib/clock.ts";
import { runPpx, type RunResult } from "./cli.ts";

/** A running fixture. */
export interface AlmFixture extends AsyncDisposable {
  emu: RunningEmulator;
  github: GitHubEmulator;
  repo: EmulatedRepo;
  graph: GraphEmulator;
  users: AppUsersEmulator;
  /** Every request the emulator served: `METHOD /path STATUS`. */
  log: string[];
  /** A scratch folder removed with the fixture. */
  dir: string;
  /** The clock ppx sleeps on (auto-advancing: retries take no time). */
  clock: ManualClock;
  /** Runs ppx with a GitHub token of `scopes` (default repo, workflow). */
  run(args: string[], options?: { scopes?: string[]; env?: Record<string, string> }): Promise<RunResult>;
  /** `--repo ... --dev ... --test ... --prod ... --hostname ...` */
  target: string[];
}

/** The tenant the emulator signs tokens for. */
export const TENANT = "00000000-0000-4000-8000-000000000001";

/** Starts the fixture with repository contoso/crm. */
export async function startAlm(): Promise<AlmFixture> {
  const github = new GitHubEmulator();
  const repos = new GitHubReposEmulator(github);
  const repo = repos.store.add("contoso", "crm");
  const graph = graphService();
  const users = appUsersService();
  const log: string[] = [];
  const emu = await startTestEmulator({ services: [github, repos, graph, users], log: (l) => log.push(l) });
  const dir = await Deno.makeTempDir({ prefix: "ppx-alm-" });
  const target = [
    "--repo",
    "contoso/crm",
    "--dev",
    emu.url,
    "--test",
    emu.url,
    "--prod",
    emu.url,
    "--hostname",
    emu.url,
  ];
  const clock = new ManualClock(Date.now());
  return {
    emu,
    clock,
    github,
    repo,
    graph,
    users,
    log,
    dir,
    target,
    run(args, options = {}) {
      const { access_token } = github.issueToken(
        "Ov23liAlmTests",
        "octocat",
        options.scopes ?? ["repo", "workflow"],
      );
      return runPpx(args, {
        env: {
          GH_TOKEN: access_token,
          PPX_CONFIG_DIR: `${dir}/.config`,
          PPX_GRAPH_URL: emu.url,
          ...options.env,
        },
        clock,
        tokenFor: (audience) => ({ getToken: () => emu.tokens.issue({ aud: audience, tid: TENANT }) }),
      });
    },
    async [Symbol.asyncDispose]() {
      await emu.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}
