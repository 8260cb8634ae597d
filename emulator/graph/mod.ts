/**
 * The emulated Microsoft Graph v1.0 for app registrations: `applications` (list with `$filter` on
 * `appId` or `displayName`, create, delete), their `federatedIdentityCredentials` (list, create with
 * Graph's checks: 20 at most, unique name, unique issuer+subject; delete) and `servicePrincipals`
 * (list by appId, create). Bearer tokens must be the emulator's, for `https://graph.microsoft.com`.
 * `knobs.denyWrites` answers writes with Graph's 403 `Authorization_RequestDenied`, as for a caller
 * without Application.ReadWrite.All.
 *
 * @example
 * ```ts
 * import { graphService, startEmulator } from "@pacx/emulator";
 * const graph = graphService();
 * const emu = await startEmulator({ services: [graph] });
 * await emu.close();
 * ```
 *
 * @module
 */

import type { Router } from "../router.ts";
import { type EmulatorCore, type EmulatorService, odataError } from "../server.ts";

/** An app registration. */
export interface GraphApp {
  id: string;
  appId: string;
  displayName: string;
  signInAudience: string;
  tags: string[];
  createdDateTime: string;
  federatedIdentityCredentials: GraphFederatedCredential[];
}

/** A federated identity credential. */
export interface GraphFederatedCredential {
  id: string;
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
  description: string | null;
}

/** Behaviour switches. */
export interface GraphKnobs {
  /** Refuse every write with 403 Authorization_RequestDenied. */
  denyWrites: boolean;
  /** Refuse creating service principals (400), to provoke a failure midway through a client's changes. */
  failServicePrincipals: boolean;
}

/** The Graph service and its state. */
export interface GraphEmulator extends EmulatorService {
  /** Applications by object id. */
  readonly applications: Map<string, GraphApp>;
  /** Service principals: appId -> object id. */
  readonly servicePrincipals: Map<string, string>;
  /** Mutable at any time. */
  readonly knobs: GraphKnobs;
}

const GRAPH_AUDIENCE = "https://graph.microsoft.com";

function appJson(app: GraphApp): Record<string, unknown> {
  const { federatedIdentityCredentials: _f, ...rest } = app;
  return rest;
}

/** Parses `field eq 'value'`. */
function eqFilter(filter: string | null): { field: string; value: string } | undefined {
  if (!filter) return undefined;
  const m = /^\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*$/.exec(filter);
  return m ? { field: m[1], value: m[2].replaceAll("''", "'") } : undefined;
}

/** Creates the Graph service. */
export function graphService(knobs: Partial<GraphKnobs> = {}): GraphEmulator {
  const applications = new Map<string, GraphApp>();
  const servicePrincipals = new Map<string, string>();
  const state = { denyWrites: false, failServicePrincipals: false, ...knobs };
  let core: EmulatorCore | undefined;

  const denied = () =>
    odataError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");

  async function guard(request: Request, handler: () => Response | Promise<Response>): Promise<Response> {
    const token = /^bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
    if (!token || !(await core!.tokens.verify(token, GRAPH_AUDIENCE))) {
      return odataError(401, "InvalidAuthenticationToken", "Access token validation failure.");
    }
    if (request.method !== "GET" && state.denyWrites) return denied();
    return await handler();
  }

  async function readBody(request: Request): Promise<Record<string, unknown>> {
    try {
      return await request.json() as Record<string, unknown>;
    } catch {
      return {};
    }
  }

  return {
    name: "graph",
    applications,
    servicePrincipals,
    knobs: state,
    register(router: Router, c: EmulatorCore) {
      core = c;
      router.add("GET", "/v1.0/applications", (r, m) =>
        guard(r, () => {
          const f = eqFilter(m.url.searchParams.get("$filter"));
          const all = [...applications.values()];
          const value = f
            ? all.filter((a) => String((a as unknown as Record<string, unknown>)[f.field] ?? "") === f.value)
            : all;
          return Response.json({ value: value.map(appJson) });
        }));
      router.add("POST", "/v1.0/applications", (r) =>
        guard(r, async () => {
          const input = await readBody(r);
          if (typeof input.displayName !== "string" || !input.displayName) {
            return odataError(400, "Request_BadRequest", "displayName is required.");
          }
          const app: GraphApp = {
            id: crypto.randomUUID(),
            appId: crypto.randomUUID(),
            displayName: input.displayName,
            signInAudience: typeof input.signInAudience === "string" ? input.signInAudience : "AzureADMyOrg",
            tags: Array.isArray(input.tags) ? input.tags.map(String) : [],
            createdDateTime: new Date(c.now()).toISOString(),
            federatedIdentityCredentials: [],
          };
          applications.set(app.id, app);
          return Response.json(appJson(app), { status: 201 });
        }));
      router.add("DELETE", "/v1.0/applications/:id", (r, m) =>
        guard(r, () => {
          const app = applications.get(m.params.id);
          if (!app) {
            return odataError(404, "Request_ResourceNotFound", `Resource '${m.params.id}' does not exist.`);
          }
          applications.delete(app.id);
          servicePrincipals.delete(app.appId);
          return new Response(null, { status: 204 });
        }));
      const fic = "/v1.0/applications/:id/federatedIdentityCredentials";
      router.add("GET", fic, (r, m) =>
        guard(r, () => {
          const app = applications.get(m.params.id);
          if (!app) {
            return odataError(404, "Request_ResourceNotFound", `Resource '${m.params.id}' does not exist.`);
          }
          return Response.json({ value: app.federatedIdentityCredentials });
        }));
      router.add("POST", fic, (r, m) =>
        guard(r, async () => {
          const app = applications.get(m.params.id);
          if (!app) {
            return odataError(404, "Request_ResourceNotFound", `Resource '${m.params.id}' does not exist.`);
          }
          const input = await readBody(r);
          const { name, issuer, subject, audiences } = input;
          if (
            typeof name !== "string" || !/^[A-Za-z0-9_-]{1,120}$/.test(name) || typeof issuer !== "string" ||
            typeof subject !== "string" || !Array.isArray(audiences) || audiences.length !== 1
          ) {
            return odataError(
              400,
              "Request_BadRequest",
              "name, issuer, subject and one audience are required.",
            );
          }
          const list = app.federatedIdentityCredentials;
          if (list.length >= 20) {
            return odataError(400, "Request_BadRequest", "At most 20 federated credentials.");
          }
          if (
            list.some((x) => x.name === name)
          ) {
            return odataError(
              409,
              "Request_MultipleObjectsWithSameKeyValue",
              `A credential named ${name} exists.`,
            );
          }
          if (
            list.some((x) => x.issuer === issuer && x.subject === subject)
          ) {
            return odataError(
              409,
              "Request_MultipleObjectsWithSameKeyValue",
              "Issuer and subject are in use.",
            );
          }
          const credential: GraphFederatedCredential = {
            id: crypto.randomUUID(),
            name,
            issuer,
            subject,
            audiences: audiences.map(String),
            description: typeof input.description === "string" ? input.description : null,
          };
          list.push(credential);
          return Response.json(credential, { status: 201 });
        }));
      router.add("DELETE", `${fic}/:fid`, (r, m) =>
        guard(r, () => {
          const app = applications.get(m.params.id);
          const list = app?.federatedIdentityCredentials ?? [];
          const at = list.findIndex((x) => x.id === m.params.fid || x.name === m.params.fid);
          if (at < 0) {
            return odataError(404, "Request_ResourceNotFound", `Resource '${m.params.fid}' does not exist.`);
          }
          list.splice(at, 1);
          return new Response(null, { status: 204 });
        }));
      router.add("GET", "/v1.0/servicePrincipals", (r, m) =>
        guard(r, () => {
          const f = eqFilter(m.url.searchParams.get("$filter"));
          const value = [...servicePrincipals.entries()]
            .filter(([appId]) => !f || (f.field === "appId" && f.value === appId))
            .map(([appId, id]) => ({ id, appId }));
          return Response.json({ value });
        }));
      router.add("POST", "/v1.0/servicePrincipals", (r) =>
        guard(r, async () => {
          if (state.failServicePrincipals) {
            return odataError(
              400,
              "Request_BadRequest",
              "The service principal could not be created (knob).",
            );
          }
          const input = await readBody(r);
          const appId = String(input.appId ?? "");
          if (![...applications.values()].some((a) => a.appId === appId)) {
            return odataError(400, "Request_BadRequest", `No application has appId '${appId}'.`);
          }
          if (servicePrincipals.has(appId)) {
            return odataError(
              409,
              "Request_MultipleObjectsWithSameKeyValue",
              "The service principal exists.",
            );
          }
          const id = crypto.randomUUID();
          servicePrincipals.set(appId, id);
          return Response.json({ id, appId }, { status: 201 });
        }));
    },
  };
}
