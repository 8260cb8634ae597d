/** `ppx auth`: sign in, check and print credentials. */

import { Command } from "@commander-js/extra-typings";
import type { App } from "../../app.ts";
import create from "./create.ts";
import { authClient, authDevice } from "./deprecated.ts";
import github from "./github.ts";
import login from "./login.ts";
import logout, { authClear } from "./logout.ts";
import list from "../profile/list.ts";
import use from "../profile/use.ts";
import deleteCommand from "../profile/delete.ts";
import status from "./status.ts";
import token from "./token.ts";
import { rbacAliases } from "../admin_groups/rbac.ts";

/** Builds the auth group. */
export default function auth(app: App) {
  const [roles, assignments] = rbacAliases(app);
  return new Command("auth")
    .description("Sign in (Azure or GitHub), check and print credentials")
    .addCommand(create(app))
    .addCommand(login(app))
    .addCommand(github(app))
    .addCommand(list(app))
    // pac's names: `auth select` (use), `auth who` (status), `auth clear` (sign every profile out).
    .addCommand(use(app).alias("select"))
    .addCommand(deleteCommand(app))
    .addCommand(status(app).alias("who"))
    .addCommand(token(app))
    .addCommand(logout(app))
    .addCommand(authClear(app), { hidden: true })
    .addCommand(roles)
    .addCommand(assignments)
    .addCommand(authDevice(app), { hidden: true })
    .addCommand(authClient(app), { hidden: true });
}
