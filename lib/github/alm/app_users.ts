/**
 * Application users in a Dataverse environment (Web API v9.2): the root business unit, a security role
 * by name, the `systemusers` record whose `applicationid` is the app's client id, and the role link
 * (`systemuserroles_association`).
 *
 * @module
 */

import { NotFoundError } from "../../errors.ts";
import type { HttpClient } from "../../http/client.ts";
import { AlmNotFoundError } from "./errors.ts";

/** What is known about an application user. */
export interface AppUserState {
  /** The systemuser id, when the user exists. */
  userId?: string;
  /** True when the user exists but is disabled. */
  disabled?: boolean;
  /** True when the user has the role. */
  hasRole: boolean;
}

function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Application users of one environment. */
export class AppUsersApi {
  readonly #http: HttpClient;
  /** The organisation URL (no trailing slash). */
  readonly orgUrl: string;

  /** `http` has `<org>/api/data/v9.2` as base and a token for the org. */
  constructor(http: HttpClient, orgUrl: string) {
    this.#http = http;
    this.orgUrl = orgUrl.replace(/\/+$/, "");
  }

  async #list<T>(path: string, query: Record<string, string>): Promise<T[]> {
    const answer = await this.#http.json<{ value: T[] }>("GET", path, { query });
    return answer.value;
  }

  /** The root business unit's id. */
  async rootBusinessUnit(): Promise<string> {
    const units = await this.#list<{ businessunitid: string }>("businessunits", {
      $select: "businessunitid",
      $filter: "_parentbusinessunitid_value eq null",
    });
    if (!units[0]) throw new NotFoundError(`${this.orgUrl} has no root business unit.`);
    return units[0].businessunitid;
  }

  /** The id of the role with this name in the business unit. */
  async roleId(name: string, businessUnit: string): Promise<string> {
    const roles = await this.#list<{ roleid: string }>("roles", {
      $select: "roleid,name",
      $filter: `name eq ${literal(name)} and _businessunitid_value eq ${businessUnit}`,
    });
    if (!roles[0]) {
      throw new AlmNotFoundError("role", name, `${this.orgUrl} has no security role named '${name}'.`);
    }
    return roles[0].roleid;
  }

  /** The application user of `appId` and whether it has `roleId`. */
  async state(appId: string, roleId: string): Promise<AppUserState> {
    const users = await this.#list<{ systemuserid: string; isdisabled?: boolean }>("systemusers", {
      $select: "systemuserid,isdisabled",
      $filter: `applicationid eq ${appId}`,
    });
    const user = users[0];
    if (!user) return { hasRole: false };
    const roles = await this.#list<{ roleid: string }>(
      `systemusers(${user.systemuserid})/systemuserroles_association`,
      {
        $select: "roleid",
        $filter: `roleid eq ${roleId}`,
      },
    );
    return { userId: user.systemuserid, disabled: user.isdisabled === true, hasRole: roles.length > 0 };
  }

  /** The application user of `appId`, if any. */
  async find(appId: string): Promise<{ userId: string; disabled: boolean } | undefined> {
    const users = await this.#list<{ systemuserid: string; isdisabled?: boolean }>("systemusers", {
      $select: "systemuserid,isdisabled",
      $filter: `applicationid eq ${appId}`,
    });
    return users[0] ? { userId: users[0].systemuserid, disabled: users[0].isdisabled === true } : undefined;
  }

  /** Creates the application user in the business unit; returns its id. */
  async create(appId: string, businessUnit: string): Promise<string> {
    const created = await this.#http.json<{ systemuserid: string }>("POST", "systemusers", {
      headers: { prefer: "return=representation" },
      json: { applicationid: appId, "businessunitid@odata.bind": `/businessunits(${businessUnit})` },
    });
    return created.systemuserid;
  }

  /** Gives the user the role. */
  async assignRole(userId: string, roleId: string): Promise<void> {
    await this.#http.json("POST", `systemusers(${userId})/systemuserroles_association/$ref`, {
      json: { "@odata.id": `${this.orgUrl}/api/data/v9.2/roles(${roleId})` },
    });
  }

  /** Enables or disables the user (Dataverse never deletes users; teardown disables them). */
  async setDisabled(userId: string, disabled: boolean): Promise<void> {
    await this.#http.json("PATCH", `systemusers(${userId})`, { json: { isdisabled: disabled } });
  }
}
