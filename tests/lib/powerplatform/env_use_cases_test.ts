import { UsageError } from "../../../lib/errors.ts";
import type { EnvironmentSummary } from "../../../lib/powerplatform/environments.ts";
import {
  listEnvironmentsUseCase,
  selectEnvironmentUseCase,
  whoUseCase,
} from "../../../lib/powerplatform/env_use_cases.ts";
import { assertEquals, assertRejects } from "../../helpers/assert.ts";

const ENVS: EnvironmentSummary[] = [
  { id: "aaaaaaaa-0000-4000-8000-000000000001", displayName: "Dev", url: "https://dev.crm.dynamics.com" },
  { id: "aaaaaaaa-0000-4000-8000-000000000002", displayName: "Teams" },
];

Deno.test("env list marks the selected environment by name or id, and survives a stale default", async () => {
  const deps = { environments: () => Promise.resolve(ENVS) };
  assertEquals((await listEnvironmentsUseCase({ selected: "dev" }, deps)).map((e) => e.selected), [
    true,
    false,
  ]);
  assertEquals(
    (await listEnvironmentsUseCase({ selected: ENVS[1].id.toUpperCase() }, deps)).map((e) => e.selected),
    [false, true],
  );
  assertEquals((await listEnvironmentsUseCase({ selected: "gone" }, deps)).map((e) => e.selected), [
    false,
    false,
  ]);
  assertEquals((await listEnvironmentsUseCase({ filter: "DEV.crm" }, deps)).map((e) => e.displayName), [
    "Dev",
  ]);
});

Deno.test("env select stores the id with its normalised Dataverse host, or none", async () => {
  const saved: [string, string | null][] = [];
  const deps = {
    resolve: (q: string) => Promise.resolve(ENVS.find((e) => e.displayName === q)!),
    normalizeHost: (u: string) => new URL(u).host,
    save: (id: string, host: string | null) => {
      saved.push([id, host]);
      return Promise.resolve("work");
    },
  };
  assertEquals((await selectEnvironmentUseCase({ query: "Dev" }, deps)).profile, "work");
  await selectEnvironmentUseCase({ query: "Teams" }, deps);
  assertEquals(saved, [[ENVS[0].id, "dev.crm.dynamics.com"], [ENVS[1].id, null]]);
});

Deno.test("env who needs a selection, and asks Dataverse only when there is one", async () => {
  const deps = {
    resolve: (q: string) => Promise.resolve(ENVS.find((e) => e.displayName === q)!),
    whoAmI: () => Promise.resolve({ UserId: "u", BusinessUnitId: "b", OrganizationId: "o" }),
  };
  await assertRejects(() => whoUseCase({}, deps), UsageError, "No environment");
  assertEquals((await whoUseCase({ query: "Dev" }, deps)).UserId, "u");
  assertEquals((await whoUseCase({ query: "Teams" }, deps)).UserId, undefined);
});
