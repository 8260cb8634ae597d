/**
 * The two pages a person (or a test driving a browser) sees on the emulated GitHub: the device
 * activation page at `/login/device` and the authorization page of the web flow.
 *
 * @module
 */

/** Escapes text for HTML. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string, status = 200): Response {
  return new Response(
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head>\n` +
      `<body><main><h1>${esc(title)}</h1>\n${body}\n</main></body></html>\n`,
    { status, headers: { "content-type": "text/html; charset=utf-8" } },
  );
}

/** The form where a user types the code shown by the device. */
export function devicePage(message?: string, userCode = ""): Response {
  return page(
    "Device activation",
    `${message ? `<p role="status">${esc(message)}</p>` : ""}
<form method="post" action="/login/device">
  <label>Enter the code displayed on your device <input name="user_code" value="${esc(userCode)}"
    autocomplete="off" required></label>
  <label>Sign in as <input name="login" value="octocat"></label>
  <button name="decision" value="authorize" type="submit">Authorize</button>
  <button name="decision" value="cancel" type="submit">Cancel</button>
</form>`,
  );
}

/** The result page after the device form was sent. */
export function deviceResult(ok: boolean, text: string): Response {
  return page(
    ok ? "Congratulations, you're all set!" : "Device activation failed",
    `<p>${esc(text)}</p>`,
    ok ? 200 : 400,
  );
}

/** The "Authorize application" page of the web flow; its buttons post back the request. */
export function authorizePage(params: Record<string, string>, scopes: string[]): Response {
  const hidden = Object.entries(params)
    .filter(([k]) => k !== "login" && k !== "decision")
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join("\n  ");
  const list = scopes.length ? scopes.map((s) => `<li>${esc(s)}</li>`).join("") : "<li>(no scopes)</li>";
  return page(
    "Authorize application",
    `<p>An application (client id <code>${esc(params.client_id ?? "")}</code>) asks for:</p>
<ul>${list}</ul>
<form method="post" action="/login/oauth/authorize">
  ${hidden}
  <label>Sign in as <input name="login" value="${esc(params.login ?? "octocat")}"></label>
  <button name="decision" value="authorize" type="submit">Authorize</button>
  <button name="decision" value="cancel" type="submit">Cancel</button>
</form>`,
  );
}

/** A plain error page (for requests that cannot be redirected anywhere safe). */
export function errorPage(status: number, text: string): Response {
  return page("Error", `<p>${esc(text)}</p>`, status);
}
