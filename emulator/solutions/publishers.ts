/**
 * The `publishers` table of the emulated org: list, read, create, update and delete, with the checks
 * Dataverse makes (a unique name, a friendly name, a customization prefix of 2-8 letters and digits
 * starting with a letter and not `mscrm`, an option value prefix between 10,000 and 99,999).
 *
 * @module
 */

import { CODES, DvError } from "../dataverse/errors.ts";

/** A publisher row. */
export interface PublisherRow {
  publisherid: string;
  uniquename: string;
  friendlyname: string;
  customizationprefix: string;
  customizationoptionvalueprefix: number;
  description: string | null;
}

/** The publisher every org has; solutions made without one belong to it. */
export const DEFAULT_PUBLISHER: PublisherRow = {
  publisherid: "d21aab71-79e7-11dd-8874-00188b01e34f",
  uniquename: "DefaultPublisher",
  friendlyname: "Default Publisher",
  customizationprefix: "new",
  customizationoptionvalueprefix: 10000,
  description: "Default publisher for this organization",
};

/** Checks a create or update body; returns the values to store. */
export function publisherValues(
  body: Record<string, unknown>,
  existing?: PublisherRow,
): Omit<PublisherRow, "publisherid"> {
  const text = (name: string): string | undefined => {
    const v = body[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") throw new DvError(400, CODES.payload, `${name} must be a string.`);
    return v;
  };
  const uniquename = text("uniquename") ?? existing?.uniquename;
  const friendlyname = text("friendlyname") ?? existing?.friendlyname;
  const customizationprefix = text("customizationprefix") ?? existing?.customizationprefix;
  const missing = [["uniquename", uniquename], ["friendlyname", friendlyname], [
    "customizationprefix",
    customizationprefix,
  ]].find(([, v]) => !v);
  if (missing) {
    throw new DvError(400, CODES.missingAttribute, `The attribute ${missing[0]} of publisher is required.`);
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(uniquename!)) {
    throw new DvError(
      400,
      CODES.validation,
      `The publisher unique name '${uniquename}' may hold only letters, digits and underscores.`,
    );
  }
  if (!/^[A-Za-z][A-Za-z0-9]{1,7}$/.test(customizationprefix!) || /^mscrm/i.test(customizationprefix!)) {
    throw new DvError(
      400,
      CODES.validation,
      `The customization prefix '${customizationprefix}' must be 2 to 8 letters or digits, start with a letter, ` +
        "and not start with mscrm.",
    );
  }
  const rawOption = body.customizationoptionvalueprefix ?? existing?.customizationoptionvalueprefix ??
    10000 + (hash(customizationprefix!) % 90000);
  const option = Number(rawOption);
  if (!Number.isInteger(option) || option < 10000 || option > 99999) {
    throw new DvError(
      400,
      CODES.outOfRange,
      `customizationoptionvalueprefix must be a whole number from 10000 to 99999, not ${rawOption}.`,
    );
  }
  const description = text("description") ?? existing?.description ?? null;
  return {
    uniquename: uniquename!,
    friendlyname: friendlyname!,
    customizationprefix: customizationprefix!.toLowerCase(),
    customizationoptionvalueprefix: option,
    description,
  };
}

function hash(text: string): number {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}
