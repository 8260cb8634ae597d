/** `ppx profile`: list, inspect and manage sign-in profiles (local only; no network). */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import deleteCommand from "./delete.ts";
import list from "./list.ts";
import rename from "./rename.ts";
import setEnv from "./set_env.ts";
import setHost from "./set_host.ts";
import show from "./show.ts";
import use from "./use.ts";

/** Builds the profile group. */
export default function profile(app: App) {
  return new Command("profile")
    .description("List, show, select, rename and delete sign-in profiles")
    .addCommand(list(app))
    .addCommand(show(app))
    .addCommand(use(app))
    .addCommand(deleteCommand(app))
    .addCommand(rename(app))
    .addCommand(setEnv(app))
    .addCommand(setHost(app));
}
