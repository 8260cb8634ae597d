/**
 * Which identity provider `ppx login` signs in with: the one asked for, else Azure when an option only
 * an Entra profile has was given (PACX's `ppx login NAME --tenant-id ...`), else the provider of the
 * named (or default) profile, else the person's answer.
 *
 * @module
 */

import { selectProfile } from "../config/profiles.ts";
import type { Provider } from "../config/schema.ts";
import type { ConfigStore } from "../config/store.ts";

/** Options of {@link chooseProvider}. */
export interface ProviderChoiceOptions {
  /** The provider asked for. */
  provider?: Provider;
  /** True when an option only Entra profiles have was given. */
  entraOnly?: boolean;
  /** The profile named (argument or --profile). */
  profile?: string;
}

/** What {@link chooseProvider} needs: the config, and a question for when nothing decides. */
export interface ProviderChoiceDeps {
  /** The config store (read only). */
  config: ConfigStore;
  /** Asks the person (fails without a terminal). */
  ask: () => Promise<Provider>;
}

/** The provider to sign in with. */
export async function chooseProvider(
  options: ProviderChoiceOptions,
  deps: ProviderChoiceDeps,
): Promise<Provider> {
  if (options.provider) return options.provider;
  if (options.entraOnly) return "azure";
  const { doc } = await deps.config.load();
  const name = options.profile ?? selectProfile(doc)?.name;
  const known = name ? doc.profiles[name]?.provider : undefined;
  return known ?? await deps.ask();
}
