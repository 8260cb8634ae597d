/**
 * `ppx connector validate` on a large definition: 600 operations over 300 paths with 300 schema
 * definitions (about 0.8 MB of JSON). Prints the in-process cost of the first validation and of later ones,
 * of a template-sized connector, and the wall time of the real command as a process.
 */

import { readConnectorFolder } from "../lib/connectors/folder.ts";
import { renderTemplate } from "../lib/connectors/templates.ts";
import { validateConnector } from "../lib/connectors/validate/validate.ts";

/** Case name. */
export const name = "connector validate";

const PATHS = 300;

export function largeDefinition(): Record<string, unknown> {
  const base = JSON.parse(
    renderTemplate({ template: "oauth2", title: "Big", host: "api.contoso.com", publisher: "Contoso" })[
      "apiDefinition.swagger.json"
    ],
  );
  base.paths = {};
  base.definitions = {};
  for (let i = 0; i < PATHS; i++) {
    base.definitions[`Thing${i}`] = {
      type: "object",
      required: ["id"],
      properties: {
        id: { type: "string", description: "Id.", "x-ms-summary": "Id" },
        name: { type: "string", maxLength: 200, description: "Name.", "x-ms-summary": "Name" },
        tags: { type: "array", items: { type: "string" } },
        owner: { $ref: `#/definitions/Thing${(i + 1) % PATHS}` },
      },
    };
    const op = (verb: string) => ({
      operationId: `${verb}Thing${i}`,
      summary: `${verb} thing ${i}`,
      description: `${verb}s thing ${i}.`,
      parameters: [
        { name: "id", in: "path", required: true, type: "string", "x-ms-url-encoding": "single" },
        ...(verb === "Update"
          ? [{ name: "body", in: "body", required: true, schema: { $ref: `#/definitions/Thing${i}` } }]
          : []),
      ],
      responses: { "200": { description: "OK", schema: { $ref: `#/definitions/Thing${i}` } } },
    });
    base.paths[`/things${i}/{id}`] = { get: op("Get"), patch: op("Update") };
  }
  return base;
}

async function median(times: number, fn: () => Promise<void>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/** Runs the case. */
export async function run(): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "ppx-bench-connector-" });
  try {
    const props =
      renderTemplate({ template: "oauth2", title: "Big", host: "api.contoso.com", publisher: "Contoso" })[
        "apiProperties.json"
      ];
    const text = JSON.stringify(largeDefinition(), null, 4) + "\n";
    await Deno.writeTextFile(`${dir}/apiDefinition.swagger.json`, text);
    await Deno.writeTextFile(`${dir}/apiProperties.json`, props);
    let findings = 0;
    const cold = await median(1, async () => {
      findings = validateConnector(await readConnectorFolder(dir)).findings.length;
    });
    const warm = await median(5, async () => void validateConnector(await readConnectorFolder(dir)));
    const cli = new URL("../cli/main.ts", import.meta.url).pathname;
    const proc = await median(3, async () => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", cli, "connector", "validate", dir, "--json"],
        stdout: "null",
        stderr: "null",
      }).output();
      if (out.code !== 0) throw new Error(`validate exited ${out.code}`);
    });
    console.log(
      `definition: ${(text.length / 1024).toFixed(0)} KB, ${
        PATHS * 2
      } operations, ${PATHS} schemas, ${findings} findings`,
    );
    const small = `${dir}/small`;
    await Deno.mkdir(small);
    const files = renderTemplate({
      template: "oauth2",
      title: "Small",
      host: "api.contoso.com",
      publisher: "Contoso",
    });
    for (const [file, body] of Object.entries(files)) await Deno.writeTextFile(`${small}/${file}`, body);
    const smallWarm = await median(5, async () => void validateConnector(await readConnectorFolder(small)));
    console.log(
      `in process: first validation ${cold.toFixed(1)} ms (JIT warm-up included), later ${
        warm.toFixed(1)
      } ms`,
    );
    console.log(
      `a template-sized connector (2 operations): ${smallWarm.toFixed(2)} ms in process (median of 5)`,
    );
    console.log(
      `ppx connector validate as a process: ${proc.toFixed(0)} ms wall (median of 3, Deno start included)`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
