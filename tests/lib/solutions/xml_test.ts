import { canonicalXml } from "../../../lib/solutions/xml/canonical.ts";
import { parseXmlText } from "../../../lib/solutions/xml/parse.ts";
import { writeXml } from "../../../lib/solutions/xml/write.ts";
import { assertEquals } from "../../helpers/assert.ts";
import { ValidationError } from "../../../lib/errors.ts";
import { assertRejects } from "../../helpers/assert.ts";

const roundTrip = (text: string) => writeXml(parseXmlText(text, "test"));

Deno.test("xml: text already in XmlWriter layout survives byte for byte", () => {
  const src = '\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n' +
    '<ImportExportXml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" z="1" a="x&#xA;y&#x9;&quot;">\r\n' +
    "  <Entities></Entities>\r\n" +
    "  <Roles />\r\n" +
    '  <Mixed>text <b xsi:nil="true">bold</b> tail</Mixed>\r\n' +
    "  <C><![CDATA[<fetch>&amp;</fetch>]]></C>\r\n" +
    "  <!-- a comment -->\r\n" +
    '  <P xml:space="preserve">  <i /> </P>\r\n' +
    "  <T>a &amp; b &lt; c &gt; d\r\nnext&#xD;</T>\r\n" +
    "  <?pi data?>\r\n" +
    "</ImportExportXml>";
  assertEquals(roundTrip(src), src);
});

Deno.test("xml: layout is normalised to two-space indents and CRLF, content is not", () => {
  const src = `<a><b>  x  </b>\n\n      <c  k="v"   j='w'/><d></d></a>`;
  assertEquals(roundTrip(src), `<a>\r\n  <b>  x  </b>\r\n  <c k="v" j="w" />\r\n  <d></d>\r\n</a>`);
});

Deno.test("xml: no BOM and no declaration stay absent", () => {
  assertEquals(roundTrip("<a/>"), "<a />");
});

Deno.test("xml: canonical form ignores layout, declarations and repeated namespaces but not order or text", () => {
  const a = '<?xml version="1.0"?><r xmlns:x="u"><s x:k="1" b="2"/><t>v</t></r>';
  const b = '<r xmlns:x="u">\n  <s x:k="1" b="2"></s>\n  <t xmlns:x="u">v</t>\n</r>';
  assertEquals(canonicalXml(a), canonicalXml(b));
  const swapped = '<r xmlns:x="u"><s b="2" x:k="1"/><t>v</t></r>';
  assertEquals(canonicalXml(a) === canonicalXml(swapped), false);
  assertEquals(canonicalXml(a) === canonicalXml('<r xmlns:x="u"><s x:k="1" b="2"/><t>w</t></r>'), false);
  const unordered = new Set(["r"]);
  assertEquals(
    canonicalXml("<r><a/><b/></r>", { unordered }),
    canonicalXml("<r><b/><a/></r>", { unordered }),
  );
});

Deno.test("xml: malformed input is a ValidationError naming the file", async () => {
  await assertRejects(
    () => Promise.resolve().then(() => parseXmlText("<a><b></a>", "Other/Solution.xml")),
    ValidationError,
    "Other/Solution.xml is not well-formed XML",
  );
});
