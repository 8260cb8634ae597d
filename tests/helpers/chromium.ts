/**
 * Real headless Chromium driven over the DevTools protocol (no extra dependency): opens a URL in a new
 * tab, waits for an element, clicks it, and lets the browser follow the redirects that result.
 */

const CHROMIUM = "/usr/bin/chromium";

/** Why Chromium cannot run here, or undefined when it can. */
export function chromiumMissing(): string | undefined {
  try {
    Deno.statSync(CHROMIUM);
    return undefined;
  } catch {
    return `${CHROMIUM} is not installed (apt-get install chromium)`;
  }
}

/** A running headless browser (disposing closes it). */
export interface Chromium extends AsyncDisposable {
  /** Opens `url` in a new tab and clicks the element matching `selector` once it exists. */
  openAndClick(url: string, selector: string): Promise<void>;
  /** The location of the most recent tab (after redirects). */
  lastLocation(): Promise<string>;
  close(): Promise<void>;
}

async function cdp(
  wsUrl: string,
  steps: (send: (method: string, params?: unknown) => Promise<unknown>) => Promise<void>,
) {
  const ws = new WebSocket(wsUrl);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  let id = 0;
  const pending = new Map<number, (v: unknown) => void>();
  ws.onmessage = (event) => {
    const msg = JSON.parse(event.data);
    if (msg.id && pending.has(msg.id)) {
      pending.get(msg.id)!(msg.result ?? msg.error);
      pending.delete(msg.id);
    }
  };
  const send = (method: string, params: unknown = {}) =>
    new Promise<unknown>((resolve) => {
      const n = ++id;
      pending.set(n, resolve);
      ws.send(JSON.stringify({ id: n, method, params }));
    });
  try {
    await steps(send);
  } finally {
    ws.close();
  }
}

/** Starts Chromium headless with a throwaway profile. */
export async function startChromium(): Promise<Chromium> {
  const userDataDir = await Deno.makeTempDir({ prefix: "ppx-chromium-" });
  const child = new Deno.Command(CHROMIUM, {
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--remote-debugging-port=0",
      `--user-data-dir=${userDataDir}`,
      "about:blank",
    ],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  let port = "";
  const deadline = Date.now() + 20_000;
  while (!port && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    port = /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(buffered)?.[1] ?? "";
  }
  // Keep draining stderr so Chromium never blocks on a full pipe.
  const drain = (async () => {
    try {
      while (!(await reader.read()).done) { /* discard */ }
    } catch { /* closed */ }
  })();
  if (!port) {
    child.kill();
    throw new Error(`Chromium did not start: ${buffered.slice(0, 500)}`);
  }
  const base = `http://127.0.0.1:${port}`;
  let lastTarget: { webSocketDebuggerUrl: string } | undefined;
  const browser: Chromium = {
    [Symbol.asyncDispose]: () => browser.close(),
    async openAndClick(url, selector) {
      const target = await (await fetch(`${base}/json/new?about:blank`, { method: "PUT" })).json();
      lastTarget = target;
      await cdp(target.webSocketDebuggerUrl, async (send) => {
        await send("Page.enable");
        await send("Page.navigate", { url });
        const until = Date.now() + 15_000;
        for (;;) {
          const r = await send("Runtime.evaluate", {
            expression: `!!document.querySelector(${
              JSON.stringify(selector)
            }) && document.readyState === "complete"`,
            returnByValue: true,
          }) as { result?: { value?: boolean } };
          if (r.result?.value) break;
          if (Date.now() > until) throw new Error(`no ${selector} on ${url}`);
          await new Promise((r) => setTimeout(r, 100));
        }
        await send("Runtime.evaluate", {
          expression: `document.querySelector(${JSON.stringify(selector)}).click()`,
        });
      });
    },
    async lastLocation() {
      if (!lastTarget) return "";
      let href = "";
      await cdp(lastTarget.webSocketDebuggerUrl, async (send) => {
        const r = await send("Runtime.evaluate", { expression: "location.href", returnByValue: true }) as {
          result?: { value?: string };
        };
        href = r.result?.value ?? "";
      });
      return href;
    },
    async close() {
      try {
        child.kill("SIGTERM");
      } catch { /* gone */ }
      await child.status;
      await drain;
      await Deno.remove(userDataDir, { recursive: true }).catch(() => {});
    },
  };
  return browser;
}
