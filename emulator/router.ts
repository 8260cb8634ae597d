/**
 * The emulator's request router: method + URLPattern pathname -> handler. Each emulated service
 * registers its routes; an unmatched request is a 404 in the OData error shape.
 *
 * @module
 */

/** What a handler receives besides the request. */
export interface RouteMatch {
  /** Named groups of the pattern (`/accounts(:id)` -> `{ id }`). */
  params: Record<string, string>;
  url: URL;
}

/** Handles one matched request. */
export type RouteHandler = (request: Request, match: RouteMatch) => Response | Promise<Response>;

interface Route {
  method: string;
  /** The pattern's literal start: a path without it cannot match, and startsWith is far cheaper. */
  prefix: string;
  pattern: URLPattern;
  handler: RouteHandler;
}

/** A small router over URLPattern. Routes are tried in registration order. */
export class Router {
  readonly #routes: Route[] = [];

  /** Registers a route; `method` `*` matches any method. `pathname` uses URLPattern syntax. */
  add(method: string, pathname: string, handler: RouteHandler): this {
    const literal = /^[^:*(){}\\?+]*/.exec(pathname)![0];
    // A modifier (`?`, `+`, `*`) applies to the character before it, which is then not literal either.
    const prefix = literal.length < pathname.length && /[?+*]/.test(pathname[literal.length])
      ? literal.slice(0, -1)
      : literal;
    this.#routes.push({
      method: method.toUpperCase(),
      prefix,
      pattern: new URLPattern({ pathname }),
      handler,
    });
    return this;
  }

  /** Finds and runs the handler; undefined when no route matches. */
  async handle(request: Request): Promise<Response | undefined> {
    const url = new URL(request.url);
    for (const route of this.#routes) {
      if (route.method !== "*" && route.method !== request.method) continue;
      if (!url.pathname.startsWith(route.prefix)) continue;
      const result = route.pattern.exec({ pathname: url.pathname });
      if (!result) continue;
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(result.pathname.groups)) {
        if (v !== undefined) params[k] = decodeURIComponent(v);
      }
      return await route.handler(request, { params, url });
    }
    return undefined;
  }
}
