/**
 * State of the emulated repositories: environments (with required reviewers), Actions variables
 * (repository and environment), sealed secrets with the repository's X25519 key pair, files per
 * branch, and pull requests.
 *
 * @module
 */

// @ts-types="@types/libsodium-wrappers"
import sodium from "libsodium-wrappers";

/** A variable as GitHub returns it. */
export interface EmulatedVariable {
  name: string;
  value: string;
  created_at: string;
  updated_at: string;
}

/** A stored secret: the sealed box as sent (never opened by the service itself). */
export interface EmulatedSecret {
  name: string;
  encryptedValue: string;
  keyId: string;
  created_at: string;
  updated_at: string;
}

/** An environment. */
export interface EmulatedEnvironment {
  name: string;
  /** Required reviewers (user ids). */
  reviewers: number[];
  variables: Map<string, EmulatedVariable>;
}

/** A file on a branch. */
export interface EmulatedFile {
  sha: string;
  bytes: Uint8Array;
}

/** A pull request. */
export interface EmulatedPull {
  number: number;
  title: string;
  head: string;
  base: string;
  body?: string;
  state: "open" | "closed";
}

/** One repository. */
export class EmulatedRepo {
  readonly owner: string;
  readonly name: string;
  readonly id: number;
  defaultBranch = "main";
  readonly environments = new Map<string, EmulatedEnvironment>();
  readonly variables = new Map<string, EmulatedVariable>();
  readonly secrets = new Map<string, EmulatedSecret>();
  /** `branch\npath` -> file. */
  readonly files = new Map<string, EmulatedFile>();
  readonly pulls: EmulatedPull[] = [];
  /** "Allow GitHub Actions to create and approve pull requests" (off by default, as on GitHub). */
  actionsMayCreatePulls = false;
  /** Commits made through the contents API (messages), newest last. */
  readonly commits: string[] = [];
  /** The Actions public key id. */
  readonly keyId: string;
  readonly #publicKey: Uint8Array;
  readonly #privateKey: Uint8Array;

  constructor(owner: string, name: string, id: number) {
    this.owner = owner;
    this.name = name;
    this.id = id;
    const pair = sodium.crypto_box_keypair();
    this.#publicKey = pair.publicKey;
    this.#privateKey = pair.privateKey;
    this.keyId = String(3380204578043523366n + BigInt(id));
  }

  /** The public key, base64 (as `GET .../actions/secrets/public-key` returns it). */
  get publicKey(): string {
    return sodium.to_base64(this.#publicKey, sodium.base64_variants.ORIGINAL);
  }

  /** Opens a stored secret with the private key (tests check what a client sealed); undefined if absent. */
  openSecret(name: string): string | undefined {
    const secret = this.secrets.get(name);
    if (!secret) return undefined;
    const box = sodium.from_base64(secret.encryptedValue, sodium.base64_variants.ORIGINAL);
    return sodium.to_string(sodium.crypto_box_seal_open(box, this.#publicKey, this.#privateKey));
  }

  /** A file's text on a branch. */
  fileText(path: string, branch: string = this.defaultBranch): string | undefined {
    const file = this.files.get(`${branch}\n${path}`);
    return file ? new TextDecoder().decode(file.bytes) : undefined;
  }
}

/** Every repository of the emulator. */
export class RepoStore {
  readonly repos = new Map<string, EmulatedRepo>();
  #nextId = 1000;

  /** The repository, if it exists (case-insensitive, as on GitHub). */
  get(owner: string, name: string): EmulatedRepo | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  /** Creates a repository (or returns the one that exists). */
  add(owner: string, name: string): EmulatedRepo {
    const key = `${owner}/${name}`.toLowerCase();
    let repo = this.repos.get(key);
    if (!repo) {
      repo = new EmulatedRepo(owner, name, this.#nextId++);
      this.repos.set(key, repo);
    }
    return repo;
  }
}

/** Waits for libsodium's WebAssembly to load (once). */
export async function sodiumReady(): Promise<void> {
  await sodium.ready;
}
