/**
 * In-memory state of the emulated Power Platform admin APIs: environments (one of them the emulator's
 * own Dataverse org), environment groups, backups, canvas apps, cloud flows with runs, and application
 * packages. Seeded so lists page and names resolve (two "Contoso Sales" environments make a partial name
 * ambiguous on purpose).
 *
 * @module
 */

/** The id of the environment whose Dataverse org is the emulator itself. */
export const EMULATOR_ENVIRONMENT_ID = "8d0c4f6e-0000-4000-8000-000000000001";

/** One environment. */
export interface EmulatedEnvironment {
  id: string;
  displayName: string;
  type: string;
  region: string;
  /** Dataverse URL; undefined means "the emulator's own URL" (resolved at request time). */
  url?: string;
  /** True for the environment whose org is the emulator. */
  self?: boolean;
  uniqueName?: string;
  domainName?: string;
  state: string;
  managed: boolean;
  groupId?: string;
  createdTime: string;
}

/** One environment group. */
export interface EmulatedGroup {
  id: string;
  displayName: string;
  description?: string;
  parentGroupId?: string;
  createdTime: string;
}

/** One backup. */
export interface EmulatedBackup {
  id: string;
  environmentId: string;
  label: string;
  backupPointDateTime: string;
  backupExpiryDateTime: string;
}

/** One role assignment on an app. */
export interface EmulatedPermission {
  id: string;
  principal: { id: string; type: string; displayName?: string };
  roleName: string;
}

/** One canvas app. */
export interface EmulatedApp {
  id: string;
  environmentId: string;
  displayName: string;
  owner: { id: string; displayName: string };
  lastModifiedTime: string;
  versions: { id: string; createdTime: string; description?: string }[];
  permissions: EmulatedPermission[];
  publishedVersion?: string;
}

/** One run of a flow. */
export interface EmulatedRun {
  name: string;
  status: string;
  startTime: string;
  endTime?: string;
  trigger: string;
  actions: { name: string; status: string; code?: string; error?: string }[];
}

/** One cloud flow. */
export interface EmulatedFlow {
  id: string;
  environmentId: string;
  displayName: string;
  state: "Started" | "Stopped";
  modifiedOn: string;
  runs: EmulatedRun[];
}

/** One application package. */
export interface EmulatedPackage {
  uniqueName: string;
  localizedName: string;
  version: string;
  installed: Set<string>;
}

/** Everything the admin APIs serve. */
export class PowerPlatformState {
  /** Environments by id. */
  readonly environments: Map<string, EmulatedEnvironment> = new Map();
  /** Environment groups by id. */
  readonly groups: Map<string, EmulatedGroup> = new Map();
  /** Backups of every environment. */
  readonly backups: EmulatedBackup[] = [];
  /** Canvas apps by id. */
  readonly apps: Map<string, EmulatedApp> = new Map();
  /** Cloud flows by id. */
  readonly flows: Map<string, EmulatedFlow> = new Map();
  /** Application packages. */
  readonly packages: EmulatedPackage[] = [];

  /** The seeded tenant. */
  static seeded(now: number): PowerPlatformState {
    const s = new PowerPlatformState();
    const t = new Date(now - 86_400_000 * 30).toISOString();
    const env = (e: Omit<EmulatedEnvironment, "state" | "managed" | "createdTime">) =>
      s.environments.set(e.id, { state: "Ready", managed: false, createdTime: t, ...e });
    env({
      id: EMULATOR_ENVIRONMENT_ID,
      displayName: "ppx emulator",
      type: "Developer",
      region: "local",
      self: true,
      uniqueName: "ppxemulator",
      domainName: "ppx-emulator",
    });
    env({
      id: "8d0c4f6e-0000-4000-8000-000000000002",
      displayName: "Contoso Sales Dev",
      type: "Sandbox",
      region: "europe",
      url: "https://contoso-sales-dev.crm4.dynamics.com",
      uniqueName: "unq0000000000000000000000000002",
      domainName: "contoso-sales-dev",
    });
    env({
      id: "8d0c4f6e-0000-4000-8000-000000000003",
      displayName: "Contoso Sales Test",
      type: "Sandbox",
      region: "europe",
      url: "https://contoso-sales-test.crm4.dynamics.com",
      uniqueName: "unq0000000000000000000000000003",
      domainName: "contoso-sales-test",
    });
    env({
      id: "8d0c4f6e-0000-4000-8000-000000000004",
      displayName: "Contoso Production",
      type: "Production",
      region: "europe",
      url: "https://contoso.crm4.dynamics.com",
      uniqueName: "unq0000000000000000000000000004",
      domainName: "contoso",
    });
    env({
      id: "8d0c4f6e-0000-4000-8000-000000000005",
      displayName: "Teams Sandbox",
      type: "Teams",
      region: "europe",
    });
    const owner = { id: "00000000-0000-4000-8000-0000000000aa", displayName: "Emulator User" };
    for (let i = 1; i <= 3; i++) {
      const id = `3f1a9b7c-1111-4d2e-8f00-00000000000${i}`;
      s.apps.set(id, {
        id,
        environmentId: EMULATOR_ENVIRONMENT_ID,
        displayName: ["Expense Tracker", "Field Inspections", "Room Booking"][i - 1],
        owner,
        lastModifiedTime: t,
        versions: [
          { id: `2026110${i}T100000Z`, createdTime: t, description: "first" },
          { id: `2026111${i}T100000Z`, createdTime: t, description: "second" },
        ],
        permissions: [{
          id: `perm-${i}`,
          principal: { id: owner.id, type: "User", displayName: owner.displayName },
          roleName: "Owner",
        }],
      });
    }
    for (let i = 1; i <= 3; i++) {
      const id = `7c8d0e1f-2222-4a3b-9c00-00000000000${i}`;
      s.flows.set(id, {
        id,
        environmentId: EMULATOR_ENVIRONMENT_ID,
        displayName: ["Notify on new account", "Nightly export", "Approval routing"][i - 1],
        state: "Started",
        modifiedOn: t,
        runs: [1, 2, 3].map((n) => ({
          name: `0858500000000000000000000${i}${n}CU00`,
          status: n === 2 ? "Failed" : "Succeeded",
          startTime: t,
          endTime: t,
          trigger: "manual",
          actions: [
            { name: "Get_record", status: "Succeeded" },
            n === 2
              ? {
                name: "Send_email",
                status: "Failed",
                code: "Unauthorized",
                error: "The connection is not authorized.",
              }
              : { name: "Send_email", status: "Succeeded" },
          ],
        })),
      });
    }
    s.packages.push(
      {
        uniqueName: "msdyn_OfficeGroups",
        localizedName: "Office Groups",
        version: "1.0.0.5",
        installed: new Set(),
      },
      {
        uniqueName: "msdyn_PortalTemplates",
        localizedName: "Portal templates",
        version: "9.3.2.1",
        installed: new Set([EMULATOR_ENVIRONMENT_ID]),
      },
    );
    return s;
  }
}
