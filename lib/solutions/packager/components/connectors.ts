/**
 * Custom connectors: `Connector/<name>_<part>` entries in the zip become `Connectors/<name>_<part>` in
 * the tree, with the component element in `Connectors/<name>.xml`. The `<name>` Dataverse exports is
 * already escaped (`new_orderadmin-5Fconnector`, `x_5fname`) and is the prefix of the connector's entries;
 * SolutionPackager uses it as it is, so no second escape is applied (only characters no file system holds).
 */

import { childElements, childText, textOf, type XElement } from "../../xml/dom.ts";
import { entryOfReference, safeName } from "../paths.ts";
import { splittable, UniquePaths } from "./generic.ts";
import type { ComponentSplitter } from "./types.ts";

/** The connector name as it appears in file names: the exported name, as it is. */
export function escapeConnectorName(name: string): string {
  return safeName(name);
}

function references(el: XElement, out: string[] = []): string[] {
  for (const child of childElements(el)) {
    const text = childElements(child).length === 0 ? textOf(child).trim() : "";
    if (/^[\\/]Connector[\\/]/i.test(text)) out.push(entryOfReference(text));
    else references(child, out);
  }
  return out;
}

/** The Connectors splitter. */
export const connectors: ComponentSplitter = {
  container: "Connectors",
  unpack(container, root, ctx) {
    if (!splittable(container, "Connector")) return false;
    const paths = new UniquePaths();
    for (const item of childElements(container)) {
      const name = childText(item, "name") ?? childText(item, "connectorid") ?? "connector";
      for (const entry of references(item)) ctx.claim(entry, `Connectors/${entry.split("/").pop()}`);
      ctx.emit(
        paths.take(`Connectors/${escapeConnectorName(name)}.xml`),
        ctx.detach(item, [root, container]),
      );
    }
    return true;
  },
  async pack(container, root, ctx) {
    for (const path of ctx.list("Connectors")) {
      if (path.split("/").length !== 2 || !path.toLowerCase().endsWith(".xml")) continue;
      const item = await ctx.readXml(path);
      for (const entry of references(item)) {
        const tree = `Connectors/${entry.split("/").pop()}`;
        if (ctx.exists(tree)) ctx.route(tree, entry);
      }
      container.children.push(ctx.attach(item, [root, container]));
    }
  },
};
