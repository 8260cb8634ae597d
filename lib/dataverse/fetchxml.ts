/**
 * FetchXML on the client: checks that a query is well-formed and rewrites its `page` and `paging-cookie`
 * attributes to fetch the next page.
 *
 * @module
 */

import { parseXml, XmlElement, type XmlNode, XmlText } from "@rgrove/parse-xml";
import { ValidationError } from "../errors.ts";

const escapeText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, "&quot;");

function serialize(node: XmlNode): string {
  if (node instanceof XmlElement) {
    const attrs = Object.entries(node.attributes).map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join("");
    const inner = node.children.map(serialize).join("");
    return inner ? `<${node.name}${attrs}>${inner}</${node.name}>` : `<${node.name}${attrs} />`;
  }
  if (node instanceof XmlText) return node.text.trim() ? escapeText(node.text) : "";
  return "";
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
  let root: XmlElement | null;
  try {
    root = parseXml(text).root;
  } catch (error) {
    throw new ValidationError(
      `The FetchXML is not well-formed: ${error instanceof Error ? error.message : error}`,
    );
  }
  if (!root || root.name !== "fetch") throw new ValidationError("FetchXML must have a <fetch> root element.");
  const entity = root.children.find((c): c is XmlElement => c instanceof XmlElement && c.name === "entity");
  if (!entity?.attributes.name) throw new ValidationError('FetchXML needs an <entity name="…"> element.');
  const element = root;
  const firstPage = Number(root.attributes.page ?? 1);
  if (!Number.isInteger(firstPage) || firstPage < 1) {
    throw new ValidationError(`The FetchXML page="${root.attributes.page}" is not a positive whole number.`);
  }
  return {
    entity: entity.attributes.name,
    firstPage,
    page(page, pagingCookie) {
      const attributes: Record<string, string> = { ...element.attributes, page: String(page) };
      if (pagingCookie) attributes["paging-cookie"] = pagingCookie;
      else delete attributes["paging-cookie"];
      const copy = Object.assign(Object.create(Object.getPrototypeOf(element)), element, { attributes });
      return serialize(copy);
    },
  };
}

/** Reads the `pagingcookie` attribute out of `@Microsoft.Dynamics.CRM.fetchxmlpagingcookie`. */
export function pagingCookieOf(annotation: string): string | undefined {
  try {
    const root = parseXml(annotation).root;
    const raw = root?.attributes.pagingcookie;
    return raw === undefined ? undefined : decodeURIComponent(decodeURIComponent(raw));
  } catch {
    return undefined;
  }
}
