/**
 * Environment variables as an explicit dependency: library code never reads `Deno.env` itself, so every
 * function is testable and a caller can scope what it sees.
 *
 * @module
 */

/** Read-only view of environment variables. */
export interface Env {
  /** The variable's value; undefined when unset (an empty string is returned as is). */
  get(name: string): string | undefined;
  /** A copy of every variable, e.g. to hand a child process; changing it changes nothing here. */
  toObject(): Record<string, string>;
}

/** An Env over a plain object (tests, subprocess environments). */
export function envFrom(values: Record<string, string | undefined>): Env {
  const copy: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined) copy[k] = v;
  return { get: (name) => copy[name], toObject: () => ({ ...copy }) };
}

/** The process environment. Needs `--allow-env`. */
export function processEnv(): Env {
  return { get: (name) => Deno.env.get(name), toObject: () => Deno.env.toObject() };
}

/** First non-empty value among the named variables. */
export function firstEnv(env: Env, ...names: string[]): string | undefined {
  for (const name of names) {
    const v = env.get(name);
    if (v !== undefined && v !== "") return v;
  }
  return undefined;
}

/** True for 1/true/yes/on (case-insensitive). */
export function envFlag(env: Env, ...names: string[]): boolean {
  const v = firstEnv(env, ...names);
  return v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());
}
