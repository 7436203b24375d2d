/**
 * `wasi:clocks` (wall-clock, monotonic-clock), read from the host's clocks or, in deterministic
 * mode, virtual ones (src/sources/clock.ts). Monotonic instants count nanoseconds from the
 * host's creation, as upstream's do from its context's; both clocks report a 1 ns resolution.
 */
import type { GuestClock } from '../sources/index.js';
import { Pollable } from './io.js';

/** `wasi:clocks/wall-clock.datetime`. */
export interface Datetime {
  seconds: bigint;
  nanoseconds: number;
}

export function createClocks(clock: GuestClock): { wallClock: object; monotonicClock: object } {
  const start = clock.peekMonotonic();
  const now = () => clock.readMonotonic() - start;
  const deadlineIn = (duration: bigint) =>
    new Pollable({ clock, at: clock.peekMonotonic() + (duration > 0n ? duration : 0n) });
  return {
    wallClock: {
      now(): Datetime {
        const ns = clock.readRealtime();
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
        return deadlineIn(when - (clock.peekMonotonic() - start));
      },
      subscribeDuration(duration: bigint): Pollable {
        return deadlineIn(duration);
      },
    },
  };
}
