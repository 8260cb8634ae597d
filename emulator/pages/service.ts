/**
 * Power Pages in the emulated org: the `organizations` answer with the attachment limits (blocked extensions,
 * largest file) and the file column `filecontent` of powerpagecomponent, moved in blocks through the Web
 * API actions InitializeFileBlocksUpload / UploadBlock / CommitFileBlocksUpload and
 * InitializeFileBlocksDownload / DownloadBlock (base64 JSON bodies, as Dataverse answers them). It extends
 * the Dataverse service, which must be built with `PAGES_SCHEMA` (or a schema holding its tables).
 *
 * @example
 * ```ts
 * import { dataverseService, PAGES_SCHEMA, pagesService, startEmulator } from "@pacx/emulator";
 * const dv = dataverseService({ schema: PAGES_SCHEMA });
 * const emu = await startEmulator({ services: [dv, pagesService(dv)] });
 * ```
 *
 * @module
 */

import type { Router } from "../router.ts";
import type { EmulatorCore, EmulatorService } from "../server.ts";
import type { DataverseEmulator } from "../dataverse/service.ts";
import { CODES, DvError } from "../dataverse/errors.ts";
import { type DvRequest, type DvResponse, json } from "../dataverse/http.ts";

/** Knobs of the Power Pages service. */
export interface PagesServiceOptions {
  /** Extensions (no dot) refused for attachments; default Dataverse's list, e.g. `exe;bat;js`… */
  blockedExtensions?: string[];
  /** Largest file in bytes (default 5 MB, Dataverse's default). */
  maxUploadBytes?: number;
}

/** A stored file column value. */
export interface StoredFile {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

/** The service plus handles for tests. */
export interface PagesEmulator extends EmulatorService {
  /** File column values by `powerpagecomponentid`. */
  readonly files: Map<string, StoredFile>;
  /** Count of actions received, by name (tests check what was sent). */
  readonly actions: Map<string, number>;
  /** Many-to-many links to web roles: `<relationship>:<record id>` -> web role ids. */
  readonly links: Map<string, Set<string>>;
}

/** The many-to-many relationships to web roles of the standard model: entity set -> relationship. */
const ROLE_LINKS: Record<string, { relationship: string; table: string }> = {
  adx_entitypermissions: { relationship: "adx_entitypermission_webrole", table: "adx_entitypermission" },
  adx_webpageaccesscontrolrules: {
    relationship: "adx_webpageaccesscontrolrule_webrole",
    table: "adx_webpageaccesscontrolrule",
  },
};
const LINK_PATH =
  /^(adx_entitypermissions|adx_webpageaccesscontrolrules)\(([0-9a-fA-F-]{36})\)\/([a-z_]+)(?:\(([0-9a-fA-F-]{36})\))?(\/\$ref)?$/;

const DEFAULT_BLOCKED =
  "ade;adp;app;asa;ashx;asmx;asp;bas;bat;cdx;cer;chm;class;cmd;com;config;cpl;crt;csh;dll;exe;fxp;hlp;hta;htr;htw;ida;idc;idq;inf;ins;isp;its;jar;js;jse;ksh;lnk;mad;maf;mag;mam;maq;mar;mas;mat;mau;mav;maw;mda;mdb;mde;mdt;mdw;mdz;msc;msh;msh1;msh1xml;msh2;msh2xml;mshxml;msi;msp;mst;ops;pcd;pif;prf;prg;printer;pst;reg;rem;scf;scr;sct;shb;shs;shtm;shtml;soap;stm;tmp;url;vb;vbe;vbs;vsmacro;vss;vst;vsw;ws;wsc;wsf;wsh"
    .split(";");

const ORG_ID = "00000000-0000-4000-8000-0000000000f0";

/** Builds the Power Pages service on top of a Dataverse service. */
export function pagesService(dv: DataverseEmulator, options: PagesServiceOptions = {}): PagesEmulator {
  const files = new Map<string, StoredFile>();
  const actions = new Map<string, number>();
  const uploads = new Map<string, { id: string; name: string; blocks: Map<string, Uint8Array> }>();
  const downloads = new Map<string, StoredFile>();
  const blocked = (options.blockedExtensions ?? DEFAULT_BLOCKED).map((e) => e.toLowerCase());
  const max = options.maxUploadBytes ?? 5 * 1024 * 1024;

  const body = (req: DvRequest): Record<string, unknown> => {
    try {
      return JSON.parse(req.body || "{}");
    } catch {
      throw new DvError(400, CODES.badRequest, "The request body is not valid JSON.");
    }
  };
  const componentOf = (target: unknown): string => {
    const t = target as Record<string, unknown> | undefined;
    const id = String(t?.powerpagecomponentid ?? "").toLowerCase();
    const table = dv.store.table("powerpagecomponent");
    if (!table?.records.has(id)) {
      throw new DvError(404, CODES.notFound, `powerpagecomponent With Id = ${id} Does Not Exist`);
    }
    return id;
  };

  const links = new Map<string, Set<string>>();
  const exists = (table: string, id: string) => dv.store.table(table)?.records.has(id) === true;
  // Collection-valued navigation of the N:N relationships: read, associate ($ref POST), disassociate.
  const handleLink = (req: DvRequest, m: RegExpExecArray, root: string): DvResponse => {
    const link = ROLE_LINKS[m[1]];
    if (m[3] !== link.relationship) {
      throw new DvError(400, CODES.badRequest, `'${m[3]}' is not a navigation property of ${link.table}.`);
    }
    const id = m[2].toLowerCase();
    if (!exists(link.table, id)) {
      throw new DvError(404, CODES.notFound, `${link.table} With Id = ${id} Does Not Exist`);
    }
    const key = `${link.relationship}:${id}`;
    const set = links.get(key) ?? new Set<string>();
    if (req.method === "GET" && !m[5]) {
      return json(200, {
        "@odata.context": `${root}/$metadata#adx_webroles(adx_webroleid)`,
        value: [...set].sort().map((r) => ({ adx_webroleid: r })),
      });
    }
    if (req.method === "POST" && m[5] && !m[4]) {
      const target = /adx_webroles\(([0-9a-fA-F-]{36})\)$/.exec(String(body(req)["@odata.id"] ?? ""));
      if (!target) {
        throw new DvError(400, CODES.badRequest, "The @odata.id must name an adx_webroles record.");
      }
      const role = target[1].toLowerCase();
      if (!exists("adx_webrole", role)) {
        throw new DvError(404, CODES.notFound, `adx_webrole With Id = ${role} Does Not Exist`);
      }
      set.add(role);
      links.set(key, set);
      return { status: 204, headers: { "OData-Version": "4.0" } };
    }
    if (req.method === "DELETE" && m[5] && m[4]) {
      set.delete(m[4].toLowerCase());
      return { status: 204, headers: { "OData-Version": "4.0" } };
    }
    throw new DvError(405, CODES.badRequest, `${req.method} is not allowed on ${m[0]}.`);
  };

  const handle = (req: DvRequest, path: string, root: string): DvResponse | undefined => {
    const link = LINK_PATH.exec(path);
    if (link) return handleLink(req, link, root);
    if (path === "organizations" && req.method === "GET") {
      // The org row, read-only: the limits a client checks before uploading attachments.
      return json(200, {
        "@odata.context": `${root}/$metadata#organizations`,
        value: [{
          organizationid: ORG_ID,
          name: "ppx emulator",
          blockedattachments: blocked.join(";"),
          maxuploadfilesize: max,
        }],
      });
    }
    const action =
      /^(InitializeFileBlocksUpload|UploadBlock|CommitFileBlocksUpload|InitializeFileBlocksDownload|DownloadBlock)$/
        .exec(path)?.[1];
    if (!action) return undefined;
    if (req.method !== "POST") throw new DvError(405, CODES.badRequest, `${action} is an action: use POST.`);
    actions.set(action, (actions.get(action) ?? 0) + 1);
    const b = body(req);
    switch (action) {
      case "InitializeFileBlocksUpload": {
        if (b.FileAttributeName !== "filecontent") {
          throw new DvError(400, CODES.badRequest, `Unknown file column ${b.FileAttributeName}.`);
        }
        const name = String(b.FileName ?? "");
        const ext = name.includes(".") ? name.split(".").pop()!.toLowerCase() : "";
        if (ext && blocked.includes(ext)) {
          throw new DvError(
            400,
            "0x80043e09",
            `The attachment is either not a valid type or is too large. It cannot be uploaded or downloaded.`,
          );
        }
        const token = crypto.randomUUID();
        uploads.set(token, { id: componentOf(b.Target), name, blocks: new Map() });
        return json(200, { FileContinuationToken: token });
      }
      case "UploadBlock": {
        const upload = uploads.get(String(b.FileContinuationToken));
        if (!upload) throw new DvError(400, CODES.badRequest, "Unknown FileContinuationToken.");
        upload.blocks.set(String(b.BlockId), Uint8Array.fromBase64(String(b.BlockData ?? "")));
        return { status: 204, headers: { "OData-Version": "4.0" } };
      }
      case "CommitFileBlocksUpload": {
        const token = String(b.FileContinuationToken);
        const upload = uploads.get(token);
        if (!upload) throw new DvError(400, CODES.badRequest, "Unknown FileContinuationToken.");
        const parts = (b.BlockList as string[] ?? []).map((id) => {
          const block = upload.blocks.get(id);
          if (!block) throw new DvError(400, CODES.badRequest, `Block ${id} was not uploaded.`);
          return block;
        });
        const size = parts.reduce((n, p) => n + p.byteLength, 0);
        if (size > max) {
          throw new DvError(400, "0x80043e09", `The file is ${size} bytes; the limit is ${max} bytes.`);
        }
        const bytes = new Uint8Array(size);
        let at = 0;
        for (const p of parts) {
          bytes.set(p, at);
          at += p.byteLength;
        }
        uploads.delete(token);
        files.set(upload.id, {
          name: String(b.FileName ?? upload.name),
          mimeType: String(b.MimeType ?? "application/octet-stream"),
          bytes,
        });
        const table = dv.store.table("powerpagecomponent")!;
        dv.store.update(table, upload.id, { filecontent_name: String(b.FileName ?? upload.name) });
        return json(200, { FileId: crypto.randomUUID(), FileSizeInBytes: size });
      }
      case "InitializeFileBlocksDownload": {
        const file = files.get(componentOf(b.Target));
        if (!file) {
          throw new DvError(404, CODES.notFound, "No file attachment found for attribute: filecontent.");
        }
        const token = crypto.randomUUID();
        downloads.set(token, file);
        return json(200, {
          FileContinuationToken: token,
          FileSizeInBytes: file.bytes.byteLength,
          FileName: file.name,
          IsChunkingSupported: true,
        });
      }
      case "DownloadBlock": {
        const file = downloads.get(String(b.FileContinuationToken));
        if (!file) throw new DvError(400, CODES.badRequest, "Unknown FileContinuationToken.");
        const offset = Number(b.Offset ?? 0);
        const length = Number(b.BlockLength ?? file.bytes.byteLength);
        return json(200, { Data: file.bytes.subarray(offset, offset + length).toBase64() });
      }
    }
    return undefined;
  };

  return {
    name: "dataverse-pages",
    files,
    actions,
    links,
    register(_router: Router, _core: EmulatorCore) {
      dv.extend((req, path, root) => Promise.resolve(handle(req, path, root)));
    },
  };
}
