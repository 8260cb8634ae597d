/**
 * Catalog: Copilot Studio (formerly Power Virtual Agents) bots. Microsoft publishes only the quarantine
 * calls, under the `copilotstudio` namespace with api-version 1; the other operations are not in the
 * published reference and use the same namespace (the `powervirtualagents` one is deprecated).
 *
 * @module
 */

import type { BodyField, Operation, OperationParam } from "./types.ts";

const V = "2022-03-01-preview";
const BOTS = "copilotstudio/environments/{environmentId}/bots";
const PERM = "the Power Platform administrator, AI administrator or Global administrator role";
const ENV: OperationParam = {
  name: "environmentId",
  in: "path",
  environment: true,
  description: "the environment (-e)",
};
const BOT: OperationParam = {
  name: "botId",
  in: "path",
  positional: "BOT_ID",
  required: true,
  description: "bot (agent) id",
};
const CHANNEL: OperationParam = {
  name: "channelId",
  in: "path",
  positional: "CHANNEL_ID",
  required: true,
  description: "channel id",
};
const CHANNEL_FIELDS: BodyField[] = [
  {
    flag: "--channel-type",
    key: "channelType",
    type: "string",
    required: true,
    description: "e.g. MsTeams, DirectLine",
  },
  {
    flag: "--configuration",
    key: "configuration",
    type: "json",
    description: "channel configuration, as a JSON object",
  },
  { flag: "--enabled", key: "isEnabled", type: "boolean", description: "enable the channel" },
];

function op(o: Omit<Operation, "api" | "apiVersion" | "permission"> & Partial<Operation>): Operation {
  return { api: "powerplatform", apiVersion: V, permission: PERM, ...o };
}

/** Bots. */
export const BOT_OPERATIONS: Operation[] = [
  op({
    id: "pva.bots.list",
    group: ["pva", "bots"],
    name: "list",
    summary: "List the bots (agents) of an environment",
    method: "GET",
    path: BOTS,
    params: [ENV],
    body: { kind: "none" },
    list: { topParam: "$top" },
    columns: [
      { header: "name", path: "displayName|name|properties.displayName" },
      { header: "id", path: "id|botId|name" },
      { header: "owner", path: "owner.displayName|properties.owner.displayName" },
      { header: "modified", path: "lastModifiedTime|modifiedOn|properties.lastModifiedTime" },
    ],
    example: "ppx pva bots list -e contoso-dev",
    reference: "Not in the published reference; `$top` (the earlier CLI sent `top`)",
  }),
  op({
    id: "pva.bots.get",
    group: ["pva", "bots"],
    name: "get",
    aliases: ["show"],
    summary: "Show a bot",
    method: "GET",
    path: `${BOTS}/{botId}`,
    params: [ENV, BOT],
    body: { kind: "none" },
    example: "ppx pva bots get a7b8c9d0-1e2f-4a3b-8c4d-5e6f7a8b9c0d -e contoso-dev",
  }),
  op({
    id: "pva.bots.publish",
    group: ["pva", "bots"],
    name: "publish",
    summary: "Publish a bot",
    method: "POST",
    path: `${BOTS}/{botId}/publish`,
    params: [ENV, BOT],
    body: {
      kind: "flags",
      payload: true,
      fields: [
        { flag: "--comment", key: "comment", type: "string", description: "release note" },
        { flag: "--locale", key: "locale", type: "string", description: "locale, e.g. en-US" },
        {
          flag: "--channels",
          key: "includedChannels",
          type: "list",
          description: "channels to publish to (comma list)",
        },
      ],
    },
    longRunning: true,
    example: "ppx pva bots publish a7b8c9d0-1e2f-4a3b-8c4d-5e6f7a8b9c0d -e contoso-dev --wait",
  }),
  op({
    id: "pva.bots.unpublish",
    group: ["pva", "bots"],
    name: "unpublish",
    summary: "Unpublish a bot",
    method: "POST",
    path: `${BOTS}/{botId}/unpublish`,
    params: [ENV, BOT],
    body: {
      kind: "flags",
      payload: true,
      fields: [
        { flag: "--comment", key: "comment", type: "string", description: "note" },
        { flag: "--channels", key: "channels", type: "list", description: "channels (comma list)" },
      ],
    },
    longRunning: true,
    destructive: true,
    example: "ppx pva bots unpublish a7b8c9d0-1e2f-4a3b-8c4d-5e6f7a8b9c0d -e contoso-dev --yes",
  }),
  op({
    id: "pva.bots.export",
    group: ["pva", "bots"],
    name: "export",
    summary: "Export a bot to a package",
    method: "POST",
    path: `${BOTS}/{botId}/export`,
    params: [ENV, BOT],
    body: {
      kind: "flags",
      payload: true,
      fields: [
        {
          flag: "--package-format",
          key: "packageFormat",
          type: "string",
          required: true,
          description: "e.g. Zip",
        },
        {
          flag: "--include-analytics",
          key: "includeAnalytics",
          type: "boolean",
          description: "include analytics",
        },
        {
          flag: "--storage-url",
          key: "storageUrl",
          type: "string",
          description: "where to write the package",
        },
      ],
    },
    longRunning: true,
    example:
      "ppx pva bots export a7b8c9d0-1e2f-4a3b-8c4d-5e6f7a8b9c0d -e contoso-dev --package-format Zip --wait",
  }),
  op({
    id: "pva.bots.import",
    group: ["pva", "bots"],
    name: "import",
    summary: "Import a package into a bot",
    method: "POST",
    path: `${BOTS}/{botId}/import`,
    params: [ENV, BOT],
    body: {
      kind: "flags",
      payload: true,
      fields: [
        {
          flag: "--package-url",
          key: "packageUrl",
          type: "string",
          required: true,
          description: "the package",
        },
        {
          flag: "--overwrite",
          key: "overwriteExistingResources",
          type: "boolean",
          description: "overwrite existing resources",
        },
        {
          flag: "--publish-on-completion",
          key: "publishOnCompletion",
          type: "boolean",
          description: "publish when done",
        },
      ],
    },
    longRunning: true,
    destructive: true,
    example:
      "ppx pva bots import a7b8c9d0-1e2f-4a3b-8c4d-5e6f7a8b9c0d -e contoso-dev --package-url https://contoso.blob.core.windows.net/bots/sales-bot.zip --yes --wait",
  }),
  op({
    id: "pva.bots.channels.list",
    group: ["pva", "bots", "channels"],
    name: "list",
    summary: "List a bot's channels",
    method: "GET",
    path: `${BOTS}/{botId}/channels`,
    params: [ENV, BOT],
    body: { kind: "none" },
    list: {},
    columns: [
      { header: "channel", path: "channelType" },
      { header: "id", path: "id" },
      { header: "enabled", path: "isEnabled|configuration.isEnabled" },
    ],
    example: "ppx pva bots channels list a7b8c9d0-1e2f-4a3b-8c4d-5e6f7a8b9c0d -e contoso-dev",
  }),
  op({
    id: "pva.bots.channels.get",
    group: ["pva", "bots", "channels"],
    name: "get",
    summary: "Show one channel",
    method: "GET",
    path: `${BOTS}/{botId}/channels/{channelId}`,
    params: [ENV, BOT, CHANNEL],
    body: { kind: "none" },
    example: "ppx pva bots channels get a7b8c9d0-1e2f-4a3b-8c4d-5e6f7a8b9c0d msteams -e contoso-dev",
  }),
  op({
    id: "pva.bots.channels.enable",
    group: ["pva", "bots", "channels"],
    name: "enable",
    summary: "Add (enable) a channel",
    method: "POST",
    path: `${BOTS}/{botId}/channels`,
    params: [ENV, BOT],
    body: { kind: "flags", payload: true, fields: CHANNEL_FIELDS },
    example:
      "ppx pva bots channels enable a7b8c9d0-1e2f-4a3b-8c4d-5e6f7a8b9c0d -e contoso-dev --channel-type MsTeams --enabled",
  }),
  op({
    id: "pva.bots.channels.update",
    group: ["pva", "bots", "channels"],
    name: "update",
    summary: "Replace a channel's configuration",
    method: "PUT",
    path: `${BOTS}/{botId}/channels/{channelId}`,
    params: [ENV, BOT, CHANNEL],
    body: { kind: "flags", payload: true, fields: CHANNEL_FIELDS },
    example:
      "ppx pva bots channels update a7b8c9d0-1e2f-4a3b-8c4d-5e6f7a8b9c0d msteams -e contoso-dev --channel-type MsTeams --enabled",
    reference: "PUT (the earlier CLI sent POST; its own OpenAPI said PUT)",
  }),
  op({
    id: "pva.bots.channels.disable",
    group: ["pva", "bots", "channels"],
    name: "disable",
    summary: "Remove (disable) a channel",
    method: "DELETE",
    path: `${BOTS}/{botId}/channels/{channelId}`,
    params: [ENV, BOT, CHANNEL],
    body: { kind: "none" },
    destructive: true,
    example:
      "ppx pva bots channels disable a7b8c9d0-1e2f-4a3b-8c4d-5e6f7a8b9c0d msteams -e contoso-dev --yes",
  }),
  op({
    id: "pva.bots.quarantine.status",
    group: ["pva", "bots", "quarantine"],
    name: "status",
    summary: "Is the bot quarantined?",
    method: "GET",
    path: `${BOTS}/{botId}/api/botQuarantine/GetBotQuarantineStatus`,
    apiVersion: "1",
    params: [ENV, BOT],
    body: { kind: "none" },
    example: "ppx pva bots quarantine status a7b8c9d0-1e2f-4a3b-8c4d-5e6f7a8b9c0d -e contoso-dev",
    reference: "Bot Quarantine - Get Bot Quarantine Status (the earlier CLI used .../quarantine/status)",
  }),
  op({
    id: "pva.bots.quarantine.set",
    group: ["pva", "bots", "quarantine"],
    name: "set",
    summary: "Quarantine a bot: its users can no longer use it",
    method: "POST",
    path: `${BOTS}/{botId}/api/botQuarantine/SetAsQuarantined`,
    apiVersion: "1",
    params: [ENV, BOT],
    body: { kind: "none" },
    example: "ppx pva bots quarantine set a7b8c9d0-1e2f-4a3b-8c4d-5e6f7a8b9c0d -e contoso-dev",
    reference: "Bot Quarantine - Set As Quarantined",
  }),
  op({
    id: "pva.bots.quarantine.unset",
    group: ["pva", "bots", "quarantine"],
    name: "unset",
    summary: "Lift a bot's quarantine",
    method: "POST",
    path: `${BOTS}/{botId}/api/botQuarantine/SetAsUnquarantined`,
    apiVersion: "1",
    params: [ENV, BOT],
    body: { kind: "none" },
    example: "ppx pva bots quarantine unset a7b8c9d0-1e2f-4a3b-8c4d-5e6f7a8b9c0d -e contoso-dev",
    reference: "Bot Quarantine - Set As Unquarantined",
  }),
];
