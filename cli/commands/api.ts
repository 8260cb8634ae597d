/** `ppx api METHOD PATH`: a raw authenticated request to any endpoint, like `gh api`. */

import { Command, Option } from "@commander-js/extra-typings";
import { normalizeDataverseHost } from "../../lib/dataverse/host.ts";
import { ApiError, PpxError, UsageError } from "../../lib/errors.ts";
import type { App } from "../app.ts";
import type { Context } from "../context.ts";
import { type HostFlag, resolveDataverseHost } from "../dataverse_host.ts";
import { type Cloud, cloudByName, CLOUDS } from "../../lib/auth/entra/clouds.ts";
import { resolveSetting } from "../../lib/config/settings.ts";

/** Well-known audiences: base URL and token audience, in the given cloud. */
export function audiences(cloud: Cloud = CLOUDS.public): Record<string, { base?: string; audience: string }> {
  return {
    powerplatform: { base: cloud.powerPlatform, audience: cloud.powerPlatform },
    bap: { base: cloud.bapApi, audience: cloud.bap },
    graph: { base: cloud.graph, audience: cloud.graph },
    keyvault: { audience: cloud.keyVault },
  };
}

/** The public cloud's audiences (the names `--audience` accepts). */
export const AUDIENCES: Record<string, { base?: string; audience: string }> = audiences();

const METHODS = ["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"];
const RETRIED = new Set([429, 502, 503, 504]);
const PASS_THROUGH = Array.from({ length: 500 }, (_, i) => i + 100).filter((s) => !RETRIED.has(s));

interface Target {
  url: string;
  audience: string;
}

async function target(
  ctx: Context,
  path: string,
  audienceFlag: string | undefined,
  hostFlag: HostFlag | undefined,
  cloudFlag: string | undefined,
): Promise<Target> {
  const absolute = /^https?:\/\//i.test(path);
  const name = audienceFlag ?? (absolute ? undefined : "dataverse");
  if (name === "dataverse") {
    const org = await resolveDataverseHost(ctx, hostFlag);
    if (absolute) return { url: path, audience: org.audience };
    const rel = path.startsWith("/") ? path : `/api/data/v9.2/${path}`;
    return { url: `${org.url}${rel}`, audience: org.audience };
  }
  if (name && AUDIENCES[name]) {
    const known = audiences(await cloudOf(ctx, cloudFlag))[name];
    if (absolute) return { url: path, audience: known.audience };
    if (!known.base) {
      throw new UsageError(
        `--audience ${name} needs a full URL as PATH (e.g. https://myvault.vault.azure.net/secrets/x).`,
      );
    }
    return { url: `${known.base}${path.startsWith("/") ? "" : "/"}${path}`, audience: known.audience };
  }
  if (name && /^https?:\/\//i.test(name)) {
    const base = normalizeDataverseHost(name);
    return { url: absolute ? path : `${base.url}${path.startsWith("/") ? "" : "/"}${path}`, audience: name };
  }
  if (name) {
    throw new UsageError(`Unknown audience '${name}'.`, {
      hint: `Use dataverse, ${Object.keys(AUDIENCES).join(", ")}, or a URL.`,
    });
  }
  const url = new URL(path);
  normalizeDataverseHost(url.origin); // refuses plain http to non-loopback hosts
  return { url: path, audience: url.origin };
}

/** The cloud: --cloud, else the selected profile's or config.json's `cloud`, else public. */
async function cloudOf(ctx: Context, flag: string | undefined): Promise<Cloud> {
  if (flag) return cloudByName(flag);
  let doc;
  try {
    doc = await ctx.config();
  } catch (error) {
    if (error instanceof PpxError && error.code === "config.no-home") return CLOUDS.public;
    throw error;
  }
  const value =
    resolveSetting("cloud", { doc, env: ctx.env, flags: { "--profile": ctx.globals.profile } }).value;
  return cloudByName(typeof value === "string" ? value : undefined);
}

/** The request body: inline JSON, `@file.json` or `@-` (stdin); none without --data. */
async function body(ctx: Context, data: string | undefined): Promise<unknown> {
  if (data === undefined) return undefined;
  return await ctx.input.json(data, { label: "--data" });
}

/** Builds `ppx api`. */
export default function api(app: App) {
  return new Command("api")
    .description("Send an authenticated request to any endpoint and print the answer (like `gh api`)")
    .argument("<method>", `HTTP method (${METHODS.join(", ")})`)
    .argument(
      "<path>",
      "path relative to the audience's base (Dataverse: relative to /api/data/v9.2/), or a URL",
    )
    .addOption(
      new Option(
        "--audience <audience>",
        "dataverse (default), powerplatform, bap, graph, keyvault, or a URL",
      ),
    )
    .option("--data <json>", "JSON body: inline, @file.json, or @- for stdin")
    .option(
      "-H, --header <header>",
      "extra request header 'Name: value' (repeatable)",
      (v, prev: string[] = []) => [...prev, v],
    )
    .option("-i, --include", "print the status line and response headers too")
    .option("--dataverse-host <host>", "org host or URL for the dataverse audience (env: DATAVERSE_HOST)")
    .option(
      "-e, --environment <env>",
      "environment (id, URL, unique or display name) whose Dataverse host to use",
    )
    .option(
      "--cloud <cloud>",
      "cloud of the powerplatform, bap, graph and keyvault audiences: public, usgov, usgovhigh, usgovdod, " +
        "china (default: the profile's)",
    )
    .action(async (method, path, options, command) => {
      const ctx = app.context(command);
      const upper = method.toUpperCase();
      if (!METHODS.includes(upper)) {
        throw new UsageError(`Unknown method '${method}'.`, { hint: `Use ${METHODS.join(", ")}.` });
      }
      const t = await target(
        ctx,
        path,
        options.audience,
        options.dataverseHost ?? (options.environment ? { environment: options.environment } : undefined),
        options.cloud,
      );
      const headers: Record<string, string> = {};
      for (const h of options.header ?? []) {
        const colon = h.indexOf(":");
        if (colon <= 0) throw new UsageError(`-H expects 'Name: value', got '${h}'.`);
        headers[h.slice(0, colon).trim()] = h.slice(colon + 1).trim();
      }
      if (t.url.includes("/api/data/")) {
        headers["OData-MaxVersion"] ??= "4.0";
        headers["OData-Version"] ??= "4.0";
        headers.Accept ??= "application/json";
      }
      const json = await body(ctx, options.data);
      const http = ctx.http({ audience: t.audience });
      const response = await http.send(upper, t.url, { headers, json, allowStatus: PASS_THROUGH });
      const out = ctx.io.stdout;
      if (options.include) {
        out.write(`HTTP/1.1 ${response.status} ${response.statusText}\n`);
        for (const [k, v] of response.headers) out.write(`${k}: ${v}\n`);
        out.write("\n");
      }
      const text = await response.text();
      if (text) {
        try {
          out.write(JSON.stringify(JSON.parse(text), null, 2) + "\n");
        } catch {
          out.write(text.endsWith("\n") ? text : text + "\n");
        }
      }
      if (!response.ok) {
        throw new ApiError(
          `${upper} ${new URL(t.url).host} answered HTTP ${response.status} ${response.statusText}.`,
          {
            status: response.status,
            method: upper,
          },
        );
      }
    });
}
