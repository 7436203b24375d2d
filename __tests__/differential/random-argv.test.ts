/**
 * Seeded random command lines against upstream: flags in any order and spelling, greedy optional
 * booleans next to the input, `=`-only options, renames, preopens, unknown flags and stray words.
 * Both tools must agree on success or failure and exit code; successes must give equivalent
 * modules, failures the same first line and root cause (usage errors: the same offending token).
 * Found when first run: upstream refuses a single-valued flag given twice, and stops at `-h`.
 */
import { seededRandom, seeds } from '../helpers/seeded-random.js';
import { describe, expect, it } from 'vitest';
import { expectSameSuccess } from './compare-outputs.js';
import { expectSameFailure, parseErrorChain, runBoth } from './harness.js';
import { wasmOf } from './fixture.js';

const SEEDS = seeds(40);

const USAGE = 'Usage: wizer [OPTIONS] [INPUT]';

const MODULE = `
  (module
    (memory (export "memory") 1)
    (global $g (mut i32) (i32.const 0))
    (func (export "wizer-initialize") (global.set $g (i32.const 7)))
    (func (export "keep") (result i32) (global.get $g))
    (func (export "other")))`;

/** Argument groups, each kept together (an option and its value). */
const GROUPS: readonly (readonly string[])[] = [
  ['--keep-init-func'],
  ['--keep-init-func=true'],
  ['--keep-init-func=false'],
  ['--keep-init-func', 'false'],
  ['-f', 'wizer-initialize'],
  ['--init-func=other'],
  ['-f', 'missing'],
  ['-r', 'renamed=keep'],
  ['-r', 'again=keep'],
  ['--rename-func=x=other'],
  ['-r', 'renamed=other'],
  ['-r', 'noequals'],
  ['--inherit-stdio'],
  ['--inherit-stdio', 'false'],
  ['--inherit-stdio=true'],
  ['--inherit-env'],
  ['--inherit-env=false'],
  ['--allow-wasi'],
  ['--dir', 'data'],
  ['--mapdir', '/guest::data'],
  ['--mapdir', 'no-separator'],
  ['--dir', 'missing-dir'],
  ['--wasm-simd'],
  ['--wasm-simd=false'],
  ['--wasm-multi-memory', 'true'],
  ['--wasm-bulk-memory=maybe'],
  ['--relaxed-simd-deterministic'],
  ['--relaxed-simd-deterministic=false'],
  ['--bogus'],
  ['-h'],
  ['--preload', 'p=missing.wasm'],
  ['--', 'after-dashes.wasm'],
  ['-o', 'out.wasm'],
  ['stray.wasm'],
];

/** One to five groups around the input and `-o out.wasm`, in random order. */
function randomArgv(seed: number): string[] {
  const { int } = seededRandom(seed);
  const groups: (readonly string[])[] = [['in.wasm'], ['-o', 'out.wasm']];
  for (let n = 1 + int(5); n > 0; n--) {
    groups.push(GROUPS[int(GROUPS.length)]!);
  }
  for (let i = groups.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [groups[i], groups[j]] = [groups[j]!, groups[i]!];
  }
  return groups.flat();
}

describe.concurrent('differential: seeded random command lines', () => {
  for (const seed of SEEDS) {
    const argv = randomArgv(seed);
    it(`seed ${seed}: ${argv.join(' ')}`, async () => {
      const result = await runBoth({
        wasm: await wasmOf(MODULE),
        rawArgs: argv,
        dirs: ['data'],
      });
      if (result.upstream.code === 0 && result.upstream.outFile === undefined) {
        // `-h` came before any error: both print help and write nothing.
        expect(result.upstream.stdout.toString()).toContain(USAGE);
        expect(result.ours.code, result.ours.stderr).toBe(0);
        expect(result.ours.stdout.toString()).toContain(USAGE);
        expect(result.ours.outFile).toBeUndefined();
        return;
      }
      if (result.upstream.code === 0) {
        await expectSameSuccess(result);
        return;
      }
      // A usage error names the token clap stopped at; find it in upstream's message. Ours may
      // add a cause naming a file (a preopen) where upstream gives the OS error alone.
      const token = /'([^']+)'/.exec(result.upstream.stderr)?.[1];
      const upstreamCauses = parseErrorChain(result.upstream.stderr).causes.length;
      const { head } = expectSameFailure(result, {
        causes: upstreamCauses > 0 ? 'root' : 'none',
        mentions: token,
      });
      expect(head.length).toBeGreaterThan(0);
    });
  }
});
