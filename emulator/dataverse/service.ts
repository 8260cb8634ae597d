/**
 * The emulated Dataverse Web API (v9.x) as an emulator service: bearer-token check for the org's audience
 * (the emulator's base URL), WhoAmI, tables, metadata, `$batch`, service protection and persistence.
 *
 * @example
 * ```ts
 * import { startEmulator } from "@pacx/emulator";
 * import { dataverseService } from "@pacx/emulator";
 * const dv = dataverseService({ protection: { latencyMs: 50 } });
 * const emu = await startEmulator({ services: [dv] });
 * const token = await emu.tokens.issue({ aud: emu.url });
 * ```
 *
 * @module
 */

import type { Router } from "../router.ts";
import type { EmulatorCore, EmulatorService } from "../server.ts";
import { ServiceProtection, type ServiceProtectionOptions } from "../faults.ts";
import { handleBatch } from "./batch.ts";
import { CODES, DvError } from "./errors.ts";
import { TableHandlers } from "./handlers.ts";
import { type DvRequest, type DvResponse, json, stableGuid } from "./http.ts";
import { csdl, handleMetadata } from "./metadata.ts";
import { type DataverseSchema, DEFAULT_SCHEMA, normalizeSchema } from "./schema.ts";
import { writeAtomicSync } from "../files.ts";
import { dumpSeed, loadSeed } from "./seed.ts";
import { DataverseStore } from "./store.ts";
import { includedAnnotations, parsePrefer } from "./query.ts";
import { EMULATOR_TENANT_ID } from "../tokens.ts";

/** How to build the Dataverse service. */
export interface DataverseServiceOptions {
  /** Tables (default: account, contact, ppx_project). */
  schema?: DataverseSchema;
  /** Records to start with, `{ "<entityset>": [ … ] }`. */
  seed?: unknown;
  /** A file that keeps the records between runs: loaded at start when it exists, saved after changes. */
  persistPath?: string;
  /** Service protection knobs, or a ServiceProtection shared with other services. */
  protection?: ServiceProtectionOptions | ServiceProtection;
  /** Accept requests without a valid token (default false: 401 like Dataverse). */
  allowAnonymous?: boolean;
  /** Delay before saving after a change, ms (default 200). */
  persistDelayMs?: number;
}

/**
 * Handles Web API paths another emulated service adds to the org (e.g. the solution actions). Returns
 * undefined when the path is not its own; throws DvError for Dataverse-style failures.
 */
export type DataverseExtension = (
  req: DvRequest,
  path: string,
  root: string,
) => Promise<DvResponse | undefined>;

/** The service plus handles for tests and the CLI. */
export interface DataverseEmulator extends EmulatorService {
  /** Adds handlers that run before the table handlers, behind the same auth, protection and errors. */
  extend(extension: DataverseExtension): void;
  readonly store: DataverseStore;
  /** Present once registered. */
  readonly protection: ServiceProtection | undefined;
  /** Saves the records now when persisting. */
  flush(): Promise<void>;
  /** Saves the records now, synchronously (process exit). */
  flushSync(): void;
  /**
   * Keeps another service's state in the persistence file under `$<name>` (loaded at start, saved with
   * the records). A `--data` file may carry the same sections.
   */
  persist(name: string, section: PersistedSection): void;
  /** Tells the service that a persisted section changed (a save follows, debounced like records). */
  changed(): void;
}

/** State another emulated service keeps in the Dataverse persistence file. */
export interface PersistedSection {
  /** A JSON-safe snapshot. */
  dump(): unknown;
  /** Restores a snapshot written by dump. */
  load(value: unknown): void;
}

/** Splits a seed or persistence object into records and `$name` sections. */
function splitSections(value: unknown): { records: unknown; sections: Map<string, unknown> } {
  const sections = new Map<string, unknown>();
  if (!value || typeof value !== "object" || Array.isArray(value)) return { records: value, sections };
  const records: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key.startsWith("$")) sections.set(key.slice(1), v);
    else records[key] = v;
  }
  return { records, sections };
}

const API = /^\/api\/data\/(v9\.\d)(?:\/(.*))?$/;

/** Builds the Dataverse service. Throws SchemaError / SeedError for bad schema or data. */
export function dataverseService(options: DataverseServiceOptions = {}): DataverseEmulator {
  const schema = normalizeSchema(options.schema ?? DEFAULT_SCHEMA);
  let protection: ServiceProtection | undefined = options.protection instanceof ServiceProtection
    ? options.protection
    : undefined;
  let store = new DataverseStore(schema);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dirty = false;
  const persistPath = options.persistPath;
  const extensions: DataverseExtension[] = [];

  const sections = new Map<string, PersistedSection>();
  const loadedSections = new Map<string, unknown>();

  const snapshot = () => {
    const out: Record<string, unknown> = dumpSeed(store);
    for (const [name, section] of sections) out[`$${name}`] = section.dump();
    return JSON.stringify(out) + "\n";
  };
  // Saving is synchronous (see writeAtomicSync): once a change is acknowledged, either it is in the file
  // or `dirty` is set, and any flush — the debounced one, SIGTERM's, the unload one — writes it.
  const save = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!persistPath || !dirty) return;
    writeAtomicSync(persistPath, snapshot());
    dirty = false;
  };
  // Nothing is saved before the file was read at start: a save then would replace it with an empty org.
  let loaded = false;
  const markDirty = () => {
    if (!persistPath || !loaded) return;
    dirty = true;
    timer ??= setTimeout(() => {
      try {
        save();
      } catch {
        // kept dirty: the next change or the final flush tries again
        timer = undefined;
      }
    }, options.persistDelayMs ?? 200);
  };
  const loadSections = (found: Map<string, unknown>) => {
    for (const [name, value] of found) {
      const section = sections.get(name);
      if (section) section.load(value);
      else loadedSections.set(name, value);
    }
  };

  const service: DataverseEmulator = {
    name: "dataverse",
    extend: (extension) => void extensions.push(extension),
    get store() {
      return store;
    },
    get protection() {
      return protection;
    },
    flush: () => {
      try {
        save();
        return Promise.resolve();
      } catch (error) {
        return Promise.reject(error);
      }
    },
    flushSync: save,
    persist: (name, section) => {
      sections.set(name, section);
      if (loadedSections.has(name)) {
        section.load(loadedSections.get(name));
        loadedSections.delete(name);
      }
    },
    changed: markDirty,
    async register(router: Router, core: EmulatorCore) {
      store = new DataverseStore(schema, core.now);
      if (options.seed !== undefined) {
        const seed = splitSections(options.seed);
        loadSeed(store, seed.records);
        loadSections(seed.sections);
      }
      if (persistPath) {
        let text: string | undefined;
        try {
          text = await Deno.readTextFile(persistPath);
        } catch (error) {
          if (!(error instanceof Deno.errors.NotFound)) throw error;
        }
        if (text !== undefined) {
          const persisted = splitSections(JSON.parse(text));
          loadSeed(store, persisted.records);
          loadSections(persisted.sections);
        }
        store.onChange = markDirty;
        loaded = true;
      }
      if (!protection) {
        protection = new ServiceProtection(
          options.protection instanceof ServiceProtection ? {} : options.protection ?? {},
          core.now,
        );
      }
      core.use(protection.middleware);
      const orgId = stableGuid(`org:${crypto.randomUUID()}`);
      const businessUnitId = stableGuid(`bu:${orgId}`);
      const tables = new TableHandlers(store, () => core.url, "/api/data/v9.2", protection);

      const errorResponse = (error: unknown, prefer: string | null = null): DvResponse => {
        const e = error instanceof DvError ? error : new DvError(
          500,
          CODES.unexpected,
          `An unexpected error occurred: ${error instanceof Error ? error.message : error}`,
        );
        return json(e.status, { error: { code: e.code, message: e.message, ...errorDetails(e, prefer) } }, {
          REQ_ID: crypto.randomUUID(),
        });
      };

      const dispatch = async (req: DvRequest): Promise<DvResponse> => {
        try {
          const m = API.exec(req.url.pathname);
          if (!m) {
            throw new DvError(
              404,
              CODES.resourceNotFound,
              `Resource not found for the segment '${req.url.pathname}'.`,
            );
          }
          const root = `${core.url}/api/data/${m[1]}`;
          let path: string;
          try {
            path = decodeURIComponent(m[2] ?? "");
          } catch {
            throw new DvError(400, CODES.badRequest, "The request URL is not correctly percent-encoded.");
          }
          if (path === "" || path === "$metadata") {
            if (path === "") return json(200, { "@odata.context": `${root}/$metadata`, value: [] });
            return {
              status: 200,
              headers: { "Content-Type": "application/xml", "OData-Version": "4.0" },
              body: csdl(store),
            };
          }
          if (path === "WhoAmI()" || path === "WhoAmI") {
            if (req.method !== "GET") {
              throw new DvError(405, CODES.badRequest, "WhoAmI is a function: use GET.");
            }
            const oid = String(req.principal.oid ?? "anonymous");
            return json(200, {
              "@odata.context": `${root}/$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
              BusinessUnitId: businessUnitId,
              UserId: stableGuid(`user:${oid}`),
              OrganizationId: orgId,
            });
          }
          if (path.startsWith("EntityDefinitions")) return handleMetadata(req, path, store, root);
          if (path === "$batch") throw new DvError(400, CODES.badRequest, "Batches cannot be nested.");
          for (const extension of extensions) {
            const answer = await extension(req, path, root);
            if (answer) return answer;
          }
          return await tables.handle(req, path);
        } catch (error) {
          return errorResponse(error, req.headers.get("prefer"));
        }
      };

      const handler = async (request: Request): Promise<Response> => {
        const url = new URL(request.url);
        const principal = await authenticate(request, core, options.allowAnonymous === true);
        if (!principal) {
          return Response.json({
            error: {
              code: "",
              message:
                "The request is not authorized: the bearer token is missing, invalid, expired, or for another audience.",
            },
          }, {
            status: 401,
            headers: {
              "WWW-Authenticate":
                `Bearer authorization_uri=${core.url}/${EMULATOR_TENANT_ID}/oauth2/authorize, resource_id=${core.url}/`,
              "OData-Version": "4.0",
            },
          });
        }
        const body = await request.text();
        const req: DvRequest = { method: request.method, url, headers: request.headers, body, principal };
        let result: { status: number; headers: Record<string, string>; body?: string };
        if (/^\/api\/data\/v9\.\d\/\$batch$/.test(url.pathname) && request.method === "POST") {
          try {
            result = await handleBatch(
              req,
              dispatch,
              store,
              "/api/data/v9.2",
              (n) => protection!.operations(n),
              errorResponse,
            );
          } catch (error) {
            result = errorResponse(error);
          }
        } else {
          await protection!.operations(1);
          result = await dispatch(req);
        }
        return new Response(result.body ?? null, { status: result.status, headers: result.headers });
      };
      router.add("*", "/api/data/:version", handler);
      router.add("*", "/api/data/:version/*", handler);
    },
  };
  return service;
}

async function authenticate(
  request: Request,
  core: EmulatorCore,
  allowAnonymous: boolean,
): Promise<Record<string, unknown> | undefined> {
  const header = request.headers.get("authorization") ?? "";
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) return allowAnonymous ? {} : undefined;
  const payload = await core.tokens.verify(m[1], core.url);
  return payload ? payload as Record<string, unknown> : allowAnonymous ? {} : undefined;
}

/**
 * The annotations Dataverse adds to an error when asked with `Prefer: odata.include-annotations` (`*` or
 * `Microsoft.PowerApps.CDS.*`); clients must cope with them, so the emulator sends them too.
 */
function errorDetails(e: DvError, prefer: string | null): Record<string, string> {
  const wanted = includedAnnotations(parsePrefer(prefer));
  const hex = e.code.replace(/^0x/, "");
  const details: Record<string, string> = {
    "@Microsoft.PowerApps.CDS.ErrorDetails.OperationStatus": "0",
    "@Microsoft.PowerApps.CDS.ErrorDetails.SubErrorCode": String(hex ? parseInt(hex, 16) | 0 : 0),
    "@Microsoft.PowerApps.CDS.HelpLink":
      `http://go.microsoft.com/fwlink/?LinkID=398563&error=Microsoft.Crm.CrmException%3a${hex}&client=platform`,
    "@Microsoft.PowerApps.CDS.TraceText": "",
    "@Microsoft.PowerApps.CDS.InnerError.Message": e.message,
  };
  return Object.fromEntries(Object.entries(details).filter(([name]) => wanted(name.slice(1))));
}
