/**
 * Application users of the emulated Dataverse (Web API v9.2): `businessunits` (the root unit),
 * `roles` (the standard security roles of that unit), `systemusers` (application users keyed by
 * `applicationid`: list with `$filter`, create with `businessunitid@odata.bind`, PATCH `isdisabled`) and
 * the `systemuserroles_association` N:N (list, `$ref` add and remove). Registered before the Dataverse
 * service so these entity sets answer here; every other path falls through to it.
 *
 * @example
 * ```ts
 * import { appUsersService, startEmulator } from "@pacx/emulator";
 * const users = appUsersService();
 * const emu = await startEmulator({ services: [users] });
 * await emu.close();
 * ```
 *
 * @module
 */

import type { Router } from "../router.ts";
import { type EmulatorCore, type EmulatorService, odataError } from "../server.ts";

/** An application user. */
export interface EmulatedAppUser {
  systemuserid: string;
  applicationid: string;
  businessunitid: string;
  isdisabled: boolean;
  /** Role ids. */
  roles: Set<string>;
}

/** The service and its state. */
export interface AppUsersEmulator extends EmulatorService {
  /** The root business unit id. */
  readonly businessUnitId: string;
  /** Role name -> id. */
  readonly roles: Map<string, string>;
  /** Users by id. */
  readonly users: Map<string, EmulatedAppUser>;
  /** Mutable at any time. */
  readonly knobs: AppUsersKnobs;
}

const BASE = "/api/data/v9.2";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The standard roles every environment has. */
export const STANDARD_ROLES = [
  "System Administrator",
  "System Customizer",
  "Environment Maker",
  "Basic User",
];

/** Parses `a eq 'x' and b eq <guid> and c eq null` into field -> value (null for `null`). */
function parseFilter(filter: string | null): Map<string, string | null> | undefined {
  const out = new Map<string, string | null>();
  if (!filter) return out;
  for (const part of filter.split(/\s+and\s+/i)) {
    const m = /^\s*(\w+)\s+eq\s+(null|'(?:[^']|'')*'|[0-9a-fA-F-]{36})\s*$/.exec(part);
    if (!m) return undefined;
    out.set(
      m[1],
      m[2] === "null" ? null : m[2].startsWith("'") ? m[2].slice(1, -1).replaceAll("''", "'") : m[2],
    );
  }
  return out;
}

function matches(record: Record<string, unknown>, filter: Map<string, string | null>): boolean {
  for (const [field, value] of filter) {
    const actual = record[field] ?? null;
    if (value === null ? actual !== null : String(actual).toLowerCase() !== value.toLowerCase()) return false;
  }
  return true;
}

/** Behaviour switches. */
export interface AppUsersKnobs {
  /**
   * Answer this many user creations with 400 "application ID not found", as Dataverse does until Entra
   * has propagated a new app to it.
   */
  propagationFailures: number;
}

/** Creates the service. */
export function appUsersService(options: Partial<AppUsersKnobs> = {}): AppUsersEmulator {
  const knobs: AppUsersKnobs = { propagationFailures: 0, ...options };
  const businessUnitId = crypto.randomUUID();
  const roles = new Map(STANDARD_ROLES.map((name) => [name, crypto.randomUUID().toLowerCase()]));
  const users = new Map<string, EmulatedAppUser>();
  let core: EmulatorCore | undefined;

  const userJson = (u: EmulatedAppUser) => ({
    systemuserid: u.systemuserid,
    applicationid: u.applicationid,
    isdisabled: u.isdisabled,
    _businessunitid_value: u.businessunitid,
    fullname: `# ${u.applicationid}`,
  });

  function list(rows: Record<string, unknown>[], url: URL): Response {
    const filter = parseFilter(url.searchParams.get("$filter"));
    if (!filter) return odataError(400, "0x80060888", "The $filter is not supported by the emulator.");
    return Response.json({
      "@odata.context": `${core!.url}${BASE}/$metadata`,
      value: rows.filter((r) => matches(r, filter)),
    });
  }

  async function guard(request: Request, handler: () => Response | Promise<Response>): Promise<Response> {
    const token = /^bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
    if (!token || !(await core!.tokens.verify(token))) {
      return odataError(401, "0x80072560", "The user is not authenticated.");
    }
    return await handler();
  }

  const notFound = (what: string) => odataError(404, "0x80040217", `${what} Does Not Exist`);

  async function users_(request: Request, url: URL): Promise<Response> {
    const rest = url.pathname.slice(`${BASE}/systemusers`.length);
    if (rest === "") {
      if (request.method === "GET") return list([...users.values()].map(userJson), url);
      if (request.method !== "POST") return odataError(405, "0x80060888", "Method not allowed.");
      const input = await request.json().catch(() => ({})) as Record<string, unknown>;
      const appId = String(input.applicationid ?? "");
      const bind = /^\/?businessunits\(([^)]+)\)$/.exec(String(input["businessunitid@odata.bind"] ?? ""));
      if (!GUID.test(appId)) return odataError(400, "0x80040203", "applicationid must be a GUID.");
      if (knobs.propagationFailures > 0) {
        knobs.propagationFailures--;
        return odataError(400, "0x80040216", `The application ID ${appId} was not found in the directory.`);
      }
      if (!bind || bind[1] !== businessUnitId) {
        return odataError(
          400,
          "0x80040203",
          "businessunitid@odata.bind must name an existing business unit.",
        );
      }
      if ([...users.values()].some((u) => u.applicationid.toLowerCase() === appId.toLowerCase())) {
        return odataError(400, "0x80040237", "A record with matching key values already exists.");
      }
      const user: EmulatedAppUser = {
        systemuserid: crypto.randomUUID(),
        applicationid: appId,
        businessunitid: businessUnitId,
        isdisabled: false,
        roles: new Set(),
      };
      users.set(user.systemuserid, user);
      const location = `${core!.url}${BASE}/systemusers(${user.systemuserid})`;
      const representation = /return=representation/i.test(request.headers.get("prefer") ?? "");
      return representation
        ? Response.json(userJson(user), { status: 201, headers: { "OData-EntityId": location } })
        : new Response(null, { status: 204, headers: { "OData-EntityId": location } });
    }
    const m = /^\(([^)]+)\)(?:\/systemuserroles_association(\/\$ref)?)?$/.exec(rest);
    const user = m ? users.get(m[1].toLowerCase()) : undefined;
    if (!m || !user) return notFound("systemuser");
    const nav = rest.includes("/systemuserroles_association");
    if (!nav) {
      if (request.method === "GET") return Response.json(userJson(user));
      if (request.method !== "PATCH") return odataError(405, "0x80060888", "Method not allowed.");
      const input = await request.json().catch(() => ({})) as Record<string, unknown>;
      if (typeof input.isdisabled === "boolean") user.isdisabled = input.isdisabled;
      return new Response(null, { status: 204 });
    }
    if (!m[2]) {
      if (request.method !== "GET") return odataError(405, "0x80060888", "Method not allowed.");
      const rows = [...roles.entries()].filter(([, id]) => user.roles.has(id)).map(([name, roleid]) => ({
        roleid,
        name,
        _businessunitid_value: businessUnitId,
      }));
      return list(rows, url);
    }
    if (request.method === "POST") {
      const input = await request.json().catch(() => ({})) as Record<string, unknown>;
      const id = /roles\(([^)]+)\)$/.exec(String(input["@odata.id"] ?? ""))?.[1]?.toLowerCase();
      if (!id || ![...roles.values()].includes(id)) return notFound("role");
      user.roles.add(id);
      return new Response(null, { status: 204 });
    }
    if (request.method === "DELETE") {
      const id = /roles\(([^)]+)\)/.exec(url.searchParams.get("$id") ?? "")?.[1]?.toLowerCase();
      if (!id || !user.roles.delete(id)) return notFound("role");
      return new Response(null, { status: 204 });
    }
    return odataError(405, "0x80060888", "Method not allowed.");
  }

  return {
    name: "appusers",
    businessUnitId,
    roles,
    users,
    knobs,
    register(router: Router, c: EmulatorCore) {
      core = c;
      router.add(
        "GET",
        `${BASE}/businessunits`,
        (r, m) =>
          guard(r, () =>
            list(
              [{ businessunitid: businessUnitId, name: "root", _parentbusinessunitid_value: null }],
              m.url,
            )),
      );
      router.add("GET", `${BASE}/roles`, (r, m) =>
        guard(r, () =>
          list(
            [...roles.entries()].map(([name, roleid]) => ({
              roleid,
              name,
              _businessunitid_value: businessUnitId,
            })),
            m.url,
          )));
      router.add("*", `${BASE}/systemusers*`, (r, m) => guard(r, () => users_(r, m.url)));
    },
  };
}
