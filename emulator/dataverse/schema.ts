/**
 * The tables an emulated Dataverse org has: a small JSON schema (logical name, entity set, primary key and
 * name, typed attributes, alternate keys) and the built-in default (account, contact and a custom
 * `ppx_project` table), so the emulator works without any file.
 *
 * @module
 */

/** Attribute types, named as Dataverse's AttributeType metadata names them. */
export type AttributeType =
  | "String"
  | "Memo"
  | "Integer"
  | "BigInt"
  | "Decimal"
  | "Double"
  | "Money"
  | "Boolean"
  | "DateTime"
  | "Lookup"
  | "Customer"
  | "Owner"
  | "Picklist"
  | "State"
  | "Status"
  | "Uniqueidentifier";

/** One option of a choice (option set) column. */
export interface OptionSchema {
  value: number;
  label: string;
}

/** One column. */
export interface AttributeSchema {
  logicalName: string;
  type: AttributeType;
  /** Longest text accepted (String / Memo). */
  maxLength?: number;
  /** Tables a lookup can point to (Lookup / Customer / Owner). */
  targets?: string[];
  /**
   * Single-valued navigation property per target table, used in `@odata.bind` and `$expand`. Defaults to
   * the logical name for one target and `<logicalname>_<target>` for several.
   */
  navigation?: Record<string, string>;
  /** Allowed values of a choice column. */
  options?: OptionSchema[];
  /** `DateOnly` stores and returns `YYYY-MM-DD`; the default keeps date and time (UTC). */
  format?: "DateOnly" | "DateAndTime";
  /** Smallest and largest number accepted (Integer, Decimal, Double, Money). */
  minValue?: number;
  maxValue?: number;
  /** Computed or system-managed: not writable. */
  readOnly?: boolean;
  /** Display name for metadata. */
  displayName?: string;
}

/** An alternate key: a named set of columns whose values are unique. */
export interface AlternateKeySchema {
  name: string;
  attributes: string[];
}

/** One table. */
export interface TableSchema {
  logicalName: string;
  entitySetName: string;
  primaryIdAttribute: string;
  primaryNameAttribute: string;
  displayName?: string;
  attributes: AttributeSchema[];
  alternateKeys?: AlternateKeySchema[];
}

/** A whole schema file. */
export interface DataverseSchema {
  tables: TableSchema[];
}

/** A schema file that cannot be used; the message names the table and column. */
export class SchemaError extends Error {
  override name = "SchemaError";
}

const TYPES: ReadonlySet<string> = new Set([
  "String",
  "Memo",
  "Integer",
  "BigInt",
  "Decimal",
  "Double",
  "Money",
  "Boolean",
  "DateTime",
  "Lookup",
  "Customer",
  "Owner",
  "Picklist",
  "State",
  "Status",
  "Uniqueidentifier",
]);

const NAME = /^[a-z_][a-z0-9_]*$/;

/** True for lookup-like columns. */
export function isLookup(attribute: AttributeSchema): boolean {
  return attribute.type === "Lookup" || attribute.type === "Customer" || attribute.type === "Owner";
}

/** Navigation property name of a lookup for one of its targets. */
export function navigationOf(attribute: AttributeSchema, target: string): string {
  const explicit = attribute.navigation?.[target];
  if (explicit) return explicit;
  return (attribute.targets?.length ?? 0) > 1 ? `${attribute.logicalName}_${target}` : attribute.logicalName;
}

/**
 * Checks a schema and completes every table with the columns Dataverse always has: the primary key,
 * `createdon`, `modifiedon`, `versionnumber` and `statecode`. Throws SchemaError naming the problem.
 */
export function normalizeSchema(input: unknown): DataverseSchema {
  const raw = input as DataverseSchema;
  if (!raw || typeof raw !== "object" || !Array.isArray(raw.tables) || raw.tables.length === 0) {
    throw new SchemaError('A schema is a JSON object with a non-empty "tables" array.');
  }
  const logicalNames = new Set<string>();
  const sets = new Set<string>();
  const tables = raw.tables.map((t, i) => {
    const where = `tables[${i}]${t?.logicalName ? ` (${t.logicalName})` : ""}`;
    for (
      const field of ["logicalName", "entitySetName", "primaryIdAttribute", "primaryNameAttribute"] as const
    ) {
      if (typeof t?.[field] !== "string" || !NAME.test(t[field])) {
        throw new SchemaError(`${where}: "${field}" must be a lower-case logical name.`);
      }
    }
    if (logicalNames.has(t.logicalName)) throw new SchemaError(`${where}: the table is defined twice.`);
    if (sets.has(t.entitySetName)) {
      throw new SchemaError(`${where}: entity set ${t.entitySetName} is used twice.`);
    }
    logicalNames.add(t.logicalName);
    sets.add(t.entitySetName);
    if (!Array.isArray(t.attributes)) throw new SchemaError(`${where}: "attributes" must be an array.`);
    const attributes: AttributeSchema[] = [];
    const seen = new Set<string>();
    const add = (a: AttributeSchema) => {
      if (!seen.has(a.logicalName)) {
        seen.add(a.logicalName);
        attributes.push(a);
      }
    };
    add({ logicalName: t.primaryIdAttribute, type: "Uniqueidentifier" });
    for (const [j, a] of t.attributes.entries()) {
      const at = `${where}.attributes[${j}]${a?.logicalName ? ` (${a.logicalName})` : ""}`;
      if (typeof a?.logicalName !== "string" || !NAME.test(a.logicalName)) {
        throw new SchemaError(`${at}: "logicalName" must be a lower-case logical name.`);
      }
      if (!TYPES.has(a.type)) {
        throw new SchemaError(`${at}: unknown type '${a.type}'; use one of ${[...TYPES].join(", ")}.`);
      }
      if (isLookup(a) && (!Array.isArray(a.targets) || a.targets.length === 0)) {
        throw new SchemaError(`${at}: a ${a.type} column needs "targets" (table logical names).`);
      }
      if (
        (a.type === "Picklist" || a.type === "Status") && (!Array.isArray(a.options) || !a.options.length)
      ) {
        throw new SchemaError(`${at}: a ${a.type} column needs "options" ([{ "value": 1, "label": "…" }]).`);
      }
      if (a.navigation !== undefined) {
        // A plain string here used to pass and then fail while seeding, far from its cause.
        const nav = a.navigation as unknown;
        if (
          typeof nav !== "object" || nav === null || Array.isArray(nav) ||
          Object.values(nav).some((v) => typeof v !== "string" || v === "")
        ) {
          throw new SchemaError(
            `${at}: "navigation" must map each target table to its navigation property, e.g. ` +
              `{ "account": "parentcustomerid_account" }.`,
          );
        }
        for (const target of Object.keys(nav)) {
          if (!isLookup(a) || !a.targets?.includes(target)) {
            throw new SchemaError(`${at}: "navigation" names ${target}, which is not one of its "targets".`);
          }
        }
      }
      if (seen.has(a.logicalName) && a.logicalName !== t.primaryIdAttribute) {
        throw new SchemaError(`${at}: the column is defined twice.`);
      }
      add({ ...a });
    }
    if (!seen.has(t.primaryNameAttribute)) {
      throw new SchemaError(
        `${where}: primary name column ${t.primaryNameAttribute} is not among its attributes.`,
      );
    }
    add({ logicalName: "createdon", type: "DateTime", readOnly: true });
    add({ logicalName: "modifiedon", type: "DateTime", readOnly: true });
    add({ logicalName: "versionnumber", type: "BigInt", readOnly: true });
    add({
      logicalName: "statecode",
      type: "State",
      options: [{ value: 0, label: "Active" }, { value: 1, label: "Inactive" }],
    });
    for (const [k, key] of (t.alternateKeys ?? []).entries()) {
      if (typeof key?.name !== "string" || !Array.isArray(key.attributes) || key.attributes.length === 0) {
        throw new SchemaError(
          `${where}.alternateKeys[${k}]: needs "name" and a non-empty "attributes" array.`,
        );
      }
      for (const name of key.attributes) {
        if (!seen.has(name)) {
          throw new SchemaError(`${where}: alternate key ${key.name} uses unknown column ${name}.`);
        }
      }
    }
    return { ...t, attributes, alternateKeys: t.alternateKeys ?? [] };
  });
  for (const t of tables) {
    for (const a of t.attributes) {
      for (const target of a.targets ?? []) {
        if (!logicalNames.has(target)) {
          throw new SchemaError(
            `${t.logicalName}.${a.logicalName}: lookup target ${target} is not a table here.`,
          );
        }
      }
    }
  }
  return { tables };
}

/** The built-in schema: account, contact and a custom table with every column type. */
export const DEFAULT_SCHEMA: DataverseSchema = {
  tables: [
    {
      logicalName: "account",
      entitySetName: "accounts",
      primaryIdAttribute: "accountid",
      primaryNameAttribute: "name",
      displayName: "Account",
      attributes: [
        { logicalName: "name", type: "String", maxLength: 160, displayName: "Account Name" },
        { logicalName: "accountnumber", type: "String", maxLength: 20, displayName: "Account Number" },
        { logicalName: "telephone1", type: "String", maxLength: 50 },
        { logicalName: "emailaddress1", type: "String", maxLength: 100 },
        { logicalName: "websiteurl", type: "String", maxLength: 200 },
        { logicalName: "description", type: "Memo", maxLength: 2000 },
        { logicalName: "revenue", type: "Money", minValue: 0, maxValue: 100_000_000_000_000 },
        { logicalName: "numberofemployees", type: "Integer", minValue: 0, maxValue: 1_000_000_000 },
        { logicalName: "creditonhold", type: "Boolean" },
        {
          logicalName: "industrycode",
          type: "Picklist",
          options: [
            { value: 1, label: "Accounting" },
            { value: 7, label: "Consulting" },
            { value: 19, label: "Retail" },
            { value: 33, label: "Software" },
          ],
        },
        { logicalName: "primarycontactid", type: "Lookup", targets: ["contact"] },
      ],
      alternateKeys: [{ name: "accountnumber_key", attributes: ["accountnumber"] }],
    },
    {
      logicalName: "contact",
      entitySetName: "contacts",
      primaryIdAttribute: "contactid",
      primaryNameAttribute: "fullname",
      displayName: "Contact",
      attributes: [
        { logicalName: "fullname", type: "String", maxLength: 160, readOnly: true },
        { logicalName: "firstname", type: "String", maxLength: 50 },
        { logicalName: "lastname", type: "String", maxLength: 50 },
        { logicalName: "emailaddress1", type: "String", maxLength: 100 },
        { logicalName: "jobtitle", type: "String", maxLength: 100 },
        { logicalName: "birthdate", type: "DateTime", format: "DateOnly" },
        { logicalName: "donotemail", type: "Boolean" },
        {
          logicalName: "parentcustomerid",
          type: "Customer",
          targets: ["account", "contact"],
        },
      ],
      alternateKeys: [{ name: "emailaddress1_key", attributes: ["emailaddress1"] }],
    },
    {
      logicalName: "ppx_project",
      entitySetName: "ppx_projects",
      primaryIdAttribute: "ppx_projectid",
      primaryNameAttribute: "ppx_name",
      displayName: "Project",
      attributes: [
        { logicalName: "ppx_name", type: "String", maxLength: 100 },
        { logicalName: "ppx_code", type: "String", maxLength: 20 },
        { logicalName: "ppx_budget", type: "Money", minValue: 0 },
        { logicalName: "ppx_hours", type: "Decimal" },
        { logicalName: "ppx_priority", type: "Integer", minValue: 1, maxValue: 5 },
        { logicalName: "ppx_startdate", type: "DateTime" },
        { logicalName: "ppx_active", type: "Boolean" },
        {
          logicalName: "ppx_stage",
          type: "Picklist",
          options: [
            { value: 100000000, label: "Planned" },
            { value: 100000001, label: "Running" },
            { value: 100000002, label: "Done" },
          ],
        },
        {
          logicalName: "ppx_accountid",
          type: "Lookup",
          targets: ["account"],
          navigation: { account: "ppx_AccountId" },
        },
      ],
      alternateKeys: [{ name: "ppx_code_key", attributes: ["ppx_code"] }],
    },
  ],
};
