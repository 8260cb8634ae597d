/** The local packaging use-cases (`packSolution`, `unpackSolution`) and their default paths: no CLI. */

import assert from "node:assert/strict";
import { join } from "node:path";
import { ValidationError } from "../../../lib/errors.ts";
import { adviceOf } from "../../../lib/solutions/advice.ts";
import {
  defaultFolderFor,
  defaultZipFor,
  packSolution,
  pathStem,
  unpackSolution,
} from "../../../lib/solutions/packaging.ts";
import { tempDir } from "../../helpers/fixtures.ts";
import { buildSolution } from "./fixtures.ts";

Deno.test("packaging paths: a folder packs beside itself, a zip unpacks beside itself", () => {
  assert.equal(pathStem("out/Contoso.ZIP"), "Contoso");
  assert.equal(pathStem("src/Contoso/"), "Contoso");
  assert.equal(defaultZipFor("/w/src/Contoso"), "/w/src/Contoso.zip");
  assert.equal(defaultFolderFor("/w/Contoso_managed.zip"), "/w/Contoso_managed");
});

Deno.test("unpackSolution then packSolution: dry run, solution layout, raw; errors carry advice", async (t) => {
  await using dir = await tempDir();
  const zip = await buildSolution(dir.path);
  const src = join(dir.path, "src");

  await t.step("a dry run reports and writes nothing", async () => {
    const planned = await unpackSolution({ zipfile: zip, folder: src, dryRun: true });
    assert.equal(planned.dryRun, true);
    assert.ok(planned.written.length > 0);
    await assert.rejects(Deno.stat(src), Deno.errors.NotFound);
  });

  await t.step("unpack, then pack the tree into a solution zip", async () => {
    const unpacked = await unpackSolution({ zipfile: zip, folder: src });
    assert.equal(unpacked.dryRun, false);
    assert.equal("packageType" in unpacked && unpacked.packageType, "Unmanaged");
    const packed = await packSolution({ folder: src, zipfile: join(dir.path, "again.zip") });
    assert.equal("packageType" in packed && packed.packageType, "Unmanaged");
    assert.deepEqual(packed.zipfiles, [join(dir.path, "again.zip")]);
  });

  await t.step("raw: a plain zip and unzip of any folder", async () => {
    const packed = await packSolution({ folder: src, zipfile: join(dir.path, "raw.zip"), raw: true });
    assert.ok(!("packageType" in packed));
    const unzipped = await unpackSolution({
      zipfile: join(dir.path, "raw.zip"),
      folder: join(dir.path, "r"),
      raw: true,
    });
    assert.equal(unzipped.written.length, packed.entries);
  });

  await t.step(
    "a missing folder or zip, or a wrong package type: advice names the input, not a flag",
    async () => {
      const noFolder = await packSolution({
        folder: join(dir.path, "nope"),
        zipfile: join(dir.path, "x.zip"),
      })
        .then(() => undefined, (e) => e);
      assert.ok(noFolder instanceof ValidationError);
      assert.deepEqual(adviceOf(noFolder), { kind: "check-path", input: "folder" });
      assert.doesNotMatch(noFolder.hint ?? "", /--/);
      const noZip = await unpackSolution({ zipfile: join(dir.path, "nope.zip"), folder: join(dir.path, "n") })
        .then(() => undefined, (e) => e);
      assert.deepEqual(adviceOf(noZip), { kind: "check-path", input: "zipfile" });
      const wrongType = await unpackSolution({
        zipfile: zip,
        folder: join(dir.path, "m"),
        packageType: "Managed",
      })
        .then(() => undefined, (e) => e);
      assert.deepEqual(adviceOf(wrongType), { kind: "package-type", actual: "Unmanaged" });
      assert.doesNotMatch(wrongType.hint ?? "", /--/);
    },
  );
});
