/** `ppx pva`: Copilot Studio (Power Virtual Agents) bots. */

import type { App } from "../../app.ts";
import { groupCommand } from "../../admin/builder.ts";

/** Builds `pva`. */
export default function pva(app: App) {
  return groupCommand(app, "pva", ["pva"], "Copilot Studio agents (bots): bots, channels, quarantine", [], {
    bots: "Bots of an environment: list, get, publish, unpublish, export, import; channels; quarantine",
    channels: "Channels of a bot: list, get, enable, update, disable",
    quarantine: "Quarantine of a bot: status, set, unset",
  });
}
