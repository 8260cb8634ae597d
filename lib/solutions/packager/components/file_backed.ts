/**
 * Components whose content is a separate zip entry: the element goes to `<file>.data.xml` next to the
 * content file. Web resources (content named after the resource), plug-in assemblies and workflows
 * (content at the path the element references).
 */

import { attr, childElements, childText, type XElement } from "../../xml/dom.ts";
import { entryOfReference, safeName, safePath } from "../paths.ts";
import { splittable, UniquePaths } from "./generic.ts";
import type { ComponentSplitter } from "./types.ts";

const DATA = ".data.xml";

interface FileBackedOptions {
  container: string;
  item: string;
  folder: string;
  /** The element naming the content entry (e.g. `FileName`, `JsonFileName`). */
  references: string[];
  /** The tree path of the content file; default: the referenced entry path. */
  contentPath?(item: XElement, entry: string | undefined): string | undefined;
  /** The data file for a component without content. */
  fallback(item: XElement): string;
}

function fileBacked(options: FileBackedOptions): ComponentSplitter {
  const referenceOf = (item: XElement) => {
    for (const name of options.references) {
      const text = childText(item, name);
      if (text) return entryOfReference(text);
    }
    return undefined;
  };
  return {
    container: options.container,
    unpack(container, root, ctx) {
      if (!splittable(container, options.item)) return false;
      const paths = new UniquePaths();
      for (const item of childElements(container)) {
        const entry = referenceOf(item);
        const content = options.contentPath?.(item, entry) ?? (entry ? safePath(entry) : undefined);
        if (entry && content) ctx.claim(entry, content);
        const data = paths.take(content ? content + DATA : options.fallback(item));
        ctx.emit(data, ctx.detach(item, [root, container]));
      }
      return true;
    },
    async pack(container, root, ctx) {
      for (const path of ctx.list(options.folder)) {
        if (!path.toLowerCase().endsWith(DATA)) continue;
        const item = await ctx.readXml(path);
        const entry = referenceOf(item);
        const content = path.slice(0, -DATA.length);
        if (entry && ctx.exists(content)) ctx.route(content, entry);
        else if (entry && ctx.exists(entry)) ctx.route(entry, entry);
        container.children.push(ctx.attach(item, [root, container]));
      }
    },
  };
}

/** Web resources: content at `WebResources/<Name>` whatever the entry is called in the zip. */
export const webResources: ComponentSplitter = fileBacked({
  container: "WebResources",
  item: "WebResource",
  folder: "WebResources",
  references: ["FileName"],
  contentPath: (item, entry) => {
    const name = childText(item, "Name");
    return name ? `WebResources/${safePath(name)}` : entry;
  },
  fallback: (item) => `WebResources/${safeName(childText(item, "WebResourceId") ?? "webresource")}${DATA}`,
});

/** Plug-in assemblies: `PluginAssemblies/<Name>-<id>/<Name>.dll` plus its `.data.xml`. */
export const pluginAssemblies: ComponentSplitter = fileBacked({
  container: "SolutionPluginAssemblies",
  item: "PluginAssembly",
  folder: "PluginAssemblies",
  references: ["FileName"],
  fallback: (item) =>
    `PluginAssemblies/${safeName((attr(item, "FullName") ?? "assembly").split(",")[0])}-${
      safeName(attr(item, "PluginAssemblyId") ?? "")
    }${DATA}`,
});

/** Workflows and cloud flows: `Workflows/<Name>-<GUID>.json` (or `.xaml`) plus `.data.xml`. */
export const workflows: ComponentSplitter = fileBacked({
  container: "Workflows",
  item: "Workflow",
  folder: "Workflows",
  references: ["JsonFileName", "XamlFileName"],
  fallback: (item) => {
    const name = (attr(item, "Name") ?? "workflow").replace(/[^A-Za-z0-9]/g, "");
    const id = (attr(item, "WorkflowId") ?? "").replace(/[{}]/g, "").toUpperCase();
    return `Workflows/${safeName(`${name}-${id}`)}${DATA}`;
  },
});
