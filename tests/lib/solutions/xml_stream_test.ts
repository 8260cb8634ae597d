import { join } from "node:path";
import { pack, unpack } from "../../../lib/solutions/mod.ts";
import type { XElement } from "../../../lib/solutions/xml/dom.ts";
import { parseXmlBytes, parseXmlStream, parseXmlText } from "../../../lib/solutions/xml/parse.ts";
import { PrunedLayoutError, writeXml } from "../../../lib/solutions/xml/write.ts";
import { ValidationError } from "../../../lib/errors.ts";
import { assert, assertEquals, assertRejects } from "../../helpers/assert.ts";
import { solutionXml, withTempDir, writeZip, zipEntries } from "./fixtures.ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Every kind of whitespace the writer treats differently, in one document. */
const LAYOUT = '\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<!-- head -->\r\n' +
  "<r>\r\n" +
  '  <list>\r\n    <i a="1" />\r\n    <!-- c -->\r\n    <i></i>\r\n  </list>\r\n' +
  "  <blank>   </blank>\r\n" +
  "  <mixed>x <b> <i /> </b> y</mixed>\r\n" +
  '  <kept xml:space="preserve">\r\n    <i />\r\n  </kept>\r\n' +
  "  <cdata>\r\n    <i /><![CDATA[ z ]]>\r\n  </cdata>\r\n" +
  "</r>";

// deno-lint-ignore no-explicit-any
const throws = (fn: () => unknown, type: new (...args: any[]) => Error, message?: string) =>
  assertRejects(() => Promise.resolve().then(fn), type, message);

async function* pieces(bytes: Uint8Array, size: number) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

function texts(el: XElement): string[] {
  return el.children.filter((c) => c.kind === "text").map((c) => (c as { text: string }).text);
}

function child(el: XElement, name: string): XElement {
  return el.children.find((c): c is XElement => c.kind === "element" && c.name === name)!;
}

Deno.test("xml prune: layout whitespace is dropped, whitespace that is content is kept, output is identical", () => {
  const full = parseXmlText(LAYOUT, "t");
  const pruned = parseXmlText(LAYOUT, "t", { prune: true });
  assertEquals(writeXml(pruned), writeXml(full));
  assertEquals(writeXml(pruned), LAYOUT);
  const root = pruned.root;
  assertEquals(texts(root), [], "layout between the root's children");
  assertEquals(texts(child(root, "list")), [], "layout between elements and comments");
  assertEquals(root.pruned, true);
  assertEquals(texts(child(root, "blank")), ["   "], "an element holding only whitespace");
  assertEquals(texts(child(root, "mixed")), ["x ", " y"], "mixed content");
  assertEquals(
    texts(child(child(root, "mixed"), "b")),
    [" ", " "],
    "element-only content inside mixed content",
  );
  assertEquals(texts(child(root, "kept")).length, 2, 'xml:space="preserve"');
  assertEquals(texts(child(root, "cdata")).length, 2, "next to CDATA");
  assertEquals(texts(full.root).length, 6, "without prune every text node stays");
});

Deno.test("xml prune: a pruned element moved into mixed content refuses to be written instead of losing text", async () => {
  const source = parseXmlText("<r>\n  <i />\n</r>", "t", { prune: true }).root;
  const host = parseXmlText("<h>text </h>", "h");
  host.root.children.push(source);
  await throws(() => writeXml(host), PrunedLayoutError);
  const preserved = parseXmlText('<h xml:space="preserve"><x/></h>', "h");
  preserved.root.children.push(source);
  await throws(() => writeXml(preserved), PrunedLayoutError);
  const plain = parseXmlText("<h><x/></h>", "h");
  plain.root.children.push(source);
  assertEquals(writeXml(plain), "<h>\r\n  <x />\r\n  <r>\r\n    <i />\r\n  </r>\r\n</h>");
});

Deno.test("xml parse: entities, line ends, attribute whitespace and empty-element forms are decoded as before", () => {
  const doc = parseXmlText(
    "<a x='1\r\n2\t3&#9;4&#xD;5' y=\"&lt;&amp;&gt;&quot;&apos;\">t\r\nu\rv&#xD;w&#x1F600;" +
      "<![CDATA[c\r\nd]]><!--m\r\nn--><?p q\r\nr?><e/><f></f><g /></a>",
    "t",
  );
  const a = doc.root;
  assertEquals(a.attrs, [["x", "1 2 3\t4\r5"], ["y", `<&>"'`]]);
  assertEquals(a.children.slice(0, 4), [
    { kind: "text", text: "t\nu\nv\rw\u{1F600}" },
    { kind: "cdata", text: "c\nd" },
    { kind: "comment", text: "m\nn" },
    { kind: "pi", name: "p", text: "q\nr" },
  ]);
  assertEquals(a.children.slice(4).map((c) => (c as XElement).selfClosing), [true, false, true]);
  assertEquals(doc.declaration, undefined);
  assertEquals(doc.bom, false);
});

Deno.test("xml parse: what the XML specification forbids is still a ValidationError naming the file", async () => {
  for (
    const bad of [
      "<a x='1' x='2'/>",
      "<a>&nbsp;</a>",
      "<a>&AMP;</a>",
      "<a x='<'/>",
      "<a/><b/>",
      "<a>]]></a>",
      "<a><?xml version='1.0'?></a>",
      "<a>&#0;</a>",
      "<a><!-- a -- b --></a>",
      "",
    ]
  ) {
    await throws(
      () => parseXmlText(bad, "Roles/X.xml"),
      ValidationError,
      "Roles/X.xml is not well-formed XML",
    );
  }
});

Deno.test("xml parse: pieces of any size give the same tree, BOM and multi-byte characters split included", async () => {
  const text = '\uFEFF<?xml version="1.0" encoding="utf-8"?>\r\n<r a="é">\r\n  <t>€ 😀 \r\n x</t>\r\n</r>';
  const bytes = enc.encode(text);
  const whole = parseXmlBytes(bytes, "t");
  assertEquals(whole.bom, true);
  assertEquals(writeXml(whole), text);
  for (const size of [1, 2, 3, 5, 64]) {
    const streamed = await parseXmlStream(pieces(bytes, size), "t");
    assertEquals(streamed, whole, `pieces of ${size}`);
  }
  await assertRejects(
    () => parseXmlStream((async function* () {})(), "customizations.xml"),
    ValidationError,
    "customizations.xml is not well-formed XML",
  );
});

Deno.test("unpack: element-only content inside mixed content keeps its whitespace (the tree is parsed again)", async () => {
  await withTempDir(async (dir) => {
    // The text comes only after <b>: <b> was pruned before its parent turned out to be mixed.
    const inner = "<note><b>\r\n      <i />\r\n    </b> here</note>";
    const custom = '<?xml version="1.0" encoding="utf-8"?>\r\n<ImportExportXml>\r\n  ' + inner +
      "\r\n  <Entities />\r\n</ImportExportXml>";
    const zip = await writeZip(join(dir, "s.zip"), [
      ["customizations.xml", custom],
      ["solution.xml", solutionXml(false)],
    ]);
    await unpack(zip, join(dir, "src"));
    const written = await Deno.readTextFile(join(dir, "src/Other/Customizations.xml"));
    assert(written.includes(inner), written);
  });
});

Deno.test('pack: components placed in xml:space="preserve" content keep their layout (the tree is parsed again)', async () => {
  await withTempDir(async (dir) => {
    const role =
      '<?xml version="1.0" encoding="utf-8"?>\r\n<Role id="{1}" name="R">\r\n  <RolePrivileges>\r\n' +
      '    <RolePrivilege name="prvRead" level="Global" />\r\n  </RolePrivileges>\r\n</Role>';
    const src = join(dir, "src");
    await Deno.mkdir(join(src, "Other"), { recursive: true });
    await Deno.mkdir(join(src, "Roles"), { recursive: true });
    await Deno.writeTextFile(join(src, "Other/Solution.xml"), solutionXml(false));
    await Deno.writeTextFile(
      join(src, "Other/Customizations.xml"),
      '<?xml version="1.0" encoding="utf-8"?>\r\n<ImportExportXml xml:space="preserve"><Roles></Roles></ImportExportXml>',
    );
    await Deno.writeTextFile(join(src, "Roles/R.xml"), role);
    await pack(src, join(dir, "out.zip"));
    const custom = dec.decode((await zipEntries(join(dir, "out.zip"))).get("customizations.xml")!);
    assert(custom.includes(role.slice(role.indexOf("<Role "))), custom);
  });
});
