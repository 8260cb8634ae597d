/**
 * Table relationships, the way SolutionPackager files them: `Other/Relationships.xml` lists every
 * relationship as a stub (`<EntityRelationship Name="…" />`, in name order) and the definitions live in
 * `Other/Relationships/<Table>.xml`, one file per table: a one-to-many relationship under the table it
 * references (`ReferencedEntityName`), a many-to-many one under its `FirstEntityName`.
 */

import { attr, childElements, childText, element, type XElement } from "../../xml/dom.ts";
import { safeName } from "../paths.ts";
import { splittable } from "./generic.ts";
import type { ComponentSplitter } from "./types.ts";

const LIST = "Other/Relationships.xml";
const FOLDER = "Other/Relationships";
const ITEM = "EntityRelationship";

/** The table a relationship is filed under (the file name in Other/Relationships/, without `.xml`). */
export function relationshipTable(rel: XElement): string {
  const type = (childText(rel, "EntityRelationshipType") ?? "").toLowerCase();
  const first = type === "manytomany"
    ? childText(rel, "FirstEntityName") ?? childText(rel, "Entity1LogicalName")
    : childText(rel, "ReferencedEntityName");
  return first ?? childText(rel, "ReferencingEntityName") ?? childText(rel, "SecondEntityName") ??
    "Other";
}

/**
 * SolutionPackager's name order: case-insensitive, with `_` before letters (as .NET's culture-aware
 * comparison puts it), which is ordinal order of the lower-cased names.
 */
export function byName(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

const nameOf = (rel: XElement) => attr(rel, "Name") ?? "";

/** A stub names a relationship and has no content. */
function isStub(rel: XElement): boolean {
  return childElements(rel).length === 0;
}

/** The EntityRelationships splitter. */
export const relationships: ComponentSplitter = {
  container: "EntityRelationships",
  unpack(container, root, ctx) {
    if (!splittable(container, ITEM)) return false;
    const items = childElements(container).sort((a, b) => byName(nameOf(a), nameOf(b)));
    const stubs = items.map((rel) => ({ ...element(ITEM, [["Name", nameOf(rel)]]), selfClosing: true }));
    ctx.emit(LIST, ctx.detach({ ...container, children: stubs }, [root]));
    const byTable = new Map<string, { file: string; items: XElement[] }>();
    for (const rel of items) {
      const table = relationshipTable(rel);
      const key = table.toLowerCase();
      const group = byTable.get(key) ?? { file: `${FOLDER}/${safeName(table)}.xml`, items: [] };
      group.items.push(rel);
      byTable.set(key, group);
    }
    for (const { file, items: group } of byTable.values()) {
      ctx.emit(file, ctx.detach({ ...container, children: group, selfClosing: false }, [root]));
    }
    return true;
  },
  async pack(container, root, ctx) {
    // Definitions come from the per-table files and from Other/Relationships.xml itself (trees written
    // by earlier ppx versions keep them all there); the stubs give the order.
    const order: string[] = [];
    const defined = new Map<string, XElement>();
    const stubs = new Map<string, XElement>();
    const take = (rel: XElement) => {
      const key = nameOf(rel).toLowerCase();
      if (!defined.has(key) && !stubs.has(key)) order.push(key);
      if (isStub(rel)) {
        if (!stubs.has(key)) stubs.set(key, rel);
      } else if (!defined.has(key)) defined.set(key, rel);
    };
    if (ctx.exists(LIST)) {
      for (const rel of childElements(ctx.attach(await ctx.readXml(LIST), [root]))) take(rel);
    }
    for (const path of ctx.list(FOLDER)) {
      if (path.split("/").length !== 3 || !path.toLowerCase().endsWith(".xml")) continue;
      for (const rel of childElements(ctx.attach(await ctx.readXml(path), [root]))) take(rel);
    }
    for (const key of order) {
      const rel = defined.get(key) ?? stubs.get(key)!;
      container.children.push(ctx.attach(rel, [root, container]));
    }
  },
};
