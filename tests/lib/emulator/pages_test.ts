import { assertEquals } from "../../helpers/assert.ts";
import { startPagesOrg } from "../../helpers/pages.ts";

async function call(org: Awaited<ReturnType<typeof startPagesOrg>>, path: string, body?: unknown) {
  const response = await fetch(`${org.env.DATAVERSE_HOST}/api/data/v9.2/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${org.env.PPX_ACCESS_TOKEN}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

Deno.test("emulator pages: file column blocks up and down, blocked extensions refused, limits readable", async () => {
  await using org = await startPagesOrg({ blockedExtensions: ["exe"], maxUploadBytes: 10 });
  const site = await call(org, "powerpagesites", { name: "S" });
  assertEquals(site.status, 204);
  const siteId = [...org.dv.store.table("powerpagesite")!.records.keys()][0];
  const comp = await call(org, "powerpagecomponents", {
    name: "a.txt",
    powerpagecomponenttype: 3,
    "powerpagesiteid@odata.bind": `/powerpagesites(${siteId})`,
  });
  assertEquals(comp.status, 204);
  const id = [...org.dv.store.table("powerpagecomponent")!.records.keys()][0];
  const target = { "@odata.type": "Microsoft.Dynamics.CRM.powerpagecomponent", powerpagecomponentid: id };

  const refused = await call(org, "InitializeFileBlocksUpload", {
    Target: target,
    FileAttributeName: "filecontent",
    FileName: "x.EXE",
  });
  assertEquals(refused.status, 400);

  const init = await call(org, "InitializeFileBlocksUpload", {
    Target: target,
    FileAttributeName: "filecontent",
    FileName: "a.txt",
  });
  const token = init.json.FileContinuationToken;
  await call(org, "UploadBlock", {
    BlockId: "QQ==",
    BlockData: btoa("hello "),
    FileContinuationToken: token,
  });
  await call(org, "UploadBlock", {
    BlockId: "Qg==",
    BlockData: btoa("world"),
    FileContinuationToken: token,
  });
  const tooBig = await call(org, "CommitFileBlocksUpload", {
    FileName: "a.txt",
    MimeType: "text/plain",
    BlockList: ["QQ==", "Qg=="],
    FileContinuationToken: token,
  });
  assertEquals(tooBig.status, 400, "11 bytes over a 10-byte limit");

  const init2 = await call(org, "InitializeFileBlocksUpload", {
    Target: target,
    FileAttributeName: "filecontent",
    FileName: "a.txt",
  });
  await call(org, "UploadBlock", {
    BlockId: "QQ==",
    BlockData: btoa("hi"),
    FileContinuationToken: init2.json.FileContinuationToken,
  });
  const ok = await call(org, "CommitFileBlocksUpload", {
    FileName: "a.txt",
    MimeType: "text/plain",
    BlockList: ["QQ=="],
    FileContinuationToken: init2.json.FileContinuationToken,
  });
  assertEquals(ok.json.FileSizeInBytes, 2);
  const down = await call(org, "InitializeFileBlocksDownload", {
    Target: target,
    FileAttributeName: "filecontent",
  });
  assertEquals([down.json.FileName, down.json.FileSizeInBytes], ["a.txt", 2]);
  const block = await call(org, "DownloadBlock", {
    Offset: 0,
    BlockLength: 2,
    FileContinuationToken: down.json.FileContinuationToken,
  });
  assertEquals(atob(block.json.Data), "hi");

  const limits = await call(org, "organizations?$select=blockedattachments,maxuploadfilesize");
  assertEquals([limits.json.value[0].blockedattachments, limits.json.value[0].maxuploadfilesize], [
    "exe",
    10,
  ]);
});
