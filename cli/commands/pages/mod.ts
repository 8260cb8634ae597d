/** `ppx pages`: Power Pages sites in pac's folder layouts — list, download, upload, diff, diff-permissions, convert. */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
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
  for (const build of [list, download, upload, (a: App) => diff(a), (a: App) => diff(a, true), convert]) {
    group.addCommand(build(app) as unknown as Command);
  }
  return group;
}
