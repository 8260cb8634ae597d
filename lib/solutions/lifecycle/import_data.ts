/** The failing component in an import job's `data` XML (per-component `<result result="failure">`). */

import { parseXmlText } from "../xml/parse.ts";
import { attr, childElements, type XElement } from "../xml/dom.ts";

/** The first failing component and its error, or undefined when nothing failed. */
export function importFailureOf(
  data: string,
): { component?: string; code?: string; message: string } | undefined {
  let root: XElement;
  try {
    root = parseXmlText(data, "import job data").root;
  } catch {
    return undefined;
  }
  let manifestFailure: { component?: string; code?: string; message: string } | undefined;
  const visit = (el: XElement): { component?: string; code?: string; message: string } | undefined => {
    for (const child of childElements(el)) {
      if (child.name === "result" && attr(child, "result") === "failure") {
        const name = attr(el, "LocalizedName") ?? attr(el, "name") ?? attr(el, "id");
        const found = {
          component: `${el.name}${name ? ` ${name}` : ""}`,
          code: attr(child, "errorcode"),
          message: attr(child, "errortext") || "failed without a message",
        };
        if (el.name === "solutionManifest") manifestFailure ??= found;
        else return found;
      }
      const deeper = visit(child);
      if (deeper) return deeper;
    }
    return undefined;
  };
  return visit(root) ?? manifestFailure;
}
