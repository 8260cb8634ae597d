import { assert, assertEquals, assertIncludes } from "../helpers/assert.ts";
import { join } from "node:path";
import { runPpx } from "../helpers/cli.ts";
import { startPagesOrg } from "../helpers/pages.ts";
import { ENHANCED_SITE, IDS, readTree, STANDARD_SITE, writeFixture } from "../fixtures/pages/sites.ts";

const decoder = new TextDecoder();

async function siteIn(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "ppx-pages-" });
  await writeFixture(dir, files);
  return dir;
}

function sameTrees(a: Map<string, Uint8Array>, b: Map<string, Uint8Array>) {
  const keep = (k: string) => !k.endsWith("-manifest.yml");
  const ka = [...a.keys()].filter(keep).sort();
  const kb = [...b.keys()].filter(keep).sort();
  assertEquals(kb, ka);
  for (const k of ka) assertEquals(decoder.decode(b.get(k)!), decoder.decode(a.get(k)!), k);
  for (const k of ka) assertEquals(b.get(k), a.get(k), `${k} byte for byte`);
}

for (const [model, files] of [["standard", STANDARD_SITE], ["enhanced", ENHANCED_SITE]] as const) {
  Deno.test(`pages: a ${model} pac folder uploaded then downloaded gives the same files; a second upload sends nothing`, async () => {
    await using org = await startPagesOrg();
    const src = await siteIn(files);
    const first = await runPpx(["pages", "upload", "--path", src], { env: org.env });
    assertEquals(first.code, 0, first.stderr);
    const list = await runPpx(["pages", "list", "--json"], { env: org.env });
    assertEquals(JSON.parse(list.stdout).map((s: { model: string }) => s.model), [model]);
    const dst = await Deno.makeTempDir();
    const down = await runPpx(["pages", "download", "--webSiteId", IDS.website, "--path", dst], {
      env: org.env,
    });
    assertEquals(down.code, 0, down.stderr);
    sameTrees(await readTree(src), await readTree(dst));
    const before = org.log.length;
    const again = await runPpx(["pages", "upload", "--path", src], { env: org.env });
    assertEquals(again.code, 0, again.stderr);
    assertEquals(org.log.length - before, 0, "no request at all when nothing changed");
    // the downloaded folder is in sync too
    const fromDst = await runPpx(["pages", "upload", "--src", dst], { env: org.env });
    assertEquals(fromDst.code, 0, fromDst.stderr);
    assertEquals(org.writes(before), []);
  });
}

Deno.test("pages: one changed file sends one request, and only that record", async () => {
  await using org = await startPagesOrg();
  const src = await siteIn(STANDARD_SITE);
  assertEquals((await runPpx(["pages", "upload", "--path", src], { env: org.env })).code, 0);
  await Deno.writeTextFile(join(src, "web-pages/home/Home.webpage.copy.html"), "<h1>Changed</h1>\n");
  const dry = await runPpx(["pages", "upload", "--path", src, "--dry-run", "--json"], { env: org.env });
  const plan = JSON.parse(dry.stdout);
  assertEquals(plan.changes.map((c: { action: string; name: string }) => `${c.action} ${c.name}`), [
    "update Home",
  ]);
  assertEquals(plan.changes[0].fields, "adx_copy");
  assertEquals(plan.changes[0].path, "web-pages/home/Home.webpage.copy.html");
  const before = org.log.length;
  const r = await runPpx(["pages", "upload", "--path", src], { env: org.env });
  assertEquals(r.code, 0, r.stderr);
  assertEquals(org.writes(before), ["POST /api/data/v9.2/$batch 200"]);
  const page = org.dv.store.table("adx_webpage")!.records.get(IDS.home)!;
  assertEquals(page.values.adx_copy, "<h1>Changed</h1>\n");
  const diff = await runPpx(["pages", "diff", "--path", src, "--exit-code"], { env: org.env });
  assertEquals(diff.code, 0, diff.stderr);
});

Deno.test("pages diff: lists what an upload would change; --exit-code exits 1 on differences", async () => {
  await using org = await startPagesOrg();
  const src = await siteIn(ENHANCED_SITE);
  assertEquals((await runPpx(["pages", "upload", "--path", src], { env: org.env })).code, 0);
  await Deno.writeTextFile(
    join(src, ".powerpages-site/site-settings/Webapi-contact-fields.sitesetting.yml"),
    `id: ${IDS.setting2}\nname: Webapi/contact/fields\nsource: 0\nvalue: firstname,lastname\n`,
  );
  const r = await runPpx(["pages", "diff", "--path", src, "--exit-code"], { env: org.env });
  assertEquals(r.code, 1);
  assert(
    /update\tsitesetting\tWebapi\/contact\/fields\tsite-settings\/Webapi-contact-fields\.sitesetting\.yml\tvalue/
      .test(r.stdout),
    r.stdout,
  );
  const perms = await runPpx(["pages", "diff-permissions", "--path", src, "--exit-code", "--json"], {
    env: org.env,
  });
  assertEquals(perms.code, 0, perms.stderr);
  assertEquals(JSON.parse(perms.stdout).changes, []);
});

Deno.test("pages upload strategies: replace clears, merge keeps, skip-existing skips, create-only refuses", async () => {
  await using org = await startPagesOrg();
  const src = await siteIn(STANDARD_SITE);
  assertEquals((await runPpx(["pages", "upload", "--path", src], { env: org.env })).code, 0);
  const pages = org.dv.store.table("adx_webpage")!;
  const setRemoteSummary = () => org.dv.store.update(pages, IDS.home, { adx_summary: "made in the studio" });
  const copy = join(src, "web-pages/home/Home.webpage.copy.html");

  setRemoteSummary();
  await Deno.writeTextFile(copy, "<h1>merge</h1>\n");
  assertEquals(
    (await runPpx(["pages", "upload", "--path", src, "--strategy", "merge"], { env: org.env })).code,
    0,
  );
  assertEquals(pages.records.get(IDS.home)!.values.adx_summary, "made in the studio");
  assertEquals(pages.records.get(IDS.home)!.values.adx_copy, "<h1>merge</h1>\n");

  await Deno.writeTextFile(copy, "<h1>replace</h1>\n");
  assertEquals(
    (await runPpx(["pages", "upload", "--path", src, "--strategy", "replace"], { env: org.env })).code,
    0,
  );
  assertEquals(pages.records.get(IDS.home)!.values.adx_summary, null);

  await Deno.writeTextFile(copy, "<h1>skipped</h1>\n");
  const settings = await Deno.readTextFile(join(src, "sitesetting.yml"));
  await Deno.writeTextFile(
    join(src, "sitesetting.yml"),
    settings +
      "- adx_name: New/Setting\n  adx_sitesettingid: 00000000-0000-4000-8000-0000000000aa\n  adx_value: x\n",
  );
  const skip = await runPpx(["pages", "upload", "--path", src, "--strategy", "skip-existing", "--json"], {
    env: org.env,
  });
  assertEquals(skip.code, 0, skip.stderr);
  const actions = JSON.parse(skip.stdout).changes.map((c: { action: string; name: string }) =>
    `${c.action} ${c.name}`
  );
  assertEquals(actions.sort(), ["create New/Setting", "skip Home"]);
  assertEquals(pages.records.get(IDS.home)!.values.adx_copy, "<h1>replace</h1>\n");
  assert(org.dv.store.table("adx_sitesetting")!.records.has("00000000-0000-4000-8000-0000000000aa"));

  const before = org.log.length;
  const only = await runPpx(["pages", "upload", "--path", src, "--strategy", "create-only"], {
    env: org.env,
  });
  assertEquals(only.code, 2);
  assertIncludes(only.stderr, "already exist");
  assertIncludes(only.stderr, "Home");
  assertEquals(org.writes(before), []);

  const bad = await runPpx(["pages", "upload", "--path", src, "--strategy", "overwrite"], { env: org.env });
  assertEquals(bad.code, 2);
  assertIncludes(bad.stderr, "replace, merge, skip-existing, create-only");
});

Deno.test("pages upload: a blocked extension is reported per file before anything is sent", async () => {
  await using org = await startPagesOrg();
  const src = await siteIn({
    ...STANDARD_SITE,
    "web-files/run.exe": new Uint8Array([0x4d, 0x5a]),
    "web-files/run.exe.webfile.yml":
      `adx_name: run.exe\nadx_partialurl: run.exe\nadx_webfileid: 00000000-0000-4000-8000-0000000000bb\nfilename: run.exe\n`,
  });
  const before = org.log.length;
  const r = await runPpx(["pages", "upload", "--path", src], { env: org.env });
  assertEquals(r.code, 2);
  assertIncludes(r.stderr, "web-files/run.exe: the .exe extension is blocked");
  assertEquals(org.writes(before), []);
});

Deno.test("pages upload: records deleted locally are deleted remotely only with --delete-missing", async () => {
  await using org = await startPagesOrg();
  const src = await siteIn(STANDARD_SITE);
  assertEquals((await runPpx(["pages", "upload", "--path", src], { env: org.env })).code, 0);
  await Deno.remove(join(src, "sitemarker.yml"));
  const kept = await runPpx(["pages", "upload", "--path", src], { env: org.env });
  assertEquals(kept.code, 0, kept.stderr);
  assert(org.dv.store.table("adx_sitemarker")!.records.has(IDS.marker));
  const gone = await runPpx(["pages", "upload", "--path", src, "--delete-missing"], { env: org.env });
  assertEquals(gone.code, 0, gone.stderr);
  assert(!org.dv.store.table("adx_sitemarker")!.records.has(IDS.marker));
});

Deno.test("pages upload: dev -> test matches existing records by name and parent, so nothing is duplicated", async () => {
  await using org = await startPagesOrg();
  // "test" already holds the same site, made separately: same names, other ids.
  const other = Object.fromEntries(
    Object.entries(STANDARD_SITE).map(([k, v]) => [
      k,
      typeof v === "string"
        ? v.replaceAll("00000000-0000-4000-8000-0000000000", "99999999-0000-4000-8000-0000000000")
        : v,
    ]),
  );
  const existing = await siteIn(other);
  // the portal language is the environment's own
  const lang = "99999999-0000-4000-8000-000000000002";
  for (const [k, v] of Object.entries(other)) {
    if (typeof v === "string" && v.includes(lang)) {
      await Deno.writeTextFile(join(existing, k), v.replaceAll(lang, IDS.portalLanguage));
    }
  }
  assertEquals((await runPpx(["pages", "upload", "--path", existing], { env: org.env })).code, 0);
  const src = await siteIn(STANDARD_SITE);
  await Deno.writeTextFile(join(src, "web-pages/home/Home.webpage.copy.html"), "<h1>from dev</h1>\n");
  const r = await runPpx(["pages", "upload", "--path", src, "--json"], { env: org.env });
  assertEquals(r.code, 0, r.stderr);
  assertEquals(org.dv.store.table("adx_website")!.records.size, 1);
  assertEquals(org.dv.store.table("adx_webpage")!.records.size, 4);
  const home = org.dv.store.table("adx_webpage")!.records.get("99999999-0000-4000-8000-000000000008")!;
  assertEquals(home.values.adx_copy, "<h1>from dev</h1>\n");
});

Deno.test("pages download: keeps unknown fields and files, refuses to overwrite local changes", async () => {
  await using org = await startPagesOrg();
  const src = await siteIn({
    ...STANDARD_SITE,
    ".portalconfig/websitebinding.yml": "adx_sitename: contoso\n",
  });
  const home = join(src, "web-pages/home/Home.webpage.yml");
  await Deno.writeTextFile(home, (await Deno.readTextFile(home)) + "zz_custom_flag: true\n");
  const up = await runPpx(["pages", "upload", "--path", src, "--json"], { env: org.env });
  assertEquals(up.code, 0, up.stderr);
  assertEquals(JSON.parse(up.stdout).skippedFields[`webpage:${IDS.home}`], ["zz_custom_flag"]);
  org.dv.store.update(org.dv.store.table("adx_webpage")!, IDS.home, { adx_title: "Start" });
  const down = await runPpx(["pages", "download", "--website-id", IDS.website, "--path", src], {
    env: org.env,
  });
  assertEquals(down.code, 0, down.stderr);
  const text = await Deno.readTextFile(home);
  assertIncludes(text, "adx_title: Start\n");
  assertIncludes(text, "zz_custom_flag: true\n");
  assertEquals(
    await Deno.readTextFile(join(src, ".portalconfig/websitebinding.yml")),
    "adx_sitename: contoso\n",
  );

  await Deno.writeTextFile(join(src, "web-pages/home/Home.webpage.copy.html"), "local edit\n");
  const refused = await runPpx(["pages", "download", "--website-id", IDS.website, "--path", src], {
    env: org.env,
  });
  assertEquals(refused.code, 2);
  assertIncludes(refused.stderr, "changed locally");
  assertEquals(await Deno.readTextFile(join(src, "web-pages/home/Home.webpage.copy.html")), "local edit\n");
  const forced = await runPpx([
    "pages",
    "download",
    "--website-id",
    IDS.website,
    "--path",
    src,
    "--overwrite",
  ], {
    env: org.env,
  });
  assertEquals(forced.code, 0, forced.stderr);
  assertEquals(
    await Deno.readTextFile(join(src, "web-pages/home/Home.webpage.copy.html")),
    "<h1>Welcome</h1>\n",
  );
});

Deno.test("pages convert: standard -> enhanced writes pac's enhanced layout (website-accesss, language folders)", async () => {
  const src = await siteIn(STANDARD_SITE);
  const out = await Deno.makeTempDir();
  const r = await runPpx(["pages", "convert", "--path", src, "--out", out, "--to", "2"]);
  assertEquals(r.code, 0, r.stderr);
  const tree = await readTree(out);
  assert(tree.has(".powerpages-site/website-accesss/Editors.websiteaccess.yml"));
  assert(tree.has(".powerpages-site/web-pages/home/content-pages/en-US/Home.webpage.copy.html"));
  assertEquals(tree.get(".powerpages-site/web-pages/home/Home.webpage.summary.html")!.length, 0);
  assertIncludes(decoder.decode(tree.get(".powerpages-site/website.yml")), `id: ${IDS.website}\n`);
});

Deno.test("pages convert: reads the earlier ppx JSON layout", async () => {
  const src = await Deno.makeTempDir();
  await writeFixture(src, {
    "manifest.json": JSON.stringify({ website_id: IDS.website, tables: {}, providers: [] }),
    "websites/a.json": JSON.stringify({
      "@odata.etag": 'W/"1"',
      adx_websiteid: IDS.website,
      adx_name: "Old",
    }),
    "websites/b.json": JSON.stringify({ adx_websiteid: IDS.role, adx_name: "Another site" }),
    "pages/p.json": JSON.stringify({
      adx_webpageid: IDS.home,
      adx_name: "Home",
      adx_partialurl: "/",
      adx_isroot: true,
      _adx_websiteid_value: IDS.website,
    }),
    "redirects/r.json": "{}",
  });
  const out = await Deno.makeTempDir();
  const r = await runPpx(["pages", "convert", "--src", src, "--out", out]);
  assertEquals(r.code, 0, r.stderr);
  assertIncludes(r.stderr, "redirects/ has no counterpart");
  const tree = await readTree(out);
  assertEquals(decoder.decode(tree.get("website.yml")), `adx_name: Old\nadx_websiteid: ${IDS.website}\n`);
  assertEquals(
    decoder.decode(tree.get("web-pages/home/Home.webpage.yml")),
    `adx_isroot: true\nadx_name: Home\nadx_partialurl: /\nadx_webpageid: ${IDS.home}\n`,
  );
});

Deno.test("pages upload: a folder without a site is a clear error", async () => {
  const dir = await Deno.makeTempDir();
  const r = await runPpx(["pages", "upload", "--path", dir], {
    env: { DATAVERSE_HOST: "http://127.0.0.1:9", PPX_ACCESS_TOKEN: "x" },
  });
  assertEquals(r.code, 2);
  assertIncludes(r.stderr, "No Power Pages site in");
});

Deno.test("pages: an enhanced web file larger than a block goes up and down in 4 MB blocks, byte for byte", async () => {
  await using org = await startPagesOrg({ maxUploadBytes: 32 * 1024 * 1024 });
  const big = new Uint8Array(9 * 1024 * 1024 + 17);
  for (let i = 0; i < big.length; i++) big[i] = (i * 2654435761) >>> 24;
  const src = await siteIn({ ...ENHANCED_SITE, ".powerpages-site/web-files/logo.png/Logo.png": big });
  const up = await runPpx(["pages", "upload", "--path", src], { env: org.env });
  assertEquals(up.code, 0, up.stderr);
  assertEquals(org.pages.actions.get("UploadBlock"), 3);
  assertEquals(org.pages.files.get(IDS.logo)!.bytes.length, big.length);
  const dst = await Deno.makeTempDir();
  const down = await runPpx(["pages", "download", "--website-id", IDS.website, "--path", dst], {
    env: org.env,
  });
  assertEquals(down.code, 0, down.stderr);
  const got = await Deno.readFile(join(dst, ".powerpages-site/web-files/logo.png/Logo.png"));
  assertEquals(got.length, big.length);
  assert(got.every((b, i) => b === big[i]), "same bytes");
  assertEquals(org.pages.actions.get("DownloadBlock"), 3);
});

Deno.test("pages upload: a record the service refuses is named with its file, and its change set is rolled back", async () => {
  await using org = await startPagesOrg();
  const src = await siteIn({
    ...STANDARD_SITE,
    "page-templates/Broken.pagetemplate.yml": `adx_name: Broken
adx_pagetemplateid: 00000000-0000-4000-8000-0000000000cc
adx_webtemplateid: 00000000-0000-4000-8000-0000000000dd
`,
  });
  const r = await runPpx(["pages", "upload", "--path", src], { env: org.env });
  assert(r.code !== 0, r.stderr);
  assertIncludes(
    r.stderr,
    "Upload stopped at pagetemplate Broken (page-templates/Broken.pagetemplate.yml)",
  );
  assertEquals(org.dv.store.table("adx_webpage")!.records.size, 0);
  assertEquals(org.dv.store.table("adx_website")!.records.size, 0);
});

Deno.test("pages download: into a pac folder never synced with this environment, files of records it lacks are kept", async () => {
  await using org = await startPagesOrg();
  const src = await siteIn(STANDARD_SITE);
  assertEquals(
    (await runPpx(["pages", "upload", "--path", src, "--exclude-entities", "websiteaccess"], {
      env: org.env,
    }))
      .code,
    0,
  );
  const fresh = await siteIn(STANDARD_SITE); // as pac wrote it: no manifest for this environment
  const r = await runPpx(["pages", "download", "--website-id", IDS.website, "--path", fresh], {
    env: org.env,
  });
  assertEquals(r.code, 0, r.stderr);
  assertIncludes(await Deno.readTextFile(join(fresh, "websiteaccess.yml")), "Editors");
  // the kept record is local work: the next download refuses to drop it, --overwrite does
  org.dv.store.remove(org.dv.store.table("adx_sitemarker")!, IDS.marker);
  const again = await runPpx(["pages", "download", "--website-id", IDS.website, "--path", fresh], {
    env: org.env,
  });
  assertEquals(again.code, 2);
  assertIncludes(again.stderr, "websiteaccess.yml");
  const forced = await runPpx([
    "pages",
    "download",
    "--website-id",
    IDS.website,
    "--path",
    fresh,
    "--overwrite",
  ], {
    env: org.env,
  });
  assertEquals(forced.code, 0, forced.stderr);
  const tree = await readTree(fresh);
  assert(!tree.has("sitemarker.yml") && !tree.has("websiteaccess.yml"), [...tree.keys()].join("\n"));
});

Deno.test("pages upload: service protection (429 with Retry-After) slows the upload down, it still completes", async () => {
  await using org = await startPagesOrg({}, { requestsPerWindow: 4, windowSeconds: 1 });
  const src = await siteIn(ENHANCED_SITE);
  const r = await runPpx(["pages", "upload", "--path", src], { env: org.env });
  assertEquals(r.code, 0, r.stderr);
  assert(org.log.some((l) => l.endsWith(" 429")), "was throttled");
  assertEquals(org.dv.store.table("powerpagecomponent")!.records.size, 15);
});

Deno.test("pages upload: a broken record file is named, nothing is sent", async () => {
  await using org = await startPagesOrg();
  const src = await siteIn({
    ...STANDARD_SITE,
    "web-pages/home/Home.webpage.yml": "adx_name: [unclosed\n",
  });
  const r = await runPpx(["pages", "upload", "--path", src], { env: org.env });
  assertEquals(r.code, 2);
  assertIncludes(r.stderr, "web-pages/home/Home.webpage.yml is not valid YAML");
  const noId = await siteIn({ ...STANDARD_SITE, "web-pages/home/Home.webpage.yml": "adx_name: Home\n" });
  const r2 = await runPpx(["pages", "upload", "--path", noId], { env: org.env });
  assertEquals(r2.code, 2);
  assertIncludes(r2.stderr, "web-pages/home/Home.webpage.yml: the record has no adx_webpageid");
  assertEquals(org.log.length, 0);
});

Deno.test("pages diff-permissions: web roles of a table permission are compared and uploaded as links", async () => {
  await using org = await startPagesOrg();
  const src = await siteIn(STANDARD_SITE);
  assertEquals((await runPpx(["pages", "upload", "--path", src], { env: org.env })).code, 0);
  const key = `adx_entitypermission_webrole:${IDS.permission}`;
  assertEquals([...org.pages.links.get(key)!], [IDS.role]);
  const file = join(src, "table-permissions/contact.tablepermission.yml");
  await Deno.writeTextFile(
    file,
    (await Deno.readTextFile(file)).replace(`adx_entitypermission_webrole:\n- ${IDS.role}\n`, ""),
  );
  const diff = await runPpx(["pages", "diff-permissions", "--path", src, "--json", "--exit-code"], {
    env: org.env,
  });
  assertEquals(diff.code, 1);
  const changes = JSON.parse(diff.stdout).changes;
  assertEquals(changes.map((c: { action: string; fields: string }) => `${c.action} ${c.fields}`), [
    "update adx_entitypermission_webrole",
  ]);
  const merge = await runPpx(["pages", "upload", "--path", src, "--strategy", "merge"], { env: org.env });
  assertEquals(merge.code, 0, merge.stderr);
  assertEquals([...org.pages.links.get(key)!], [IDS.role], "merge keeps links the folder does not list");
  const replace = await runPpx(["pages", "upload", "--path", src, "--force-upload-all"], { env: org.env });
  assertEquals(replace.code, 0, replace.stderr);
  assertEquals([...org.pages.links.get(key)!], [], "replace removes them");
});

Deno.test("pages download: a progress line on a terminal only, never in piped or --json output", async () => {
  await using org = await startPagesOrg();
  const src = await siteIn(STANDARD_SITE);
  assertEquals((await runPpx(["pages", "upload", "--path", src], { env: org.env })).code, 0);
  const tty = await runPpx([
    "pages",
    "download",
    "--website-id",
    IDS.website,
    "--path",
    await Deno.makeTempDir(),
  ], {
    env: org.env,
    tty: true,
  });
  assertEquals(tty.code, 0, tty.stderr);
  assertIncludes(tty.stderr, "files ");
  const piped = await runPpx([
    "pages",
    "download",
    "--website-id",
    IDS.website,
    "--path",
    await Deno.makeTempDir(),
  ], {
    env: org.env,
  });
  assert(!piped.stderr.includes("\r"), piped.stderr);
});
