/**
 * The Power Pages tables of an emulated org: the standard data model's `adx_` tables (with the note table
 * for web-file binaries), the enhanced model's `powerpagesite` / `powerpagecomponent`. Written from the published table references,
 * independently of ppx's own table list, so the emulator cross-checks the product.
 *
 * @module
 */

import {
  type AttributeSchema,
  type DataverseSchema,
  DEFAULT_SCHEMA,
  type TableSchema,
} from "../dataverse/schema.ts";

const s = (logicalName: string, type: AttributeSchema["type"] = "String"): AttributeSchema => ({
  logicalName,
  type,
});
const memo = (logicalName: string) => s(logicalName, "Memo");
const int = (logicalName: string) => s(logicalName, "Integer");
const bool = (logicalName: string) => s(logicalName, "Boolean");
const lookup = (logicalName: string, target: string): AttributeSchema => ({
  logicalName,
  type: "Lookup",
  targets: [target],
});
const site = lookup("adx_websiteid", "adx_website");

function adx(
  name: string,
  set: string,
  attributes: AttributeSchema[],
  primaryName = "adx_name",
): TableSchema {
  return {
    logicalName: `adx_${name}`,
    entitySetName: set,
    primaryIdAttribute: `adx_${name}id`,
    primaryNameAttribute: primaryName,
    attributes,
  };
}

/** The Power Pages tables (both data models) plus `annotation`. */
export const PAGES_SCHEMA_TABLES: TableSchema[] = [
  adx("portallanguage", "adx_portallanguages", [
    s("adx_name"),
    s("adx_languagecode"),
    int("adx_lcid"),
    s("adx_displayname"),
    int("adx_systemlcid"),
  ]),
  adx("website", "adx_websites", [
    s("adx_name"),
    int("adx_website_language"),
    lookup("adx_headerwebtemplateid", "adx_webtemplate"),
    lookup("adx_footerwebtemplateid", "adx_webtemplate"),
    lookup("adx_defaultlanguage", "adx_websitelanguage"),
    s("adx_defaultbotconsumerid"),
    s("adx_primarydomainname"),
  ]),
  adx("publishingstate", "adx_publishingstates", [
    s("adx_name"),
    int("adx_displayorder"),
    bool("adx_isdefault"),
    bool("adx_isvisible"),
    site,
  ]),
  adx("websitelanguage", "adx_websitelanguages", [
    s("adx_name"),
    lookup("adx_portallanguageid", "adx_portallanguage"),
    lookup("adx_publishingstateid", "adx_publishingstate"),
    site,
  ]),
  adx("webtemplate", "adx_webtemplates", [s("adx_name"), memo("adx_source"), s("adx_mimetype"), site]),
  adx("pagetemplate", "adx_pagetemplates", [
    s("adx_name"),
    int("adx_type"),
    s("adx_rewriteurl"),
    s("adx_entityname"),
    s("adx_description"),
    bool("adx_usewebsiteheaderandfooter"),
    bool("adx_isdefault"),
    lookup("adx_webtemplateid", "adx_webtemplate"),
    site,
  ]),
  adx("webpage", "adx_webpages", [
    s("adx_name"),
    s("adx_title"),
    s("adx_partialurl"),
    bool("adx_isroot"),
    int("adx_displayorder"),
    bool("adx_enablerating"),
    bool("adx_enabletracking"),
    bool("adx_excludefromsearch"),
    bool("adx_hiddenfromsitemap"),
    bool("adx_sharedpageconfiguration"),
    int("adx_feedbackpolicy"),
    memo("adx_copy"),
    memo("adx_summary"),
    memo("adx_customcss"),
    memo("adx_customjavascript"),
    lookup("adx_parentpageid", "adx_webpage"),
    lookup("adx_rootwebpageid", "adx_webpage"),
    lookup("adx_masterwebpageid", "adx_webpage"),
    lookup("adx_pagetemplateid", "adx_pagetemplate"),
    lookup("adx_publishingstateid", "adx_publishingstate"),
    lookup("adx_webpagelanguageid", "adx_websitelanguage"),
    site,
  ]),
  adx("webfile", "adx_webfiles", [
    s("adx_name"),
    s("adx_partialurl"),
    int("adx_contentdisposition"),
    bool("adx_enabletracking"),
    bool("adx_excludefromsearch"),
    bool("adx_hiddenfromsitemap"),
    lookup("adx_parentpageid", "adx_webpage"),
    lookup("adx_publishingstateid", "adx_publishingstate"),
    site,
  ]),
  adx("contentsnippet", "adx_contentsnippets", [
    s("adx_name"),
    s("adx_display_name"),
    memo("adx_value"),
    int("adx_type"),
    lookup("adx_contentsnippetlanguageid", "adx_websitelanguage"),
    site,
  ]),
  adx("weblinkset", "adx_weblinksets", [
    s("adx_name"),
    s("adx_title"),
    s("adx_display_name"),
    lookup("adx_websitelanguageid", "adx_websitelanguage"),
    site,
  ]),
  // A web link belongs to its set, not to the website (no adx_websiteid, as in Dataverse).
  adx("weblink", "adx_weblinks", [
    s("adx_name"),
    s("adx_description"),
    int("adx_displayorder"),
    s("adx_externalurl"),
    bool("adx_openinnewwindow"),
    bool("adx_disablepagevalidation"),
    bool("adx_robotsfollowlink"),
    bool("adx_displaypagechildlinks"),
    lookup("adx_weblinksetid", "adx_weblinkset"),
    lookup("adx_pageid", "adx_webpage"),
    lookup("adx_parentweblinkid", "adx_weblink"),
  ]),
  adx("webrole", "adx_webroles", [
    s("adx_name"),
    s("adx_description"),
    bool("adx_anonymoususersrole"),
    bool("adx_authenticatedusersrole"),
    site,
  ]),
  adx("websiteaccess", "adx_websiteaccesses", [
    s("adx_name"),
    bool("adx_manageweblinksets"),
    bool("adx_managecontentsnippets"),
    bool("adx_managesitemarkers"),
    bool("adx_previewunpublishedentities"),
    site,
  ]),
  adx("sitemarker", "adx_sitemarkers", [s("adx_name"), lookup("adx_pageid", "adx_webpage"), site]),
  adx("sitesetting", "adx_sitesettings", [
    s("adx_name"),
    memo("adx_value"),
    s("adx_description"),
    int("adx_source"),
    site,
  ]),
  adx("webpageaccesscontrolrule", "adx_webpageaccesscontrolrules", [
    s("adx_name"),
    s("adx_description"),
    int("adx_right"),
    int("adx_scope"),
    lookup("adx_webpageid", "adx_webpage"),
    site,
  ]),
  adx("entitypermission", "adx_entitypermissions", [
    s("adx_entityname"),
    s("adx_entitylogicalname"),
    int("adx_scope"),
    bool("adx_read"),
    bool("adx_write"),
    bool("adx_create"),
    bool("adx_delete"),
    bool("adx_append"),
    bool("adx_appendto"),
    lookup("adx_parententitypermission", "adx_entitypermission"),
    site,
  ], "adx_entityname"),
  {
    logicalName: "annotation",
    entitySetName: "annotations",
    primaryIdAttribute: "annotationid",
    primaryNameAttribute: "subject",
    attributes: [
      s("subject"),
      s("filename"),
      s("mimetype"),
      memo("documentbody"),
      memo("notetext"),
      bool("isdocument"),
      int("filesize"),
      s("objecttypecode"),
      {
        logicalName: "objectid",
        type: "Lookup",
        targets: ["adx_webfile"],
        navigation: { adx_webfile: "objectid_adx_webfile" },
      },
    ],
  },
  {
    logicalName: "powerpagesite",
    entitySetName: "powerpagesites",
    primaryIdAttribute: "powerpagesiteid",
    primaryNameAttribute: "name",
    attributes: [s("name"), memo("content"), int("datamodelversion")],
  },
  {
    logicalName: "powerpagecomponent",
    entitySetName: "powerpagecomponents",
    primaryIdAttribute: "powerpagecomponentid",
    primaryNameAttribute: "name",
    attributes: [
      s("name"),
      memo("content"),
      int("powerpagecomponenttype"),
      { ...s("filecontent_name"), readOnly: true },
      lookup("powerpagesiteid", "powerpagesite"),
    ],
  },
];

/** The default tables plus the Power Pages ones: what `ppx emulator start` serves. */
export const PAGES_SCHEMA: DataverseSchema = { tables: [...DEFAULT_SCHEMA.tables, ...PAGES_SCHEMA_TABLES] };
