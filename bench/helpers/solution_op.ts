/** Runs one pack or unpack in its own process and prints its wall time and peak RSS as JSON. */

import { pack, unpack, unzipRaw, zipRaw } from "../../lib/solutions/mod.ts";

const [op, from, to] = Deno.args;
const start = performance.now();
if (op === "unpack") await unpack(from, to);
else if (op === "unpack-raw") await unzipRaw(from, to);
else if (op === "pack-raw") await zipRaw(from, to);
else await pack(from, to);
const ms = performance.now() - start;
const status = await Deno.readTextFile("/proc/self/status").catch(() => "");
const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
console.log(JSON.stringify({ ms, peakKb }));
