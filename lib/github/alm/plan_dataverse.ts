/**
 * setup-ci, Dataverse: one application user with the role per distinct organisation.
 *
 * @module
 */

import { ApiError } from "../../errors.ts";
import type { Clock } from "../../clock.ts";
import { AppUsersApi, type AppUserState } from "./app_users.ts";
import { keep } from "./plan.ts";
import type { SetupContext } from "./setup_context.ts";

/** Waits before each retry while a new app reaches Dataverse (Entra propagation takes seconds to a minute). */
export const PROPAGATION_DELAYS_MS: readonly number[] = [5_000, 10_000, 20_000, 30_000];

/**
 * Creates the application user, retrying while Dataverse does not know the app yet. Dataverse answers
 * 4xx for an app id Entra has not propagated to it (pac's create-service-principal fails on this race).
 */
async function createAppUser(create: () => Promise<string>, clock: Clock | undefined, fresh: boolean) {
  const delays = fresh && clock ? PROPAGATION_DELAYS_MS : [];
  for (let attempt = 0;; attempt++) {
    try {
      return await create();
    } catch (error) {
      const unknownApp = error instanceof ApiError && error.status >= 400 && error.status < 500 &&
        error.status !== 401 && error.status !== 409;
      if (!unknownApp || attempt >= delays.length) throw error;
      await clock!.sleep(delays[attempt]);
    }
  }
}

/** Plans the Dataverse steps. */
export async function planDataverse(ctx: SetupContext): Promise<void> {
  const { options, deps, app, steps } = ctx;
  // (b) Dataverse: one application user with the role per distinct organisation.
  const seen = new Set<string>();
  for (const stage of options.stages) {
    const orgUrl = stage.url.replace(/\/+$/, "");
    if (seen.has(orgUrl.toLowerCase())) continue;
    seen.add(orgUrl.toLowerCase());
    const users = new AppUsersApi(deps.dataverse(orgUrl), orgUrl);
    const bu = await users.rootBusinessUnit();
    const roleId = await users.roleId(options.role, bu);
    const state: AppUserState = app.value ? await users.state(app.value.appId, roleId) : { hasRole: false };
    const target = `application user in ${orgUrl}`;
    if (state.userId && state.hasRole && !state.disabled) {
      steps.push(keep("dataverse", target, `role ${options.role}`));
      continue;
    }
    steps.push({
      area: "dataverse",
      action: state.userId ? "update" : "create",
      target,
      detail: state.disabled ? `enable, role ${options.role}` : `role ${options.role}`,
      apply: async () => {
        const userId = state.userId ??
          await createAppUser(() => users.create(app.value!.appId, bu), deps.clock, app.fresh === true);
        if (state.disabled) await users.setDisabled(userId, false);
        if (!state.hasRole) await users.assignRole(userId, roleId);
      },
    });
  }
}
