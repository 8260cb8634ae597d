/** `ppx pages`: Power Pages sites in pac's folder layouts — list, download, upload, diff, diff-permissions, convert, websites. */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import { groupCommand } from "../../admin/builder.ts";
import convert from "./convert.ts";
import diff from "./diff.ts";
import download from "./download.ts";
import list from "./list.ts";
import upload from "./upload.ts";

/** Builds the `pages` group. */
export default function pages(app: App) {
  const group = new Command("pages").description(
    "Power Pages sites: list, download, upload (incremental), diff, convert — on pac's folders, both data models",
  );
  for (
    const build of [
      list,
      download,
      upload,
      (a: App) => diff(a),
      (a: App) => diff(a, undefined, true),
      convert,
    ]
  ) {
    group.addCommand(build(app) as unknown as Command);
  }
  group.addCommand(
    groupCommand(
      app,
      "websites",
      ["pages", "websites"],
      "Site administration: list, get, start, stop, scan, waf, visibility",
      [],
      {
        scan: "Security scan: quick, deep, score, report",
        waf: "Web application firewall: enable, disable, status, rules, set-rules",
      },
    ) as unknown as Command,
  );
  return group;
}
