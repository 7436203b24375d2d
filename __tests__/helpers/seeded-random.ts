/**
 * Seeded pseudo-random numbers for the generated differential cases: a failing seed reproduces.
 * `RANDOM_SEEDS=N` runs more seeds than CI does, for a longer local hunt.
 */

export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** An integer in [0, below). */
  int(below: number): number;
  /** One of `items`, uniformly. */
  pick<T>(items: readonly T[]): T;
}

/** mulberry32: small and fast, plenty for spreading test cases. */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (below: number) => Math.floor(next() * below);
  return { next, int, pick: (items) => items[int(items.length)]! };
}

/** Seeds 1..N, N from `RANDOM_SEEDS` or the given default. */
export function seeds(defaultCount: number): number[] {
  const count = Number(process.env['RANDOM_SEEDS'] ?? defaultCount);
  return Array.from({ length: count }, (_, i) => i + 1);
}
