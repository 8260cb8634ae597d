/**
 * Calling Dataverse actions and functions (unbound, documented Web API operations) with the Dataverse
 * error mapping of the client.
 *
 * @module
 */

import type { DataverseClient } from "../../dataverse/client.ts";
import { dataverseError } from "../../dataverse/errors.ts";

const HEADERS = { Accept: "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0" };

/** POSTs an unbound action; returns its JSON answer (empty object for 204). */
export async function callAction<T = Record<string, unknown>>(
  client: DataverseClient,
  name: string,
  params: Record<string, unknown> = {},
): Promise<T> {
  try {
    const response = await client.http.send("POST", `${client.apiPath}/${name}`, {
      json: params,
      headers: HEADERS,
    });
    const text = await response.text();
    return (text.trim() ? JSON.parse(text) : {}) as T;
  } catch (error) {
    throw dataverseError(error);
  }
}

/** GETs an unbound function with one string parameter passed as a parameter alias (`@p`). */
export async function callFunction<T = Record<string, unknown>>(
  client: DataverseClient,
  name: string,
  param: string,
  value: string,
): Promise<T> {
  try {
    return await client.http.json<T>("GET", `${client.apiPath}/${name}(${param}=@p)`, {
      query: { "@p": `'${value.replace(/'/g, "''")}'` },
      headers: HEADERS,
    });
  } catch (error) {
    throw dataverseError(error);
  }
}
