/**
 * Copy-paste examples of the commands whose own file shows none, keyed by command path. `configureTree`
 * adds them to `--help` as an "Examples:" section; `deno task docs` prints them, with what each prints,
 * in docs/reference/commands.md. Commands with an "Examples:" section of their own (and the catalog's
 * admin commands, whose operation carries an example) keep theirs; a group without an entry shows the
 * first example of its first commands (see `commandExamples` in example_sections.ts).
 *
 * @module
 */

/** One example: a command line a user can paste, and what it prints. */
export interface Example {
  /** The command line, starting with `ppx` (a pipe or redirection may follow). */
  command: string;
  /** What it prints or does, in one line (the reference shows it when it has no captured output). */
  says?: string;
}

/** Hand-written examples by command path (`ppx dv list`). */
export const EXAMPLES: Record<string, Example[]> = {
  "ppx": [
    { command: "ppx auth login", says: "signs in with the default profile" },
    { command: "ppx dv list accounts --select name --top 5", says: "prints the first five accounts" },
    { command: "ppx solution export --name Contoso --managed", says: "writes Contoso_managed.zip" },
  ],
  "ppx auth list": [{ command: "ppx auth list", says: "one line per profile, * marking the default" }],
  "ppx auth use": [{ command: "ppx auth use work", says: "makes the profile 'work' the default" }],
  "ppx auth delete": [{
    command: "ppx auth delete old --yes",
    says: "deletes the profile 'old' and its tokens",
  }],
  "ppx auth logout": [
    { command: "ppx auth logout work", says: "removes the stored tokens of 'work'; the profile stays" },
    { command: "ppx auth logout --all", says: "signs out every profile" },
  ],
  "ppx auth clear": [{ command: "ppx auth clear --all", says: "removes every profile's stored tokens" }],
  "ppx auth device": [
    {
      command: "ppx auth device work --tenant-id contoso.onmicrosoft.com",
      says: "prints a code to enter at the device login page, then saves the profile 'work'",
    },
  ],
  "ppx auth client": [
    {
      command:
        "ppx auth client ci --tenant-id contoso.onmicrosoft.com --client-id 11111111-2222-3333-4444-555555555555 --client-secret-env APP_SECRET",
      says: "signs in as the app and saves the profile 'ci'",
    },
  ],
  "ppx profile list": [{ command: "ppx profile list", says: "one line per profile, * marking the default" }],
  "ppx profile show": [
    {
      command: "ppx profile show work --json",
      says: "the profile's settings; secrets only say where they live",
    },
  ],
  "ppx profile use": [{ command: "ppx profile use work", says: "makes the profile 'work' the default" }],
  "ppx profile delete": [{ command: "ppx profile delete old --yes", says: "deletes the profile 'old'" }],
  "ppx profile rename": [{ command: "ppx profile rename work contoso", says: "renames the profile 'work'" }],
  "ppx profile set-env": [
    {
      command: "ppx profile set-env 6b6a4e3c-1f2d-4c5b-9a8e-7d6c5b4a3f2e work",
      says: "sets the default environment of the profile 'work'",
    },
  ],
  "ppx profile set-host": [
    {
      command: "ppx profile set-host contoso.crm.dynamics.com work",
      says: "sets the default Dataverse host of the profile 'work'",
    },
  ],
  "ppx config path": [{
    command: "ppx config path",
    says: "the config file's path, e.g. ~/.pacx/config.json",
  }],
  "ppx config get": [{ command: "ppx config get default_profile", says: "the setting's effective value" }],
  "ppx config set": [{ command: "ppx config set default_profile work", says: "stores the setting" }],
  "ppx config unset": [{ command: "ppx config unset default_profile", says: "removes the setting" }],
  "ppx config list": [{ command: "ppx config list", says: "every setting with its value and source" }],
  "ppx dv whoami": [
    { command: "ppx dv whoami", says: "the user, business unit and organization ids" },
    { command: "ppx dv whoami -e contoso-dev --json", says: "the same as JSON, for an environment by name" },
  ],
  "ppx dv list": [
    {
      command: "ppx dv list accounts --select name,accountnumber --orderby name --top 5",
      says: "a table of five accounts",
    },
    {
      command: "ppx dv list contacts --filter \"contains(fullname,'Ann')\" --all --json",
      says: "every matching contact as JSON",
    },
  ],
  "ppx dv query": [
    {
      command: "ppx dv query accounts --select name --orderby 'name asc' --count",
      says: "the accounts sorted by name; the count on stderr",
    },
    {
      command: "ppx dv query accounts --fetchxml accounts.xml",
      says: "the records the FetchXML query returns",
    },
  ],
  "ppx dv get": [
    {
      command: "ppx dv get accounts --key accountnumber=A-1 --select name",
      says: "one record, a field a line",
    },
  ],
  "ppx dv create": [
    {
      command: 'ppx dv create accounts --data \'{"name":"Contoso","accountnumber":"A-1"}\'',
      says: "the new record's id",
    },
    {
      command: "ppx dv create accounts --data @account.json --return --json",
      says: "the created record as JSON",
    },
  ],
  "ppx dv update": [
    {
      command: 'ppx dv update accounts --key accountnumber=A-1 --data \'{"name":"Contoso Ltd"}\'',
      says: "updates the record (an error when it is missing)",
    },
  ],
  "ppx dv upsert": [
    {
      command: 'ppx dv upsert accounts --key accountnumber=A-2 --data \'{"name":"Fabrikam"}\'',
      says: "creates or updates the record and says which",
    },
  ],
  "ppx dv delete": [
    { command: "ppx dv delete accounts --key accountnumber=A-2 --yes", says: "deletes the record" },
  ],
  "ppx dv bulk-csv": [
    {
      command: "ppx dv bulk-csv accounts accounts.csv --key-columns accountnumber --report report.csv",
      says: "upserts every row, with progress and a summary; failed rows in report.csv",
    },
    { command: "ppx dv bulk-csv accounts accounts.csv --dry-run", says: "the plan, sending nothing" },
  ],
  "ppx api": [
    { command: "ppx api GET WhoAmI", says: "the Dataverse answer as JSON" },
    {
      command:
        "ppx api GET /providers/Microsoft.BusinessAppPlatform/scopes/admin/environments --audience bap",
      says: "the admin API's answer as JSON",
    },
  ],
  "ppx solution publish-all": [{ command: "ppx solution publish-all", says: "publishes all customizations" }],
  "ppx pages diff": [
    {
      command: "ppx pages diff --path ./site",
      says: "what an upload of ./site would change, record by record",
    },
    { command: "ppx pages diff --path ./site --exit-code", says: "the same; exit 1 when anything differs" },
  ],
  "ppx pages diff-permissions": [
    {
      command: "ppx pages diff-permissions --path ./site",
      says: "table permissions, web roles and access rules that differ",
    },
  ],
  "ppx connector get": [
    {
      command: "ppx connector get shared_contoso-5f8a2b -e contoso-dev",
      says: "the connector's name, title, API and dates",
    },
  ],
  "ppx connector runtime-status": [
    {
      command: "ppx connector runtime-status shared_contoso-5f8a2b -e contoso-dev",
      says: "the connector's runtime status",
    },
  ],
  "ppx emulator start": [
    {
      command: "ppx emulator start --port 8750",
      says: "the emulator's URLs, then `Ready.`; runs until Ctrl-C",
    },
    {
      command: "ppx emulator start --token-file token.txt --data seed.json",
      says: "the same, with seed records and a bearer token in token.txt",
    },
  ],
  "ppx version": [{ command: "ppx version", says: "ppx, Deno and target versions and the commit" }],
  "ppx upgrade": [
    { command: "ppx upgrade --check", says: "whether a newer release exists" },
    { command: "ppx upgrade", says: "downloads, verifies and installs the latest release" },
  ],
  "ppx help": [
    { command: "ppx help exit-codes", says: "the exit codes and what they mean" },
    { command: "ppx help dv list", says: "the help of `ppx dv list`" },
  ],
};
