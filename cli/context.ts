/**
 * The one object that carries the outside world into a command: io, env, clock, output, prompter,
 * browser, http per audience and (from later capabilities) config and credentials. Everything is built
 * lazily and memoised, so `ppx --help` and `ppx --version` touch no config, keyring or network.
 */

import { createKeyring } from "../lib/auth/keyring/mod.ts";
import type { Keyring } from "../lib/auth/keyring/keyring.ts";
import { denoRunner } from "../lib/auth/keyring/runner.ts";
import { SecretStore } from "../lib/auth/secrets/store.ts";
import type { EntraTokens } from "../lib/auth/entra/chain.ts";
import type { EntraProfileDeps } from "../lib/auth/entra/profile.ts";
import { configPaths } from "../lib/config/paths.ts";
import type { ConfigData } from "../lib/config/schema.ts";
import { ConfigStore } from "../lib/config/store.ts";
import { type Clock, systemClock } from "../lib/clock.ts";
import type { Env } from "../lib/env.ts";
import { HttpClient, type HttpClientOptions, type TokenSource } from "../lib/http/client.ts";
import { tracedFetch } from "../lib/http/traced_fetch.ts";
import { userAgent } from "../lib/http/user_agent.ts";
import { type InputFs, InputReader } from "../lib/input/reader.ts";
import { type BrowserOpener, createBrowserOpener } from "../lib/os/browser.ts";
import { colorEnabled, type Styler, styler } from "./output/color.ts";
import type { IO } from "./output/io.ts";
import { createProgress, type Progress } from "./output/progress.ts";
import { chooseFormat, Output, type OutputFormat } from "./output/render.ts";
import type { Outcome } from "./outcome.ts";
import { nonInteractivePrompter, type Prompter, terminalPrompter } from "./prompter.ts";

/** Flags every command accepts, after env defaults are applied. */
export interface GlobalOptions {
  profile?: string;
  json: boolean;
  output?: OutputFormat;
  debug: boolean;
  color: "auto" | "always" | "never";
  yes: boolean;
  /** False with --no-prompt, PPX_NO_PROMPT, or when stdin is not a terminal. */
  prompt: boolean;
}

/** What a context is built from; tests pass fakes for any of them. */
export interface ContextDeps {
  io: IO;
  env: Env;
  fetch?: typeof fetch;
  clock?: Clock;
  cwd?: string;
  prompter?: Prompter;
  browser?: BrowserOpener;
  /** Overrides token resolution (tests); otherwise the credential chain decides. */
  tokenFor?: (audience: string) => TokenSource;
  /** The user's home directory (for ~/.pacx); cli/main.ts takes it from HOME / USERPROFILE. */
  homeDir?: string;
  /** The OS keyring; by default the platform's helper, run with this context's env. */
  keyring?: Keyring;
  /** The file system `ctx.input` reads from (tests pass an in-memory one); Deno's by default. */
  fs?: InputFs;
}

/** Everything a command may use. */
export class Context {
  readonly io: IO;
  readonly env: Env;
  readonly clock: Clock;
  readonly globals: GlobalOptions;
  readonly cwd: string;
  readonly fetch: typeof fetch;
  readonly #deps: ContextDeps;
  #out?: Output;
  #input?: InputReader;
  #outcome: Outcome = "ok";
  #prompter?: Prompter;
  #browser?: BrowserOpener;
  #configStore?: ConfigStore;
  #config?: Promise<ConfigData>;
  #secrets?: SecretStore;
  #keyring?: Keyring;
  #entra?: Promise<EntraTokens>;
  #vaultEntra?: Promise<EntraTokens>;

  constructor(deps: ContextDeps, globals: GlobalOptions) {
    this.#deps = deps;
    this.io = deps.io;
    this.env = deps.env;
    this.clock = deps.clock ?? systemClock;
    this.cwd = deps.cwd ?? ".";
    this.fetch = deps.fetch ?? globalThis.fetch.bind(globalThis);
    this.globals = globals;
  }

  /** Styling for text on stdout. */
  get style(): Styler {
    return this.out.style;
  }

  /** Styling for text on stderr (messages, the debug trace), decided by whether stderr is a terminal. */
  get errStyle(): Styler {
    return this.out.errStyle;
  }

  /** The renderer chosen by --json / --output / TTY. */
  get out(): Output {
    if (!this.#out) {
      const format = chooseFormat(this.globals.json, this.globals.output, this.io.stdoutIsTTY);
      const color = colorEnabled(this.globals.color, this.io.stdoutIsTTY, this.env);
      const errColor = colorEnabled(this.globals.color, this.io.stderrIsTTY, this.env);
      this.#out = new Output(this.io, format, styler(color), styler(errColor));
    }
    return this.#out;
  }

  /**
   * Reads what the user hands the command (`@file`, `-` for stdin, inline text), resolved against this
   * invocation's cwd and parsed as JSON / JSONC / CSV / YAML / XML with file, line and column in errors.
   */
  get input(): InputReader {
    this.#input ??= new InputReader({ cwd: this.cwd, stdin: () => this.io.readStdin(), fs: this.#deps.fs });
    return this.#input;
  }

  /** How the command ended when it did not throw (`cli/outcome.ts` maps it to the exit code). */
  get outcome(): Outcome {
    return this.#outcome;
  }

  /**
   * Records that the command finished without an error but not with "ok" (a failed check, a job still
   * running). The last call wins; nothing is printed.
   */
  conclude(outcome: Outcome): void {
    this.#outcome = outcome;
  }

  /** Asks questions only when a person can answer them. */
  get prompter(): Prompter {
    if (!this.#prompter) {
      this.#prompter = this.globals.prompt && this.io.stdinIsTTY
        ? this.#deps.prompter ?? terminalPrompter
        : nonInteractivePrompter;
    }
    return this.#prompter;
  }

  /** Opens URLs in a browser. */
  get browser(): BrowserOpener {
    this.#browser ??= this.#deps.browser ?? createBrowserOpener(this.env);
    return this.#browser;
  }

  /** A progress line on stderr (silent when piped or with --json). */
  progress(): Progress {
    return createProgress(this.io, { machine: this.out.machine, now: () => this.clock.now() });
  }

  /** Writes a redacted debug line to stderr when --debug is on. */
  readonly trace = (line: string): void => {
    if (this.globals.debug) this.io.stderr.write(`${this.errStyle.dim(`[debug] ${line}`)}\n`);
  };

  /**
   * The config store (config.json under PPX_CONFIG_DIR / PACX_HOME / ~/.pacx). Built on first use;
   * warnings about loose file modes go to stderr.
   */
  get configStore(): ConfigStore {
    this.#configStore ??= new ConfigStore({
      paths: configPaths(this.env, this.#deps.homeDir),
      env: this.env,
      clock: this.clock,
      warn: (message) => this.out.warn(message),
    });
    return this.#configStore;
  }

  /** The config as loaded once for this invocation (read-only snapshot; write with `configStore.update`). */
  config(): Promise<ConfigData> {
    this.#config ??= this.configStore.load().then((loaded) => loaded.doc);
    return this.#config;
  }

  /** The OS keyring (nothing runs until a secret is read or written). */
  keyring(): Keyring {
    this.#keyring ??= this.#deps.keyring ??
      createKeyring({ os: Deno.build.os, runner: denoRunner(this.env) });
    return this.#keyring;
  }

  /** Secrets by spec: keyring, env, config (encrypted when a key is set) and Key Vault. */
  get secrets(): SecretStore {
    const configStore = () => this.configStore;
    this.#secrets ??= new SecretStore({
      env: this.env,
      keyring: () => this.keyring(),
      get config() {
        return configStore();
      },
      keyVaultHttp: (baseUrl, audience) =>
        this.http({
          baseUrl,
          token: this.#deps.tokenFor?.(audience) ?? lazySource(() => this.keyVaultTokens(), audience),
        }),
    });
    return this.#secrets;
  }

  /** What Entra sign-in needs from this context (config, secrets, env, fetch, clock). */
  entraDeps(): EntraProfileDeps {
    // Token requests bypass HttpClient, so --debug traces them here (redacted like every trace).
    const fetch = this.globals.debug ? tracedFetch(this.fetch, this.trace) : this.fetch;
    // Config and secrets stay lazy: PPX_ACCESS_TOKEN must work where no home directory is known.
    const configStore = () => this.configStore;
    const secrets = () => this.secrets;
    return {
      get config() {
        return configStore();
      },
      get secrets() {
        return secrets();
      },
      env: this.env,
      fetch,
      clock: this.clock,
    };
  }

  /** Tokens of one named profile (auth status / token), outside the invocation's chain. */
  async entraFor(profile: string): Promise<EntraTokens> {
    const { EntraTokens } = await import("../lib/auth/entra/chain.ts");
    return new EntraTokens({
      env: this.env,
      deps: this.entraDeps(),
      profile,
      trace: this.globals.debug ? this.trace : undefined,
    });
  }

  /**
   * The credential chain of this invocation (--profile / PPX_PROFILE, PPX_ACCESS_TOKEN, AZURE_* variables,
   * CI OIDC, PPX_MANAGED_IDENTITY, default profile), resolved once, with tokens cached per audience.
   */
  entra(): Promise<EntraTokens> {
    this.#entra ??= import("../lib/auth/entra/chain.ts").then(({ EntraTokens }) =>
      new EntraTokens({
        env: this.env,
        deps: this.entraDeps(),
        profile: this.globals.profile,
        trace: this.globals.debug ? this.trace : undefined,
      })
    );
    return this.#entra;
  }

  /** Whose token reads Key Vault secrets: `keyVaultTokens` (lib/auth/keyvault_identity.ts) decides. */
  keyVaultTokens(): Promise<EntraTokens> {
    this.#vaultEntra ??= (async () => {
      const { keyVaultTokens } = await import("../lib/auth/keyvault_identity.ts");
      const invocation = await this.entra();
      return keyVaultTokens({
        env: this.env,
        deps: this.entraDeps(),
        trace: this.globals.debug ? this.trace : undefined,
      }, () => invocation);
    })();
    return this.#vaultEntra;
  }

  /** The bearer-token source for an audience (e.g. `https://org.crm.dynamics.com`). */
  tokenSource(audience: string): TokenSource {
    if (this.#deps.tokenFor) return this.#deps.tokenFor(audience);
    return lazySource(() => this.entra(), audience);
  }

  /**
   * An HTTP client for one service. `audience` selects the token (omit for anonymous endpoints);
   * the client carries ppx's user agent, retries and the debug trace.
   */
  http(options: { baseUrl?: string; audience?: string } & Partial<HttpClientOptions> = {}): HttpClient {
    const { audience, ...rest } = options;
    return new HttpClient({
      fetch: this.fetch,
      clock: this.clock,
      userAgent: userAgent(),
      trace: this.globals.debug ? this.trace : undefined,
      token: audience ? this.tokenSource(audience) : undefined,
      ...rest,
    });
  }
}

/**
 * A token source whose credential chain is loaded on the first token request: the chain (OAuth, certificates,
 * AsyncLocalStorage) is not imported by commands that never ask for a token (ADR 0023).
 */
function lazySource(tokens: () => Promise<EntraTokens>, audience: string): TokenSource {
  return { getToken: async (options) => (await tokens()).tokenSource(audience).getToken(options) };
}
