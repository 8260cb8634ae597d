/** Path rules of the SolutionPackager layout: folder casing, safe file names, `_managed` variants. */

/** Top-level folders with the casing SolutionPackager writes (matched case-insensitively on read). */
const TOP_FOLDERS = [
  "AppModules",
  "AppModuleSiteMaps",
  "Assets",
  "CanvasApps",
  "Connectors",
  "Controls",
  "Dashboards",
  "Dialogs",
  "Entities",
  "Formulas",
  "OptionSets",
  "Other",
  "PluginAssemblies",
  "Reports",
  "Roles",
  "SdkMessageProcessingSteps",
  "Templates",
  "WebResources",
  "Workflows",
  "aiplugins",
  "aipluginoperations",
  "botcomponents",
  "bots",
  "customapis",
  "environmentvariabledefinitions",
  "maskingrules",
  "pluginpackages",
];
const TOP_BY_LOWER = new Map(TOP_FOLDERS.map((f) => [f.toLowerCase(), f]));

/** `path` with its first segment in SolutionPackager's casing when it is a known folder. */
export function canonicalCase(path: string): string {
  const slash = path.indexOf("/");
  if (slash < 0) return path;
  const known = TOP_BY_LOWER.get(path.slice(0, slash).toLowerCase());
  return known ? known + path.slice(slash) : path;
}

/** A file or folder name safe on every OS: reserved characters become `_`, `.`/`..` are neutralised. */
export function safeName(name: string): string {
  // deno-lint-ignore no-control-regex
  let out = name.replace(/[<>:"/\\|?*\u0000-\u001f]/g, "_").replace(/[. ]+$/, (m) => "_".repeat(m.length));
  if (out === "" || out === "." || out === "..") out = "_";
  return out;
}

/** A relative path whose segments are each made safe (for names that contain `/`, e.g. web resources). */
export function safePath(path: string): string {
  return path.split(/[\\/]/).filter((s) => s !== "").map(safeName).join("/");
}

/** The name of the managed variant of a file: `Entity.xml` -> `Entity_managed.xml`. */
export function managedName(path: string): string {
  const ext = path.endsWith(".data.xml") ? ".data.xml" : extension(path);
  return path.slice(0, path.length - ext.length) + "_managed" + ext;
}

/** The unmanaged name a `_managed` variant stands for, or undefined when `path` is not one. */
export function unmanagedName(path: string): string | undefined {
  const ext = path.endsWith(".data.xml") ? ".data.xml" : extension(path);
  const stem = path.slice(0, path.length - ext.length);
  return stem.endsWith("_managed") ? stem.slice(0, -"_managed".length) + ext : undefined;
}

function extension(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot) : "";
}

/** The zip-entry form of a reference such as `/WebResources/x.js` (leading slash removed). */
export function entryOfReference(ref: string): string {
  return ref.trim().replaceAll("\\", "/").replace(/^\/+/, "");
}

/** The reference form of an entry path (leading slash added). */
export function referenceOfEntry(path: string): string {
  return "/" + path;
}
