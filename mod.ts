/**
 * ppx as a library: the permission-scoped core behind the `ppx` command line. Everything here returns
 * data and throws typed errors; nothing prints or exits.
 *
 * @example
 * ```ts
 * import { HttpClient, StaticTokenSource } from "@pacx/cli";
 * const http = new HttpClient({
 *   baseUrl: "https://org.crm.dynamics.com/api/data/v9.2",
 *   token: new StaticTokenSource(Deno.env.get("PPX_ACCESS_TOKEN")!),
 * });
 * const me = await http.json("GET", "WhoAmI()");
 * ```
 *
 * Run as a program (`deno run -A jsr:@pacx/cli`), the package is the `ppx` command line, exactly as its
 * `./cli` export is.
 *
 * @module
 */

export * from "./lib/errors.ts";
export * from "./lib/version.ts";
export * from "./lib/clock.ts";
export * from "./lib/env.ts";
export * from "./lib/http/client.ts";
export * from "./lib/http/retry.ts";
export * from "./lib/http/paging.ts";
export * from "./lib/http/follow.ts";
export * from "./lib/http/transport.ts";
export * from "./lib/http/redact.ts";
export { correlationIdOf, parseErrorBody } from "./lib/http/errors_map.ts";
export * from "./lib/http/user_agent.ts";
export * from "./lib/os/browser.ts";
export * from "./lib/auth/static_token.ts";
export * from "./lib/config/mod.ts";
export * from "./lib/auth/keyring/mod.ts";
export * from "./lib/auth/secrets/mod.ts";
export * from "./lib/auth/github/mod.ts";
export * from "./lib/dataverse/mod.ts";
export * from "./lib/powerplatform/mod.ts";
export * as pages from "./lib/pages/mod.ts";

if (import.meta.main) {
  // Only when run as a program: importing the library loads no command-line code.
  const { main } = await import("./cli/main.ts");
  await main();
}
