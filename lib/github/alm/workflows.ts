/**
 * The GitHub Actions workflows setup-ci writes. `ppx-export.yml` exports the solution from dev (on
 * demand and on a schedule), unpacks it under `solutions/<name>` and opens a pull request with the
 * changes; `ppx-deploy.yml` packs it on every push to the main branch and imports it to test, then to
 * prod (behind the prod environment's required reviewers). Every job installs the ppx release binary
 * after checking it against the release's SHA256SUMS, and signs in with GitHub's OIDC token (no secret).
 *
 * @module
 */

import { stringify } from "yaml";

/** What the workflows are generated from. */
export interface WorkflowInput {
  /** The solution's unique name. */
  solution: string;
  /** GitHub environment names of the three stages. */
  environments: { dev: string; test: string; prod: string };
  /** The branch deployments run from. */
  branch: string;
  /** The ppx version the jobs install, e.g. `0.1.0`. */
  ppxVersion: string;
  /** The repository that publishes ppx releases (OWNER/NAME). */
  ppxRepo: string;
  /** Cron of the scheduled export (UTC). */
  schedule: string;
}

/** A generated file. */
export interface WorkflowFile {
  /** Path in the repository. */
  path: string;
  /** The YAML text. */
  text: string;
}

/** The folder the unpacked solution lives in. */
export function solutionFolder(solution: string): string {
  return `solutions/${solution}`;
}

function installStep(input: WorkflowInput) {
  return {
    name: "Install ppx (release binary, checksum verified)",
    shell: "bash",
    env: { PPX_VERSION: input.ppxVersion, PPX_REPO: input.ppxRepo },
    run: [
      "set -euo pipefail",
      'archive="ppx-${PPX_VERSION}-x86_64-unknown-linux-gnu.tar.gz"',
      'base="https://github.com/${PPX_REPO}/releases/download/v${PPX_VERSION}"',
      'cd "$RUNNER_TEMP"',
      'curl -fsSL --retry 3 -o "$archive" "$base/$archive"',
      'curl -fsSL --retry 3 -o SHA256SUMS "$base/SHA256SUMS"',
      'expected=$(awk -v f="$archive" \'$2 == f || $2 == "*" f { print $1 }\' SHA256SUMS)',
      'test -n "$expected" || { echo "SHA256SUMS does not list $archive" >&2; exit 1; }',
      'echo "$expected  $archive" | sha256sum -c -',
      'mkdir -p ppx-bin && tar -xzf "$archive" -C ppx-bin',
      'echo "$RUNNER_TEMP/ppx-bin" >> "$GITHUB_PATH"',
    ].join("\n") + "\n",
  };
}

function signInStep() {
  return {
    name: "Sign in with GitHub OIDC (federated credential, no secret)",
    run: 'ppx auth create ci --flow federated --tenant-id "$PPX_TENANT_ID" --client-id "$PPX_CLIENT_ID" ' +
      '--environment "$PPX_ENVIRONMENT_URL"\n',
  };
}

const VARS_ENV = {
  PPX_TENANT_ID: "${{ vars.PPX_TENANT_ID }}",
  PPX_CLIENT_ID: "${{ vars.PPX_CLIENT_ID }}",
  PPX_ENVIRONMENT_URL: "${{ vars.PPX_ENVIRONMENT_URL }}",
  PPX_NO_PROMPT: "1",
};

function header(text: string): string {
  return `# Written by \`ppx github setup-ci\`; running it again rewrites this file.\n${text}`;
}

/** The export workflow: dev -> unpacked source -> pull request. */
export function exportWorkflow(input: WorkflowInput): WorkflowFile {
  const folder = solutionFolder(input.solution);
  const doc = {
    name: `Export ${input.solution} from ${input.environments.dev}`,
    on: { workflow_dispatch: {}, schedule: [{ cron: input.schedule }] },
    permissions: { "id-token": "write", contents: "write", "pull-requests": "write" },
    concurrency: { group: "ppx-export", "cancel-in-progress": false },
    jobs: {
      export: {
        "runs-on": "ubuntu-latest",
        environment: input.environments.dev,
        env: VARS_ENV,
        steps: [
          { uses: "actions/checkout@v4" },
          installStep(input),
          signInStep(),
          {
            name: "Export and unpack",
            run: [
              `ppx solution export --name ${input.solution} --out "$RUNNER_TEMP/${input.solution}.zip" --overwrite`,
              `ppx solution export --name ${input.solution} --managed ` +
              `--out "$RUNNER_TEMP/${input.solution}_managed.zip" --overwrite`,
              `ppx solution unpack --zipfile "$RUNNER_TEMP/${input.solution}.zip" --folder ${folder} ` +
              "--packagetype Both --allow-delete",
            ].join("\n") + "\n",
          },
          {
            name: "Open a pull request with the changes",
            env: { GH_TOKEN: "${{ github.token }}" },
            run: [
              "set -euo pipefail",
              `if [ -z "$(git status --porcelain -- ${folder})" ]; then echo "No changes."; exit 0; fi`,
              `branch="ppx/export-${input.solution}-\${GITHUB_RUN_ID}"`,
              'git config user.name "github-actions[bot]"',
              'git config user.email "41898282+github-actions[bot]@users.noreply.github.com"',
              'git switch -c "$branch"',
              `git add -- ${folder}`,
              `git commit -m "chore(solution): export ${input.solution} from ${input.environments.dev}"`,
              'git push origin "$branch"',
              `gh pr create --base ${input.branch} --head "$branch" --title "Export ${input.solution}" ` +
              `--body "Exported from ${input.environments.dev} by ppx."`,
            ].join("\n") + "\n",
          },
        ],
      },
    },
  };
  return { path: ".github/workflows/ppx-export.yml", text: header(stringify(doc, { lineWidth: 0 })) };
}

function importJob(input: WorkflowInput, stage: "test" | "prod", needs: string) {
  return {
    "runs-on": "ubuntu-latest",
    needs,
    environment: input.environments[stage],
    env: VARS_ENV,
    steps: [
      { uses: "actions/download-artifact@v4", with: { name: "solution" } },
      installStep(input),
      signInStep(),
      {
        name: `Import to ${input.environments[stage]}`,
        run: `ppx solution import --path ${input.solution}_managed.zip --publish-changes\n`,
      },
    ],
  };
}

/** The deploy workflow: main -> pack -> test -> prod (approval). */
export function deployWorkflow(input: WorkflowInput): WorkflowFile {
  const folder = solutionFolder(input.solution);
  const doc = {
    name: `Deploy ${input.solution}`,
    on: {
      push: { branches: [input.branch], paths: [`${folder}/**`] },
      workflow_dispatch: {},
    },
    permissions: { "id-token": "write", contents: "read" },
    concurrency: { group: "ppx-deploy", "cancel-in-progress": false },
    jobs: {
      pack: {
        "runs-on": "ubuntu-latest",
        steps: [
          { uses: "actions/checkout@v4" },
          installStep(input),
          {
            name: "Pack (managed)",
            run:
              `ppx solution pack --folder ${folder} --zipfile ${input.solution}_managed.zip --packagetype Managed\n`,
          },
          {
            uses: "actions/upload-artifact@v4",
            with: { name: "solution", path: `${input.solution}_managed.zip` },
          },
        ],
      },
      test: importJob(input, "test", "pack"),
      prod: importJob(input, "prod", "test"),
    },
  };
  return { path: ".github/workflows/ppx-deploy.yml", text: header(stringify(doc, { lineWidth: 0 })) };
}

/** Both workflows. */
export function workflows(input: WorkflowInput): WorkflowFile[] {
  return [exportWorkflow(input), deployWorkflow(input)];
}
