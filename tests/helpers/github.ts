/** Starts the emulator with the GitHub service and a ManualClock shared by client and server. */

import { ManualClock } from "../../lib/clock.ts";
import { GitHubEmulator, type GitHubKnobs, type RunningEmulator } from "@pacx/emulator";
import { startTestEmulator } from "./emulator.ts";

/** An OAuth App registered on every test emulator. */
export const OAUTH_APP = { clientId: "Ov23liTestOAuthApp01", clientSecret: "oauth-app-secret-placeholder" };
/** A GitHub App (expiring tokens) registered on every test emulator. */
export const GITHUB_APP = { clientId: "Iv1.0123456789abcdef", clientSecret: "github-app-secret-placeholder" };

/** A running GitHub emulator and the clock both sides read. */
export interface GitHubFixture extends AsyncDisposable {
  emu: RunningEmulator;
  github: GitHubEmulator;
  clock: ManualClock;
  url: string;
  close(): Promise<void>;
}

/** Starts a fixture; `knobs` override GitHub's defaults. */
export async function startGitHub(knobs: Partial<GitHubKnobs> = {}): Promise<GitHubFixture> {
  const clock = new ManualClock();
  const github = new GitHubEmulator({
    knobs,
    apps: [
      { ...OAUTH_APP, kind: "oauth-app" },
      { ...GITHUB_APP, kind: "github-app" },
    ],
  });
  const emu = await startTestEmulator({ services: [github], now: () => clock.now() });
  return {
    emu,
    github,
    clock,
    url: emu.url,
    close: () => emu.close(),
    [Symbol.asyncDispose]: () => emu.close(),
  };
}
