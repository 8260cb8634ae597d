import type { BatchResponsePart } from "../../../../lib/dataverse/batch_parser.ts";
import { matchAnswers } from "../../../../lib/dataverse/bulk/match.ts";
import { assertEquals } from "../../../helpers/assert.ts";

function part(p: Partial<BatchResponsePart> & { entry: number }, status = 204): BatchResponsePart {
  return { index: 0, status, statusText: "", headers: {}, body: "", ...p };
}

const statusOf = (m: Map<number, BatchResponsePart>, n: number) =>
  Array.from({ length: n }, (_, i) => m.get(i)?.status ?? null);

Deno.test("answers are matched by Content-ID whatever their order, across several change sets", () => {
  // Requests: entry 0 holds ids 10 and 11 (one change set), entry 1 holds 12, entry 2 holds 13.
  const requests = [
    { entry: 0, contentId: "10" },
    { entry: 0, contentId: "11" },
    { entry: 1, contentId: "12" },
    { entry: 2, contentId: "13" },
  ];
  const answers = [
    part({ entry: 0, changeSet: 0, contentId: "13" }, 201),
    part({ entry: 1, changeSet: 1, contentId: "11" }, 204),
    part({ entry: 1, changeSet: 1, contentId: "10" }, 200),
    part({ entry: 2, changeSet: 2, contentId: "12" }, 202),
  ];
  assertEquals(statusOf(matchAnswers(requests, answers), 4), [200, 204, 202, 201]);
});

Deno.test("a failed change set's lone answer without Content-ID goes to the request in its position", () => {
  const requests = [0, 1, 2].map((entry) => ({ entry, contentId: String(entry + 1) }));
  const answers = [
    part({ entry: 0, changeSet: 0, contentId: "1" }),
    part({ entry: 1 }, 400),
    part({ entry: 2, changeSet: 1, contentId: "3" }),
  ];
  assertEquals(statusOf(matchAnswers(requests, answers), 3), [204, 400, 204]);
});

Deno.test("unknown, doubled or mixed-up answers leave their requests unanswered (sent again), never misfiled", () => {
  const requests = [0, 1, 2, 3].map((entry) => ({ entry, contentId: String(entry + 1) }));
  const answers = [
    part({ entry: 0, changeSet: 0, contentId: "99" }),
    part({ entry: 1, changeSet: 1, contentId: "2" }),
    part({ entry: 2, changeSet: 2, contentId: "2" }, 500),
    part({ entry: 3, changeSet: 3, contentId: "3" }),
    part({ entry: 3, changeSet: 3, contentId: "4" }),
  ];
  // 1: never answered; 2: answered twice; 3 and 4: one answered change set claiming two requested ones.
  assertEquals(statusOf(matchAnswers(requests, answers), 4), [null, null, null, null]);
});
