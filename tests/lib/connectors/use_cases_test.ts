/** The `ppx connector` use-cases against the emulated connectors service over HTTP: no CLI, no context. */

import assert from "node:assert/strict";
import { ConnectorApi, type ConnectorEndpoint } from "../../../lib/connectors/api.ts";
import { ConnectorNotFoundError, ConnectorUsageError } from "../../../lib/connectors/errors.ts";
import { POWERAPPS_DEFAULTS } from "../../../lib/connectors/settings.ts";
import {
  checkConnector,
  type ConnectorDeps,
  deleteConnector,
  downloadConnector,
  getConnector,
  initConnector,
  listConnectors,
  pushConnector,
} from "../../../lib/connectors/use_cases.ts";
import { HttpClient } from "../../../lib/http/client.ts";
import { ENV_ID, OID, startConnectorTenant } from "../../helpers/connectors.ts";

type Tenant = Awaited<ReturnType<typeof startConnectorTenant>>;

function deps(t: Tenant, endpoint: ConnectorEndpoint = "auto"): ConnectorDeps & { connected: unknown[] } {
  const token = { getToken: () => Promise.resolve(t.env.PPX_ACCESS_TOKEN) };
  const connected: unknown[] = [];
  return {
    connected,
    connect: (settings) => {
      connected.push(settings?.connectorId);
      const api = new ConnectorApi({
        powerApps: new HttpClient({ baseUrl: t.emu.url, token }),
        powerPlatform: new HttpClient({ baseUrl: t.emu.url, token }),
        anonymous: new HttpClient(),
        environment: ENV_ID,
        endpoint,
        powerAppsApiVersion: POWERAPPS_DEFAULTS.apiVersion,
        objectId: () => Promise.resolve(OID),
      });
      return Promise.resolve({ api, environment: ENV_ID });
    },
  };
}

Deno.test("connector use-cases: init, check, push, get, list, download, delete", async (t) => {
  await using tenant = await startConnectorTenant();
  const d = deps(tenant);
  const dir = `${tenant.dir}/Contoso_Items`;
  let id = "";

  await t.step(
    "init writes a template folder named after the folder; again without overwrite is refused",
    async () => {
      const made = await initConnector({
        dir,
        template: "apikey",
        host: "api.contoso.com",
        publisher: "Contoso",
      });
      assert.equal(made.title, "Contoso Items");
      assert.deepEqual(made.files.toSorted(), [
        "README.md",
        "apiDefinition.swagger.json",
        "apiProperties.json",
      ]);
      const again = await initConnector({ dir, template: "noauth", host: "h", publisher: "p" }).then(
        () => undefined,
        (e) => e,
      );
      assert.ok(again instanceof ConnectorUsageError);
      assert.equal(again.reason, "files-exist");
      assert.deepEqual([again.dir, again.files?.length], [dir, 3]);
      assert.equal(again.hint, undefined, "lib leaves the advice (flags) to the CLI");
    },
  );

  await t.step("check offline finds no errors in a fresh template", async () => {
    const checked = await checkConnector({ source: { path: dir } }, d);
    assert.equal(checked.kind, "offline");
    if (checked.kind === "offline") assert.equal(checked.report.errors, 0);
    assert.equal(d.connected.length, 0, "an offline check never connects");
  });

  await t.step("update without an id is refused before anything is sent", async () => {
    const error = await pushConnector({ mode: "update", source: { path: dir } }, {
      ...d,
      clientSecret: () => Promise.resolve(undefined),
    }).then(() => undefined, (e) => e);
    assert.ok(error instanceof ConnectorUsageError);
    assert.equal(error.reason, "no-connector-id");
    assert.equal(tenant.connectors.requests.length, 0);
  });

  await t.step("push creates (settings.json written), then updates the connector it now knows", async () => {
    const created = await pushConnector({ mode: "push", source: { path: dir } }, {
      ...d,
      clientSecret: (needed) => Promise.resolve(needed ? "never-asked" : undefined),
    });
    assert.equal(created.action, "created");
    assert.equal(created.settingsWritten, true);
    id = created.connectorId;
    assert.equal(JSON.parse(await Deno.readTextFile(`${dir}/settings.json`)).connectorId, id);
    const updated = await pushConnector({ mode: "push", source: { path: dir } }, {
      ...d,
      clientSecret: () => Promise.resolve(undefined),
    });
    assert.deepEqual([updated.action, updated.connectorId], ["updated", id]);
  });

  await t.step("get and list read it back", async () => {
    assert.equal((await getConnector({ name: id }, d)).properties.displayName, "Contoso Items");
    const names = [];
    for await (const c of listConnectors({ top: 5 }, d)) names.push(c.name);
    assert.deepEqual(names, [id]);
  });

  await t.step("download writes paconn's files and settings.json", async () => {
    const got = await downloadConnector({ name: id, dir: `${tenant.dir}/down` }, d);
    assert.deepEqual(got.files.toSorted(), [
      "apiDefinition.swagger.json",
      "apiProperties.json",
      "settings.json",
    ]);
    assert.equal(JSON.parse(await Deno.readTextFile(`${tenant.dir}/down/settings.json`)).connectorId, id);
  });

  await t.step("delete asks deps.confirm with the environment; a refusal deletes nothing", async () => {
    await assert.rejects(
      deleteConnector({ name: id }, { ...d, confirm: () => Promise.reject(new Error("declined")) }),
      /declined/,
    );
    assert.equal(tenant.connectors.store.list(ENV_ID).length, 1);
    const asked: string[] = [];
    const deleted = await deleteConnector({ name: id }, {
      ...d,
      confirm: (environment) => Promise.resolve(void asked.push(environment)),
    });
    assert.deepEqual([deleted, asked], [{ deleted: id, environment: ENV_ID }, [ENV_ID]]);
    const gone = await getConnector({ name: id }, d).then(() => undefined, (e) => e);
    assert.ok(gone instanceof ConnectorNotFoundError);
    assert.deepEqual([gone.connector, gone.environment], [id, ENV_ID]);
  });
});
