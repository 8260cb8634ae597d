/**
 * The HTML the emulated sign-in pages serve: a form a real browser (headless Chromium in tests) can
 * complete with one click.
 *
 * @module
 */

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function html(title: string, body: string, status = 200): Response {
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
      `<body style="font-family:sans-serif;margin:3em"><h1>${escape(title)}</h1>${body}</body></html>`,
    { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } },
  );
}

/** The sign-in page of /authorize: hidden request parameters, a user name, Sign in and Decline buttons. */
export function signInPage(
  action: string,
  params: URLSearchParams,
  appName: string,
  username: string,
): Response {
  const hidden = [...params].map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`)
    .join("");
  return html(
    "Sign in to your account",
    `<p>${escape(appName)} wants to sign you in.</p>` +
      `<form method="post" action="${escape(action)}">${hidden}` +
      `<label>Account <input id="username" name="username" value="${escape(username)}"></label> ` +
      `<button id="signin" type="submit" name="decision" value="accept">Sign in</button> ` +
      `<button id="decline" type="submit" name="decision" value="decline">Decline</button></form>`,
  );
}

/** The device login page: enter the code, then approve or decline. */
export function deviceLoginPage(message = ""): Response {
  return html(
    "Enter code",
    `${message ? `<p id="message">${escape(message)}</p>` : ""}` +
      `<form method="post" action="/devicelogin"><label>Code <input id="code" name="user_code"></label> ` +
      `<label>Account <input id="username" name="username"></label> ` +
      `<button id="approve" type="submit" name="decision" value="accept">Continue</button> ` +
      `<button id="decline" type="submit" name="decision" value="decline">Decline</button></form>`,
  );
}

/** A plain error page (bad client id, bad redirect URI: Entra never redirects those). */
export function errorPage(title: string, message: string): Response {
  return html(title, `<p id="error">${escape(message)}</p>`, 400);
}

/** A plain confirmation page. */
export function donePage(title: string, message: string): Response {
  return html(title, `<p>${escape(message)}</p>`);
}
