import { assertEquals, assertRejects } from "../../helpers/assert.ts";
import { importFailureOf } from "../../../lib/solutions/lifecycle/import_data.ts";
import { bumpVersion, checkVersion } from "../../../lib/solutions/lifecycle/version.ts";
import { componentParameters, parseSettings } from "../../../lib/solutions/lifecycle/settings.ts";
import { dependenciesDot } from "../../../lib/solutions/lifecycle/solutions.ts";
import { ValidationError } from "../../../lib/errors.ts";

Deno.test("importFailureOf: names the failing component, not the solution-level summary", () => {
  const data = '<importexportxml><solutionManifests><solutionManifest id="Contoso" processed="true">' +
    '<result result="failure" errorcode="0x80048033" errortext="Summary" /></solutionManifest></solutionManifests>' +
    '<entities><entity id="{1}" LocalizedName="Account" OriginalName="Account"><result result="success" errorcode="0" errortext="" /></entity></entities>' +
    '<nodes><node id="sitemap"><result result="success" /></node></nodes>' +
    '<workflows><workflow id="{2}" name="Notify owner"><result result="failure" errorcode="0x80060467" errortext="Flow client error" /></workflow></workflows>' +
    "</importexportxml>";
  assertEquals(importFailureOf(data), {
    component: "workflow Notify owner",
    code: "0x80060467",
    message: "Flow client error",
  });
  const onlyManifest = '<importexportxml><solutionManifests><solutionManifest id="C" LocalizedName="C">' +
    '<result result="failure" errorcode="0x8004F016" errortext="Missing dependencies" /></solutionManifest></solutionManifests></importexportxml>';
  assertEquals(importFailureOf(onlyManifest)?.message, "Missing dependencies");
  assertEquals(
    importFailureOf(
      '<importexportxml><entities><entity><result result="success"/></entity></entities></importexportxml>',
    ),
    undefined,
  );
  assertEquals(importFailureOf("not xml"), undefined);
});

Deno.test("bumpVersion: increments one part and zeroes the rest; bad versions are refused", () => {
  assertEquals(bumpVersion("1.2.3.4", "revision"), "1.2.3.5");
  assertEquals(bumpVersion("1.2.3.4", "build"), "1.2.4.0");
  assertEquals(bumpVersion("1.2", "minor"), "1.3.0.0");
  assertEquals(bumpVersion("1.9.9.9", "major"), "2.0.0.0");
  let thrown: unknown;
  try {
    checkVersion("1.x");
  } catch (error) {
    thrown = error;
  }
  assertEquals(thrown instanceof ValidationError, true);
});

Deno.test("deployment settings: empty values are not sent; malformed files are named", async () => {
  const settings = parseSettings({
    EnvironmentVariables: [{ SchemaName: "a", Value: "1" }, { SchemaName: "b" }],
    ConnectionReferences: [{ LogicalName: "c", ConnectionId: "", ConnectorId: "x" }],
  }, "s.json");
  assertEquals(componentParameters(settings), [
    { "@odata.type": "Microsoft.Dynamics.CRM.environmentvariablevalue", schemaname: "a", value: "1" },
  ]);
  await assertRejects(
    () => Promise.resolve().then(() => parseSettings({ EnvironmentVariables: {} }, "s.json")),
    ValidationError,
    "s.json: EnvironmentVariables is not an array",
  );
});

Deno.test("dependenciesDot: falls back to object ids and escapes quotes", () => {
  assertEquals(
    dependenciesDot([{ dependentcomponentobjectid: 'a"b', requiredcomponentobjectid: "c" }, {}]),
    'digraph dependencies {\n  "a\\"b" -> "c";\n  "dependent" -> "required";\n}\n',
  );
  assertEquals(dependenciesDot([]), "digraph dependencies {\n}\n");
});
