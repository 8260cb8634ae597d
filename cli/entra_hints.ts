/**
 * The hints of Entra sign-in errors that name a ppx command or flag, by the AADSTS number or OAuth error
 * (`topic`) lib/auth/entra/errors.ts attaches as a remedy: the wording is the CLI's.
 *
 * @module
 */

/** What a hint may use: the profile and the flow of the failed sign-in. */
export interface EntraHintContext {
  profile?: string;
  flow?: string;
}

const login = (c: EntraHintContext) => `ppx auth login${c.profile ? ` ${c.profile}` : ""}`;

/** Hint by topic. */
export const ENTRA_HINTS: Record<string, (c: EntraHintContext) => string> = {
  "65001": (c) =>
    `Ask a tenant administrator to grant admin consent to the app (Entra admin center > App registrations > API permissions), or sign in interactively once with \`${
      login(c)
    } --flow web\` to consent yourself.`,
  "50076": (c) =>
    `Sign in interactively with \`${
      login(c)
    } --flow web\` to complete MFA. For unattended use, sign in as a service principal (certificate, federated or managed identity).`,
  "50079": (c) =>
    `Complete MFA registration at https://aka.ms/mfasetup, then run \`${login(c)} --flow web\`.`,
  "53003": (c) =>
    c.flow === "device"
      ? `Many tenants block the device code flow. Use the browser sign-in instead: \`${
        login(c)
      } --flow web\`.`
      : "Ask your administrator which Conditional Access policy applies (quote the correlation id), or sign in from a compliant device or network.",
  "50097": (c) => `Sign in from a managed device with \`${login(c)} --flow web\`.`,
  "7000222": () =>
    "Create a new secret under the app registration's Certificates & secrets, then update the stored secret (e.g. `ppx auth create NAME --flow client-credential --prompt-secret ...`).",
  "700016": () =>
    "Check --client-id and --tenant-id. The app may be registered in another tenant, or need admin consent in this one.",
  "90002": () =>
    "Check --tenant-id (a GUID or verified domain). Sovereign-cloud tenants need --cloud usgov|usgovhigh|usgovdod|china.",
  "70019": (c) => `Run \`${login(c)}\` again and finish the sign-in within 15 minutes.`,
  "70000": (c) => `Sign in again with \`${login(c)}\`.`,
  "700082": (c) => `Sign in again with \`${login(c)}\`.`,
  "50173": (c) => `Sign in again with \`${login(c)}\`.`,
  "700024": () =>
    "Check the machine clock (`ppx doctor` measures the skew), and for federated tokens that they are fresh.",
  "50011": () =>
    "Add http://localhost as a redirect URI under 'Mobile and desktop applications' in the app registration, or use --flow device.",
  "500011": () =>
    "Check the Dataverse host (--dataverse-host / --environment): it must be an environment of this tenant.",
  "50020": () => "Pass the tenant the account belongs to with --tenant-id, or invite the account as a guest.",
  "50126": (c) => `Sign in again with \`${login(c)}\`.`,
  "authorization_declined": (c) => `Run \`${login(c)}\` again and approve the request.`,
  "access_denied": (c) => `Run \`${login(c)}\` again and approve the request.`,
  "bad_verification_code": (c) => `Run \`${login(c)}\` again.`,
};
