/** The contract between the packager and the per-component-type splitters. */

import type { XElement } from "../../xml/dom.ts";

/** What a splitter may do while unpacking. */
export interface UnpackContext {
  /** The paths of the zip's entries (`/` separators, as stored). */
  readonly entries: readonly string[];
  /** Writes a component file (a standalone XML document rooted at `root`). */
  emit(treePath: string, root: XElement): void;
  /** Sends the zip entry `entryPath` to `treePath` instead of the same path. */
  claim(entryPath: string, treePath: string): void;
  /** Namespace declarations in scope above `chain` (outermost first), for detached roots. */
  detach(el: XElement, chain: XElement[]): XElement;
}

/** What a splitter may do while packing. */
export interface PackContext {
  /** Tree files (canonical relative paths, `/` separators) under a folder, sorted, variants resolved. */
  list(folder: string): string[];
  /** True when the tree (or the map) provides this file. */
  exists(treePath: string): boolean;
  /** Reads and parses a component file and marks it consumed; returns its root element. */
  readXml(treePath: string): Promise<XElement>;
  /** Makes the tree file `treePath` the zip entry `entryPath`. */
  route(treePath: string, entryPath: string): void;
  /** Marks a tree file as handled (not copied into the zip as is). */
  consume(treePath: string): void;
  /** Drops declarations that repeat those in scope above `chain`. */
  attach(el: XElement, chain: XElement[]): XElement;
}

/** Splits one child element of `ImportExportXml` into files and puts it back. */
export interface ComponentSplitter {
  /** The element name under the root (matched case-insensitively). */
  container: string;
  /**
   * Writes the container's components to files. Returns true when the container's children were
   * taken (the packager then empties it in Other/Customizations.xml).
   */
  unpack(container: XElement, root: XElement, ctx: UnpackContext): boolean;
  /** Appends the components found in the tree to the (emptied) container. */
  pack(container: XElement, root: XElement, ctx: PackContext): Promise<void>;
}
