import { assert, assertEquals, assertIncludes } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";
import { EMULATOR_ENVIRONMENT_ID } from "@pacx/emulator";
import { pagesAdminService } from "@pacx/emulator";
import { startTenant } from "../helpers/powerplatform.ts";

/** The admin tenant plus the Power Pages administration service. */
async function tenant() {
  let admin!: ReturnType<typeof pagesAdminService>;
  const t = await startTenant({}, (pp) => [admin = pagesAdminService(pp)]);
  return { ...t, admin };
}

const SITE = "5a7e1d2c-3333-4b4c-8d00-000000000003";
const E = ["-e", EMULATOR_ENVIRONMENT_ID];

Deno.test("ppx pages websites: list, stop and start with --wait, deep scan then score, waf, visibility", async () => {
  await using t = await tenant();
  const list = await runPpx(["pages", "websites", "list", ...E, "--json"], { env: t.env });
  assertEquals(list.code, 0, list.stderr);
  assertIncludes(list.stdout, "Contoso Portal");

  const stop = await runPpx(["pages", "websites", "stop", SITE, ...E, "--wait", "--yes"], { env: t.env });
  assertEquals(stop.code, 0, stop.stderr);
  assertEquals(t.admin.websites.get(SITE)!.status, "Stopped");
  const start = await runPpx(["pages", "websites", "start", SITE, ...E, "--wait"], { env: t.env });
  assertEquals(start.code, 0, start.stderr);
  assertEquals(t.admin.websites.get(SITE)!.status, "Running");

  const noScore = await runPpx(["pages", "websites", "scan", "score", SITE, ...E], { env: t.env });
  assert(noScore.code !== 0, "no deep scan yet");
  const deep = await runPpx(["pages", "websites", "scan", "deep", SITE, ...E, "--wait"], { env: t.env });
  assertEquals(deep.code, 0, deep.stderr);
  const score = await runPpx(["pages", "websites", "scan", "score", SITE, ...E, "--json"], { env: t.env });
  assertEquals(score.code, 0, score.stderr);
  assertEquals(JSON.parse(score.stdout).totalScore, 87);

  const waf = await runPpx(["pages", "websites", "waf", "enable", SITE, ...E, "--wait"], { env: t.env });
  assertEquals(waf.code, 0, waf.stderr);
  const status = await runPpx(["pages", "websites", "waf", "status", SITE, ...E, "--json"], { env: t.env });
  assertEquals(JSON.parse(status.stdout).status, "Enabled");

  const vis = await runPpx(["pages", "websites", "visibility", SITE, ...E, "--visibility", "public"], {
    env: t.env,
  });
  assertEquals(vis.code, 0, vis.stderr);
  assertEquals(t.admin.websites.get(SITE)!.siteVisibility, "Public");
  const bad = await runPpx(["pages", "websites", "visibility", SITE, ...E, "--visibility", "hidden"], {
    env: t.env,
  });
  assertEquals(bad.code, 2);
});
