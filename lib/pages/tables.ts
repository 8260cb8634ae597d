/**
 * The Power Pages table set: every table ppx moves, once, with what both data models need to place it on
 * disk and in Dataverse. Field names here are unprefixed (enhanced-model style); `column()` gives the
 * standard model's `adx_` name. Download, upload, diff and convert all read this one list.
 *
 * @module
 */

/** The two data models of a Power Pages site. */
export type DataModel = "standard" | "enhanced";

/** Where a table's records sit in a site folder. */
export interface Placement {
  /** Folder under the site root; empty for records at the root. */
  folder: string;
  /** The record-type part of file names, e.g. `webpage` in `Home.webpage.yml`. */
  suffix: string;
  /** One sub-folder per record (lower-cased name), e.g. `web-pages/home/`. */
  slug?: boolean;
  /** The record's language goes in the file name (standard) or a sub-folder (enhanced). */
  localized?: boolean;
}

/** One Power Pages table. */
export interface PagesTable {
  /** Short name, also the standard model's list file name (`sitesetting` -> `sitesetting.yml`). */
  key: string;
  /** Standard-model logical name (`adx_webpage`). */
  logicalName: string;
  /** Standard-model entity set (`adx_webpages`). */
  entitySet: string;
  /** Primary name field (unprefixed). */
  name: string;
  /** Standard model: one YAML list file at the root instead of a file per record. */
  listFile?: boolean;
  /** Placement per model (list tables in the standard model have none). */
  standard?: Placement;
  /** Placement in the enhanced model. */
  enhanced: Placement;
  /** Enhanced model: the `powerpagecomponenttype` value of its powerpagecomponent rows. */
  componentType?: number;
  /** Text fields kept in their own files: field -> file suffix (`copy` -> `copy.html`). */
  content?: Record<string, string>;
  /** Lookup fields (unprefixed) -> table key they point to; `websiteid` marks a site-scoped table. */
  lookups?: Record<string, string>;
  /** The lookup that makes a record's natural key unique besides its name (the parent). */
  parent?: string;
  /** The language lookup of localized records. */
  language?: string;
  /** Many-to-many fields (lists of ids), kept in files; not written as columns. */
  relationships?: string[];
  /** The record has a binary (web files). */
  binary?: boolean;
  /** Not site-scoped and never uploaded: read to name languages only. */
  reference?: boolean;
}

const WEBSITE = "website";

/** Every table, parents before children (the order upload creates records in). */
export const PAGES_TABLES: readonly PagesTable[] = [
  {
    key: "portallanguage",
    logicalName: "adx_portallanguage",
    entitySet: "adx_portallanguages",
    name: "name",
    listFile: true,
    enhanced: { folder: ".portalconfig", suffix: "portallanguage" },
    reference: true,
  },
  {
    key: "website",
    logicalName: "adx_website",
    entitySet: "adx_websites",
    name: "name",
    enhanced: { folder: "", suffix: "" },
    // Set after the templates and languages exist (see apply): the site is created first.
    lookups: {
      headerwebtemplateid: "webtemplate",
      footerwebtemplateid: "webtemplate",
      defaultlanguage: "websitelanguage",
    },
  },
  {
    key: "publishingstate",
    logicalName: "adx_publishingstate",
    entitySet: "adx_publishingstates",
    name: "name",
    listFile: true,
    enhanced: { folder: "publishing-states", suffix: "publishingstate" },
    componentType: 1,
    lookups: { websiteid: WEBSITE },
  },
  {
    key: "websitelanguage",
    logicalName: "adx_websitelanguage",
    entitySet: "adx_websitelanguages",
    name: "name",
    listFile: true,
    enhanced: { folder: "site-languages", suffix: "websitelanguage" },
    componentType: 24,
    lookups: { websiteid: WEBSITE, portallanguageid: "portallanguage" },
  },
  {
    key: "webtemplate",
    logicalName: "adx_webtemplate",
    entitySet: "adx_webtemplates",
    name: "name",
    standard: { folder: "web-templates", suffix: "webtemplate", slug: true },
    enhanced: { folder: "web-templates", suffix: "webtemplate", slug: true },
    componentType: 8,
    content: { source: "source.html" },
    lookups: { websiteid: WEBSITE },
  },
  {
    key: "pagetemplate",
    logicalName: "adx_pagetemplate",
    entitySet: "adx_pagetemplates",
    name: "name",
    standard: { folder: "page-templates", suffix: "pagetemplate" },
    enhanced: { folder: "page-templates", suffix: "pagetemplate" },
    componentType: 6,
    lookups: { websiteid: WEBSITE, webtemplateid: "webtemplate" },
  },
  {
    key: "webpage",
    logicalName: "adx_webpage",
    entitySet: "adx_webpages",
    name: "name",
    standard: { folder: "web-pages", suffix: "webpage", slug: true, localized: true },
    enhanced: { folder: "web-pages", suffix: "webpage", slug: true, localized: true },
    componentType: 2,
    content: {
      copy: "copy.html",
      summary: "summary.html",
      customcss: "custom_css.css",
      customjavascript: "custom_javascript.js",
    },
    lookups: {
      websiteid: WEBSITE,
      parentpageid: "webpage",
      rootwebpageid: "webpage",
      pagetemplateid: "pagetemplate",
      publishingstateid: "publishingstate",
      webpagelanguageid: "websitelanguage",
    },
    parent: "parentpageid",
    language: "webpagelanguageid",
  },
  {
    key: "webfile",
    logicalName: "adx_webfile",
    entitySet: "adx_webfiles",
    name: "name",
    standard: { folder: "web-files", suffix: "webfile" },
    enhanced: { folder: "web-files", suffix: "webfile" },
    componentType: 3,
    lookups: { websiteid: WEBSITE, parentpageid: "webpage", publishingstateid: "publishingstate" },
    parent: "parentpageid",
    binary: true,
  },
  {
    key: "contentsnippet",
    logicalName: "adx_contentsnippet",
    entitySet: "adx_contentsnippets",
    name: "name",
    standard: { folder: "content-snippets", suffix: "contentsnippet", slug: true, localized: true },
    enhanced: { folder: "content-snippets", suffix: "contentsnippet", slug: true, localized: true },
    componentType: 7,
    content: { value: "value.html" },
    lookups: { websiteid: WEBSITE, contentsnippetlanguageid: "websitelanguage" },
    language: "contentsnippetlanguageid",
  },
  {
    key: "weblinkset",
    logicalName: "adx_weblinkset",
    entitySet: "adx_weblinksets",
    name: "name",
    standard: { folder: "weblink-sets", suffix: "weblinkset", slug: true, localized: true },
    enhanced: { folder: "weblink-sets", suffix: "weblinkset", slug: true, localized: true },
    componentType: 4,
    lookups: { websiteid: WEBSITE, websitelanguageid: "websitelanguage" },
    language: "websitelanguageid",
  },
  {
    key: "weblink",
    logicalName: "adx_weblink",
    entitySet: "adx_weblinks",
    name: "name",
    // Standard: a list file beside its set; enhanced: one file per link in the set's folder.
    enhanced: { folder: "weblink-sets", suffix: "weblink" },
    componentType: 5,
    lookups: { weblinksetid: "weblinkset", pageid: "webpage", parentweblinkid: "weblink" },
    parent: "weblinksetid",
  },
  {
    key: "webrole",
    logicalName: "adx_webrole",
    entitySet: "adx_webroles",
    name: "name",
    listFile: true,
    enhanced: { folder: "web-roles", suffix: "webrole" },
    componentType: 11,
    lookups: { websiteid: WEBSITE },
  },
  {
    key: "websiteaccess",
    logicalName: "adx_websiteaccess",
    entitySet: "adx_websiteaccesses",
    name: "name",
    listFile: true,
    // The triple "s" is pac's own spelling; reproduced on purpose.
    enhanced: { folder: "website-accesss", suffix: "websiteaccess" },
    componentType: 12,
    lookups: { websiteid: WEBSITE },
  },
  {
    key: "sitemarker",
    logicalName: "adx_sitemarker",
    entitySet: "adx_sitemarkers",
    name: "name",
    listFile: true,
    enhanced: { folder: "sitemarkers", suffix: "sitemarker" },
    componentType: 13,
    lookups: { websiteid: WEBSITE, pageid: "webpage" },
  },
  {
    key: "sitesetting",
    logicalName: "adx_sitesetting",
    entitySet: "adx_sitesettings",
    name: "name",
    listFile: true,
    enhanced: { folder: "site-settings", suffix: "sitesetting" },
    componentType: 9,
    lookups: { websiteid: WEBSITE },
  },
  {
    key: "webpagerule",
    logicalName: "adx_webpageaccesscontrolrule",
    entitySet: "adx_webpageaccesscontrolrules",
    name: "name",
    listFile: true,
    enhanced: { folder: "webpage-rules", suffix: "webpagerule" },
    componentType: 10,
    lookups: { websiteid: WEBSITE, webpageid: "webpage" },
    relationships: ["webpageaccesscontrolrule_webrole"],
  },
  {
    key: "tablepermission",
    logicalName: "adx_entitypermission",
    entitySet: "adx_entitypermissions",
    name: "entityname",
    standard: { folder: "table-permissions", suffix: "tablepermission" },
    enhanced: { folder: "table-permissions", suffix: "tablepermission" },
    componentType: 17,
    lookups: { websiteid: WEBSITE, parententitypermission: "tablepermission" },
    relationships: ["entitypermission_webrole"],
  },
];

/** Fields of the standard model that carry no `adx_` prefix (the note fields of web files, system ones). */
const UNPREFIXED = new Set([
  "annotationid",
  "filename",
  "isdocument",
  "mimetype",
  "objectid",
  "objecttypecode",
  "importsequencenumber",
  "statecode",
  "statuscode",
]);

/** A field's name in a data model: `adx_<field>` in the standard model, the field itself in the enhanced. */
export function column(model: DataModel, table: PagesTable, field: string): string {
  if (field === "id") return model === "standard" ? `adx_${table.logicalName.slice(4)}id` : "id";
  if (model === "enhanced" || UNPREFIXED.has(field)) return field;
  return `adx_${field}`;
}

/** A model's field name back to the unprefixed one (`adx_name` -> `name`, the primary key -> `id`). */
export function unprefixed(model: DataModel, table: PagesTable, name: string): string {
  if (name === column(model, table, "id")) return "id";
  if (model === "standard" && name.startsWith("adx_")) return name.slice(4);
  return name;
}

/** Finds a table by key, logical name, entity set or folder name. */
export function findTable(word: string): PagesTable | undefined {
  const w = word.toLowerCase();
  return PAGES_TABLES.find((t) =>
    t.key === w || t.logicalName === w || t.entitySet === w || t.enhanced.folder === w ||
    t.standard?.folder === w
  );
}

/** The table by key; throws for a key not in the set (a programming error). */
export function table(key: string): PagesTable {
  const t = PAGES_TABLES.find((x) => x.key === key);
  if (!t) throw new Error(`No Power Pages table ${key}.`);
  return t;
}
