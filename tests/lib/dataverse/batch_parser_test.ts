import {
  type BatchResponsePart,
  parseBatchResponse,
  parseBatchResponseText,
  partError,
} from "../../../lib/dataverse/batch_parser.ts";
import { BatchFormatError } from "../../../lib/dataverse/errors.ts";
import { parseContentType } from "../../../lib/dataverse/multipart.ts";
import { assert, assertEquals, assertRejects } from "../../helpers/assert.ts";

const ORG = "https://org.crm.dynamics.com";
const crlf = (s: string) => s.replaceAll("\n", "\r\n");

// The documented shape: a change set answer (unquoted boundary) followed by a GET answer.
const DOC_RESPONSE = crlf(`--batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f
Content-Type: multipart/mixed; boundary=changesetresponse_ff83b4f1-ab48-430c-b81c-926a2c596abb

--changesetresponse_ff83b4f1-ab48-430c-b81c-926a2c596abb
Content-Type: application/http
Content-Transfer-Encoding: binary
Content-ID: 1

HTTP/1.1 204 No Content
OData-Version: 4.0
Location: ${ORG}/api/data/v9.2/tasks(a59c24d4-1e5f-ed11-9562-000d3a993550)
OData-EntityId: ${ORG}/api/data/v9.2/tasks(a59c24d4-1e5f-ed11-9562-000d3a993550)


--changesetresponse_ff83b4f1-ab48-430c-b81c-926a2c596abb
Content-Type: application/http
Content-Transfer-Encoding: binary
Content-ID: 2

HTTP/1.1 204 No Content
OData-Version: 4.0
Location: ${ORG}/api/data/v9.2/tasks(a69c24d4-1e5f-ed11-9562-000d3a993550)
OData-EntityId: ${ORG}/api/data/v9.2/tasks(a69c24d4-1e5f-ed11-9562-000d3a993550)


--changesetresponse_ff83b4f1-ab48-430c-b81c-926a2c596abb--
--batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f
Content-Type: application/http
Content-Transfer-Encoding: binary

HTTP/1.1 200 OK
Content-Type: application/json; odata.metadata=minimal; odata.streaming=true
OData-Version: 4.0

{"@odata.context":"${ORG}/api/data/v9.2/$metadata#tasks(subject)","value":[{"@odata.etag":"W/\\"77180907\\"","subject":"Task 1 in batch","activityid":"a59c24d4-1e5f-ed11-9562-000d3a993550"}]}
--batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f--
`);
const DOC_TYPE = "multipart/mixed; boundary=batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f";

function summary(parts: BatchResponsePart[]) {
  return parts.map((p) => ({ status: p.status, contentId: p.contentId, changeSet: p.changeSet }));
}

Deno.test("the documented answer: change-set members with Content-IDs, then a GET with JSON", () => {
  const parts = parseBatchResponseText(DOC_TYPE, DOC_RESPONSE);
  assertEquals(summary(parts), [
    { status: 204, contentId: "1", changeSet: 0 },
    { status: 204, contentId: "2", changeSet: 0 },
    { status: 200, contentId: undefined, changeSet: undefined },
  ]);
  assertEquals(parts[0].statusText, "No Content");
  assertEquals(parts[0].body, "");
  assertEquals(
    parts[1].headers["odata-entityid"],
    `${ORG}/api/data/v9.2/tasks(a69c24d4-1e5f-ed11-9562-000d3a993550)`,
  );
  const json = parts[2].json as { value: { subject: string; "@odata.etag": string }[] };
  assertEquals(json.value[0].subject, "Task 1 in batch");
  assertEquals(json.value[0]["@odata.etag"], 'W/"77180907"');
  assertEquals(parts.map((p) => p.index), [0, 1, 2]);
});

Deno.test("header spacing variants: two spaces, none, no space after ';', quoted and unquoted boundaries", () => {
  const body = crlf(`--batch_AAA123
Content-Type:  multipart/mixed;boundary="changesetresponse_q"

--changesetresponse_q
Content-Type:application/http
Content-Transfer-Encoding:binary
Content-ID:7

HTTP/1.1 201 Created
Location:${ORG}/api/data/v9.2/accounts(00000000-0000-0000-0000-000000000001)
Content-Type:application/json;odata.metadata=minimal

{"name":"x"}
--changesetresponse_q--

--batch_AAA123--`);
  for (const type of ["multipart/mixed;boundary=batch_AAA123", 'multipart/mixed; boundary="batch_AAA123"']) {
    const [p] = parseBatchResponseText(type, body);
    assertEquals(p.status, 201);
    assertEquals(p.contentId, "7");
    assertEquals(p.headers.location, `${ORG}/api/data/v9.2/accounts(00000000-0000-0000-0000-000000000001)`);
    assertEquals(p.json, { name: "x" });
  }
  assertEquals(parseContentType('Multipart/Mixed ;  Boundary = "a;b"').params.boundary, "a;b");
});

Deno.test("LF-only line ends parse the same as CRLF", () => {
  const lf = DOC_RESPONSE.replaceAll("\r\n", "\n");
  assertEquals(
    summary(parseBatchResponseText(DOC_TYPE, lf)),
    summary(parseBatchResponseText(DOC_TYPE, DOC_RESPONSE)),
  );
});

Deno.test("a failed batch without continue-on-error: one 400 part with the error envelope", () => {
  const body = crlf(`--batchresponse_1
Content-Type: application/http
Content-Transfer-Encoding: binary

HTTP/1.1 400 Bad Request
REQ_ID: 5ecd1cb3-1730-4ffc-909c-d44c22270026
Content-Type: application/json; odata.metadata=minimal
OData-Version: 4.0

{"error":{"code":"0x80044331","message":"A validation error occurred.  The length of the 'subject' attribute of the 'task' entity exceeded the maximum allowed length of '200'."}}
--batchresponse_1--
`);
  const [part, ...rest] = parseBatchResponseText("multipart/mixed; boundary=batchresponse_1", body);
  assertEquals(rest.length, 0);
  assertEquals(part.status, 400);
  assertEquals(part.headers.req_id, "5ecd1cb3-1730-4ffc-909c-d44c22270026");
  assertEquals(partError(part).code, "0x80044331");
});

Deno.test("continue-on-error: the failed part first, then the successes", () => {
  const ok = (n: number) =>
    `--batchresponse_2\nContent-Type: application/http\nContent-Transfer-Encoding: binary\n\nHTTP/1.1 204 No Content\nOData-Version: 4.0\nOData-EntityId: ${ORG}/api/data/v9.2/tasks(${n})\n\n\n`;
  const body = crlf(
    `--batchresponse_2\nContent-Type: application/http\nContent-Transfer-Encoding: binary\n\nHTTP/1.1 400 Bad Request\nContent-Type: application/json; odata.metadata=minimal\n\n{"error":{"code":"0x80044331","message":"too long"}}\n` +
      ok(1) + ok(2) + "--batchresponse_2--\n",
  );
  const parts = parseBatchResponseText("multipart/mixed; boundary=batchresponse_2", body);
  assertEquals(parts.map((p) => p.status), [400, 204, 204]);
  assertEquals(parts[2].headers["odata-entityid"], `${ORG}/api/data/v9.2/tasks(2)`);
});

Deno.test("boundary-like text inside bodies, longer tokens, padding, preamble and epilogue", () => {
  const body = crlf(`This is a preamble.
--b1   
Content-Type: application/http

HTTP/1.1 200 OK

{"note":"--b1 is not a delimiter here",
"line":"x"}
--b1x is not a delimiter either
--b1 \t
Content-Type: application/http

HTTP/1.1 204 No Content


--b1--
epilogue that is ignored
--b1
`);
  const parts = parseBatchResponseText("multipart/mixed; boundary=b1", body);
  assertEquals(parts.length, 2);
  assertEquals(
    parts[0].body,
    '{"note":"--b1 is not a delimiter here",\r\n"line":"x"}\r\n--b1x is not a delimiter either',
  );
  assertEquals(parts[1].status, 204);
});

Deno.test("streaming: every split of the bytes gives the same parts, multi-byte characters included", async () => {
  const body = DOC_RESPONSE.replace("Task 1 in batch", "Tâche ✓ 😀");
  const bytes = new TextEncoder().encode(body);
  const whole = parseBatchResponseText(DOC_TYPE, body);
  assertEquals((whole[2].json as { value: { subject: string }[] }).value[0].subject, "Tâche ✓ 😀");
  for (let size = 1; size < 40; size += 3) {
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += size) c.enqueue(bytes.slice(i, i + size));
        c.close();
      },
    });
    const parts: BatchResponsePart[] = [];
    for await (const p of parseBatchResponse(DOC_TYPE, stream)) parts.push(p);
    assertEquals(parts, whole, `chunk size ${size}`);
  }
});

Deno.test("parts are handed out before the body ends", async () => {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const [first, second] = DOC_RESPONSE.split(
    "--batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f\r\nContent-Type: application/http",
  );
  controller.enqueue(encoder.encode(first + "--batchresponse_c1bd45c1-dd81-470d-b897-e965846aad2f\r\n"));
  const iterator = parseBatchResponse(DOC_TYPE, stream);
  const a = await iterator.next();
  assertEquals(a.value?.contentId, "1");
  controller.enqueue(encoder.encode("Content-Type: application/http" + second));
  controller.close();
  const rest: BatchResponsePart[] = [];
  for await (const p of { [Symbol.asyncIterator]: () => iterator }) rest.push(p);
  assertEquals(rest.map((p) => p.status), [204, 200]);
});

Deno.test("malformed answers raise BatchFormatError with a clear message", async () => {
  const cases: [string | null, string, string][] = [
    ["application/json", "{}", "Expected a multipart body"],
    ["multipart/mixed", DOC_RESPONSE, "Expected a multipart body"],
    [DOC_TYPE, "no delimiters at all", "no part delimited"],
    [DOC_TYPE, DOC_RESPONSE.slice(0, DOC_RESPONSE.length - 60), "ended before its closing"],
    [
      "multipart/mixed; boundary=x",
      "--x\r\nContent-Type: text/plain\r\n\r\nhello\r\n--x--",
      "Unexpected part",
    ],
    [
      "multipart/mixed; boundary=x",
      "--x\r\nContent-Type: application/http\r\n\r\nhello\r\n--x--",
      "does not hold an HTTP response",
    ],
    [
      "multipart/mixed; boundary=x",
      "--x\r\nno colon here\r\n\r\nHTTP/1.1 200 OK\r\n--x--",
      "Malformed header line",
    ],
  ];
  for (const [type, body, message] of cases) {
    await assertRejects(
      async () => {
        for await (const _ of parseBatchResponse(type, body)) { /* drain */ }
      },
      BatchFormatError,
      message,
    );
  }
});

Deno.test("fuzzed multipart input never crashes the parser: it parses or raises BatchFormatError", async () => {
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const alphabet = [
    "\r",
    "\n",
    "-",
    "--",
    ":",
    ";",
    '"',
    "=",
    " ",
    "HTTP/1.1 ",
    "\u0000",
    "\uFFFF",
    "{",
    "}",
    "boundary=",
  ];
  const seeds = [DOC_RESPONSE, DOC_RESPONSE.replaceAll("\r\n", "\n")];
  let parsed = 0;
  let rejected = 0;
  for (let i = 0; i < 1500; i++) {
    let text = seeds[i % seeds.length];
    const edits = 1 + Math.floor(random() * 8);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(random() * text.length);
      const op = random();
      if (op < 0.4) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 20));
      else if (op < 0.8) {
        text = text.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + text.slice(at);
      } else text = text.slice(0, at) + text.slice(Math.floor(random() * text.length));
    }
    const type = random() < 0.9 ? DOC_TYPE : `multipart/mixed; boundary="${text.slice(2, 12)}"`;
    try {
      const chunk = 1 + Math.floor(random() * 64);
      const bytes = new TextEncoder().encode(text);
      const parts = async function* () {
        for (let j = 0; j < bytes.length; j += chunk) yield bytes.slice(j, j + chunk);
      };
      for await (const _ of parseBatchResponse(type, parts())) { /* drain */ }
      parsed++;
    } catch (error) {
      assert(error instanceof BatchFormatError, `iteration ${i}: ${error}`);
      // Not the catch-all wrapper: every rejection is a deliberate, specific check.
      assert(
        !(error as Error).message.startsWith("Could not read"),
        `iteration ${i}: ${(error as Error).message}`,
      );
      rejected++;
    }
  }
  assert(parsed > 0 && rejected > 0, `parsed ${parsed}, rejected ${rejected}`);
});

// Several change sets with a lone failure between them, members answered out of order (OData allows it).
const MANY_SETS = crlf(`--b
Content-Type: multipart/mixed; boundary=cs1

--cs1
Content-Type: application/http
Content-ID: 2

HTTP/1.1 204 No Content

--cs1
Content-Type: application/http
Content-ID: 1

HTTP/1.1 204 No Content

--cs1--
--b
Content-Type: application/http

HTTP/1.1 400 Bad Request
Content-Type: application/json

{"error":{"code":"0x1","message":"bad"}}
--b
Content-Type: multipart/mixed; boundary=cs2

--cs2
Content-Type: application/http
Content-ID: 5

HTTP/1.1 204 No Content

--cs2--
--b--
`);

Deno.test("change sets are numbered in answer order; entry counts every top-level part", () => {
  const parts = parseBatchResponseText("multipart/mixed; boundary=b", MANY_SETS);
  assertEquals(
    parts.map((p) => [p.index, p.entry, p.changeSet ?? null, p.contentId ?? null, p.status]),
    [
      [0, 0, 0, "2", 204],
      [1, 0, 0, "1", 204],
      [2, 1, null, null, 400],
      [3, 2, 1, "5", 204],
    ],
  );
});
