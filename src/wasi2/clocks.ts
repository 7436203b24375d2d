/**
 * `wasi:clocks` (wall-clock, monotonic-clock). Monotonic instants count nanoseconds from the
 * host's creation, as upstream's do from its context's; both clocks report a 1 ns resolution.
 */
import { Pollable, monotonicNow } from './io.js';

/** `wasi:clocks/wall-clock.datetime`. */
export interface Datetime {
  seconds: bigint;
  nanoseconds: number;
}

/** Wall-clock time now, in nanoseconds since the epoch (sub-millisecond from the monotonic clock). */
function wallNanoseconds(): bigint {
  const origin = BigInt(Math.round(performance.timeOrigin * 1000)) * 1000n;
  return origin + BigInt(Math.round(performance.now() * 1e6));
}

export function createClocks(): { wallClock: object; monotonicClock: object } {
  const start = monotonicNow();
  const now = () => monotonicNow() - start;
  const deadlineIn = (duration: bigint) =>
    new Pollable(monotonicNow() + (duration > 0n ? duration : 0n));
  return {
    wallClock: {
      now(): Datetime {
        const ns = wallNanoseconds();
        return { seconds: ns / 1_000_000_000n, nanoseconds: Number(ns % 1_000_000_000n) };
      },
      resolution(): Datetime {
        return { seconds: 0n, nanoseconds: 1 };
      },
    },
    monotonicClock: {
      now,
      resolution(): bigint {
        return 1n;
      },
      subscribeInstant(when: bigint): Pollable {
        return deadlineIn(when - now());
      },
      subscribeDuration(duration: bigint): Pollable {
        return deadlineIn(duration);
      },
    },
  };
}
