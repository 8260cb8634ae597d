/**
 * What the examples written in command files print, one line each, for docs/reference/commands.md where
 * the emulator cannot show it offline (sign-in against a real tenant, files the reader has, environments
 * by name). Keyed by the example line exactly as the command's help shows it; a test fails on a key that
 * is no longer an example.
 *
 * @module
 */

/** Example line -> what it prints or does. */
export const SAYS: Record<string, string> = {
  'GH_TOKEN="$(ppx auth token gh-work)" gh api user': "gh runs with the GitHub token of the profile gh-work",
  'curl -H "Authorization: Bearer $(ppx auth token --audience https://contoso.crm.dynamics.com)" ...':
    "curl sends the default profile's Dataverse token",
  "ppx auth create ci --flow certificate --tenant-id $TENANT --client-id $APP --certificate ./app.pfx --certificate-password-env PFX_PASSWORD":
    "signs in as the app with its certificate and saves the profile 'ci'",
  "ppx auth create ci --flow client-credential --tenant-id $TENANT --client-id $APP --client-secret-env APP_SECRET":
    "signs in as the app and saves the profile 'ci' (the secret stays in APP_SECRET)",
  "ppx auth create gh --githubFederated --tenant $TENANT --applicationId $APP --no-login":
    "saves the profile 'gh' for GitHub Actions OIDC without signing in",
  "ppx auth create mi --managedIdentity --managed-identity-client-id $UAMI_CLIENT_ID":
    "signs in with the user-assigned managed identity and saves the profile 'mi'",
  "ppx auth create work --tenant-id contoso.onmicrosoft.com --environment https://contoso.crm.dynamics.com":
    "opens the browser to sign in, then `✓ Signed in as ...` and the profile 'work' is saved",
  "ppx auth github corp --hostname github.example.com --client-id Iv1.0123456789abcdef":
    "a device code for the GitHub Enterprise Server, then the saved profile 'corp'",
  "ppx auth github local --hostname http://127.0.0.1:8080 --client-id Iv1.0123456789abcdef":
    "a device code for the GitHub at 127.0.0.1:8080 (the emulator), then the saved profile 'local'",
  "ppx auth github side --client-id Iv1.0123456789abcdef --no-set-default":
    "a device code, then the saved profile 'side' (the default stays as it was)",
  "ppx auth github work": "signs 'work' in again with its saved settings",
  "ppx auth github work --client-id Iv1.0123456789abcdef":
    "a code to enter at https://github.com/login/device, then `✓ Signed in to GitHub as ...`",
  'ppx auth github work --client-id Ov23liEXAMPLE00000000 --scopes "repo,read:org"':
    "a device code; the token carries the repo and read:org scopes",
  "ppx auth github work --client-id Ov23liEXAMPLE00000000 --web --client-secret '<client-secret>'":
    "opens the browser to sign in (the secret shows in shell history: prefer --client-secret-env)",
  "ppx auth github work --client-id Ov23liEXAMPLE00000000 --web --client-secret-env GITHUB_OAUTH_CLIENT_SECRET":
    "opens the browser to sign in, then `✓ Signed in to GitHub as ...`",
  "ppx auth github work --device": "a device code, even for a profile that used --web",
  "ppx auth github work --set-default": "signs 'work' in again and makes it the default profile",
  "ppx auth github work --web --client-secret '<client-secret>' --no-save-secret":
    "opens the browser to sign in; the secret is not stored",
  "ppx auth github work --web --no-browser":
    "the sign-in URL to open; paste back the address the browser lands on",
  "ppx auth github work --web --redirect-uri http://127.0.0.1:8765/callback":
    "opens the browser with that callback address",
  "ppx auth github work --web --save-secret":
    "opens the browser to sign in; a typed secret goes to the keyring",
  "ppx auth login": "signs the default profile in again with its saved settings",
  "ppx auth login work --flow device":
    "a code to enter at https://microsoft.com/devicelogin, then `✓ Signed in`",
  "ppx auth status work --json": "the profile's sign-in state, account and token expiry as JSON",
  "ppx auth token work --audience dataverse": "a bearer token for the profile's Dataverse host",
  "ppx coe export --resource inventory --out inventory.csv": "writes inventory.csv, one resource a row",
  "ppx coe inventory -e 'Contoso Production' --type app,bot":
    "a table of the apps and bots, owners and dates",
  "ppx coe makers --json": "every maker with their resource counts, as JSON",
  "ppx coe metrics": "counts of apps, flows, connectors and bots per environment",
  "ppx completions fish | source": "loads completions into the running fish",
  "ppx completions powershell | Out-String | Invoke-Expression":
    "loads completions into the running PowerShell",
  "ppx connection list --solution ContosoCore -e contoso-dev":
    "a table of the solution's connection references and their connections",
  "ppx connection validate --solution ContosoCore -e contoso-test":
    "the connection references without a working connection (exit 1 when any)",
  "ppx connector create --api-definition-file api.json --api-properties-file props.json -e <env-id>":
    "the new connector's name and id",
  "ppx connector create ./MyConnector -e contoso-dev --secret-env CONNECTOR_SECRET":
    "the new connector's name and id",
  "ppx connector delete shared_contoso-20items-5f1a2b -e contoso-dev --yes": "`✓ Deleted ...`",
  "ppx connector download shared_contoso-20items-5f1a2b -e contoso-dev --out ./ContosoItems":
    "writes the connector's definition, properties and script to ./ContosoItems",
  "ppx connector list -e contoso-dev": "a table of the environment's custom connectors",
  "ppx connector push --api-definition-file api.json --api-properties-file props.json -e <env-id>":
    "creates or updates the connector and says which",
  "ppx connector push ./MyConnector -e contoso-dev --secret-env CONNECTOR_SECRET":
    "creates or updates the connector and says which",
  "ppx connector update --api-definition-file api.json --api-properties-file props.json -e <env-id>":
    "`✓ Updated ...`",
  "ppx connector update ./MyConnector -e contoso-dev --secret-env CONNECTOR_SECRET": "`✓ Updated ...`",
  "ppx connector validate . --format sarif > connector.sarif": "the findings as SARIF (into connector.sarif)",
  "ppx doctor": "one line per check (config, keyring, proxy, clock, tokens, WhoAmI) with ok, warn or fail",
  "ppx doctor --profile ci --host contoso.crm.dynamics.com --json": "the checks as JSON",
  "ppx env select contoso-dev": "`✓ Default environment set to ...` with its Dataverse host",
  "ppx env who": "the selected environment: name, id, type and Dataverse URL",
  "ppx github setup-ci --repo contoso/crm --solution ContosoCore --dev contoso-dev --test contoso-test --prod contoso --dry-run":
    "the plan: app registration, credentials, application users, environments and workflow files",
  "ppx github teardown-ci --repo contoso/crm --dev contoso-dev --test contoso-test --prod contoso --yes":
    "what it removed: workflows, variables, credentials and the app it made",
  "ppx login --provider azure": "signs the default profile in again, as `ppx auth login`",
  "ppx login work": "signs 'work' in again with the provider it uses",
  "ppx login work --provider github --client-id Iv1.0123456789abcdef":
    "a GitHub device code, then the saved profile 'work'",
  "ppx login work --tenant-id contoso.onmicrosoft.com --client-id $APP":
    "opens the browser to sign in, then the saved profile 'work'",
  "ppx pages convert --path ./site --out ./site-v2 --to 2": "writes the enhanced-model folder ./site-v2",
  "ppx pages convert --path ./site_out --out ./site": "writes the pac-layout folder ./site",
  "ppx pages download --webSiteId <id> --path ./site --modelVersion 2 --exclude-entities webfile":
    "writes the enhanced-model site without web files to ./site",
  "ppx pages download --website-id <id> --path ./site": "writes the site to ./site and counts what it wrote",
  "ppx pages upload --path ./site --dry-run": "the plan: records and files to create, update or delete",
  "ppx pages upload --path ./site --strategy merge --json": "what was sent, as JSON",
  "ppx policy dlp assignments assign 'Production lockdown' contoso-dev": "`✓` and the policy's environments",
  "ppx policy dlp assignments list 'Production lockdown'": "a table of the environments the policy covers",
  "ppx policy dlp assignments remove 'Production lockdown' contoso-dev": "`✓` and the policy's environments",
  "ppx policy dlp connectors list 'Tenant baseline'": "a table of connectors and their group",
  "ppx policy dlp connectors set 'Tenant baseline' --business 'SQL Server,shared_teams' --blocked dropbox":
    "the connectors it moved and their new groups",
  "ppx policy dlp connectors update POLICY --payload @groups.json":
    "the policy's connector groups after the change",
  "ppx policy dlp diff 'Tenant baseline' 'Production lockdown'": "the connectors whose group differs",
  "ppx policy dlp show 'Tenant baseline'": "the policy: name, type, environments and connector groups",
  "ppx solution deps --name Contoso --format dot | dot -Tsvg > deps.svg":
    "the dependency graph as Graphviz (drawn into deps.svg)",
  "ppx solution import --path Contoso.zip --no-wait --json": "the import job's id as JSON, without waiting",
  "ppx solution import-status 5c4e7f3a-... --wait": "waits for the import job and prints its outcome",
  "ppx solution list --include-system --json": "every solution, system ones too, as JSON",
  "ppx solution pack --folder out --zipfile any.zip --raw": "zips the folder as it is into any.zip",
  "ppx solution pack --folder src --zipfile out/Contoso.zip --packagetype Both":
    "writes out/Contoso.zip and out/Contoso_managed.zip",
  "ppx solution unpack --zipfile Contoso.zip --folder src --packagetype Both --allow-delete":
    "unpacks the unmanaged and managed zips into src, removing files they no longer have",
  "ppx solution unpack --zipfile any.zip --folder out --raw": "extracts the zip as it is into out",
  "ppx solution version --folder src/Contoso --bump build":
    "the old and new version of the unpacked solution",
  "ppx tenant settings get disableTrialEnvironmentCreationByNonAdminUsers": "the setting's value",
  "ppx tenant settings set powerPlatform.powerApps.disableShareWithEveryone true": "the setting's new value",
  "source <(ppx completions bash)": "loads completions into the running bash",
};
