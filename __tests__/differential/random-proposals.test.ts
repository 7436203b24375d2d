/**
 * Seeded random modules against upstream with a random set of the six `--wasm-*=false` switches:
 * each module combines fragments that use random proposals' encodings (proposal-fragments.ts), so
 * several refusals meet in one module and upstream's order ("the first failure wins") decides.
 * Sometimes the module is a preload instead, which upstream compiles with the same switches. Both
 * tools must agree on success (equivalent outputs) or on the whole error chain.
 */
import { describe, it } from 'vitest';
import { seededRandom, seeds } from '../helpers/seeded-random.js';
import { expectSameSuccess } from './compare-outputs.js';
import { expectSameFailure, runBoth } from './harness.js';
import {
  FRAGMENTS,
  PROPOSALS,
  type ProposalFragment,
  moduleOf,
  switchOff,
} from './proposal-fragments.js';

const SEEDS = seeds(30);

interface RandomCase {
  fragments: ProposalFragment[];
  args: string[];
  /** Give the fragments' module as a preload of a plain main module (same engine switches). */
  asPreload: boolean;
}

function randomCase(seed: number): RandomCase {
  const { int, next, pick } = seededRandom(seed);
  // Fragments upstream's engine refuses whatever the switches say end most runs: pick them less.
  const alwaysRefused = (f: ProposalFragment) =>
    f.proposal === undefined && f.refusedWith !== undefined;
  const pickFragment = () => {
    const first = pick(FRAGMENTS);
    return alwaysRefused(first) && next() < 0.6 ? pick(FRAGMENTS) : first;
  };
  const fragments = Array.from({ length: 1 + int(4) }, pickFragment);
  const off = new Set(PROPOSALS.filter(() => next() < 0.3));
  // SIMD off with relaxed SIMD on is a configuration error upstream: keep it rare.
  if (off.has('simd') && next() < 0.85) off.add('relaxed-simd');
  return { fragments, args: [...off].map(switchOff), asPreload: next() < 0.2 };
}

describe.concurrent('differential: seeded random proposals and switches', () => {
  for (const seed of SEEDS) {
    const { fragments, args, asPreload } = randomCase(seed);
    const where = asPreload ? ' in a preload' : '';
    it(`seed ${seed}: ${fragments.length} fragments${where}, ${args.join(' ') || 'all on'}`, async () => {
      const wasm = moduleOf(fragments);
      const result = await runBoth(
        asPreload
          ? {
              wasm: moduleOf([]),
              args: [...args, '--preload', 'p=pre.wasm'],
              files: { 'pre.wasm': wasm },
            }
          : { wasm, args },
      );
      try {
        if (result.upstream.code === 0) await expectSameSuccess(result);
        else expectSameFailure(result);
      } catch (error) {
        // Name the fragments, so a failing seed reads without rerunning it.
        if (error instanceof Error) {
          error.message = `fragments: ${fragments.map((f) => f.name).join('; ')}\n${error.message}`;
        }
        throw error;
      }
    });
  }
});
