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
