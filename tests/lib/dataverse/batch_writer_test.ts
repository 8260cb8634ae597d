import { writeBatch } from "../../../lib/dataverse/batch_writer.ts";
import { ValidationError } from "../../../lib/errors.ts";
import { assertEquals, assertRejects } from "../../helpers/assert.ts";

function ids() {
  let n = 0;
  return () => `id${++n}`;
}

Deno.test("writes the documented framing: CRLF, quoted boundary, change set with Content-IDs, GET with two blank lines", () => {
  const batch = writeBatch([
    {
      changeSet: [
        { method: "POST", url: "tasks", body: { subject: "Task 1" } },
        { method: "PATCH", url: "$1", body: { subject: "renamed" }, headers: { "If-Match": "*" } },
      ],
    },
    { method: "GET", url: "accounts(00000000-0000-0000-0000-000000000001)/Account_Tasks?$select=subject" },
  ], { newId: ids() });
  assertEquals(batch.contentType, 'multipart/mixed; boundary="batch_id1"');
  assertEquals(
    batch.body,
    [
      "--batch_id1",
      'Content-Type: multipart/mixed; boundary="changeset_id2"',
      "",
      "--changeset_id2",
      "Content-Type: application/http",
      "Content-Transfer-Encoding: binary",
      "Content-ID: 1",
      "",
      "POST /api/data/v9.2/tasks HTTP/1.1",
      "Content-Type: application/json; type=entry",
      "",
      '{"subject":"Task 1"}',
      "--changeset_id2",
      "Content-Type: application/http",
      "Content-Transfer-Encoding: binary",
      "Content-ID: 2",
      "",
      "PATCH $1 HTTP/1.1",
      "If-Match: *",
      "Content-Type: application/json; type=entry",
      "",
      '{"subject":"renamed"}',
      "--changeset_id2--",
      "",
      "--batch_id1",
      "Content-Type: application/http",
      "Content-Transfer-Encoding: binary",
      "",
      "GET /api/data/v9.2/accounts(00000000-0000-0000-0000-000000000001)/Account_Tasks?$select=subject HTTP/1.1",
      "",
      "",
      "--batch_id1--",
      "",
    ].join("\r\n"),
  );
  assertEquals(batch.operations.map((o) => o.contentId), ["1", "2", undefined]);
});

Deno.test("refuses what Dataverse refuses: GET in a change set, empty batches, more than 1,000 requests", async () => {
  await assertRejects(
    () => Promise.resolve(writeBatch([{ changeSet: [{ method: "GET", url: "accounts" }] }])),
    ValidationError,
    "GET requests are not allowed inside a change set",
  );
  await assertRejects(() => Promise.resolve(writeBatch([])), ValidationError, "at least one request");
  const many = Array.from({ length: 1001 }, () => ({ method: "DELETE" as const, url: "accounts(1)" }));
  await assertRejects(() => Promise.resolve(writeBatch(many)), ValidationError, "at most 1000 requests");
  await assertRejects(
    () => Promise.resolve(writeBatch([{ method: "GET", url: "accounts\r\nX-Evil: 1" }])),
    ValidationError,
    "line breaks",
  );
});
