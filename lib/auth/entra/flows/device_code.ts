/**
 * Device code sign-in (RFC 8628) against Entra: the message with the code goes to the caller's
 * `onMessage` (the CLI writes it to stderr and tries to open the verification URL), then the token
 * endpoint is polled with the shared device-poll loop.
 *
 * @module
 */

import {
  deviceAuthorizationRequest,
  deviceCodeGrantRequest,
  None,
  processDeviceAuthorizationResponse,
  processDeviceCodeResponse,
  ResponseBodyError,
} from "oauth4webapi";
import { pollDeviceAuthorization } from "../../oauth/device_poll.ts";
import { requestOptions } from "../discovery.ts";
import { toEntraError } from "../errors.ts";
import { type AccessToken, fromTokenResponse } from "../token.ts";
import { clientOf, type FlowBase, userScopes } from "./common.ts";

/** What the person must do to approve a device code. */
export interface DeviceCodePrompt {
  /** The server's ready-made instruction (Entra's `message`). */
  message: string;
  /** The code to type. */
  userCode: string;
  /** Where to type it. */
  verificationUri: string;
  /** Seconds until the code expires. */
  expiresIn: number;
}

/** Device code flow options. */
export interface DeviceCodeOptions extends FlowBase {
  /** Scope(s) to request, e.g. `https://org.crm.dynamics.com/.default`. */
  scope: string;
  /** Shows the prompt to the person (stderr) and may open the URL. */
  onPrompt: (prompt: DeviceCodePrompt) => void | Promise<void>;
}

/** Runs the device code flow to completion. */
export async function deviceCodeSignIn(options: DeviceCodeOptions): Promise<AccessToken> {
  const { endpoint, clock } = options;
  const client = clientOf(options.clientId);
  const context = { ...options.context, flow: "device" };
  const opts = requestOptions(endpoint, options.signal);
  try {
    const started = await deviceAuthorizationRequest(
      endpoint.server,
      client,
      None(),
      { scope: userScopes(options.scope) },
      opts,
    );
    const auth = await processDeviceAuthorizationResponse(endpoint.server, client, started);
    const verificationUri = auth.verification_uri;
    await options.onPrompt({
      message: typeof auth.message === "string"
        ? auth.message
        : `To sign in, open ${verificationUri} and enter the code ${auth.user_code}.`,
      userCode: auth.user_code,
      verificationUri,
      expiresIn: auth.expires_in,
    });
    return await pollDeviceAuthorization<AccessToken>({
      intervalSeconds: auth.interval ?? 5,
      expiresInSeconds: auth.expires_in,
      clock,
      signal: options.signal,
      provider: "Microsoft Entra ID",
      poll: async () => {
        const response = await deviceCodeGrantRequest(
          endpoint.server,
          client,
          None(),
          auth.device_code,
          opts,
        );
        try {
          const result = await processDeviceCodeResponse(endpoint.server, client, response);
          return { status: "done", value: fromTokenResponse(result, clock.now()) };
        } catch (error) {
          if (error instanceof ResponseBodyError) {
            if (error.error === "authorization_pending") return { status: "pending" };
            if (error.error === "slow_down") return { status: "slow_down" };
          }
          throw error;
        }
      },
    });
  } catch (error) {
    throw toEntraError(error, context);
  }
}
