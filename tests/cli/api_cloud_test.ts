import { audiences } from "../../cli/commands/api.ts";
import { cloudByName } from "../../lib/auth/entra/clouds.ts";
import { assertEquals } from "../helpers/assert.ts";
import { runPpx } from "../helpers/cli.ts";

Deno.test("ppx api's named audiences follow the cloud: US Government hosts for --cloud usgov", () => {
  const gov = audiences(cloudByName("usgov"));
  assertEquals(gov.bap, {
    base: "https://gov.api.bap.microsoft.us",
    audience: "https://gov.service.powerapps.us/",
  });
  assertEquals(gov.powerplatform.base, "https://api.gov.powerplatform.microsoft.us");
  assertEquals(audiences(cloudByName("china")).graph.base, "https://microsoftgraph.chinacloudapi.cn");
  assertEquals(audiences().bap.base, "https://api.bap.microsoft.com");
});

Deno.test("ppx api --cloud refuses an unknown cloud before sending anything", async () => {
  const r = await runPpx(["api", "GET", "/x", "--audience", "bap", "--cloud", "mars"], {
    env: { PPX_ACCESS_TOKEN: "t" },
  });
  assertEquals(r.code, 2, r.stderr);
});
