/**
 * FetchXML on the client: checks that a query is well-formed and rewrites its `page` and `paging-cookie`
 * attributes to fetch the next page.
 *
 * @module
 */

import { ValidationError } from "../errors.ts";
import { parseXmlText } from "../solutions/xml/parse.ts";
import { attr, childElements, type XElement, type XNode } from "../solutions/xml/dom.ts";

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, "&quot;");

function serialize(node: XNode): string {
  if (node.kind === "element") {
    const attrs = node.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join("");
    const inner = node.children.map(serialize).join("");
    return inner ? `<${node.name}${attrs}>${inner}</${node.name}>` : `<${node.name}${attrs} />`;
  }
  if (node.kind === "text" || node.kind === "cdata") return node.text.trim() ? escapeText(node.text) : "";
  return "";
}

/** The root element of `text`; errors are re-thrown as they are, with the parser's line and column. */
function rootOf(text: string): XElement {
  return parseXmlText(text, "FetchXML").root;
}

/** A parsed FetchXML query. */
export interface FetchXmlQuery {
  /** The `<entity name>`: the table's logical name. */
  entity: string;
  /** The `page` the query asks for first (1 when it names none). */
  firstPage: number;
  /** Returns the query text for a page (1-based) with the paging cookie of the previous page. */
  page(page: number, pagingCookie?: string): string;
}

/** Parses FetchXML; throws ValidationError for malformed XML or a missing `<fetch><entity>`. */
export function parseFetchXmlQuery(text: string): FetchXmlQuery {
  let root: XElement | undefined;
  try {
    root = rootOf(text);
  } catch (error) {
    throw new ValidationError(
      `The FetchXML is not well-formed: ${error instanceof Error ? error.message : error}`,
    );
  }
  if (!root || root.name !== "fetch") throw new ValidationError("FetchXML must have a <fetch> root element.");
  const entityElement = childElements(root).find((c) => c.name === "entity");
  const entityName = entityElement && attr(entityElement, "name");
  if (!entityName) throw new ValidationError('FetchXML needs an <entity name="…"> element.');
  const element = root;
  const pageAttr = attr(root, "page");
  const firstPage = Number(pageAttr ?? 1);
  if (!Number.isInteger(firstPage) || firstPage < 1) {
    throw new ValidationError(`The FetchXML page="${pageAttr}" is not a positive whole number.`);
  }
  return {
    entity: entityName,
    firstPage,
    page(page, pagingCookie) {
      // A Map keeps an existing attribute in its place and puts a new one last, as the query had it.
      const attrs = new Map(element.attrs);
      attrs.set("page", String(page));
      if (pagingCookie) attrs.set("paging-cookie", pagingCookie);
      else attrs.delete("paging-cookie");
      return serialize({ ...element, attrs: [...attrs] });
    },
  };
}

/** Reads the `pagingcookie` attribute out of `@Microsoft.Dynamics.CRM.fetchxmlpagingcookie`. */
export function pagingCookieOf(annotation: string): string | undefined {
  try {
    const raw = attr(rootOf(annotation), "pagingcookie");
    return raw === undefined ? undefined : decodeURIComponent(decodeURIComponent(raw));
  } catch {
    return undefined;
  }
}
