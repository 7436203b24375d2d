/**
 * The clocks a guest reads during init. On the host they are the real ones; in deterministic mode
 * they are virtual (see {@link VirtualClock}), so an init that reads the time, sleeps or measures
 * itself does the same work on every run.
 */

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` milliseconds (WASI calls are synchronous). */
export function sleepSync(ms: number): void {
  if (ms > 0) Atomics.wait(sleepCell, 0, 0, ms);
}

/**
 * Milliseconds on the host's monotonic clock, for timing the host's own work: `process.hrtime`,
 * since the first use of `performance` loads ten of Node's modules, a few milliseconds of a start.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Nanoseconds, on both clocks. */
export interface GuestClock {
  /** Wall-clock time since the Unix epoch; a reading (a virtual clock advances). */
  readRealtime(): bigint;
  /** Monotonic time (arbitrary origin); a reading (a virtual clock advances). */
  readMonotonic(): bigint;
  /** Monotonic time without counting as a reading: for deadlines the host checks. */
  peekMonotonic(): bigint;
  /** Realtime without counting as a reading: for absolute realtime deadlines. */
  peekRealtime(): bigint;
  /** Waits until the monotonic clock reaches `deadline` (a virtual clock jumps there). */
  sleepUntil(deadline: bigint): void;
}

/**
 * The host's clocks: monotonic from `process.hrtime`; realtime the system's time at the first
 * reading, advanced by `process.hrtime` from there, so it never goes back within a run (not
 * `performance`: see {@link monotonicMs}).
 */
export class HostClock implements GuestClock {
  /** The first realtime reading and the monotonic time it was taken at, in nanoseconds. */
  private origin: { realtime: bigint; monotonic: bigint } | undefined;

  readRealtime(): bigint {
    const now = process.hrtime.bigint();
    this.origin ??= { realtime: BigInt(Date.now()) * 1_000_000n, monotonic: now };
    return this.origin.realtime + (now - this.origin.monotonic);
  }

  readMonotonic(): bigint {
    return process.hrtime.bigint();
  }

  peekMonotonic(): bigint {
    return process.hrtime.bigint();
  }

  peekRealtime(): bigint {
    return this.readRealtime();
  }

  sleepUntil(deadline: bigint): void {
    for (
      let left = deadline - this.peekMonotonic();
      left > 0n;
      left = deadline - this.peekMonotonic()
    ) {
      sleepSync(Number(left) / 1e6);
    }
  }
}

/** 1980-01-01T00:00:00Z, the realtime start without `SOURCE_DATE_EPOCH` (zip's earliest date). */
export const DEFAULT_EPOCH_SECONDS = 315_532_800;
/** Where the virtual monotonic clock starts: one second, so no reading is ever zero. */
export const MONOTONIC_START_NS = 1_000_000_000n;
/**
 * How far the virtual clocks advance on each reading (see {@link VirtualClock}): 100 us. Guests
 * that time themselves size their work by it: SpiderMonkey sizes its heap from measured GC times,
 * and the StarlingMonkey acorn app's output measured 23.8 MB with steps of 0.1-30 us but 18.9 MB
 * with 100 us and 1 ms, below upstream's 20.6-22.7 MB (the hello app: the same size at every
 * step tried).
 */
export const STEP_NS = 100_000n;

/**
 * Virtual clocks: realtime starts at the epoch given (`SOURCE_DATE_EPOCH`, else
 * {@link DEFAULT_EPOCH_SECONDS}), monotonic at {@link MONOTONIC_START_NS}; they share one
 * elapsed time, which advances by {@link STEP_NS} after every reading of either clock and by the
 * whole wait when the guest sleeps or polls a clock (which then completes at once). Nothing
 * depends on wall time, the machine or its load.
 */
export class VirtualClock implements GuestClock {
  private elapsed = 0n;
  private readonly epochNs: bigint;

  constructor(epochSeconds: number = DEFAULT_EPOCH_SECONDS) {
    this.epochNs = BigInt(epochSeconds) * 1_000_000_000n;
  }

  readRealtime(): bigint {
    const now = this.peekRealtime();
    this.elapsed += STEP_NS;
    return now;
  }

  readMonotonic(): bigint {
    const now = this.peekMonotonic();
    this.elapsed += STEP_NS;
    return now;
  }

  peekMonotonic(): bigint {
    return MONOTONIC_START_NS + this.elapsed;
  }

  peekRealtime(): bigint {
    return this.epochNs + this.elapsed;
  }

  sleepUntil(deadline: bigint): void {
    const left = deadline - this.peekMonotonic();
    if (left > 0n) this.elapsed += left;
  }
}
