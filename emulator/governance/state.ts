/**
 * In-memory state of the emulated governance admin APIs: DLP policies and the connector catalog, tenant
 * settings and feature controls, RBAC, users' admin roles, licensing, Advisor recommendations,
 * rule-based policies and cross-tenant reports, Copilot Studio bots and custom connectors. Seeded so the
 * CoE inventory has several environments with apps, flows, connectors and bots to count.
 *
 * @module
 */

/** A plain JSON object. */
export type Json = Record<string, unknown>;

/** Environments of the part-1 seed that this state refers to. */
export const SEED_ENVIRONMENTS = [
  "8d0c4f6e-0000-4000-8000-000000000001",
  "8d0c4f6e-0000-4000-8000-000000000002",
  "8d0c4f6e-0000-4000-8000-000000000003",
  "8d0c4f6e-0000-4000-8000-000000000004",
];

/** Makers of the seed (owners of apps, flows, bots and connectors). */
export const MAKERS = [
  {
    id: "00000000-0000-4000-8000-0000000000aa",
    displayName: "Emulator User",
    email: "emulator@contoso.example",
  },
  { id: "00000000-0000-4000-8000-0000000000bb", displayName: "Avery Maker", email: "avery@contoso.example" },
  { id: "00000000-0000-4000-8000-0000000000cc", displayName: "Kai Builder", email: "kai@contoso.example" },
];

/** Connectors the tenant knows (id, name, display name, custom or not). */
export const CONNECTORS = [
  ["shared_sql", "SQL Server"],
  ["shared_sharepointonline", "SharePoint"],
  ["shared_office365", "Office 365 Outlook"],
  ["shared_teams", "Microsoft Teams"],
  ["shared_twitter", "X (Twitter)"],
  ["shared_dropbox", "Dropbox"],
  ["shared_commondataserviceforapps", "Microsoft Dataverse"],
  ["shared_approvals", "Approvals"],
].map(([name, displayName]) => ({ name, id: `/providers/Microsoft.PowerApps/apis/${name}`, displayName }));

/** One bot with its channels. */
export interface EmulatedBot {
  id: string;
  environmentId: string;
  displayName: string;
  owner: { id: string; displayName: string };
  lastModifiedTime: string;
  state: "Published" | "Draft";
  quarantined: boolean;
  quarantineUpdated?: string;
  channels: Json[];
}

/** Everything the service serves. */
export class GovernanceState {
  readonly dlpPolicies = new Map<string, Json>();
  tenantSettings: Json = {};
  readonly features = new Map<string, Json>();
  readonly roleDefinitions = new Map<string, Json>();
  readonly roleAssignments = new Map<string, Json>();
  readonly adminRoles = new Map<string, Json[]>();
  readonly billingPolicies = new Map<string, Json & { environments: string[] }>();
  readonly allocations = new Map<string, Json>();
  readonly capacityAllocations = new Map<string, Json>();
  readonly isvContracts = new Map<string, Json>();
  readonly scenarios: Json[] = [];
  readonly recommendations = new Map<string, Json>();
  readonly resources: Json[] = [];
  readonly reports = new Map<string, Json>();
  readonly rulePolicies = new Map<string, Json>();
  readonly ruleAssignments: Json[] = [];
  readonly bots = new Map<string, EmulatedBot>();
  readonly customConnectors: Json[] = [];

  /** The seeded tenant. */
  static seeded(now: number): GovernanceState {
    const s = new GovernanceState();
    const t = (days: number) => new Date(now - 86_400_000 * days).toISOString();
    const group = (classification: string, names: string[]) => ({
      classification,
      connectors: names.map((n) => {
        const c = CONNECTORS.find((x) => x.name === n)!;
        return { id: c.id, name: c.displayName, type: "Microsoft.PowerApps/apis" };
      }),
    });
    s.dlpPolicies.set("2f4e1a6b-0000-4000-8000-0000000000d1", {
      name: "2f4e1a6b-0000-4000-8000-0000000000d1",
      displayName: "Tenant baseline",
      defaultConnectorsClassification: "General",
      environmentType: "AllEnvironments",
      environments: [],
      connectorGroups: [
        group("Confidential", ["shared_sql", "shared_sharepointonline", "shared_commondataserviceforapps"]),
        group("General", ["shared_office365", "shared_teams", "shared_approvals"]),
        group("Blocked", ["shared_twitter"]),
      ],
      createdBy: { displayName: MAKERS[0].displayName },
      createdTime: t(60),
      lastModifiedBy: { displayName: MAKERS[0].displayName },
      lastModifiedTime: t(10),
      isLegacySchemaVersion: false,
    });
    s.dlpPolicies.set("2f4e1a6b-0000-4000-8000-0000000000d2", {
      name: "2f4e1a6b-0000-4000-8000-0000000000d2",
      displayName: "Production lockdown",
      defaultConnectorsClassification: "Blocked",
      environmentType: "OnlyEnvironments",
      environments: [{
        id: `/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/${SEED_ENVIRONMENTS[3]}`,
        name: SEED_ENVIRONMENTS[3],
        type: "Microsoft.BusinessAppPlatform/scopes/environments",
      }],
      connectorGroups: [
        group("Confidential", ["shared_sql", "shared_commondataserviceforapps"]),
        group("General", []),
        group("Blocked", ["shared_twitter", "shared_dropbox"]),
      ],
      createdBy: { displayName: MAKERS[0].displayName },
      createdTime: t(30),
      lastModifiedBy: { displayName: MAKERS[0].displayName },
      lastModifiedTime: t(3),
      isLegacySchemaVersion: false,
    });
    s.tenantSettings = {
      walkMeOptOut: false,
      disableNPSCommentsReachout: false,
      disableNewsletterSendout: false,
      disableEnvironmentCreationByNonAdminUsers: false,
      disablePortalsCreationByNonAdminUsers: false,
      disableSurveyFeedback: false,
      disableTrialEnvironmentCreationByNonAdminUsers: false,
      disableCapacityAllocationByEnvironmentAdmins: false,
      disableSupportTicketsVisibleByAllUsers: false,
      powerPlatform: {
        search: { disableDocsSearch: false, disableCommunitySearch: false, disableBingVideoSearch: false },
        teamsIntegration: { shareWithColleaguesUserLimit: 10000 },
        powerApps: { disableShareWithEveryone: false, enableGuestsToMake: false },
        catalogSettings: { powerCatalogAudienceSetting: "All" },
      },
    };
    for (const [name, enabled] of [["copilotInPowerApps", true], ["aiBuilderPreview", false]] as const) {
      s.features.set(name, { name, enabled, lastModifiedTime: t(20) });
    }
    const roles: [string, string, string[]][] = [
      ["0cb07c69-1631-4725-ab35-e59e001c51ea", "Power Platform owner", ["*"]],
      ["ff954d61-a89a-4fbe-ace9-01c367b89f87", "Power Platform contributor", ["*/read", "*/write"]],
      ["c886ad2e-27f7-4874-8381-5849b8d8a090", "Power Platform reader", ["*/read"]],
      ["95e94555-018c-447b-8691-bdac8e12211e", "Power Platform RBAC administrator", [
        "Microsoft.Authorization/*",
      ]],
    ];
    for (const [id, name, actions] of roles) {
      s.roleDefinitions.set(id, {
        id,
        name,
        permissions: [{ actions, notActions: [], dataActions: [], notDataActions: [] }],
        assignableScopes: ["/tenants", "/environmentGroups", "/environments"],
      });
    }
    s.roleAssignments.set("ra-1", {
      id: "ra-1",
      principalId: MAKERS[0].id,
      principalType: "User",
      roleDefinitionId: roles[0][0],
      scope: "/tenants/00000000-0000-4000-8000-00000000000f",
    });
    s.adminRoles.set(MAKERS[0].id, [{
      roleDefinitionId: "62e90394-69f5-4237-9190-012177145e10",
      roleDisplayName: "Global Administrator",
      scope: "tenant",
    }]);
    s.billingPolicies.set("b1000000-0000-4000-8000-000000000001", {
      id: "b1000000-0000-4000-8000-000000000001",
      name: "Contoso PAYG",
      location: "europe",
      status: "Enabled",
      billingInstrument: {
        subscriptionId: "5f0e0000-0000-4000-8000-000000000001",
        resourceGroup: "rg-powerplatform",
      },
      createdOn: t(90),
      lastModifiedOn: t(5),
      environments: [SEED_ENVIRONMENTS[3]],
    });
    s.scenarios.push(
      {
        scenario: "InactiveApps",
        scenarioName: "Inactive apps",
        description: "Apps nobody opened in 60 days",
      },
      { scenario: "UnusedFlows", scenarioName: "Unused flows", description: "Flows with no runs" },
    );
    for (let i = 1; i <= 5; i++) {
      s.resources.push({
        resourceId: `3f1a9b7c-1111-4d2e-8f00-00000000001${i}`,
        resourceName: `Old app ${i}`,
        resourceType: "PowerApp",
        environmentId: SEED_ENVIRONMENTS[(i % 3) + 1],
        scenario: "InactiveApps",
        lastUsedTime: t(60 + i),
      });
    }
    s.recommendations.set("rec-1", {
      id: "rec-1",
      scenario: "InactiveApps",
      title: "Review 5 inactive apps",
      severity: "Medium",
      status: "Active",
    });
    s.rulePolicies.set("rbp-1", {
      id: "rbp-1",
      name: "Managed environment defaults",
      ruleSets: [{
        id: "rs-sharing",
        version: "1",
        inputs: { limitSharingMode: "excludeSharingToSecurityGroups" },
      }],
      ruleSetCount: 1,
      lastModified: t(7),
    });
    const bot = (id: string, env: string, displayName: string, maker: number, days: number) =>
      s.bots.set(id, {
        id,
        environmentId: env,
        displayName,
        owner: { id: MAKERS[maker].id, displayName: MAKERS[maker].displayName },
        lastModifiedTime: t(days),
        state: "Published",
        quarantined: false,
        channels: [{ id: `${id}-teams`, channelType: "MsTeams", isEnabled: true, configuration: {} }],
      });
    bot("b0700000-0000-4000-8000-000000000001", SEED_ENVIRONMENTS[0], "HR helper", 0, 4);
    bot("b0700000-0000-4000-8000-000000000002", SEED_ENVIRONMENTS[1], "IT help desk", 1, 12);
    bot("b0700000-0000-4000-8000-000000000003", SEED_ENVIRONMENTS[3], "Customer FAQ", 2, 2);
    s.customConnectors.push(
      {
        name: "shared_contoso-erp-5f1a",
        id: "/providers/Microsoft.PowerApps/apis/shared_contoso-erp-5f1a",
        environmentId: SEED_ENVIRONMENTS[1],
        properties: {
          displayName: "Contoso ERP",
          isCustomApi: true,
          createdBy: { id: MAKERS[1].id, displayName: MAKERS[1].displayName },
          createdTime: t(40),
          changedTime: t(9),
        },
      },
      {
        name: "shared_weather-7c2d",
        id: "/providers/Microsoft.PowerApps/apis/shared_weather-7c2d",
        environmentId: SEED_ENVIRONMENTS[0],
        properties: {
          displayName: "Weather lookup",
          isCustomApi: true,
          createdBy: { id: MAKERS[0].id, displayName: MAKERS[0].displayName },
          createdTime: t(50),
          changedTime: t(20),
        },
      },
    );
    return s;
  }
}
