/**
 * Polling a device authorization (RFC 8628 section 3.5) with an injected clock: waits `interval` seconds
 * between token requests, adds 5 seconds on every `slow_down`, and stops at the code's expiry. The
 * provider-specific request and its error mapping stay with the caller (`poll`).
 *
 * @module
 */

import type { Clock } from "../../clock.ts";
import { AuthError } from "../../errors.ts";

/** What one token request during device polling said. */
export type PollOutcome<T> =
  | { status: "done"; value: T }
  | { status: "pending" }
  /** `intervalSeconds`: the new interval the server sent with `slow_down`, if it sent one (GitHub does). */
  | { status: "slow_down"; intervalSeconds?: number };

/** How to poll. */
export interface DevicePollOptions<T> {
  /** Seconds between polls from the device authorization response (default 5). */
  intervalSeconds?: number;
  /** Seconds until the device code expires. */
  expiresInSeconds: number;
  /** Time source and sleeper (ManualClock in tests). */
  clock: Clock;
  /** One token request; throws for terminal errors (declined, expired, blocked). */
  poll: () => Promise<PollOutcome<T>>;
  /** Cancels the wait. */
  signal?: AbortSignal;
  /** Name of the service, for the expiry message (e.g. `Microsoft Entra ID`). */
  provider?: string;
}

/** RFC 8628: a `slow_down` answer raises the interval by 5 seconds for the rest of the polling. */
export const SLOW_DOWN_STEP_SECONDS = 5;

/** Polls until the user approves, a terminal error is thrown, or the code expires. */
export async function pollDeviceAuthorization<T>(options: DevicePollOptions<T>): Promise<T> {
  const { clock } = options;
  let interval = Math.max(1, options.intervalSeconds ?? 5);
  const deadline = clock.now() + options.expiresInSeconds * 1000;
  for (;;) {
    await clock.sleep(interval * 1000, options.signal);
    const outcome = await options.poll();
    if (outcome.status === "done") return outcome.value;
    if (outcome.status === "slow_down") {
      interval = Math.max(interval + SLOW_DOWN_STEP_SECONDS, outcome.intervalSeconds ?? 0);
    }
    if (clock.now() + interval * 1000 > deadline) {
      throw new AuthError(
        `The sign-in code expired before it was approved${
          options.provider ? ` at ${options.provider}` : ""
        }.`,
        {
          code: "auth.device-code-expired",
          hint: "Run the command again and finish the sign-in within the time shown.",
        },
      );
    }
  }
}
