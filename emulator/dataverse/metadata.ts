/**
 * Metadata, as far as clients need it to type values: `EntityDefinitions` (filter / select), one
 * definition by `LogicalName='x'` or MetadataId, its `Attributes` (with `@odata.type`, AttributeType,
 * AttributeTypeName, MaxLength, Targets, OptionSet on `$expand`), its alternate `Keys`, and a small CSDL
 * `$metadata` document.
 *
 * @module
 */

import { CODES, DvError, unknownProperty } from "./errors.ts";
import { compileFilter } from "./filter.ts";
import { type DvRequest, type DvResponse, json, stableGuid } from "./http.ts";
import { parseKeyPredicate, parseResourcePath } from "./resource.ts";
import { type AttributeSchema, isLookup, type TableSchema } from "./schema.ts";
import type { DataverseStore, TableData } from "./store.ts";
import { edmType } from "./values.ts";

const META_TYPE: Record<string, string> = {
  String: "StringAttributeMetadata",
  Memo: "MemoAttributeMetadata",
  Integer: "IntegerAttributeMetadata",
  BigInt: "BigIntAttributeMetadata",
  Decimal: "DecimalAttributeMetadata",
  Double: "DoubleAttributeMetadata",
  Money: "MoneyAttributeMetadata",
  Boolean: "BooleanAttributeMetadata",
  DateTime: "DateTimeAttributeMetadata",
  Lookup: "LookupAttributeMetadata",
  Customer: "LookupAttributeMetadata",
  Owner: "LookupAttributeMetadata",
  Picklist: "PicklistAttributeMetadata",
  State: "StateAttributeMetadata",
  Status: "StatusAttributeMetadata",
  Uniqueidentifier: "AttributeMetadata",
};

const label = (text: string) => ({
  LocalizedLabels: [{ Label: text, LanguageCode: 1033 }],
  UserLocalizedLabel: { Label: text, LanguageCode: 1033 },
});

const schemaName = (logical: string) =>
  logical.replace(/(^|_)([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());

function entityDefinition(t: TableSchema): Record<string, unknown> {
  return {
    MetadataId: stableGuid(`entity:${t.logicalName}`),
    LogicalName: t.logicalName,
    SchemaName: schemaName(t.logicalName),
    EntitySetName: t.entitySetName,
    LogicalCollectionName: t.entitySetName,
    PrimaryIdAttribute: t.primaryIdAttribute,
    PrimaryNameAttribute: t.primaryNameAttribute,
    IsCustomEntity: t.logicalName.includes("_"),
    DisplayName: label(t.displayName ?? t.logicalName),
  };
}

function attributeDefinition(
  t: TableSchema,
  a: AttributeSchema,
  optionSets: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    "@odata.type": `#Microsoft.Dynamics.CRM.${META_TYPE[a.type]}`,
    MetadataId: stableGuid(`attribute:${t.logicalName}.${a.logicalName}`),
    LogicalName: a.logicalName,
    SchemaName: schemaName(a.logicalName),
    EntityLogicalName: t.logicalName,
    AttributeType: a.type,
    AttributeTypeName: { Value: `${a.type}Type` },
    IsPrimaryId: a.logicalName === t.primaryIdAttribute,
    IsPrimaryName: a.logicalName === t.primaryNameAttribute,
    IsValidForCreate: !a.readOnly,
    IsValidForUpdate: !a.readOnly && a.logicalName !== t.primaryIdAttribute,
    IsValidForRead: true,
    RequiredLevel: { Value: a.logicalName === t.primaryNameAttribute ? "ApplicationRequired" : "None" },
    DisplayName: label(a.displayName ?? a.logicalName),
  };
  if (a.maxLength !== undefined) out.MaxLength = a.maxLength;
  if (a.minValue !== undefined) out.MinValue = a.minValue;
  if (a.maxValue !== undefined) out.MaxValue = a.maxValue;
  if (isLookup(a)) out.Targets = a.targets;
  if (a.type === "DateTime") {
    out.Format = a.format === "DateOnly" ? "DateOnly" : "DateAndTime";
    out.DateTimeBehavior = { Value: a.format === "DateOnly" ? "DateOnly" : "UserLocal" };
  }
  if (a.type === "Money" || a.type === "Decimal") out.Precision = 2;
  if (optionSets && a.options) {
    out.OptionSet = {
      Options: a.options.map((o) => ({ Value: o.value, Label: label(o.label) })),
    };
  }
  return out;
}

function project(row: Record<string, unknown>, select: string | null): Record<string, unknown> {
  if (!select) return row;
  const names = select.split(",").map((s) => s.trim()).filter(Boolean);
  const out: Record<string, unknown> = {};
  if ("@odata.type" in row) out["@odata.type"] = row["@odata.type"];
  for (const n of names) {
    if (!(n in row)) throw unknownProperty("EntityMetadata", n);
    out[n] = row[n];
  }
  out.MetadataId = row.MetadataId;
  return out;
}

function filterRows(rows: Record<string, unknown>[], text: string | null): Record<string, unknown>[] {
  if (!text) return rows;
  const predicate = compileFilter<Record<string, unknown>>(text, (path) => ({
    kind: "any",
    edm: "Edm.String",
    get: (row) => path.reduce<unknown>((v, p) => (v as Record<string, unknown> | undefined)?.[p], row),
  }));
  return rows.filter(predicate);
}

/** Handles `EntityDefinitions…` paths. */
export function handleMetadata(
  req: DvRequest,
  path: string,
  store: DataverseStore,
  root: string,
): DvResponse {
  if (req.method !== "GET") {
    throw new DvError(405, CODES.badRequest, "Metadata is read-only in the emulator.");
  }
  const params = req.url.searchParams;
  const parsed = parseResourcePath(path);
  const tables = [...store.tables.values()];
  const context = (fragment: string) => `${root}/$metadata#${fragment}`;
  if (parsed.keyText === undefined) {
    const rows = filterRows(tables.map((t) => entityDefinition(t.schema)), params.get("$filter"));
    return json(200, {
      "@odata.context": context("EntityDefinitions"),
      value: rows.map((r) => project(r, params.get("$select"))),
    });
  }
  const key = parseKeyPredicate(parsed.keyText);
  let table: TableData | undefined;
  if ("id" in key) table = tables.find((t) => stableGuid(`entity:${t.logicalName}`) === key.id);
  else if (typeof key.key.LogicalName === "string") table = store.table(key.key.LogicalName);
  if (!table) {
    throw new DvError(404, "0x80040217", `Could not find entity with key ${parsed.keyText}.`);
  }
  const t = table.schema;
  const expand = params.get("$expand") ?? "";
  const [segment, cast, ...rest] = parsed.segments;
  if (segment === undefined) {
    const row = project(entityDefinition(t), params.get("$select"));
    if (/Attributes/.test(expand)) row.Attributes = t.attributes.map((a) => attributeDefinition(t, a, false));
    if (/Keys/.test(expand)) row.Keys = keys(t);
    return json(200, { "@odata.context": context("EntityDefinitions/$entity"), ...row });
  }
  if (segment === "Keys" && cast === undefined) {
    return json(200, {
      "@odata.context": context(`EntityDefinitions('${t.logicalName}')/Keys`),
      value: keys(t),
    });
  }
  const attrMatch = /^Attributes(?:\((.*)\))?$/.exec(segment);
  if (!attrMatch || rest.length) {
    throw new DvError(404, CODES.resourceNotFound, `Resource not found for the segment '${segment}'.`);
  }
  const optionSets = /OptionSet/.test(expand);
  if (attrMatch[1] !== undefined) {
    const k = parseKeyPredicate(attrMatch[1]);
    const a = "key" in k
      ? table.attributes.get(String(k.key.LogicalName))
      : t.attributes.find((x) => stableGuid(`attribute:${t.logicalName}.${x.logicalName}`) === k.id);
    if (!a) throw new DvError(404, "0x80040217", `Could not find attribute with key ${attrMatch[1]}.`);
    return json(200, {
      "@odata.context": context("EntityDefinitions/Attributes/$entity"),
      ...project(attributeDefinition(t, a, optionSets), params.get("$select")),
    });
  }
  let rows = t.attributes.map((a) => attributeDefinition(t, a, optionSets || cast !== undefined));
  if (cast !== undefined) {
    const type = cast.replace(/^Microsoft\.Dynamics\.CRM\./, "");
    rows = rows.filter((r) => r["@odata.type"] === `#Microsoft.Dynamics.CRM.${type}`);
    if (!optionSets) { for (const r of rows) delete r.OptionSet; }
  }
  rows = filterRows(rows, params.get("$filter"));
  return json(200, {
    "@odata.context": context(`EntityDefinitions('${t.logicalName}')/Attributes`),
    value: rows.map((r) => project(r, params.get("$select"))),
  });
}

function keys(t: TableSchema): Record<string, unknown>[] {
  return (t.alternateKeys ?? []).map((k) => ({
    MetadataId: stableGuid(`key:${t.logicalName}.${k.name}`),
    LogicalName: k.name,
    SchemaName: schemaName(k.name),
    EntityLogicalName: t.logicalName,
    KeyAttributes: k.attributes,
    EntityKeyIndexStatus: "Active",
  }));
}

/** A small CSDL document: entity types with their properties and the WhoAmIResponse complex type. */
export function csdl(store: DataverseStore): string {
  const types = [...store.tables.values()].map((t) => {
    const props = t.schema.attributes.map((a) =>
      isLookup(a)
        ? `<Property Name="_${a.logicalName}_value" Type="Edm.Guid" />`
        : `<Property Name="${a.logicalName}" Type="${edmType(a)}" />`
    ).join("");
    const navs = [...t.navigation.entries()].map(([nav, n]) =>
      `<NavigationProperty Name="${nav}" Type="mscrm.${n.target}" />`
    ).join("");
    return `<EntityType Name="${t.logicalName}"><Key><PropertyRef Name="${t.schema.primaryIdAttribute}" /></Key>${props}${navs}</EntityType>`;
  }).join("");
  const sets = [...store.tables.values()].map((t) =>
    `<EntitySet Name="${t.schema.entitySetName}" EntityType="Microsoft.Dynamics.CRM.${t.logicalName}" />`
  ).join("");
  return `<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">` +
    `<edmx:DataServices><Schema Namespace="Microsoft.Dynamics.CRM" Alias="mscrm" xmlns="http://docs.oasis-open.org/odata/ns/edm">` +
    `${types}<ComplexType Name="WhoAmIResponse"><Property Name="BusinessUnitId" Type="Edm.Guid" Nullable="false" />` +
    `<Property Name="UserId" Type="Edm.Guid" Nullable="false" /><Property Name="OrganizationId" Type="Edm.Guid" Nullable="false" />` +
    `</ComplexType><Function Name="WhoAmI"><ReturnType Type="mscrm.WhoAmIResponse" Nullable="false" /></Function>` +
    `<EntityContainer Name="System">${sets}<FunctionImport Name="WhoAmI" Function="mscrm.WhoAmI" /></EntityContainer>` +
    `</Schema></edmx:DataServices></edmx:Edmx>`;
}
