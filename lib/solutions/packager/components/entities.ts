/**
 * Tables: `Entities/<name>/Entity.xml`, with forms in `FormXml/<type>/{formid}.xml`, views in
 * `SavedQueries/{savedqueryid}.xml` and the ribbon in `RibbonDiff.xml`.
 */

import { attr, childElements, childText, element, findChild, type XElement } from "../../xml/dom.ts";
import { safeName } from "../paths.ts";
import { splittable, UniquePaths } from "./generic.ts";
import type { ComponentSplitter, PackContext, UnpackContext } from "./types.ts";

/** Where split-out parts go back, in export order, after `EntityInfo`. */
const PARTS = ["FormXml", "SavedQueries", "RibbonDiffXml"];

/** The Entities splitter. */
export const entities: ComponentSplitter = {
  container: "Entities",
  unpack(container, root, ctx) {
    if (!splittable(container, "Entity")) return false;
    const folders = new UniquePaths();
    for (const entity of childElements(container)) {
      const name = childText(entity, "Name") ?? attr(findChild(entity, "EntityInfo") ?? entity, "Name") ??
        "entity";
      const folder = folders.take(`Entities/${safeName(name)}`);
      unpackEntity(entity, folder, [root, container], ctx);
    }
    return true;
  },
  async pack(container, root, ctx) {
    const folders = new Map<string, string>();
    for (const path of ctx.list("Entities")) {
      const parts = path.split("/");
      if (parts.length === 3 && parts[2].toLowerCase() === "entity.xml") folders.set(parts[1], path);
    }
    for (const [name, path] of folders) {
      const entity = await ctx.readXml(path);
      await packEntity(entity, `Entities/${name}`, ctx);
      container.children.push(ctx.attach(entity, [root, container]));
    }
  },
};

function unpackEntity(entity: XElement, folder: string, chain: XElement[], ctx: UnpackContext): void {
  const scope = [...chain, entity];
  const kept: typeof entity.children = [];
  for (const child of entity.children) {
    if (child.kind !== "element") {
      kept.push(child);
      continue;
    }
    const lower = child.name.toLowerCase();
    if (lower === "formxml" && splitForms(child, folder, [...scope, child], ctx)) continue;
    if (lower === "savedqueries" && splitViews(child, folder, [...scope, child], ctx)) continue;
    if (lower === "ribbondiffxml") {
      ctx.emit(`${folder}/RibbonDiff.xml`, ctx.detach(child, scope));
      continue;
    }
    kept.push(child);
  }
  ctx.emit(`${folder}/Entity.xml`, ctx.detach({ ...entity, children: kept }, chain));
}

function splitForms(formXml: XElement, folder: string, chain: XElement[], ctx: UnpackContext): boolean {
  const groups = childElements(formXml);
  if (!splittable(formXml, "forms") || !groups.every((g) => splittable(g, "systemform"))) return false;
  const paths = new UniquePaths();
  for (const forms of groups) {
    const type = safeName(attr(forms, "type") ?? "main");
    const attrs = forms.attrs.filter(([k]) => k !== "type");
    for (const form of childElements(forms)) {
      const id = childText(form, "formid") ?? "form";
      const wrapper = { ...element(forms.name, attrs, [form]), selfClosing: false };
      ctx.emit(paths.take(`${folder}/FormXml/${type}/${safeName(id)}.xml`), ctx.detach(wrapper, chain));
    }
  }
  return true;
}

function splitViews(saved: XElement, folder: string, chain: XElement[], ctx: UnpackContext): boolean {
  const lists = childElements(saved);
  if (!splittable(saved, "savedqueries") || !lists.every((l) => splittable(l, "savedquery"))) return false;
  const paths = new UniquePaths();
  for (const list of lists) {
    for (const view of childElements(list)) {
      const id = childText(view, "savedqueryid") ?? "view";
      const wrapper = { ...element(list.name, list.attrs, [view]), selfClosing: false };
      ctx.emit(
        paths.take(`${folder}/SavedQueries/${safeName(id)}.xml`),
        ctx.detach(wrapper, [...chain, saved]),
      );
    }
  }
  return true;
}

async function packEntity(entity: XElement, folder: string, ctx: PackContext): Promise<void> {
  const built: XElement[] = [];
  const formFiles = ctx.list(`${folder}/FormXml`).filter((p) => p.split("/").length === 5);
  if (formFiles.length) {
    const formXml = findChild(entity, "FormXml") ?? element("FormXml");
    const byType = new Map<string, XElement>();
    for (const path of formFiles) {
      const type = path.split("/")[3];
      const file = await ctx.readXml(path);
      let forms = byType.get(type.toLowerCase());
      if (!forms) {
        const attrs: [string, string][] = [["type", type], ...file.attrs.filter(([k]) => k !== "type")];
        forms = { ...element(file.name, attrs), selfClosing: false };
        forms.attrs = ctx.attach(forms, [entity, formXml]).attrs;
        byType.set(type.toLowerCase(), forms);
        formXml.children.push(forms);
      }
      for (const form of childElements(file)) forms.children.push(form);
    }
    built.push(formXml);
  }
  const viewFiles = ctx.list(`${folder}/SavedQueries`).filter((p) => p.split("/").length === 4);
  if (viewFiles.length) {
    const saved = findChild(entity, "SavedQueries") ?? element("SavedQueries");
    let list = findChild(saved, "savedqueries");
    for (const path of viewFiles) {
      const file = await ctx.readXml(path);
      if (!list) {
        list = { ...ctx.attach(element(file.name, file.attrs), [entity, saved]), selfClosing: false };
        saved.children.push(list);
      }
      for (const view of childElements(file)) list.children.push(view);
    }
    built.push(saved);
  }
  const ribbonPath = `${folder}/RibbonDiff.xml`;
  if (ctx.exists(ribbonPath)) built.push(ctx.attach(await ctx.readXml(ribbonPath), [entity]));
  for (const part of built) insertPart(entity, part);
}

/** Puts a part back in export order (after EntityInfo and any earlier parts) unless already there. */
function insertPart(entity: XElement, part: XElement): void {
  if (entity.children.includes(part)) return;
  const rank = PARTS.indexOf(part.name);
  let at = -1;
  entity.children.forEach((c, i) => {
    if (c.kind !== "element") return;
    const r = PARTS.indexOf(c.name);
    if (c.name === "Name" || c.name === "EntityInfo" || (r >= 0 && r < rank)) at = i;
  });
  entity.children.splice(at + 1, 0, part);
}
