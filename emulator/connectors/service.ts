/**
 * The emulated custom-connector APIs, both families ppx speaks:
 * - the PowerApps resource provider paconn uses (`{emulator}/providers/Microsoft.PowerApps/apis`,
 *   `objectIds/{oid}/generateResourceStorage`, `objectIds/{oid}/validateApiSwagger`, api-version 2016-11-01),
 *   with a blob store for icons and scripts reached through a SAS URL (`{emulator}/blobstore/...`);
 * - the Power Platform API's connectivity endpoints (`{emulator}/connectivity/environments/
 *   {env}/customConnectors[/{name}[:validate|/runtimeStatus]]`, api-version 2022-03-01-preview).
 * Both see one registry per environment and sit at the emulator's root like the other admin APIs (point
 * PPX_POWERAPPS_URL and PPX_POWERPLATFORM_URL at the emulator). Client secrets are accepted and never
 * returned. Any token the emulator issued is accepted unless `strictAudience` asks for the right audience.
 *
 * @example
 * ```ts
 * import { connectorsService, startEmulator } from "@pacx/emulator";
 * const connectors = connectorsService();
 * const emu = await startEmulator({ services: [connectors] });
 * console.log(emu.url); // PPX_POWERAPPS_URL and PPX_POWERPLATFORM_URL
 * await emu.close();
 * ```
 *
 * @module
 */

import type { Router } from "../router.ts";
import type { EmulatorCore, EmulatorService } from "../server.ts";
import { ConnectorStore, type StoredConnector } from "./store.ts";

/** How to build the service. */
export interface ConnectorsServiceOptions {
  /** Audience of PowerApps RP tokens (default `https://service.powerapps.com/`). */
  powerAppsAudience?: string;
  /** Audience of Power Platform API tokens (default `https://api.powerplatform.com`). */
  powerPlatformAudience?: string;
  /** Refuse tokens whose audience is not the family's (default: any token the emulator issued). */
  strictAudience?: boolean;
  /** Serve the Power Platform connectivity endpoints (default true; false mimics a tenant without them). */
  connectivity?: boolean;
  /** Items per page of a list (default 50). */
  pageSize?: number;
}

/** The service with its registry, for tests and seeding. */
export interface ConnectorsEmulator extends EmulatorService {
  readonly store: ConnectorStore;
  /** Requests the service answered, `METHOD path` (with query), for tests that count calls. */
  readonly requests: string[];
}

const POWERAPPS = "/providers/Microsoft.PowerApps";
const CONNECTIVITY = "/connectivity/environments/:env/customConnectors";
const POWERAPPS_VERSIONS = ["2016-11-01", "2020-06-01", "2021-02-01"];
const CONNECTIVITY_VERSIONS = ["2022-03-01-preview"];

function error(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

/** Builds the connectors service. */
export function connectorsService(options: ConnectorsServiceOptions = {}): ConnectorsEmulator {
  const store = new ConnectorStore();
  const requests: string[] = [];
  const pageSize = options.pageSize ?? 50;
  let core: EmulatorCore;

  const authorized = async (request: Request, audience: string): Promise<Response | undefined> => {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
    if (!token || !(await core.tokens.verify(token, options.strictAudience ? audience : undefined))) {
      return error(
        401,
        "InvalidAuthenticationToken",
        `The access token is missing, expired or not for ${audience}.`,
      );
    }
    return undefined;
  };
  const apiVersion = (url: URL, accepted: string[]): Response | undefined => {
    const v = url.searchParams.get("api-version");
    if (!v) {
      return error(
        400,
        "MissingApiVersionParameter",
        "The api-version query parameter (?api-version=) is required for all requests.",
      );
    }
    if (!accepted.includes(v)) {
      return error(
        400,
        "InvalidApiVersionParameter",
        `The api-version '${v}' is invalid. The supported versions are '${accepted.join(",")}'.`,
      );
    }
    return undefined;
  };
  const filterEnvironment = (url: URL): string | undefined =>
    /environment\s+eq\s+'([^']+)'/i.exec(url.searchParams.get("$filter") ?? "")?.[1];

  const blobUrl = (container: string, blob: string) => {
    const sig = store.containers.get(container)!;
    return `${core.url}/blobstore/${container}/${
      encodeURIComponent(blob)
    }?sv=2018-03-28&sr=c&sp=rl&sig=${sig}`;
  };
  const saveBlob = (name: string, bytes: Uint8Array, contentType: string): string => {
    const container = `swagger${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;
    store.containers.set(container, crypto.randomUUID().replace(/-/g, ""));
    store.blobs.set(`${container}/${name}`, { bytes, contentType });
    return blobUrl(container, name);
  };

  /** The resource as the service returns it: secrets stripped, swagger as a download link. */
  const view = (c: StoredConnector, family: "powerapps" | "connectivity") => {
    const properties = structuredClone(c.properties);
    delete properties.openApiDefinition;
    const id = family === "powerapps"
      ? `/providers/Microsoft.PowerApps/apis/${c.name}`
      : `/providers/Microsoft.PowerApps/environments/${c.environment}/customConnectors/${c.name}`;
    return {
      name: c.name,
      id,
      type: family === "powerapps" ? "Microsoft.PowerApps/apis" : "Microsoft.PowerApps/customConnectors",
      properties,
    };
  };

  /** Validates and stores an upsert body; returns the stored connector or an error answer. */
  const upsert = (
    env: string,
    body: unknown,
    existing: StoredConnector | undefined,
  ): StoredConnector | Response => {
    const props = (body as { properties?: Record<string, unknown> })?.properties;
    if (!props || typeof props !== "object") {
      return error(400, "InvalidRequestContent", "The request body has no 'properties' object.");
    }
    const definition = props.openApiDefinition ?? existing?.properties.openApiDefinition;
    if (
      !definition || typeof definition !== "object" || (definition as { swagger?: unknown }).swagger !== "2.0"
    ) {
      return error(400, "InvalidSwagger", "properties.openApiDefinition must be a Swagger 2.0 document.");
    }
    const envName = (props.environment as { name?: unknown } | undefined)?.name;
    if (envName !== undefined && String(envName).toLowerCase() !== env.toLowerCase()) {
      return error(
        400,
        "EnvironmentMismatch",
        `properties.environment.name '${envName}' is not the environment '${env}'.`,
      );
    }
    const displayName = props.displayName ?? existing?.properties.displayName;
    if (typeof displayName !== "string" || displayName === "") {
      return error(
        400,
        "MissingDisplayName",
        "properties.displayName is required when a connector is created.",
      );
    }
    const merged: Record<string, unknown> = {
      ...(existing?.properties ?? {}),
      ...structuredClone(props),
      displayName,
    };
    const secret = stripSecrets(merged);
    const swagger = JSON.stringify(definition, null, 2);
    const name = existing?.name ??
      `shared_${slug(displayName)}-5f${crypto.randomUUID().replace(/-/g, "").slice(0, 18)}`;
    const now = new Date(core.now()).toISOString();
    merged.openApiDefinition = definition;
    merged.apiDefinitions = {
      originalSwaggerUrl: saveBlob(
        "apiDefinition.swagger.json",
        new TextEncoder().encode(swagger),
        "application/json",
      ),
    };
    merged.environment = { name: env, id: `/providers/Microsoft.PowerApps/environments/${env}` };
    merged.createdTime = existing?.properties.createdTime ?? now;
    merged.changedTime = now;
    merged.isCustomApi = true;
    const connector = { name, environment: env, properties: merged, swagger };
    store.put(connector);
    if (secret !== undefined) store.secrets.set(name, secret);
    return connector;
  };

  const page = (items: unknown[], url: URL): Record<string, unknown> => {
    const skip = Number(url.searchParams.get("$skiptoken") ?? "0") || 0;
    const top = Number(url.searchParams.get("$top") ?? "0") || 0;
    const size = top > 0 ? Math.min(top, pageSize) : pageSize;
    const slice = items.slice(skip, skip + size);
    const body: Record<string, unknown> = { value: slice };
    if (skip + size < items.length && !(top > 0 && skip + size >= top)) {
      const next = new URL(url);
      next.searchParams.set("$skiptoken", String(skip + size));
      body.nextLink = next.toString();
    }
    return body;
  };

  return {
    name: "connectors",
    store,
    requests,
    register(router: Router, emulator: EmulatorCore) {
      core = emulator;
      const paAudience = options.powerAppsAudience ?? "https://service.powerapps.com/";
      const ppAudience = options.powerPlatformAudience ?? "https://api.powerplatform.com";
      const track = (request: Request, url: URL) =>
        requests.push(`${request.method} ${url.pathname}${url.search}`);

      // PowerApps resource provider (paconn).
      const pa = async (
        request: Request,
        url: URL,
        work: (env: string) => Promise<Response> | Response,
      ): Promise<Response> => {
        track(request, url);
        const denied = await authorized(request, paAudience) ?? apiVersion(url, POWERAPPS_VERSIONS);
        if (denied) return denied;
        const env = filterEnvironment(url);
        if (!env) {
          return error(400, "MissingEnvironmentFilter", "Add $filter=environment eq '<environment id>'.");
        }
        return await work(env);
      };
      router.add(
        "GET",
        `${POWERAPPS}/apis`,
        (request, { url }) =>
          pa(
            request,
            url,
            (env) => Response.json(page(store.list(env).map((c) => view(c, "powerapps")), url)),
          ),
      );
      router.add("POST", `${POWERAPPS}/apis`, (request, { url }) =>
        pa(request, url, async (env) => {
          const result = upsert(env, await request.json().catch(() => undefined), undefined);
          return result instanceof Response
            ? result
            : Response.json(view(result, "powerapps"), { status: 201 });
        }));
      router.add("GET", `${POWERAPPS}/apis/:name`, (request, { url, params }) =>
        pa(request, url, (env) => {
          const c = store.get(env, params.name);
          return c
            ? Response.json(view(c, "powerapps"))
            : error(404, "ApiNotFound", `The API '${params.name}' could not be found.`);
        }));
      router.add(
        "PATCH",
        `${POWERAPPS}/apis/:name`,
        (request, { url, params }) =>
          pa(request, url, async (env) => {
            const existing = store.get(env, params.name);
            if (!existing) return error(404, "ApiNotFound", `The API '${params.name}' could not be found.`);
            const result = upsert(env, await request.json().catch(() => undefined), existing);
            return result instanceof Response ? result : Response.json(view(result, "powerapps"));
          }),
      );
      router.add(
        "DELETE",
        `${POWERAPPS}/apis/:name`,
        (request, { url, params }) =>
          pa(
            request,
            url,
            (env) =>
              store.delete(env, params.name)
                ? new Response(null, { status: 200 })
                : error(404, "ApiNotFound", `The API '${params.name}' could not be found.`),
          ),
      );
      router.add("POST", `${POWERAPPS}/objectIds/:oid/generateResourceStorage`, async (request, { url }) => {
        track(request, url);
        const denied = await authorized(request, paAudience) ?? apiVersion(url, POWERAPPS_VERSIONS);
        if (denied) return denied;
        const container = `upload${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}`;
        const sig = crypto.randomUUID().replace(/-/g, "");
        store.containers.set(container, sig);
        return Response.json({
          sharedAccessSignature: `${core.url}/blobstore/${container}?sv=2018-03-28&sr=c&sp=rcwl&sig=${sig}`,
        });
      });
      router.add("POST", `${POWERAPPS}/objectIds/:oid/validateApiSwagger`, async (request, { url }) => {
        track(request, url);
        const denied = await authorized(request, paAudience) ?? apiVersion(url, POWERAPPS_VERSIONS);
        if (denied) return denied;
        const body = await request.json().catch(() => undefined) as
          | { swagger?: unknown; paths?: unknown }
          | undefined;
        if (body?.swagger !== "2.0" || typeof body.paths !== "object") {
          return error(
            400,
            "SwaggerCertificationFailedWithErrors",
            "The definition is not a Swagger 2.0 document with paths.",
          );
        }
        return Response.json({});
      });

      // The blob store (SAS-authorised, no bearer token).
      const blobAccess = (url: URL, container: string, request?: Request): Response | undefined => {
        if (request?.headers.has("authorization")) store.bearerOnStorage++;
        const sig = store.containers.get(container);
        return sig && url.searchParams.get("sig") === sig ? undefined : error(
          403,
          "AuthenticationFailed",
          "Server failed to authenticate the request: the signature is missing or wrong.",
        );
      };
      router.add("PUT", "/blobstore/:container/:blob", async (request, { url, params }) => {
        track(request, url);
        const denied = blobAccess(url, params.container, request);
        if (denied) return denied;
        if (request.headers.get("x-ms-blob-type") !== "BlockBlob") {
          return error(
            400,
            "MissingRequiredHeader",
            "An HTTP header that's mandatory for this request is not specified: x-ms-blob-type.",
          );
        }
        store.blobs.set(`${params.container}/${params.blob}`, {
          bytes: new Uint8Array(await request.arrayBuffer()),
          contentType: request.headers.get("content-type") ?? "application/octet-stream",
        });
        return new Response(null, { status: 201 });
      });
      router.add("GET", "/blobstore/:container/:blob", (request, { url, params }) => {
        track(request, url);
        const denied = blobAccess(url, params.container, request);
        if (denied) return denied;
        const blob = store.blobs.get(`${params.container}/${params.blob}`);
        return blob
          ? new Response(blob.bytes as Uint8Array<ArrayBuffer>, {
            headers: { "content-type": blob.contentType },
          })
          : error(404, "BlobNotFound", "The specified blob does not exist.");
      });

      if (options.connectivity === false) return;
      // Power Platform API: connectivity.
      const pp = async (
        request: Request,
        url: URL,
        work: () => Promise<Response> | Response,
      ): Promise<Response> => {
        track(request, url);
        return await authorized(request, ppAudience) ?? apiVersion(url, CONNECTIVITY_VERSIONS) ??
          await work();
      };
      router.add(
        "GET",
        CONNECTIVITY,
        (request, { url, params }) =>
          pp(
            request,
            url,
            () => Response.json(page(store.list(params.env).map((c) => view(c, "connectivity")), url)),
          ),
      );
      router.add("POST", CONNECTIVITY, (request, { url, params }) =>
        pp(request, url, async () => {
          const result = upsert(params.env, await request.json().catch(() => undefined), undefined);
          return result instanceof Response
            ? result
            : Response.json(view(result, "connectivity"), { status: 201 });
        }));
      router.add(
        "POST",
        `${CONNECTIVITY}/:name\\:validate`,
        (request, { url, params }) =>
          pp(request, url, async () => {
            if (!store.get(params.env, params.name)) {
              return error(404, "ConnectorNotFound", `The connector '${params.name}' was not found.`);
            }
            const body = await request.json().catch(() => undefined) as {
              properties?: { openApiDefinition?: { swagger?: unknown } };
            } | undefined;
            const ok = body?.properties?.openApiDefinition?.swagger === "2.0";
            return Response.json({
              valid: ok,
              errors: ok ? [] : [{ code: "InvalidSwagger", message: "Not a Swagger 2.0 document." }],
            });
          }),
      );
      router.add(
        "GET",
        `${CONNECTIVITY}/:name/runtimeStatus`,
        (request, { url, params }) =>
          pp(
            request,
            url,
            () =>
              store.get(params.env, params.name)
                ? Response.json({ status: "Ready", lastUpdated: new Date(core.now()).toISOString() })
                : error(404, "ConnectorNotFound", `The connector '${params.name}' was not found.`),
          ),
      );
      router.add("GET", `${CONNECTIVITY}/:name`, (request, { url, params }) =>
        pp(request, url, () => {
          const c = store.get(params.env, params.name);
          return c
            ? Response.json(view(c, "connectivity"))
            : error(404, "ConnectorNotFound", `The connector '${params.name}' was not found.`);
        }));
      router.add(
        "PATCH",
        `${CONNECTIVITY}/:name`,
        (request, { url, params }) =>
          pp(request, url, async () => {
            const existing = store.get(params.env, params.name);
            if (!existing) {
              return error(404, "ConnectorNotFound", `The connector '${params.name}' was not found.`);
            }
            const result = upsert(
              params.env,
              await request.json().catch(() => undefined),
              existing,
            );
            return result instanceof Response ? result : Response.json(view(result, "connectivity"));
          }),
      );
      router.add(
        "DELETE",
        `${CONNECTIVITY}/:name`,
        (request, { url, params }) =>
          pp(
            request,
            url,
            () =>
              store.delete(params.env, params.name)
                ? new Response(null, { status: 204 })
                : error(404, "ConnectorNotFound", `The connector '${params.name}' was not found.`),
          ),
      );
    },
  };
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 30) || "connector";
}

/** Removes OAuth client secrets (the service keeps them to itself); returns the last one seen. */
function stripSecrets(properties: Record<string, unknown>): string | undefined {
  let seen: string | undefined;
  const strip = (params: unknown) => {
    const map = (params ?? {}) as Record<string, { oAuthSettings?: Record<string, unknown> } | undefined>;
    for (const p of Object.values(map)) {
      if (typeof p?.oAuthSettings?.clientSecret === "string") seen = p.oAuthSettings.clientSecret;
      if (p?.oAuthSettings) delete p.oAuthSettings.clientSecret;
    }
  };
  strip(properties.connectionParameters);
  const sets = (properties.connectionParameterSets as { values?: { parameters?: unknown }[] } | undefined)
    ?.values;
  for (const set of sets ?? []) strip(set.parameters);
  return seen;
}
