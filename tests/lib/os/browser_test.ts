import { createBrowserOpener, openerCandidates } from "../../../lib/os/browser.ts";
import { envFrom } from "../../../lib/env.ts";
import { assertEquals } from "../../helpers/assert.ts";

Deno.test("BROWSER is tried first, with %s substitution and a colon-separated list", async () => {
  const launched: string[][] = [];
  const opener = createBrowserOpener(envFrom({ BROWSER: "firefox --new-tab %s:lynx" }), {
    os: "linux",
    launch: (cmd, args) => {
      launched.push([cmd, ...args]);
      return Promise.resolve(cmd === "lynx");
    },
  });
  assertEquals(await opener.open("https://x/y"), true);
  assertEquals(launched, [["firefox", "--new-tab", "https://x/y"], ["lynx", "https://x/y"]]);
});

Deno.test("platform openers: open on macOS, start on Windows, wslview then xdg-open on Linux", () => {
  const names = (os: string, env: Record<string, string>) =>
    openerCandidates(os, envFrom(env)).map((c) => c.command);
  assertEquals(names("darwin", {}), ["open"]);
  assertEquals(names("windows", {}), ["cmd"]);
  assertEquals(names("linux", { WSL_DISTRO_NAME: "Ubuntu", DISPLAY: ":0" }), ["wslview", "xdg-open"]);
  assertEquals(names("linux", {}), [], "no display (SSH, CI): nothing to open, the caller prints the URL");
  assertEquals(
    openerCandidates("windows", envFrom({})).map((c) => c.args("https://a/?x=1&y=2"))[0].at(-1),
    "https://a/?x=1^&y=2",
  );
});

Deno.test("a failing launcher means open() resolves false instead of throwing", async () => {
  const opener = createBrowserOpener(envFrom({ PPX_BROWSER: "definitely-not-a-browser-xyz" }), {
    os: "linux",
  });
  assertEquals(await opener.open("https://example.invalid"), false);
});
