import { readConnectorFolder } from "../../../lib/connectors/folder.ts";
import { validateConnector } from "../../../lib/connectors/validate/validate.ts";
import { renderTemplate } from "../../../lib/connectors/templates.ts";
import { NotUtf8Error } from "../../../lib/connectors/errors.ts";
import { ValidationError } from "../../../lib/errors.ts";
import { assert, assertEquals, assertIncludes, assertRejects } from "../../helpers/assert.ts";

async function template(): Promise<{ dir: string; def: string; props: string } & AsyncDisposable> {
  const dir = await Deno.makeTempDir({ prefix: "ppx-folder-" });
  const files = renderTemplate({
    template: "apikey",
    title: "Contoso",
    host: "api.contoso.com",
    publisher: "Contoso",
  });
  for (const [name, text] of Object.entries(files)) await Deno.writeTextFile(`${dir}/${name}`, text);
  return {
    dir,
    def: `${dir}/apiDefinition.swagger.json`,
    props: `${dir}/apiProperties.json`,
    [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }),
  };
}

Deno.test("connector folder: a UTF-8 BOM is read silently", async () => {
  await using f = await template();
  await Deno.writeFile(f.def, new Uint8Array([0xef, 0xbb, 0xbf, ...await Deno.readFile(f.def)]));
  const report = validateConnector(await readConnectorFolder(f.dir));
  assertEquals(report.findings, []);
});

Deno.test("connector folder: trailing commas and comments are read with a warning naming file, line and column", async () => {
  await using f = await template();
  const text = (await Deno.readTextFile(f.props)).replace(
    '"capabilities": [],',
    '// the brand\n        "capabilities": [],',
  )
    .replace('"stackOwner": "Contoso"', '"stackOwner": "Contoso",');
  await Deno.writeTextFile(f.props, text);
  const folder = await readConnectorFolder(f.dir);
  assertEquals((folder.properties!.value.properties as { stackOwner: string }).stackOwner, "Contoso");
  const slips = validateConnector(folder).findings.filter((x) => x.code === "PpxJsonSlip");
  assert(slips.length >= 2, JSON.stringify(slips));
  const comma = slips.find((s) => s.message.includes("trailing comma"))!;
  const line = text.split("\n").findIndex((l) => l.includes('"stackOwner": "Contoso",')) + 1;
  assertEquals([comma.file, comma.line], ["apiProperties.json", line]);
});

Deno.test("connector folder: non-UTF-8 bytes are refused with line, column and byte offset; --encoding reads them", async () => {
  await using f = await template();
  const text = (await Deno.readTextFile(f.def)).replace(
    "Contoso connector.",
    "Contoso connector, s\u00f8ster.",
  );
  const latin1 = new Uint8Array([...text].map((ch) => ch.charCodeAt(0)));
  await Deno.writeFile(f.def, latin1);
  const offset = latin1.indexOf(0xf8);
  const line = text.slice(0, offset).split("\n").length;
  const error = await assertRejects(() => readConnectorFolder(f.dir), ValidationError);
  assertIncludes(error.message, `byte 0xF8 at line ${line}`);
  assertIncludes(error.message, `(byte offset ${offset})`);
  // The data, not the advice: the CLI names --encoding (cli/error_words.ts).
  assert(error instanceof NotUtf8Error);
  assertEquals([error.byte, error.offset, error.location?.line, error.hint], ["F8", offset, line, undefined]);
  const folder = await readConnectorFolder(f.dir, { encoding: "latin1" });
  assertIncludes(
    String((folder.definition.value.info as { description: string }).description),
    "s\u00f8ster",
  );
});

Deno.test("connector folder: misnamed files are found and named; a missing definition says what a folder holds", async () => {
  await using f = await template();
  await Deno.rename(f.def, `${f.dir}/Contoso.swagger.json`);
  await Deno.rename(f.props, `${f.dir}/apiproperties.json`);
  const folder = await readConnectorFolder(f.dir);
  assertEquals(folder.warnings.map((w) => w.file).sort(), ["Contoso.swagger.json", "apiproperties.json"]);
  await Deno.remove(`${f.dir}/Contoso.swagger.json`);
  const error = await assertRejects(() => readConnectorFolder(f.dir), Error);
  assertIncludes(error.message, "No apiDefinition.swagger.json");
});

Deno.test("connector folder: a file that is not JSON even leniently is an error naming line and column", async () => {
  await using f = await template();
  await Deno.writeTextFile(f.props, "[1, 2");
  const error = await assertRejects(() => readConnectorFolder(f.dir), ValidationError);
  assertIncludes(error.message, "apiProperties.json is not valid JSON (line 1, column");
});
