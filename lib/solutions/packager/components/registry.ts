/**
 * Every component type the packager splits out of `customizations.xml`. Anything else stays inline in
 * Other/Customizations.xml, which packs back unchanged.
 */

import { attr, childText } from "../../xml/dom.ts";
import { safeName } from "../paths.ts";
import { connectors } from "./connectors.ts";
import { entities } from "./entities.ts";
import { pluginAssemblies, webResources, workflows } from "./file_backed.ts";
import { perItem, wholeContainer } from "./generic.ts";
import { relationships } from "./relationships.ts";
import type { ComponentSplitter } from "./types.ts";

const XML = /^[^/]+\.xml$/i;

/** The splitters, in the order they run. */
export const SPLITTERS: ComponentSplitter[] = [
  entities,
  perItem({
    container: "optionsets",
    item: "optionset",
    folder: "OptionSets",
    pathOf: (el) => `OptionSets/${safeName(attr(el, "Name") ?? "optionset")}.xml`,
    match: XML,
  }),
  perItem({
    container: "Roles",
    item: "Role",
    folder: "Roles",
    pathOf: (el) => `Roles/${safeName(attr(el, "name") ?? attr(el, "id") ?? "role")}.xml`,
    match: XML,
  }),
  workflows,
  webResources,
  pluginAssemblies,
  perItem({
    container: "SdkMessageProcessingSteps",
    item: "SdkMessageProcessingStep",
    folder: "SdkMessageProcessingSteps",
    pathOf: (el) =>
      `SdkMessageProcessingSteps/${safeName(attr(el, "SdkMessageProcessingStepId") ?? "step")}.xml`,
    match: XML,
  }),
  perItem({
    container: "Dashboards",
    item: "Dashboard",
    folder: "Dashboards",
    pathOf: (el) => `Dashboards/${safeName(childText(el, "FormId") ?? "dashboard")}.xml`,
    match: XML,
  }),
  perItem({
    container: "Dialogs",
    item: "Dialog",
    folder: "Dialogs",
    pathOf: (el) => `Dialogs/${safeName(childText(el, "FormId") ?? "dialog")}.xml`,
    match: XML,
  }),
  perItem({
    container: "AppModules",
    item: "AppModule",
    folder: "AppModules",
    pathOf: (el) => `AppModules/${safeName(childText(el, "UniqueName") ?? "app")}/AppModule.xml`,
    match: /^[^/]+\/AppModule\.xml$/i,
    inheritNamespaces: false,
  }),
  perItem({
    container: "AppModuleSiteMaps",
    item: "AppModuleSiteMap",
    folder: "AppModuleSiteMaps",
    pathOf: (el) =>
      `AppModuleSiteMaps/${safeName(childText(el, "SiteMapUniqueName") ?? "sitemap")}/AppModuleSiteMap.xml`,
    match: /^[^/]+\/AppModuleSiteMap\.xml$/i,
  }),
  perItem({
    container: "CanvasApps",
    item: "CanvasApp",
    folder: "CanvasApps",
    pathOf: (el) => `CanvasApps/${safeName(childText(el, "Name") ?? "app")}.meta.xml`,
    match: /^[^/]+\.meta\.xml$/i,
  }),
  connectors,
  relationships,
  wholeContainer("EntityMaps", "Other/EntityMaps.xml"),
  wholeContainer("FieldSecurityProfiles", "Other/FieldSecurityProfiles.xml"),
  wholeContainer("ConnectionRoles", "Other/ConnectionRoles.xml"),
];

/** Element names whose children the packager writes in name order (for canonical comparisons). */
export const COLLECTIONS: ReadonlySet<string> = new Set([
  "entities",
  "optionsets",
  "roles",
  "workflows",
  "webresources",
  "solutionpluginassemblies",
  "sdkmessageprocessingsteps",
  "dashboards",
  "appmodules",
  "appmodulesitemaps",
  "canvasapps",
  "connectors",
  "entityrelationships",
  "dialogs",
  "visualizations",
  "formxml",
  "forms",
  "savedqueries",
]);
