/** An emulated tenant with custom connectors, for `ppx connector` tests. */

import { startTestEmulator } from "./emulator.ts";
import { type ConnectorsEmulator, connectorsService, type ConnectorsServiceOptions } from "@pacx/emulator";
import { type RunningEmulator, startEmulator } from "@pacx/emulator";
import { renderTemplate, type TemplateName } from "../../lib/connectors/templates.ts";

/** The environment the tests use. */
export const ENV_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
/** The signed-in user's object id. */
export const OID = "22222222-2222-4222-8222-222222222222";

/** A running emulator with the connectors service and the env for runPpx. */
export interface ConnectorTenant extends AsyncDisposable {
  emu: RunningEmulator;
  connectors: ConnectorsEmulator;
  env: Record<string, string>;
  /** A scratch folder removed with the tenant. */
  dir: string;
}

/** Starts the emulator with the connectors service. */
export async function startConnectorTenant(options: ConnectorsServiceOptions = {}): Promise<ConnectorTenant> {
  const connectors = connectorsService(options);
  // Without the connectivity endpoint, its routes must answer the plain 404 of a tenant that lacks it (the
  // client falls back on it); otherwise a request the emulator does not know fails the test.
  const emu = options.connectivity === false
    ? await startEmulator({ services: [connectors] })
    : await startTestEmulator({ services: [connectors] });
  const token = await emu.tokens.issue({ aud: "https://service.powerapps.com/", oid: OID });
  const dir = await Deno.makeTempDir({ prefix: "ppx-connector-" });
  return {
    emu,
    connectors,
    dir,
    env: {
      PPX_ACCESS_TOKEN: token,
      PPX_CONFIG_DIR: `${dir}/.config`,
      PPX_POWERAPPS_URL: emu.url,
      PPX_POWERPLATFORM_URL: emu.url,
    },
    async [Symbol.asyncDispose]() {
      await emu.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/** Writes a template connector folder (plus an icon and, optionally, a script) and returns its path. */
export async function writeConnector(
  dir: string,
  template: TemplateName = "noauth",
  extras: { icon?: boolean; script?: boolean } = {},
): Promise<string> {
  await Deno.mkdir(dir, { recursive: true });
  const files = renderTemplate({
    template,
    title: "Contoso Items",
    host: "api.contoso.com",
    publisher: "Contoso",
  });
  for (const [name, text] of Object.entries(files)) await Deno.writeTextFile(`${dir}/${name}`, text);
  if (extras.icon) {
    await Deno.writeFile(`${dir}/icon.png`, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]));
  }
  if (extras.script) {
    await Deno.writeTextFile(`${dir}/script.csx`, "public class Script : ScriptBase { }\n");
    const props = JSON.parse(await Deno.readTextFile(`${dir}/apiProperties.json`));
    props.properties.scriptOperations = ["GetItem"];
    await Deno.writeTextFile(`${dir}/apiProperties.json`, JSON.stringify(props, null, 4) + "\n");
  }
  return dir;
}
