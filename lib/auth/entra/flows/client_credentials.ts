/**
 * App-only sign-in (client credentials grant) with a client secret, a certificate-signed assertion or a
 * federated assertion from another identity provider, plus the refresh-token grant for user profiles.
 *
 * @module
 */

import {
  type ClientAuth,
  clientCredentialsGrantRequest,
  ClientSecretPost,
  None,
  processClientCredentialsResponse,
  processRefreshTokenResponse,
  refreshTokenGrantRequest,
} from "oauth4webapi";
import { requestOptions } from "../discovery.ts";
import { toEntraError } from "../errors.ts";
import { type AccessToken, fromTokenResponse } from "../token.ts";
import { clientOf, type FlowBase, userScopes } from "./common.ts";

/** The JWT-bearer client assertion type (RFC 7523). */
export const JWT_BEARER_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/** How the app proves who it is. */
export type ClientProof =
  | { kind: "secret"; secret: string }
  /** A JWT assertion made for the token endpoint (`audience`): a certificate signature or a federated token. */
  | { kind: "assertion"; assertion: (audience: string) => Promise<string> };

/** Client authentication for oauth4webapi from a ClientProof. */
export function clientAuthFor(proof: ClientProof): ClientAuth {
  if (proof.kind === "secret") return ClientSecretPost(proof.secret);
  return async (as, client, body) => {
    body.set("client_id", client.client_id);
    body.set("client_assertion_type", JWT_BEARER_ASSERTION);
    body.set("client_assertion", await proof.assertion(as.token_endpoint ?? as.issuer));
  };
}

/** Client credentials options. */
export interface ClientCredentialsOptions extends FlowBase {
  /** `{resource}/.default`. */
  scope: string;
  /** The secret or assertion. */
  proof: ClientProof;
}

/** Gets an app-only token. */
export async function clientCredentialsToken(options: ClientCredentialsOptions): Promise<AccessToken> {
  const { endpoint, clock } = options;
  const client = clientOf(options.clientId);
  try {
    const response = await clientCredentialsGrantRequest(
      endpoint.server,
      client,
      clientAuthFor(options.proof),
      { scope: options.scope },
      requestOptions(endpoint, options.signal),
    );
    const result = await processClientCredentialsResponse(endpoint.server, client, response);
    return fromTokenResponse(result, clock.now());
  } catch (error) {
    throw toEntraError(error, options.context);
  }
}

/** Refresh-token grant options. */
export interface RefreshOptions extends FlowBase {
  /** The scope for the new access token (Entra refresh tokens work across resources). */
  scope: string;
  /** The current refresh token. */
  refreshToken: string;
}

/** Redeems a refresh token for an access token (and usually a rotated refresh token). */
export async function refreshAccessToken(options: RefreshOptions): Promise<AccessToken> {
  const { endpoint, clock } = options;
  const client = clientOf(options.clientId);
  try {
    const response = await refreshTokenGrantRequest(
      endpoint.server,
      client,
      None(),
      options.refreshToken,
      {
        ...requestOptions(endpoint, options.signal),
        additionalParameters: { scope: userScopes(options.scope) },
      },
    );
    const result = await processRefreshTokenResponse(endpoint.server, client, response);
    return fromTokenResponse(result, clock.now());
  } catch (error) {
    throw toEntraError(error, { ...options.context, flow: "refresh" });
  }
}
