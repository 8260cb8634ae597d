import { redactBody, redactHeaders, redactTokensInText, redactUrl } from "../../../lib/http/redact.ts";
import { assertEquals, assertIncludes, assertNotIncludes } from "../../helpers/assert.ts";

Deno.test("headers: Authorization keeps its scheme, cookies and keys are masked", () => {
  const h = redactHeaders(
    new Headers({ authorization: "Bearer abc.def", cookie: "a=b", "content-type": "x" }),
  );
  assertEquals(h, { authorization: "Bearer ***", "content-type": "x", cookie: "***" });
});

Deno.test("URLs: SAS signatures, codes and passwords are masked, other parameters kept", () => {
  const url = redactUrl("https://u:pw@blob.example/c?sv=2020&sig=SECRETSIG&se=2030&code=C0DE&$top=5");
  for (const s of ["SECRETSIG", "C0DE", ":pw@"]) assertNotIncludes(url, s);
  assertIncludes(url, "%24top=5");
  assertIncludes(url, "sv=2020");
});

Deno.test("JSON bodies: token and secret fields are masked at any depth; Dataverse error codes are kept", () => {
  const body = JSON.stringify({
    access_token: "AT",
    nested: { client_secret: "CS", list: [{ refresh_token: "RT" }] },
    error: { code: "0x80040217", message: "not found" },
  });
  const out = redactBody(body, "application/json");
  for (const s of ['"AT"', '"CS"', '"RT"']) assertNotIncludes(out, s);
  assertIncludes(out, "0x80040217");
});

Deno.test("form bodies: code, assertion, secret and password are masked", () => {
  const out = redactBody(
    "grant_type=authorization_code&code=ABC&code_verifier=VER&client_assertion=ASSERT&password=P",
    "application/x-www-form-urlencoded",
  );
  for (const s of ["ABC", "VER", "ASSERT", "=P"]) assertNotIncludes(out, s);
  assertIncludes(out, "grant_type=authorization_code");
});

Deno.test("free text: JWTs and GitHub tokens are masked", () => {
  const text = redactTokensInText(
    "jwt eyJhbGciOi.eyJzdWIiOiJ4In0.sig and ghp_abcdefghijklmnopqrstuvwx and gho_1234567890abcdef",
  );
  assertEquals(text, "jwt *** and *** and ***");
});

Deno.test("long bodies are cut", () => {
  const out = redactBody("x".repeat(5000), "text/plain", 100);
  assertIncludes(out, "(4900 more characters)");
});

Deno.test("SAS links and opaque bearer tokens inside bodies and free text are masked", () => {
  const sas = "https://acct.blob.core.windows.net/exports/s.zip?sv=2021-08-06&sr=b&sp=r&sig=SASSECRET%3D";
  const json = redactBody(JSON.stringify({ fileUrl: sas, note: `see ${sas}` }), "application/json");
  assertNotIncludes(json, "SASSECRET");
  assertIncludes(json, "sv=2021-08-06");
  const text = redactTokensInText("sent Authorization: Bearer opaqueTokenValue0123456789 to the API");
  assertEquals(text, "sent Authorization: Bearer *** to the API");
  assertEquals(redactTokensInText("Bearer authentication failed"), "Bearer authentication failed");
});

Deno.test("headers named like a key or token are masked", () => {
  const h = redactHeaders(
    new Headers({ "x-api-key": "K1", "x-ms-token-aad-access-token": "T1", accept: "a" }),
  );
  assertEquals(h, { accept: "a", "x-api-key": "***", "x-ms-token-aad-access-token": "***" });
});
