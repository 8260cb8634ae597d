import { assertEquals, assertIncludes } from "../../helpers/assert.ts";
import { startOrg } from "../../helpers/dataverse.ts";
import { runPpx } from "../../helpers/cli.ts";

Deno.test("error envelope: CDS annotations only when Prefer asks; ppx still reads code and message", async () => {
  await using org = await startOrg();
  const url = `${org.emu.url}/api/data/v9.2/accounts(${crypto.randomUUID()})`;
  const get = async (prefer?: string) => {
    const r = await fetch(url, {
      headers: { Authorization: `Bearer ${org.token}`, ...(prefer ? { Prefer: prefer } : {}) },
    });
    return [r.status, (await r.json()).error] as const;
  };
  const [plainStatus, plain] = await get();
  assertEquals(plainStatus, 404);
  assertEquals(Object.keys(plain), ["code", "message"]);

  const [status, annotated] = await get('odata.include-annotations="*"');
  assertEquals(status, 404);
  assertEquals(annotated.code, "0x80040217");
  assertEquals(annotated["@Microsoft.PowerApps.CDS.ErrorDetails.OperationStatus"], "0");
  assertEquals(annotated["@Microsoft.PowerApps.CDS.ErrorDetails.SubErrorCode"], String(0x80040217 | 0));
  assertIncludes(annotated["@Microsoft.PowerApps.CDS.HelpLink"], "80040217");
  assertEquals(annotated["@Microsoft.PowerApps.CDS.InnerError.Message"], annotated.message);
  assertEquals(typeof annotated["@Microsoft.PowerApps.CDS.TraceText"], "string");

  const [, narrowed] = await get('odata.include-annotations="Microsoft.PowerApps.CDS.HelpLink"');
  assertEquals(Object.keys(narrowed), ["code", "message", "@Microsoft.PowerApps.CDS.HelpLink"]);

  // `dv get --annotations` asks for every annotation; the annotated error reads the same as a plain one.
  const cli = await runPpx(["dv", "get", "accounts", crypto.randomUUID(), "--annotations"], {
    env: org.env,
  });
  assertEquals(cli.code, 5);
  assertIncludes(cli.stderr, "Does Not Exist (0x80040217)");
});
