/** The command-line words of `ppx github` errors: the teardown command that undoes a setup. */

import type { SetupUndo } from "../../../lib/github/alm/errors.ts";

/** The command that undoes a setup, for messages. */
export function teardownCommand(undo: SetupUndo): string {
  const stage = (r: string) => undo.stages.find((s) => s.role === r)!;
  const names = (["dev", "test", "prod"] as const)
    .filter((r) => stage(r).environment !== r)
    .map((r) => ` --${r}-name ${stage(r).environment}`).join("");
  return `ppx github teardown-ci --repo ${undo.repo.owner}/${undo.repo.name} ` +
    `--dev ${stage("dev").url} --test ${stage("test").url} --prod ${stage("prod").url}${names}` +
    (undo.clientId ? ` --client-id ${undo.clientId}` : "") +
    (undo.local ? ` --local ${undo.local}` : "");
}
