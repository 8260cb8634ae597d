/** `ppx users`: admin roles of users. */

import type { App } from "../../app.ts";
import { groupCommand } from "../../admin/builder.ts";

/** Builds `users`. */
export default function users(app: App) {
  return groupCommand(app, "users", ["users"], "Users' admin roles: admin-role list, apply, remove", [], {
    "admin-role": "Admin roles of users: list, apply (waits), remove (waits)",
  });
}
