/**
 * `unpack(zip, folder)`: a solution zip into SolutionPackager's source layout (see
 * docs/user-manual/07-solutions.md). Everything is written to a staging folder first; the target
 * changes only when the whole solution was read without error.
 *
 * @module
 */

import { dirname, join } from "node:path";
import { ValidationError } from "../../errors.ts";
import { advised } from "../advice.ts";
import {
  childText,
  detach,
  documentOf,
  empty,
  findChild,
  namespacesInScope,
  setText,
  textOf,
  type XElement,
} from "../xml/dom.ts";
import { parseXmlBytes, parseXmlStream } from "../xml/parse.ts";
import { retryUnpruned, writeXmlBytes } from "../xml/write.ts";
import { openZip, type ZipReader } from "../zip/read.ts";
import { canvasAppOf, expandMsapp } from "./canvas.ts";
import { SPLITTERS } from "./components/registry.ts";
import type { UnpackContext } from "./components/types.ts";
import { assertZipFile, solutionRoots } from "./detect.ts";
import { type FileMap, loadMap } from "./map.ts";
import type { PackagerOptions, PackageType, SolutionInfo } from "./options.ts";
import { canonicalCase, managedName } from "./paths.ts";
import { Pool } from "./pool.ts";
import { type CommitOptions, type CommitResult, Staging } from "./staging.ts";
import { envFrom } from "../../env.ts";

/** Options of unpack. */
export interface UnpackOptions extends PackagerOptions, CommitOptions {}

/** What unpack did. */
export interface UnpackResult extends CommitResult {
  zipfiles: string[];
  folder: string;
  packageType: PackageType;
  solution: SolutionInfo;
  /** Tree paths not written because --map says they live elsewhere. */
  mapped: string[];
  /** Canvas apps expanded to CanvasApps/src/. */
  canvasApps: string[];
}

/** The managed twin of an unmanaged zip path (`x.zip` -> `x_managed.zip`) and back. */
export function bothZips(zipfile: string): { unmanaged: string; managed: string } {
  if (/_managed\.zip$/i.test(zipfile)) {
    return { unmanaged: zipfile.replace(/_managed\.zip$/i, ".zip"), managed: zipfile };
  }
  return { unmanaged: zipfile, managed: zipfile.replace(/(\.zip)?$/i, "_managed.zip") };
}

/** Unpacks a solution zip (or, with packageType Both, the unmanaged and managed pair) into `folder`. */
export function unpack(
  zipfile: string,
  folder: string,
  options: UnpackOptions = {},
): Promise<UnpackResult> {
  // An element-only element inside mixed content keeps its layout whitespace: nothing was committed, so
  // the archive is unpacked again unpruned.
  return retryUnpruned((prune) => unpackWith(zipfile, folder, options, prune));
}

/** unpack; `prune` drops layout whitespace while parsing customizations.xml (see ParseOptions.prune). */
async function unpackWith(
  zipfile: string,
  folder: string,
  options: UnpackOptions,
  prune: boolean,
): Promise<UnpackResult> {
  const map = options.map ? await loadMap(options.map, folder, options.env ?? envFrom({})) : undefined;
  const staging = await Staging.create(folder);
  try {
    let extracted: Extracted;
    let zipfiles: string[];
    if (options.packageType === "Both") {
      const pair = bothZips(zipfile);
      zipfiles = [pair.unmanaged, pair.managed];
      extracted = await extractBoth(pair.unmanaged, pair.managed, staging, map, options, prune);
    } else {
      zipfiles = [zipfile];
      extracted = await extract(zipfile, staging, map, options, undefined, prune);
      const actual: PackageType = extracted.solution.managed === "1" ? "Managed" : "Unmanaged";
      if (options.packageType && options.packageType !== actual) {
        throw advised(
          new ValidationError(
            `${zipfile} is a${
              actual === "Managed" ? " managed" : "n unmanaged"
            } solution, not ${options.packageType.toLowerCase()}.`,
            { hint: `Ask for the ${actual} package type, or leave it out to take the type from the zip.` },
          ),
          { kind: "package-type", actual },
        );
      }
    }
    const keep = new Set(extracted.mapped.map((p) => p.toLowerCase()));
    const committed = await staging.commit(folder, { ...options, keep });
    return {
      zipfiles,
      folder,
      packageType: options.packageType ?? (extracted.solution.managed === "1" ? "Managed" : "Unmanaged"),
      solution: extracted.solution,
      mapped: extracted.mapped,
      canvasApps: extracted.canvasApps,
      ...committed,
    };
  } catch (error) {
    await staging.discard();
    throw error;
  }
}

interface Extracted {
  solution: SolutionInfo;
  mapped: string[];
  canvasApps: string[];
}

/** Unpacks both zips; files that differ in the managed one are written as `<name>_managed.<ext>`. */
async function extractBoth(
  unmanagedZip: string,
  managedZip: string,
  staging: Staging,
  map: FileMap | undefined,
  options: UnpackOptions,
  prune: boolean,
): Promise<Extracted> {
  const u = await extract(unmanagedZip, staging, map, options, "2", prune);
  if (u.solution.managed !== "0") {
    throw advised(
      new ValidationError(`${unmanagedZip} is not an unmanaged solution.`, {
        hint: "For both package types pass the unmanaged zip; its managed twin must sit beside it as " +
          "<name>_managed.zip.",
      }),
      { kind: "both-needs-unmanaged" },
    );
  }
  const second = await Staging.create(join(dirname(staging.dir), "managed"));
  try {
    const m = await extract(managedZip, second, map, options, "2", prune);
    if (m.solution.managed !== "1") {
      throw new ValidationError(`${managedZip} is not a managed solution.`, {
        hint: "Export the solution as managed.",
      });
    }
    for (const rel of second.files) {
      const from = join(second.dir, rel);
      if (staging.has(rel) && await sameFile(from, join(staging.dir, rel))) continue;
      await Deno.rename(from, await staging.reserve(managedName(rel)));
    }
    return { solution: { ...u.solution, managed: "2" }, mapped: u.mapped, canvasApps: u.canvasApps };
  } finally {
    await second.discard();
  }
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([Deno.readFile(a), Deno.readFile(b)]);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** Reads one zip into the staging folder. `managedAs` overrides `<Managed>` (2 for Both trees). */
async function extract(
  zipfile: string,
  staging: Staging,
  map: FileMap | undefined,
  options: UnpackOptions,
  managedAs: string | undefined,
  prune: boolean,
): Promise<Extracted> {
  await assertZipFile(zipfile, "zipfile");
  const zip = await openZip(zipfile, zipfile, options.limits);
  try {
    const roots = solutionRoots(zip.entries, zipfile);
    const solutionDoc = parseXmlBytes(await zip.read(roots.solution), `${zipfile}: solution.xml`);
    const manifest = findChild(solutionDoc.root, "SolutionManifest");
    const managedEl = manifest && findChild(manifest, "Managed");
    const solution: SolutionInfo = {
      uniqueName: manifest && childText(manifest, "UniqueName"),
      version: manifest && childText(manifest, "Version"),
      managed: (managedEl && textOf(managedEl).trim()) || "0",
    };
    if (managedEl && managedAs) setText(managedEl, managedAs);

    // Streamed from the archive: the largest entry of a solution is never held whole, as bytes or text.
    const customDoc = await parseXmlStream(
      zip.chunks(roots.customizations),
      `${zipfile}: customizations.xml`,
      {
        prune,
      },
    );
    const emitted: [string, XElement][] = [];
    const claims = new Map<string, string>();
    const ctx: UnpackContext = {
      entries: zip.entries.map((e) => e.path),
      emit: (path, root) => void emitted.push([path, root]),
      claim: (entry, tree) => void claims.set(entry.toLowerCase(), tree),
      detach: (el, chain) => detach(el, namespacesInScope(chain)),
    };
    for (const child of [...customDoc.root.children]) {
      if (child.kind !== "element") continue;
      const splitter = SPLITTERS.find((s) => s.container.toLowerCase() === child.name.toLowerCase());
      if (splitter?.unpack(child, customDoc.root, ctx)) empty(child);
      // SolutionPackager writes every empty container as `<Roles />`, emptied or not.
      if (child.children.every((c) => c.kind === "text" && /^[ \t\r\n]*$/.test(c.text))) {
        child.children = [];
        child.selfClosing = true;
      }
    }

    // Every file is reserved first, in document order, so a name clash is found before anything is
    // written; then the files are written (see writeAll), spread over their folders (see schedule).
    const mapped: string[] = [];
    const writes: PendingWrite[] = [];
    const later = (path: string, data: PendingWrite["data"]) => {
      if (map?.matches(path)) return void mapped.push(path);
      writes.push({ folder: dirname(path), target: staging.reserveName(path), data });
    };
    later("Other/Solution.xml", () => writeXmlBytes(solutionDoc));
    later("Other/Customizations.xml", () => writeXmlBytes(customDoc));
    for (const [path, root] of emitted) later(path, () => writeXmlBytes(documentOf(root, customDoc.bom)));
    emitted.length = 0;

    const canvas: [ZipReader["entries"][number], string][] = [];
    const skip = new Set([roots.solution, roots.customizations, roots.contentTypes]);
    for (const entry of zip.entries) {
      if (skip.has(entry)) continue;
      const tree = claims.get(entry.path.toLowerCase()) ?? passThrough(entry.path);
      if (map?.matches(tree)) {
        mapped.push(tree);
        continue;
      }
      const app = options.processCanvasApps ? canvasAppOf(tree) : undefined;
      if (app) {
        canvas.push([entry, app]);
        continue;
      }
      // Small entries are inflated in one piece when their turn comes; large ones are streamed.
      later(
        tree,
        () => entry.size <= WHOLE_WRITE ? zip.read(entry) : (target: string) => zip.extractTo(entry, target),
      );
    }
    await writeAll(staging, schedule(writes));
    writes.length = 0;
    const canvasApps: string[] = [];
    for (const [entry, app] of canvas) {
      await expandCanvas(zip, entry, app, staging, options);
      canvasApps.push(app);
    }
    return { solution, mapped, canvasApps };
  } finally {
    zip.close();
  }
}

/** Entries up to this size are inflated whole and written in one call; larger ones are streamed. */
const WHOLE_WRITE = 256 * 1024;
/**
 * Writes in flight at once. Each holds at most one small file's bytes (or streams a large one); enough of
 * them keep both a runtime thread creating files and the main thread serialising the next ones busy.
 */
const WRITES_IN_FLIGHT = 8;

/** A file reserved in the staging folder (Staging.reserveName), not written yet. */
interface PendingWrite {
  folder: string;
  target: string;
  /** Its bytes (made when its turn comes), or a function streaming a large entry into `target`. */
  data(): Uint8Array | Promise<Uint8Array> | ((target: string) => Promise<void>);
}

/**
 * When writes go parallel: after each `window` synchronous writes whose mean time per write exceeds
 * `slowWriteMs`. On an idle file system a small file takes tens of microseconds and the runtime's thread
 * pool would add more than it saves; on a busy one (or on ext4 without a journal, where each create scans
 * past the inodes deleted in the last minute) it takes hundreds, waiting in the kernel, and parallel
 * writes into different folders overlap that. Tests lower both to write in parallel from the start.
 *
 * @internal
 */
export const writeTuning = { window: 128, slowWriteMs: 0.15 };

/**
 * Writes the files: synchronously one after another while that is fast, then (see {@link writeTuning})
 * up to {@link WRITES_IN_FLIGHT} at a time. A failure waits for the writes in flight and is then reported.
 */
async function writeAll(staging: Staging, writes: PendingWrite[]): Promise<void> {
  let i = 0;
  let timed = 0;
  let spent = 0;
  for (; i < writes.length; i++) {
    if (timed === writeTuning.window) {
      if (spent / timed > writeTuning.slowWriteMs) break;
      timed = 0;
      spent = 0;
    }
    const w = writes[i];
    const data = await w.data();
    if (typeof data === "function") {
      await staging.writeReserved(w.target, data);
      continue;
    }
    const start = performance.now();
    staging.writeReservedSync(w.target, data);
    spent += performance.now() - start;
    timed++;
  }
  const pool = new Pool(WRITES_IN_FLIGHT);
  for (; i < writes.length; i++) {
    const w = writes[i];
    try {
      await pool.add(async () => await staging.writeReserved(w.target, await w.data()));
    } catch {
      break; // drain() waits for the writes still in flight, then reports the failure
    }
  }
  await pool.drain();
}

/**
 * The writes in the order they run: each folder's files spread evenly over the whole run (by their
 * position in their folder relative to its size), so the writes in flight go to different folders.
 * Creating a file locks its folder, and a solution has a few folders with thousands of files
 * (WebResources, Workflows, Roles) next to thousands of folders with one or two (tables): in document
 * order, the writes in flight would mostly wait for one folder's lock.
 */
function schedule(writes: PendingWrite[]): PendingWrite[] {
  const sizes = new Map<string, number>();
  for (const w of writes) sizes.set(w.folder, (sizes.get(w.folder) ?? 0) + 1);
  const seen = new Map<string, number>();
  const keyed = writes.map((w, i) => {
    const n = seen.get(w.folder) ?? 0;
    seen.set(w.folder, n + 1);
    return { w, i, key: (n + 0.5) / sizes.get(w.folder)! };
  });
  keyed.sort((a, b) => a.key - b.key || a.i - b.i);
  return keyed.map((k) => k.w);
}

/** Where an entry no splitter claimed goes: the same path, with SolutionPackager's folder casing. */
function passThrough(path: string): string {
  if (/^Connector\//i.test(path)) return "Connectors/" + path.slice("Connector/".length);
  return canonicalCase(path);
}

async function expandCanvas(
  zip: ZipReader,
  entry: ZipReader["entries"][number],
  app: string,
  staging: Staging,
  options: UnpackOptions,
): Promise<void> {
  const temp = await Deno.makeTempFile({ dir: dirname(staging.dir), prefix: ".ppx-msapp-" });
  try {
    await Deno.remove(temp);
    await zip.extractTo(entry, temp);
    await expandMsapp(temp, app, staging, options.limits);
  } finally {
    await Deno.remove(temp).catch(() => {});
  }
}
