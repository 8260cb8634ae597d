/**
 * Expected requests of the Power Pages site administration operations, written by hand from the Power
 * Pages admin API reference (merged into the catalog's request table test).
 */

const E = "8d0c4f6e-0000-4000-8000-000000000002";
const W = "5a7e1d2c-3333-4b4c-8d00-000000000003";
const PV = "2022-03-01-preview";
const BASE = `powerpages/environments/${E}/websites`;

const one = (method: string, path: string, extra: Record<string, unknown> = {}) => ({
  input: { environmentId: E, params: { websiteId: W } },
  api: "powerplatform",
  method,
  url: `${BASE}/${W}${path}?api-version=${PV}`,
  ...extra,
});

/** Operation id -> the request it must build. */
export const PAGES_TABLE = {
  "pages.websites.list": {
    input: { environmentId: E },
    api: "powerplatform",
    method: "GET",
    url: `${BASE}?api-version=${PV}`,
  },
  "pages.websites.get": one("GET", ""),
  "pages.websites.start": one("POST", "/start"),
  "pages.websites.stop": one("POST", "/stop"),
  "pages.websites.scan.quick": {
    input: { environmentId: E, params: { websiteId: W, lcid: "1033" } },
    api: "powerplatform",
    method: "POST",
    url: `${BASE}/${W}/scan/quick/execute?api-version=${PV}&lcid=1033`,
  },
  "pages.websites.scan.deep": one("POST", "/scan/deep/start"),
  "pages.websites.scan.score": one("GET", "/scan/deep/getSecurityScore"),
  "pages.websites.scan.report": one("GET", "/scan/deep/getLatestCompletedReport"),
  "pages.websites.waf.enable": one("POST", "/enableWaf"),
  "pages.websites.waf.disable": one("POST", "/disableWaf"),
  "pages.websites.waf.status": one("GET", "/getWafStatus"),
  "pages.websites.waf.rules": {
    input: { environmentId: E, params: { websiteId: W, ruleType: "Custom" } },
    api: "powerplatform",
    method: "GET",
    url: `${BASE}/${W}/getWafRules?api-version=${PV}&ruleType=Custom`,
  },
  "pages.websites.waf.set-rules": {
    input: { environmentId: E, params: { websiteId: W }, payload: { rules: [] } },
    api: "powerplatform",
    method: "PUT",
    url: `${BASE}/${W}/createWafRules?api-version=${PV}`,
    body: { rules: [] },
  },
  "pages.websites.visibility": {
    input: { environmentId: E, params: { websiteId: W }, fields: { "--visibility": "private" } },
    api: "powerplatform",
    method: "PATCH",
    url: `${BASE}/${W}/siteVisibility?api-version=${PV}`,
    body: { siteVisibility: "Private" },
  },
};
