/**
 * Catalog: Power Pages site administration through the Power Platform API (`powerpages/...`): list and
 * show sites, start / stop (long-running), the security scan (quick, deep, score, report), the web
 * application firewall and site visibility. Paths from the Power Pages admin API reference
 * (learn.microsoft.com/power-pages/admin/admin-api).
 *
 * @module
 */

import type { Operation, OperationParam } from "./types.ts";

const PAGES_API = "2022-03-01-preview";

const ENV: OperationParam = {
  name: "environmentId",
  in: "path",
  environment: true,
  description: "the environment (-e)",
};
const SITE: OperationParam = {
  name: "websiteId",
  in: "path",
  positional: "WEBSITE_ID",
  required: true,
  description: "the website id (see `ppx pages websites list`)",
};
const SITES = "powerpages/environments/{environmentId}/websites";
const ONE = `${SITES}/{websiteId}`;

function op(
  id: string,
  group: string[],
  name: string,
  summary: string,
  method: Operation["method"],
  path: string,
  extra: Partial<Operation> = {},
): Operation {
  return {
    id,
    group,
    name,
    summary,
    api: "powerplatform",
    method,
    path,
    apiVersion: PAGES_API,
    params: [ENV, SITE],
    body: { kind: "none" },
    example: `ppx ${[...group, name].join(" ")} 0b6a1f2e-5c3d-4e8f-9a01-23456789abcd -e contoso-dev`,
    reference: "Power Pages admin API",
    ...extra,
  };
}

const W = ["pages", "websites"];

/** Site administration. */
export const PAGES_OPERATIONS: Operation[] = [
  op("pages.websites.list", W, "list", "List the Power Pages sites of an environment", "GET", SITES, {
    params: [ENV],
    list: { tokenParam: "$skiptoken" },
    columns: [
      { header: "name", path: "name" },
      { header: "id", path: "id" },
      { header: "url", path: "websiteUrl" },
      { header: "status", path: "status" },
      { header: "model", path: "dataModel" },
    ],
    example: "ppx pages websites list -e contoso-dev",
  }),
  op("pages.websites.get", W, "get", "Show one site (status, URL, data model, visibility)", "GET", ONE, {
    aliases: ["show"],
  }),
  op("pages.websites.start", W, "start", "Start a stopped site", "POST", `${ONE}/start`, {
    longRunning: true,
  }),
  op("pages.websites.stop", W, "stop", "Stop (deactivate) a site", "POST", `${ONE}/stop`, {
    longRunning: true,
    destructive: true,
  }),
  op(
    "pages.websites.scan.quick",
    [...W, "scan"],
    "quick",
    "Run the quick security scan and print its findings",
    "POST",
    `${ONE}/scan/quick/execute`,
    {
      params: [ENV, SITE, {
        name: "lcid",
        in: "query",
        flag: "--lcid",
        description: "language of the report (LCID, e.g. 1033)",
      }],
    },
  ),
  op(
    "pages.websites.scan.deep",
    [...W, "scan"],
    "deep",
    "Start the deep security scan",
    "POST",
    `${ONE}/scan/deep/start`,
    {
      longRunning: true,
    },
  ),
  op(
    "pages.websites.scan.score",
    [...W, "scan"],
    "score",
    "The security score of the last deep scan",
    "GET",
    `${ONE}/scan/deep/getSecurityScore`,
  ),
  op(
    "pages.websites.scan.report",
    [...W, "scan"],
    "report",
    "The report of the last completed deep scan",
    "GET",
    `${ONE}/scan/deep/getLatestCompletedReport`,
  ),
  op(
    "pages.websites.waf.enable",
    [...W, "waf"],
    "enable",
    "Turn the web application firewall on",
    "POST",
    `${ONE}/enableWaf`,
    {
      longRunning: true,
    },
  ),
  op(
    "pages.websites.waf.disable",
    [...W, "waf"],
    "disable",
    "Turn the web application firewall off",
    "POST",
    `${ONE}/disableWaf`,
    {
      longRunning: true,
      destructive: true,
    },
  ),
  op(
    "pages.websites.waf.status",
    [...W, "waf"],
    "status",
    "Whether the firewall is on",
    "GET",
    `${ONE}/getWafStatus`,
  ),
  op(
    "pages.websites.waf.rules",
    [...W, "waf"],
    "rules",
    "The firewall's rules (managed or custom)",
    "GET",
    `${ONE}/getWafRules`,
    {
      params: [ENV, SITE, {
        name: "ruleType",
        in: "query",
        flag: "--rule-type",
        description: "Managed or Custom",
        choices: ["Managed", "Custom"],
      }],
    },
  ),
  op(
    "pages.websites.waf.set-rules",
    [...W, "waf"],
    "set-rules",
    "Replace the firewall's custom rules",
    "PUT",
    `${ONE}/createWafRules`,
    {
      body: { kind: "payload", required: true, description: "the rules, as JSON" },
      destructive: true,
      example:
        `ppx pages websites waf set-rules 0b6a1f2e-5c3d-4e8f-9a01-23456789abcd -e contoso-dev --payload @rules.json`,
    },
  ),
  op(
    "pages.websites.visibility",
    W,
    "visibility",
    "Make a site public or private",
    "PATCH",
    `${ONE}/siteVisibility`,
    {
      body: {
        kind: "flags",
        payload: true,
        fields: [{
          flag: "--visibility",
          key: "siteVisibility",
          type: "string",
          required: true,
          description: "public or private",
          choices: ["Public", "Private"],
        }],
      },
      example:
        "ppx pages websites visibility 0b6a1f2e-5c3d-4e8f-9a01-23456789abcd -e contoso-dev --visibility private",
    },
  ),
];
