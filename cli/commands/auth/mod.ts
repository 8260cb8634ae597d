/** `ppx auth`: sign in, check and print credentials. */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import github from "./github.ts";
import status from "./status.ts";
import token from "./token.ts";

/** Builds the auth group. */
export default function auth(app: App) {
  return new Command("auth")
    .description("Sign in (Azure or GitHub), check and print credentials")
    .addCommand(github(app))
    .addCommand(status(app))
    .addCommand(token(app));
}
