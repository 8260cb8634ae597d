/**
 * The emulated solution endpoints of a Dataverse org: the `solutions`, `solutioncomponents`, `importjobs`
 * and `asyncoperations` tables, ExportSolution / ExportSolutionAsync / DownloadSolutionExportData,
 * ImportSolution / ImportSolutionAsync / StageAndUpgradeAsync with jobs that progress over emulator time,
 * PublishAllXml, RetrieveMissingDependencies and RetrieveDependenciesForUninstall. It extends the Dataverse
 * service, so it shares that service's token check, service protection and error envelope.
 *
 * @example
 * ```ts
 * import { dataverseService, solutionsService, startEmulator } from "@pacx/emulator";
 * const dv = dataverseService();
 * const emu = await startEmulator({ services: [dv, solutionsService(dv)] });
 * ```
 *
 * @module
 */

import type { Router } from "../router.ts";
import type { EmulatorCore, EmulatorService } from "../server.ts";
import type { DataverseEmulator } from "../dataverse/service.ts";
import { CODES, DvError } from "../dataverse/errors.ts";
import { type DvRequest, type DvResponse, empty, json } from "../dataverse/http.ts";
import { type ImportFailure, importJobData, type Job, jobState } from "./jobs.ts";
import { buildSolutionZip, type ExportPublisher, inspectZip } from "./zips.ts";
import { DEFAULT_PUBLISHER, type PublisherRow, publisherValues } from "./publishers.ts";

export type { ImportFailure } from "./jobs.ts";
export type { PublisherRow } from "./publishers.ts";

/** A solution row. */
export interface SolutionRow {
  solutionid: string;
  uniquename: string;
  friendlyname: string;
  description?: string | null;
  version: string;
  ismanaged: boolean;
  isvisible: boolean;
  installedon: string;
  /** The publisher's unique name. */
  publisher: string;
  entities: string[];
  zip?: Uint8Array;
}

/** A dependency row as RetrieveMissingDependencies returns it. */
export type DependencyRow = Record<string, unknown>;

/** Knobs of the solutions service. */
export interface SolutionsServiceOptions {
  /** How long an import takes in emulator time, ms (default 30,000). */
  importDurationMs?: number;
  /** How long an async export takes, ms (default 5,000). */
  exportDurationMs?: number;
}

/** An import request as the emulator received it (for tests: the parameters ppx sent). */
export interface ReceivedImport {
  action: string;
  params: Record<string, unknown>;
}

/** The service plus handles for tests. */
export interface SolutionsEmulator extends EmulatorService {
  readonly solutions: Map<string, SolutionRow>;
  /** Publishers by id (DefaultPublisher always among them). */
  readonly publishers: Map<string, PublisherRow>;
  readonly imports: ReceivedImport[];
  /** Components per solution id: `{ objectid, componenttype }`. */
  readonly components: Map<string, { objectid: string; componenttype: number }[]>;
  /** Missing dependencies per solution unique name. */
  readonly missing: Map<string, DependencyRow[]>;
  /** Dependencies blocking uninstall per solution unique name. */
  readonly uninstallBlockers: Map<string, DependencyRow[]>;
  /** Number of PublishAllXml calls. */
  publishCount: number;
  /** Makes the next import fail at the given component. */
  failNextImport(failure: ImportFailure): void;
  /** Adds a solution row; returns its id. */
  addSolution(row: Partial<SolutionRow> & { uniquename: string }): string;
}

const SYSTEM = ["Default", "Active", "Basic"];

/** Builds the solutions service on top of a Dataverse service. */
export function solutionsService(
  dv: DataverseEmulator,
  options: SolutionsServiceOptions = {},
): SolutionsEmulator {
  const solutions = new Map<string, SolutionRow>();
  const publishers = new Map<string, PublisherRow>([[DEFAULT_PUBLISHER.publisherid, {
    ...DEFAULT_PUBLISHER,
  }]]);
  const components = new Map<string, { objectid: string; componenttype: number }[]>();
  const jobs = new Map<string, Job>();
  const exports = new Map<string, { job: Job; zip: Promise<Uint8Array> }>();
  const imports: ReceivedImport[] = [];
  let nextFailure: ImportFailure | undefined;
  let now: () => number = () => Date.now();

  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
  const addSolution: SolutionsEmulator["addSolution"] = (row) => {
    const id = row.solutionid ?? crypto.randomUUID();
    solutions.set(id, {
      solutionid: id,
      friendlyname: row.uniquename,
      version: "1.0.0.0",
      ismanaged: false,
      isvisible: true,
      installedon: iso(now()),
      publisher: "DefaultPublisher",
      entities: [],
      ...row,
    });
    dv.changed();
    return id;
  };
  for (const name of SYSTEM) {
    addSolution({ uniquename: name, isvisible: false, ismanaged: name !== "Default" });
  }

  const byName = (name: string) =>
    [...solutions.values()].find((s) => s.uniquename.toLowerCase() === name.toLowerCase());
  const publisherByName = (name: string) =>
    [...publishers.values()].find((p) => p.uniquename.toLowerCase() === name.toLowerCase());
  const exportPublisher = (name: string): ExportPublisher => {
    const p = publisherByName(name) ?? DEFAULT_PUBLISHER;
    return {
      uniqueName: p.uniquename,
      friendlyName: p.friendlyname,
      customizationPrefix: p.customizationprefix,
      customizationOptionValuePrefix: p.customizationoptionvalueprefix,
      ...(p.description ? { description: p.description } : {}),
    };
  };

  // Solutions, their components and publishers live in `--persist` files as the `$solutions` section.
  dv.persist("solutions", {
    dump: () => ({
      solutions: [...solutions.values()].map(({ zip, ...row }) => ({
        ...row,
        ...(zip ? { zip: zip.toBase64() } : {}),
      })),
      components: Object.fromEntries(components),
      publishers: [...publishers.values()],
    }),
    load: (value) => {
      const v = (value ?? {}) as {
        solutions?: (Omit<SolutionRow, "zip"> & { zip?: string })[];
        components?: Record<string, { objectid: string; componenttype: number }[]>;
        publishers?: PublisherRow[];
      };
      if (Array.isArray(v.publishers)) {
        for (const p of v.publishers) publishers.set(p.publisherid, p);
      }
      if (Array.isArray(v.solutions)) {
        solutions.clear();
        for (const { zip, ...row } of v.solutions) {
          solutions.set(row.solutionid, { ...row, ...(zip ? { zip: Uint8Array.fromBase64(zip) } : {}) });
        }
      }
      if (v.components && typeof v.components === "object") {
        components.clear();
        for (const [id, list] of Object.entries(v.components)) components.set(id, list);
      }
    },
  });

  const service: SolutionsEmulator = {
    name: "dataverse-solutions",
    solutions,
    publishers,
    imports,
    components,
    missing: new Map(),
    uninstallBlockers: new Map(),
    publishCount: 0,
    failNextImport: (failure) => void (nextFailure = failure),
    addSolution,
    register(_router: Router, core: EmulatorCore) {
      now = core.now;
      dv.extend((req, path, root) => handle(req, path, root));
    },
  };

  const solutionJson = (s: SolutionRow) => ({
    solutionid: s.solutionid,
    uniquename: s.uniquename,
    friendlyname: s.friendlyname,
    description: s.description ?? null,
    version: s.version,
    ismanaged: s.ismanaged,
    isvisible: s.isvisible,
    installedon: s.installedon,
    _publisherid_value: (publisherByName(s.publisher) ?? DEFAULT_PUBLISHER).publisherid,
    publisherid: { uniquename: s.publisher },
  });

  const jobJson = (job: Job) => {
    const st = jobState(job, now());
    return {
      asyncoperationid: job.asyncOperationId,
      name: job.name,
      operationtype: job.operationType,
      statecode: st.statecode,
      statuscode: st.statuscode,
      message: st.done && job.failure ? `${job.failure.message} (${job.failure.code})` : null,
      friendlymessage: st.done && job.failure ? job.failure.message : null,
      startedon: iso(job.startedAt),
      completedon: st.completedAt !== undefined ? iso(st.completedAt) : null,
    };
  };

  const importJobJson = (job: Job) => {
    const st = jobState(job, now());
    const solution = byName(job.solutionName ?? "");
    return {
      importjobid: job.importJobId,
      solutionname: job.solutionName,
      name: "Customizations",
      progress: st.progress,
      startedon: iso(job.startedAt),
      completedon: st.completedAt !== undefined ? iso(st.completedAt) : null,
      data: importJobData(job, solution?.entities ?? [], now()),
    };
  };

  const body = (req: DvRequest): Record<string, unknown> => {
    try {
      const value = JSON.parse(req.body || "{}");
      if (value && typeof value === "object" && !Array.isArray(value)) return value;
    } catch { /* reported below */ }
    throw new DvError(400, CODES.payload, "The request body is not a JSON object.");
  };

  const startImport = async (action: string, params: Record<string, unknown>): Promise<DvResponse> => {
    imports.push({ action, params });
    for (const name of ["CustomizationFile", "OverwriteUnmanagedCustomizations", "PublishWorkflows"]) {
      if (params[name] === undefined) {
        throw new DvError(400, CODES.payload, `The parameter '${name}' of ${action} is required.`);
      }
    }
    let bytes: Uint8Array;
    try {
      bytes = Uint8Array.fromBase64(String(params.CustomizationFile));
    } catch {
      throw new DvError(400, CODES.payload, "CustomizationFile is not valid base64.");
    }
    const contents = await inspectZip(bytes);
    const importJobId = typeof params.ImportJobId === "string"
      ? params.ImportJobId.toLowerCase()
      : crypto.randomUUID();
    const job: Job = {
      asyncOperationId: crypto.randomUUID(),
      name: "Import Solution",
      operationType: 103,
      startedAt: now(),
      durationMs: options.importDurationMs ?? 30_000,
      importJobId,
      solutionName: typeof contents === "string" ? "" : contents.uniqueName,
    };
    if (typeof contents === "string") {
      job.failure = {
        componentType: "solutionManifest",
        componentName: "solution",
        code: "0x80048060",
        message: `The import file is invalid. ${contents}`,
        beforeJob: true,
      };
    } else if (nextFailure) {
      job.failure = nextFailure;
      nextFailure = undefined;
    } else {
      job.onSuccess = () => {
        const holding = params.HoldingSolution === true;
        const name = holding ? `${contents.uniqueName}_Upgrade` : contents.uniqueName;
        const existing = byName(name);
        const id = existing?.solutionid ?? crypto.randomUUID();
        // An imported solution brings its publisher (as in Dataverse) when the org does not have it yet.
        const p = contents.publisher;
        if (p && !publisherByName(p.uniqueName)) {
          const publisherid = crypto.randomUUID();
          publishers.set(publisherid, {
            publisherid,
            uniquename: p.uniqueName,
            friendlyname: p.friendlyName,
            customizationprefix: p.customizationPrefix,
            customizationoptionvalueprefix: p.customizationOptionValuePrefix,
            description: null,
          });
        }
        solutions.set(id, {
          solutionid: id,
          uniquename: name,
          friendlyname: contents.friendlyName,
          version: contents.version,
          ismanaged: contents.managed || params.ConvertToManaged === true,
          isvisible: true,
          installedon: iso(now()),
          publisher: p?.uniqueName ?? existing?.publisher ?? DEFAULT_PUBLISHER.uniquename,
          entities: contents.entities,
          zip: bytes,
        });
        components.set(id, contents.entities.map((e) => ({ objectid: e, componenttype: 1 })));
        dv.changed();
      };
    }
    jobs.set(job.asyncOperationId, job);
    if (!job.failure?.beforeJob) jobs.set(`import:${importJobId}`, job);
    return json(200, {
      "@odata.context": "$metadata#Microsoft.Dynamics.CRM.ImportSolutionAsyncResponse",
      AsyncOperationId: job.asyncOperationId,
      ImportJobKey: importJobId,
    });
  };

  const exportZip = (params: Record<string, unknown>) => {
    const name = String(params.SolutionName ?? "");
    const s = byName(name);
    if (!s) throw new DvError(404, CODES.notFound, `The solution ${name} was not found.`);
    if (s.zip && !params.Managed) return Promise.resolve(s.zip);
    return buildSolutionZip({
      uniqueName: s.uniquename,
      friendlyName: s.friendlyname,
      ...(s.description ? { description: s.description } : {}),
      version: s.version,
      managed: params.Managed === true,
      publisher: exportPublisher(s.publisher),
    });
  };

  const query = (records: Record<string, unknown>[], url: URL) => {
    const filter = url.searchParams.get("$filter");
    let out = records;
    if (filter) {
      const clauses = filter.split(/\s+and\s+/i).map((c) => {
        const m = /^\(?\s*([\w.]+)\s+eq\s+(.+?)\s*\)?$/.exec(c.trim());
        if (!m) throw new DvError(400, CODES.badRequest, `The emulator cannot evaluate the filter '${c}'.`);
        const raw = m[2];
        const value = /^'.*'$/.test(raw)
          ? raw.slice(1, -1).replace(/''/g, "'")
          : raw === "true"
          ? true
          : raw === "false"
          ? false
          : /^-?\d+$/.test(raw)
          ? Number(raw)
          : raw;
        return { field: m[1], value };
      });
      out = out.filter((r) =>
        clauses.every((c) => {
          const v = r[c.field];
          return typeof v === "string" && typeof c.value === "string"
            ? v.toLowerCase() === c.value.toLowerCase()
            : v === c.value;
        })
      );
    }
    const select = url.searchParams.get("$select");
    if (select) {
      const fields = select.split(",").map((f) => f.trim());
      out = out.map((r) =>
        Object.fromEntries(Object.entries(r).filter(([k]) => fields.includes(k) || k.endsWith("id")))
      );
    }
    return out;
  };

  const functionArg = (path: string, url: URL, fn: string): string => {
    const m = new RegExp(`^${fn}\\(SolutionUniqueName=(.+)\\)$`).exec(path);
    if (!m) throw new DvError(400, CODES.badRequest, `${fn} requires SolutionUniqueName.`);
    let raw = m[1];
    if (raw.startsWith("@")) raw = url.searchParams.get(raw) ?? "";
    if (!/^'.*'$/.test(raw)) throw new DvError(400, CODES.badRequest, "SolutionUniqueName must be a string.");
    return raw.slice(1, -1).replace(/''/g, "'");
  };

  const checkVersion = (version: unknown): string => {
    if (typeof version !== "string" || !/^\d+(\.\d+){1,3}$/.test(version)) {
      throw new DvError(
        400,
        CODES.validation,
        `The version '${version}' is not in the format major.minor[.build[.revision]].`,
      );
    }
    return version;
  };

  const publisherIdOf = (bind: unknown): string => {
    const m = typeof bind === "string" ? /(?:^|\/)publishers\(([0-9a-fA-F-]{36})\)$/.exec(bind) : null;
    const p = m ? publishers.get(m[1].toLowerCase()) : undefined;
    if (!p) {
      throw new DvError(
        400,
        CODES.payload,
        `publisherid@odata.bind must name an existing publisher as /publishers(<id>), not ${
          JSON.stringify(bind)
        }.`,
      );
    }
    return p.uniquename;
  };

  const createSolution = (req: DvRequest, root: string): DvResponse => {
    const values = body(req);
    const uniquename = values.uniquename;
    if (typeof uniquename !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(uniquename)) {
      throw new DvError(
        400,
        typeof uniquename === "string" ? CODES.validation : CODES.missingAttribute,
        typeof uniquename === "string"
          ? `The solution unique name '${uniquename}' may hold only letters, digits and underscores.`
          : "The attribute uniquename of solution is required.",
      );
    }
    if (typeof values.friendlyname !== "string" || values.friendlyname === "") {
      throw new DvError(400, CODES.missingAttribute, "The attribute friendlyname of solution is required.");
    }
    if (values.version === undefined) {
      throw new DvError(400, CODES.missingAttribute, "The attribute version of solution is required.");
    }
    const version = checkVersion(values.version);
    if (values["publisherid@odata.bind"] === undefined) {
      throw new DvError(
        400,
        CODES.missingAttribute,
        "The attribute publisherid of solution is required: set publisherid@odata.bind to /publishers(<id>).",
      );
    }
    const publisher = publisherIdOf(values["publisherid@odata.bind"]);
    if (byName(uniquename)) {
      throw new DvError(412, CODES.duplicate, "A record with matching key values already exists.");
    }
    const id = addSolution({
      uniquename,
      friendlyname: values.friendlyname,
      description: typeof values.description === "string" ? values.description : null,
      version,
      publisher,
    });
    return written(req, `${root}/solutions(${id})`, () => solutionJson(solutions.get(id)!));
  };

  const written = (req: DvRequest, entityId: string, row: () => Record<string, unknown>): DvResponse => {
    if (/return=representation/i.test(req.headers.get("prefer") ?? "")) {
      return json(201, row(), { "OData-EntityId": entityId, "Preference-Applied": "return=representation" });
    }
    return empty(204, { "OData-EntityId": entityId });
  };

  const handlePublishers = (req: DvRequest, id: string | undefined, root: string): DvResponse | undefined => {
    if (!id) {
      if (req.method === "GET") {
        return json(200, { value: query([...publishers.values()].map((p) => ({ ...p })), req.url) });
      }
      if (req.method !== "POST") return undefined;
      const values = publisherValues(body(req));
      if (publisherByName(values.uniquename)) {
        throw new DvError(412, CODES.duplicate, "A record with matching key values already exists.");
      }
      const publisherid = crypto.randomUUID();
      publishers.set(publisherid, { publisherid, ...values });
      dv.changed();
      return written(req, `${root}/publishers(${publisherid})`, () => ({ ...publishers.get(publisherid)! }));
    }
    const p = publishers.get(id);
    if (!p) throw new DvError(404, CODES.notFound, `publisher With Id = ${id} Does Not Exist`);
    if (req.method === "GET") return json(200, p);
    if (req.method === "PATCH") {
      const values = publisherValues(body(req), p);
      const other = publisherByName(values.uniquename);
      if (other && other.publisherid !== id) {
        throw new DvError(412, CODES.duplicate, "A record with matching key values already exists.");
      }
      for (const s of solutions.values()) if (s.publisher === p.uniquename) s.publisher = values.uniquename;
      publishers.set(id, { publisherid: id, ...values });
      dv.changed();
      return empty(204);
    }
    if (req.method === "DELETE") {
      if (
        id === DEFAULT_PUBLISHER.publisherid ||
        [...solutions.values()].some((s) => s.publisher === p.uniquename)
      ) {
        throw new DvError(
          400,
          CODES.badRequest,
          `The publisher ${p.uniquename} cannot be deleted: it is the default publisher or solutions belong to it.`,
        );
      }
      publishers.delete(id);
      dv.changed();
      return empty(204);
    }
    return undefined;
  };

  const handle = async (req: DvRequest, path: string, root: string): Promise<DvResponse | undefined> => {
    const post = req.method === "POST";
    if (post && (path === "ImportSolutionAsync" || path === "StageAndUpgradeAsync")) {
      return await startImport(path, body(req));
    }
    if (post && path === "ImportSolution") {
      const response = await startImport(path, body(req));
      const job = jobs.get(JSON.parse(response.body!).AsyncOperationId)!;
      // The synchronous action answers when the import is over.
      job.durationMs = 0;
      jobState(job, now());
      if (job.failure) throw new DvError(400, job.failure.code, job.failure.message);
      return empty(204);
    }
    if (post && (path === "ExportSolution" || path === "ExportSolutionAsync")) {
      const params = body(req);
      const zip = exportZip(params);
      if (path === "ExportSolution") {
        return json(200, { ExportSolutionFile: (await zip).toBase64() });
      }
      const job: Job = {
        asyncOperationId: crypto.randomUUID(),
        name: "Export Solution",
        operationType: 202,
        startedAt: now(),
        durationMs: options.exportDurationMs ?? 5_000,
      };
      const exportJobId = crypto.randomUUID();
      jobs.set(job.asyncOperationId, job);
      exports.set(exportJobId, { job, zip });
      return json(200, { AsyncOperationId: job.asyncOperationId, ExportJobId: exportJobId });
    }
    if (post && path === "DownloadSolutionExportData") {
      const id = String(body(req).ExportJobId ?? "").toLowerCase();
      const entry = exports.get(id);
      if (!entry) throw new DvError(404, CODES.notFound, `No export job with id ${id}.`);
      if (!jobState(entry.job, now()).done) {
        throw new DvError(400, CODES.badRequest, "The export job has not completed yet.");
      }
      return json(200, { ExportSolutionFile: (await entry.zip).toBase64() });
    }
    if (post && path === "PublishAllXml") {
      service.publishCount++;
      return empty(204);
    }
    if (req.method === "GET" && path.startsWith("RetrieveMissingDependencies(")) {
      const name = functionArg(path, req.url, "RetrieveMissingDependencies");
      if (!byName(name)) throw new DvError(404, CODES.notFound, `The solution ${name} was not found.`);
      return json(200, { EntityCollection: service.missing.get(name) ?? [] });
    }
    if (req.method === "GET" && path.startsWith("RetrieveDependenciesForUninstall(")) {
      const name = functionArg(path, req.url, "RetrieveDependenciesForUninstall");
      if (!byName(name)) throw new DvError(404, CODES.notFound, `The solution ${name} was not found.`);
      return json(200, { EntityCollection: service.uninstallBlockers.get(name) ?? [] });
    }
    const m =
      /^(solutions|publishers|solutioncomponents|importjobs|asyncoperations)(?:\(([0-9a-fA-F-]{36})\))?$/
        .exec(path);
    if (!m) return undefined;
    const [, table, rawId] = m;
    const id = rawId?.toLowerCase();
    if (table === "solutions") {
      if (!id) {
        if (req.method === "POST") return createSolution(req, root);
        if (req.method !== "GET") return undefined;
        return json(200, { value: query([...solutions.values()].map(solutionJson), req.url) });
      }
      const s = solutions.get(id);
      if (!s) throw new DvError(404, CODES.notFound, `solution With Id = ${id} Does Not Exist`);
      if (req.method === "GET") return json(200, solutionJson(s));
      if (req.method === "DELETE") {
        solutions.delete(id);
        components.delete(id);
        dv.changed();
        return empty(204);
      }
      if (req.method === "PATCH") {
        const patch = body(req);
        if (typeof patch.version === "string") s.version = checkVersion(patch.version);
        if (typeof patch.friendlyname === "string") s.friendlyname = patch.friendlyname;
        if (typeof patch.description === "string") s.description = patch.description;
        dv.changed();
        return empty(204);
      }
      return undefined;
    }
    if (table === "publishers") return handlePublishers(req, id, root);
    if (req.method !== "GET") return undefined;
    if (table === "solutioncomponents") {
      const rows = [...components.entries()].flatMap(([sid, list]) =>
        list.map((c, i) => ({
          solutioncomponentid: `${sid.slice(0, 24)}${String(i).padStart(12, "0")}`,
          _solutionid_value: sid,
          objectid: c.objectid,
          componenttype: c.componenttype,
          rootcomponentbehavior: 0,
        }))
      );
      return json(200, { value: query(rows, req.url) });
    }
    if (table === "importjobs") {
      const list = [...jobs.entries()].filter(([k]) => k.startsWith("import:")).map(([, j]) => j);
      if (!id) return json(200, { value: query(list.map(importJobJson), req.url) });
      const job = jobs.get(`import:${id}`);
      if (!job) throw new DvError(404, CODES.notFound, `importjob With Id = ${id} Does Not Exist`);
      return json(200, importJobJson(job));
    }
    const unique = [...new Set(jobs.values())];
    if (!id) return json(200, { value: query(unique.map(jobJson), req.url) });
    const job = jobs.get(id);
    if (!job) throw new DvError(404, CODES.notFound, `asyncoperation With Id = ${id} Does Not Exist`);
    return json(200, jobJson(job));
  };

  return service;
}
