import type { Item } from "../../../../lib/dataverse/bulk/plan.ts";
import { BulkSender } from "../../../../lib/dataverse/bulk/sender.ts";
import { assertEquals } from "../../../helpers/assert.ts";
import { type CountingOrg, startCountingOrg } from "../../../helpers/bulk.ts";
import type { DataverseServiceOptions } from "@pacx/emulator";

function item(row: number, priority: number): Item {
  return {
    row,
    lock: `p-${row}`,
    label: `ppx_code=P-${row}`,
    path: `ppx_projects(ppx_code='P-${row}')`,
    body: { ppx_name: `n${row}`, ppx_priority: priority },
    hash: row,
    attempts: 0,
  };
}

async function withSender(
  options: DataverseServiceOptions,
  fn: (sender: BulkSender, org: CountingOrg) => Promise<void>,
) {
  await using org = await startCountingOrg(options);
  await fn(
    new BulkSender(org.client, {
      entitySet: "ppx_projects",
      logicalName: "ppx_project",
      mode: "batch",
      createIfMissing: true,
    }),
    org,
  );
}

Deno.test("sender: one change set per row; refusals fail alone, matched to their rows in any answer order", async () => {
  for (const batchAnswerOrder of ["request", "reverse"] as const) {
    await withSender({ batchAnswerOrder }, async (sender) => {
      const r = await sender.send([item(1, 1), item(2, 9), item(3, 1), item(4, 9)]);
      assertEquals(r.signal, { kind: "ok" });
      assertEquals(
        r.finished.map((e) => [e.row, e.status, e.httpStatus, e.hash]),
        [[1, "succeeded", 204, 1], [2, "failed", 400, 2], [3, "succeeded", 204, 3], [4, "failed", 400, 4]],
        batchAnswerOrder,
      );
      assertEquals([r.transient.length, r.throttled.length], [0, 0]);
    });
  }
});

Deno.test("sender: a 429 throttles every row (with Retry-After); a 5xx or a dropped answer makes them transient", async () => {
  const at = (errorStatuses: number[], dropRate = 0) => ({
    protection: {
      errorRate: dropRate ? 0 : 1,
      dropRate,
      errorStatuses,
      errorRetryAfterSeconds: 7,
      pathPrefix: "/api/data/v9.2/$batch",
    },
  });
  await withSender(at([429]), async (sender) => {
    const r = await sender.send([item(1, 1), item(2, 1)]);
    assertEquals(r.signal, { kind: "throttled", retryAfterMs: 7000 });
    assertEquals(r.throttled.map((i) => i.row), [1, 2]);
  });
  await withSender(at([503]), async (sender, org) => {
    const r = await sender.send([item(1, 1)]);
    assertEquals([r.signal.kind, r.transient.map((t) => t.code)], ["failed", ["transient"]]);
    assertEquals(org.applied.size, 0, "a 5xx answer ran nothing");
  });
  await withSender(at([], 1), async (sender, org) => {
    const r = await sender.send([item(1, 1)]);
    assertEquals(r.signal.kind, "failed");
    assertEquals(r.transient.map((t) => t.item.row), [1]);
    assertEquals(org.applied.size, 1, "the change happened; the answer was lost, so it is sent again");
  });
});
