/**
 * A cross-process lock for read-modify-write of the config: a lock file created exclusively
 * (`createNew`), holding the owner's pid, host and a random token. A lock is stale when its owner is a
 * dead process on this host, or when it is older than any real update can take; stale locks are broken
 * so a crashed ppx never blocks the next one.
 *
 * @module
 */

import { type Clock, systemClock } from "../clock.ts";
import { ConfigLockedError } from "./errors.ts";

/** How long to wait for a lock and when to call one stale. */
export interface LockOptions {
  clock?: Clock;
  /** Give up after this long (default 10 s). */
  timeoutMs?: number;
  /** A lock older than this is stale whatever its owner (default 30 s). */
  staleMs?: number;
}

interface LockOwner {
  pid: number;
  host: string;
  token: string;
  created: number;
}

let hostName: string | undefined;

async function thisHost(): Promise<string> {
  // Deno.hostname() needs --allow-sys, which ppx does not ask for; /etc/hostname needs only --allow-read.
  hostName ??= await Deno.readTextFile("/etc/hostname").then((s) => s.trim()).catch(() => "");
  return hostName;
}

const liveness = new Map<string, { alive: boolean | undefined; at: number }>();

/**
 * Whether a process on this host is alive: `kill -0 PID` (no signal is sent). Undefined when that cannot
 * be asked (Windows, no --allow-run); the lock then falls back to its age. Cached per lock owner, since
 * a waiting process polls the same lock many times.
 */
async function processAlive(owner: LockOwner): Promise<boolean | undefined> {
  if (Deno.build.os === "windows") return undefined;
  const known = liveness.get(owner.token);
  // Dead is final; alive is re-checked each second while we wait.
  if (known && (known.alive === false || Date.now() - known.at < 1_000)) return known.alive;
  let alive: boolean | undefined;
  try {
    if (Deno.permissions.querySync({ name: "run", command: "kill" }).state === "granted") {
      const out = await new Deno.Command("kill", {
        args: ["-0", String(owner.pid)],
        stdout: "null",
        stderr: "null",
      }).output();
      alive = out.success;
    }
  } catch {
    alive = undefined;
  }
  liveness.set(owner.token, { alive, at: Date.now() });
  return alive;
}

async function readOwner(
  path: string,
): Promise<{ owner?: LockOwner; text: string; mtime: number } | undefined> {
  try {
    const [text, info] = await Promise.all([Deno.readTextFile(path), Deno.stat(path)]);
    let owner: LockOwner | undefined;
    try {
      owner = JSON.parse(text);
    } catch {
      owner = undefined;
    }
    return { owner, text, mtime: info.mtime?.getTime() ?? 0 };
  } catch {
    return undefined;
  }
}

async function isStale(
  found: { owner?: LockOwner; mtime: number },
  now: number,
  staleMs: number,
): Promise<boolean> {
  const age = now - (found.owner?.created ?? found.mtime);
  if (age > staleMs) return true;
  // A lock file without readable content may be one being written right now: give it a moment.
  if (!found.owner) return now - found.mtime > 2_000;
  if (found.owner.host === await thisHost() && found.owner.pid !== Deno.pid) {
    return await processAlive(found.owner) === false;
  }
  return false;
}

/**
 * Removes a lock judged stale, but only if it still holds exactly what was judged. Breakers take turns
 * through a second exclusive file, so two of them can never remove a lock a third process has just
 * taken: the owner of a stale lock is dead (it cannot release it any more), so after the re-read only a
 * breaker can change that file, and breakers are serialised.
 */
async function breakLock(path: string, staleText: string): Promise<void> {
  const turn = `${path}.break`;
  try {
    (await Deno.open(turn, { createNew: true, write: true, mode: 0o600 })).close();
  } catch (error) {
    if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
    // Another breaker is at work; a turn file older than a few seconds belongs to a crashed one.
    const info = await Deno.stat(turn).catch(() => undefined);
    if (info?.mtime && Date.now() - info.mtime.getTime() > 5_000) await Deno.remove(turn).catch(() => {});
    return;
  }
  try {
    const current = await Deno.readTextFile(path).catch(() => undefined);
    if (current === staleText) await Deno.remove(path).catch(() => {});
  } finally {
    await Deno.remove(turn).catch(() => {});
  }
}

/** Runs `fn` while holding the lock at `lockPath`. */
export async function withLock<T>(
  lockPath: string,
  fn: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  const owner: LockOwner = {
    pid: Deno.pid,
    host: await thisHost(),
    token: crypto.randomUUID(),
    created: Date.now(),
  };
  const started = clock.now();
  let holder = "another process";
  for (let attempt = 0;; attempt++) {
    try {
      const file = await Deno.open(lockPath, { createNew: true, write: true, mode: 0o600 });
      try {
        owner.created = Date.now();
        await file.write(new TextEncoder().encode(JSON.stringify(owner)));
      } finally {
        file.close();
      }
      break;
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
    }
    const found = await readOwner(lockPath);
    if (found) {
      if (found.owner) {
        holder = `process ${found.owner.pid}${found.owner.host ? ` on ${found.owner.host}` : ""}`;
      }
      if (await isStale(found, Date.now(), staleMs)) {
        await breakLock(lockPath, found.text);
        continue;
      }
    }
    if (clock.now() - started > timeoutMs) throw new ConfigLockedError(lockPath, holder);
    await clock.sleep(5 + Math.random() * Math.min(50, 5 * (attempt + 1)));
  }
  try {
    return await fn();
  } finally {
    const mine = await Deno.readTextFile(lockPath).catch(() => "");
    if (mine.includes(owner.token)) await Deno.remove(lockPath).catch(() => {});
  }
}

/**
 * Runs `fn` holding the lock on renewing one profile's tokens (`<config file>.auth-<profile>.lock`), so
 * parallel ppx runs neither each ask for a new token nor spend the same single-use refresh token. Waits
 * up to 60 s, since the holder may itself be waiting on a token endpoint.
 */
export function withProfileLock<T>(configFile: string, profile: string, fn: () => Promise<T>): Promise<T> {
  return withLock(`${configFile}.auth-${profile}.lock`, fn, { timeoutMs: 60_000 });
}
