/** `ppx config`: where the config file is, and its settings with where each value comes from. */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import get from "./get.ts";
import list from "./list.ts";
import path from "./path.ts";
import set from "./set.ts";
import unset from "./unset.ts";

/** Builds the config group. */
export default function config(app: App) {
  return new Command("config")
    .description("Show the config file path and get, set or list settings")
    .addCommand(path(app))
    .addCommand(get(app))
    .addCommand(set(app))
    .addCommand(unset(app))
    .addCommand(list(app));
}
