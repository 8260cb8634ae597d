/**
 * What a failed fetch means to a user: nothing listening at the host (connection refused), a host name DNS
 * does not know, or something else (reset, TLS, proxy). Deno's fetch says it only in the message chain
 * (`TypeError: fetch failed`, caused by `... tcp connect error: Connection refused (os error 111)`).
 *
 * @module
 */

import { ApiError, command, ExitCode, phrase } from "../errors.ts";
import { isLoopbackHost } from "./follow.ts";

/** The kind of a transport failure: `refused` and `dns` mean the request never left. */
export type TransportFailure = "refused" | "dns" | "other";

/** Classifies an error thrown by fetch from its message and its causes. */
export function transportFailure(error: unknown): TransportFailure {
  let text = "";
  for (let e = error, depth = 0; e && depth < 5; depth++) {
    text += ` ${e instanceof Error ? e.message : String(e)}`;
    e = e instanceof Error ? e.cause : undefined;
  }
  if (/connection refused|ECONNREFUSED|os error 111\b|os error 10061\b/i.test(text)) return "refused";
  if (/dns error|failed to lookup address|name or service not known|ENOTFOUND|no such host/i.test(text)) {
    return "dns";
  }
  return "other";
}

/**
 * The ApiError for a refused connection (`network.refused`, "Nothing is listening at HOST.") or an unknown
 * host name (`network.dns`), both exit 6 since they come after the retries; undefined for other failures.
 * `what` names the service in the message (e.g. "the sign-in authority").
 */
export function unreachableError(
  error: unknown,
  url: URL,
  details: { method?: string; requestId?: string; url?: string } = {},
  what?: string,
): ApiError | undefined {
  const failure = transportFailure(error);
  if (failure === "other") return undefined;
  const where = { status: 0, ...details };
  const about = what ? ` (${what})` : "";
  if (failure === "refused") {
    return new ApiError(`Nothing is listening at ${url.host}${about}.`, where, {
      code: "network.refused",
      exitCode: ExitCode.Throttled,
      hint: phrase`Check the URL and port${
        isLoopbackHost(url.hostname)
          ? phrase` and that the local service (\`${command("emulator", "start")}\`) is running`
          : ""
      }.`,
      cause: error,
    });
  }
  return new ApiError(`${url.hostname} is not a known host name${about}: the DNS lookup failed.`, where, {
    code: "network.dns",
    exitCode: ExitCode.Throttled,
    hint: "Check the host name for typos, and your DNS and proxy (HTTPS_PROXY, NO_PROXY) settings.",
    cause: error,
  });
}
