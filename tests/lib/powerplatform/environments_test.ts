import { NotFoundError, UsageError } from "../../../lib/errors.ts";
import {
  type EnvironmentSummary,
  matchEnvironment,
  summarizeEnvironment,
} from "../../../lib/powerplatform/environments.ts";
import { followUp } from "../../../lib/powerplatform/follow.ts";
import { cloudEndpoints } from "../../../lib/powerplatform/endpoints.ts";
import { envFrom } from "../../../lib/env.ts";
import { assertEquals, assertIncludes, assertRejects } from "../../helpers/assert.ts";

const ENVS: EnvironmentSummary[] = [
  {
    id: "aaaaaaaa-0000-4000-8000-000000000001",
    displayName: "Contoso Sales Dev",
    url: "https://sales-dev.crm4.dynamics.com",
    uniqueName: "unqdev",
    domainName: "sales-dev",
  },
  {
    id: "aaaaaaaa-0000-4000-8000-000000000002",
    displayName: "Contoso Sales Test",
    url: "https://sales-test.crm4.dynamics.com",
    uniqueName: "unqtest",
    domainName: "sales-test",
  },
  {
    id: "aaaaaaaa-0000-4000-8000-000000000003",
    displayName: "Production",
    url: "https://contoso.crm4.dynamics.com",
    uniqueName: "unqprod",
    domainName: "contoso",
  },
];

Deno.test("an environment resolves by id, Dataverse URL or host, unique name, domain and partial display name", () => {
  assertEquals(
    matchEnvironment("AAAAAAAA-0000-4000-8000-000000000002", ENVS).displayName,
    "Contoso Sales Test",
  );
  assertEquals(matchEnvironment("https://contoso.crm4.dynamics.com/", ENVS).displayName, "Production");
  assertEquals(matchEnvironment("sales-dev.crm4.dynamics.com", ENVS).displayName, "Contoso Sales Dev");
  assertEquals(matchEnvironment("unqtest", ENVS).displayName, "Contoso Sales Test");
  assertEquals(matchEnvironment("contoso", ENVS).displayName, "Production"); // the domain beats a partial name
  assertEquals(matchEnvironment("sales te", ENVS).displayName, "Contoso Sales Test");
});

Deno.test("an ambiguous name is a usage error (exit 2) listing the matches", () => {
  let error: unknown;
  try {
    matchEnvironment("sales", ENVS);
  } catch (e) {
    error = e;
  }
  if (!(error instanceof UsageError)) throw new Error("expected UsageError");
  assertEquals(error.exitCode, 2);
  assertIncludes(error.message, "Contoso Sales Dev");
  assertIncludes(error.message, "Contoso Sales Test");
});

Deno.test("no match is not-found (exit 5) with the closest names", () => {
  let error: unknown;
  try {
    matchEnvironment("Prodution", ENVS);
  } catch (e) {
    error = e;
  }
  if (!(error instanceof NotFoundError)) throw new Error("expected NotFoundError");
  assertEquals(error.exitCode, 5);
  assertIncludes(error.hint ?? "", "Production");
});

Deno.test("a BAP environment record becomes a summary with its Dataverse URL", () => {
  const s = summarizeEnvironment({
    name: "e1",
    location: "europe",
    properties: {
      displayName: "Dev",
      environmentSku: "Sandbox",
      states: { management: { id: "Ready" } },
      linkedEnvironmentMetadata: {
        instanceUrl: "https://dev.crm4.dynamics.com/",
        uniqueName: "u",
        domainName: "dev",
      },
    },
  });
  assertEquals(s, {
    id: "e1",
    displayName: "Dev",
    type: "Sandbox",
    region: "europe",
    url: "https://dev.crm4.dynamics.com",
    state: "Ready",
    uniqueName: "u",
    domainName: "dev",
  });
});

Deno.test("follow-up URLs: token only to the first origin, never off https", () => {
  assertEquals(followUp("https://api.powerplatform.com/a", "/b?x=1"), {
    url: "https://api.powerplatform.com/b?x=1",
    anonymous: false,
  });
  assertEquals(followUp("https://api.powerplatform.com/a", "https://other.example/b").anonymous, true);
  let refused = false;
  try {
    followUp("https://api.powerplatform.com/a", "http://api.powerplatform.com/b");
  } catch {
    refused = true;
  }
  assertEquals(refused, true);
  assertEquals(followUp("http://127.0.0.1:5/a", "http://127.0.0.1:5/b").anonymous, false);
});

Deno.test("base URLs per cloud, overridable; plain http only for loopback", async () => {
  const gov = cloudEndpoints("gcc", envFrom({}));
  assertEquals(gov.powerplatform.baseUrl, "https://api.gov.powerplatform.microsoft.us");
  assertEquals(gov.flow.baseUrl, "https://gov.api.flow.microsoft.us");
  const local = cloudEndpoints(undefined, envFrom({ PPX_BAP_URL: "http://127.0.0.1:8080/" }));
  assertEquals(local.bap, { baseUrl: "http://127.0.0.1:8080", audience: "https://service.powerapps.com/" });
  await assertRejects(
    () =>
      Promise.resolve().then(() =>
        cloudEndpoints(undefined, envFrom({ PPX_FLOW_URL: "http://flow.example.com" }))
      ),
    UsageError,
    "PPX_FLOW_URL",
  );
});
