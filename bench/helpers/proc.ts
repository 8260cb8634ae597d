/** Samples a child process's peak resident memory (VmHWM) and CPU ticks from /proc while it runs. */

/** CPU ticks (user + system) the sampler saw last; 100 ticks are a second. */
export interface CpuSample {
  ticks: number;
}

/** The CPU ticks (user + system) a process has used so far: `self` is this one. */
export async function cpuTicks(pid: number | "self"): Promise<number> {
  const stat = (await Deno.readTextFile(`/proc/${pid}/stat`)).split(") ")[1].split(" ");
  return Number(stat[11]) + Number(stat[12]);
}

/**
 * Polls /proc/PID until `done()` says the process ended; returns the peak RSS in kB. VmHWM is a
 * high-water mark, so sampling every 100 ms misses nothing of the peak, only the last tenth of a second
 * of CPU time.
 */
export async function peakRss(
  pid: number,
  done: () => boolean,
  cpu: CpuSample = { ticks: 0 },
): Promise<number> {
  let peak = 0;
  while (!done()) {
    try {
      const status = await Deno.readTextFile(`/proc/${pid}/status`);
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) peak = Math.max(peak, Number(hwm[1]));
      cpu.ticks = await cpuTicks(pid);
    } catch {
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return peak;
}
