/**
 * The Power Pages use-cases fail with data, not advice: the folder, the model, the site, the table; the
 * CLI words the flags (cli/error_words.ts). Download against an emulated org over HTTP.
 */

import assert from "node:assert/strict";
import { DataverseClient } from "../../../lib/dataverse/client.ts";
import { HttpClient } from "../../../lib/http/client.ts";
import {
  PlanNotApplicableError,
  SiteFolderError,
  SiteNotFoundError,
  UnknownTableError,
} from "../../../lib/pages/errors.ts";
import { assertApplicable } from "../../../lib/pages/apply.ts";
import { runConvert, runDownload, runUpload, type UploadPlan } from "../../../lib/pages/mod.ts";
import { selectTables } from "../../../lib/pages/select.ts";
import { errorWords } from "../../../cli/error_words.ts";
import { startPagesOrg } from "../../helpers/pages.ts";

const failure = <T>(p: Promise<T>) => p.then(() => assert.fail("expected a failure"), (e) => e);

Deno.test("pages errors carry data", async (t) => {
  await using scratch = {
    dir: await Deno.makeTempDir(),
    [Symbol.asyncDispose]() {
      return Deno.remove(this.dir, { recursive: true });
    },
  };
  const org = await startPagesOrg();
  await using _org = { [Symbol.asyncDispose]: () => org.close() };
  const token = { getToken: () => Promise.resolve(org.env.PPX_ACCESS_TOKEN) };
  const client = new DataverseClient(new HttpClient({ baseUrl: `${org.emu.url}/api/data/v9.2`, token }));

  await t.step("an unknown table names its list, not a flag", () => {
    const error = (() => {
      try {
        selectTables(undefined, ["webfile", "nope"]);
      } catch (e) {
        return e;
      }
    })();
    assert.ok(error instanceof UnknownTableError);
    assert.deepEqual([error.list, error.table, error.message], ["exclude", "nope", "Unknown table 'nope'."]);
    assert.ok(error.known.includes("webpage"));
    assert.equal(errorWords(error)?.message, "--exclude-entities: unknown table 'nope'.");
  });

  await t.step("upload and convert of a folder without a site", async () => {
    const upload = await failure(runUpload({ path: scratch.dir }, { client, orgUrl: org.emu.url }));
    assert.ok(upload instanceof SiteFolderError);
    assert.deepEqual([upload.reason, upload.path, upload.hint], ["no-site", scratch.dir, undefined]);
    const convert = await failure(runConvert({ path: scratch.dir, out: `${scratch.dir}/out` }));
    assert.ok(convert instanceof SiteFolderError);
    assert.equal(convert.reason, "nothing-to-convert");
  });

  await t.step("download of a site the environment lacks", async () => {
    const id = "00000000-0000-4000-8000-00000000abcd";
    const error = await failure(
      runDownload({ websiteId: id, path: scratch.dir }, { client, orgUrl: org.emu.url }),
    );
    assert.ok(error instanceof SiteNotFoundError);
    assert.deepEqual([error.websiteId, error.model], [id, undefined]);
    assert.equal(errorWords(error)?.hint, "List the sites with `ppx pages list`.");
  });

  await t.step("create-only conflicts: the count and records; the CLI puts the strategy in front", () => {
    const plan = {
      refused: [],
      items: [{ action: "conflict", table: "webpage", name: "Home", remoteId: "r1" }],
    } as unknown as UploadPlan;
    const error = (() => {
      try {
        assertApplicable(plan);
      } catch (e) {
        return e;
      }
    })();
    assert.ok(error instanceof PlanNotApplicableError);
    assert.deepEqual([error.reason, error.count], ["create-only-conflicts", 1]);
    assert.match(error.message, /^1 record\(s\) already exist/);
    assert.match(errorWords(error)?.message ?? "", /^--strategy create-only: 1 record\(s\) already exist/);
  });
});
