/**
 * Tables: `Entities/<name>/Entity.xml`, with forms in `FormXml/<type>/{formid}.xml`, views in
 * `SavedQueries/{savedqueryid}.xml`, charts in `Visualizations/{id}.xml`, the ribbon in `RibbonDiff.xml`
 * and formula definitions (`Formulas/<table>-*.xaml|yaml` in the zip) in `Formulas/`. As SolutionPackager
 * does, Entity.xml keeps each split-out part as an empty element (`<FormXml />`) where it was, and pack
 * fills it in place.
 */

import { attr, childElements, childText, element, findChild, type XElement } from "../../xml/dom.ts";
import { safeName } from "../paths.ts";
import { splittable, UniquePaths } from "./generic.ts";
import type { ComponentSplitter, PackContext, UnpackContext } from "./types.ts";

/** Where split-out parts go back when Entity.xml has no placeholder for them, after `EntityInfo`. */
const PARTS = ["FormXml", "SavedQueries", "Visualizations", "RibbonDiffXml"];

/** The Entities splitter. */
export const entities: ComponentSplitter = {
  container: "Entities",
  unpack(container, root, ctx) {
    if (!splittable(container, "Entity")) return false;
    const folders = new UniquePaths();
    const formulas = formulaEntries(ctx.entries);
    for (const entity of childElements(container)) {
      const name = childText(entity, "Name") ?? attr(findChild(entity, "EntityInfo") ?? entity, "Name") ??
        "entity";
      const folder = folders.take(`Entities/${safeName(name)}`);
      unpackEntity(entity, folder, [root, container], ctx);
      for (const entry of formulas.get(name.toLowerCase()) ?? []) {
        ctx.claim(entry, `${folder}/Formulas/${safeName(entry.slice("Formulas/".length))}`);
      }
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

/** `Formulas/<table>-<rest>` entries of the zip by lower-cased table name. */
function formulaEntries(entries: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const entry of entries) {
    const m = /^Formulas\/([^/]+?)-[^/]+$/i.exec(entry);
    if (!m) continue;
    const key = m[1].toLowerCase();
    out.set(key, [...(out.get(key) ?? []), entry]);
  }
  return out;
}

function unpackEntity(entity: XElement, folder: string, chain: XElement[], ctx: UnpackContext): void {
  const scope = [...chain, entity];
  const kept: typeof entity.children = [];
  for (const child of entity.children) {
    if (child.kind !== "element") {
      kept.push(child);
      continue;
    }
    const lower = child.name.toLowerCase();
    const split = (lower === "formxml" && splitForms(child, folder, [...scope, child], ctx)) ||
      (lower === "savedqueries" && splitViews(child, folder, [...scope, child], ctx)) ||
      (lower === "visualizations" && splitCharts(child, folder, [...scope, child], ctx)) ||
      (lower === "ribbondiffxml" && childElements(child).length > 0 &&
        (ctx.emit(`${folder}/RibbonDiff.xml`, ctx.detach(child, scope)), true));
    kept.push(split ? placeholder(child) : child);
  }
  ctx.emit(`${folder}/Entity.xml`, ctx.detach({ ...entity, children: kept }, chain));
}

/** The empty element SolutionPackager leaves where a part was split out. */
function placeholder(part: XElement): XElement {
  return { ...part, children: [], selfClosing: true };
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

/** Charts: each `<visualization>` becomes `Visualizations/{savedqueryvisualizationid}.xml` as it is. */
function splitCharts(charts: XElement, folder: string, chain: XElement[], ctx: UnpackContext): boolean {
  if (!splittable(charts, "visualization")) return false;
  const paths = new UniquePaths();
  for (const chart of childElements(charts)) {
    const id = childText(chart, "savedqueryvisualizationid") ?? "visualization";
    ctx.emit(paths.take(`${folder}/Visualizations/${safeName(id)}.xml`), ctx.detach(chart, chain));
  }
  return true;
}

async function packEntity(entity: XElement, folder: string, ctx: PackContext): Promise<void> {
  const built: XElement[] = [];
  const formFiles = ctx.list(`${folder}/FormXml`).filter((p) => p.split("/").length === 5);
  if (formFiles.length) {
    const formXml = fill(entity, "FormXml");
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
    const saved = fill(entity, "SavedQueries");
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
  const chartFiles = ctx.list(`${folder}/Visualizations`).filter((p) => p.split("/").length === 4);
  if (chartFiles.length) {
    const charts = fill(entity, "Visualizations");
    for (const path of chartFiles) {
      charts.children.push(ctx.attach(await ctx.readXml(path), [entity, charts]));
    }
    built.push(charts);
  }
  const ribbonPath = `${folder}/RibbonDiff.xml`;
  if (ctx.exists(ribbonPath)) {
    const ribbon = ctx.attach(await ctx.readXml(ribbonPath), [entity]);
    const at = entity.children.findIndex((c) => c.kind === "element" && c.name === ribbon.name);
    if (at >= 0) entity.children[at] = ribbon;
    built.push(ribbon);
  }
  for (const part of built) insertPart(entity, part);
  for (const path of ctx.list(`${folder}/Formulas`)) {
    if (path.split("/").length === 4) ctx.route(path, `Formulas/${path.split("/")[3]}`);
  }
}

/** The entity's (placeholder) element `name`, ready to fill, or a new one. */
function fill(entity: XElement, name: string): XElement {
  const found = findChild(entity, name);
  if (!found) return { ...element(name), selfClosing: false };
  found.selfClosing = false;
  return found;
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
