/** `ppx api METHOD PATH`: a raw authenticated request to any endpoint, like `gh api`. */

import { Command, Option } from "@commander-js/extra-typings";
import { normalizeDataverseHost } from "../../lib/dataverse/host.ts";
import { ApiError, PpxError, UsageError } from "../../lib/errors.ts";
import type { App } from "../app.ts";
import type { Context } from "../context.ts";
import { type HostFlag, resolveDataverseHost } from "../dataverse_host.ts";
import type { RunF } from "../kit/leaf.ts";
import { type Cloud, cloudByName, CLOUDS } from "../../lib/auth/entra/clouds.ts";
import { resolveSetting } from "../../lib/config/settings.ts";
import { sendRaw } from "../../lib/http/raw.ts";

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

/** The options `ppx api` parses its argv into (the body already read and parsed). */
export interface ApiOptions {
  /** Upper-case HTTP method. */
  method: string;
  /** As typed: relative to the audience's base, or a URL. */
  path: string;
  /** `--audience`, when given. */
  audience?: string;
  /** `--dataverse-host` / `--host`, or `-e`'s environment, for the dataverse audience. */
  host?: HostFlag;
  /** `--cloud`, when given. */
  cloud?: string;
  /** `-H` headers, by name. */
  headers: Record<string, string>;
  /** The `--data` JSON, when given. */
  json?: unknown;
  /** `-i`: print the status line and headers too. */
  include: boolean;
}

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

/** `-H 'Name: value'` headers by name. */
function parseHeaders(given: string[] | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of given ?? []) {
    const colon = h.indexOf(":");
    if (colon <= 0) throw new UsageError(`-H expects 'Name: value', got '${h}'.`);
    headers[h.slice(0, colon).trim()] = h.slice(colon + 1).trim();
  }
  return headers;
}

/** Builds `ppx api`; `runF` receives the parsed options (tests capture them). */
export default function api(app: App, runF: RunF<ApiOptions> = runApi) {
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
    .addOption(new Option("--host <host>", "alias of --dataverse-host (PACX)").hideHelp())
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
      const headers = parseHeaders(options.header);
      // The request body: inline JSON, `@file.json` or `@-` (stdin); none without --data.
      const json = options.data === undefined
        ? undefined
        : await ctx.input.json(options.data, { label: "--data" });
      await runF({
        method: upper,
        path,
        audience: options.audience,
        host: options.dataverseHost ?? options.host ??
          (options.environment ? { environment: options.environment } : undefined),
        cloud: options.cloud,
        headers,
        json,
        include: options.include === true,
      }, ctx);
    });
}

/**
 * Resolves the URL and audience, sends the request and prints the answer as it came (JSON indented);
 * a status that is not 2xx ends as an ApiError after the body is printed.
 */
export async function runApi(options: ApiOptions, ctx: Context): Promise<void> {
  const t = await target(ctx, options.path, options.audience, options.host, options.cloud);
  const response = await sendRaw(
    { method: options.method, url: t.url, headers: options.headers, json: options.json },
    { http: ctx.http({ audience: t.audience }) },
  );
  const out = ctx.io.stdout;
  if (options.include) {
    out.write(`HTTP/1.1 ${response.status} ${response.statusText}\n`);
    for (const [k, v] of response.headers) out.write(`${k}: ${v}\n`);
    out.write("\n");
  }
  const text = response.text;
  if (text) {
    try {
      out.write(JSON.stringify(JSON.parse(text), null, 2) + "\n");
    } catch {
      out.write(text.endsWith("\n") ? text : text + "\n");
    }
  }
  if (!response.ok) {
    throw new ApiError(
      `${options.method} ${new URL(t.url).host} answered HTTP ${response.status} ${response.statusText}.`,
      { status: response.status, method: options.method },
    );
  }
}
