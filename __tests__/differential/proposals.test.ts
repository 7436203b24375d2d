/**
 * Differential cases for upstream's `--wasm-*=false` switches (spec §1.1, §3.3.1): with a proposal
 * off, upstream's parser refuses every encoding the proposal introduced, at module level or in a
 * function body, with its message and offset. One case per encoding (proposal-fragments.ts), then
 * cases where two refusals meet and upstream's order decides.
 */
import { describe, expect, it } from 'vitest';
import { expectSameSuccess } from './compare-outputs.js';
import { type DiffResult, expectSameFailure, runBoth } from './harness.js';
import {
  FRAGMENTS,
  type Proposal,
  type ProposalFragment,
  moduleOf,
  switchOff,
  switchesFor,
} from './proposal-fragments.js';

/** Both succeed with equivalent outputs, or both fail with the same error chain. */
async function expectSameOutcome(result: DiffResult): Promise<void> {
  if (result.upstream.code === 0) await expectSameSuccess(result);
  else expectSameFailure(result);
}

const byName = (name: string): ProposalFragment => {
  const fragment = FRAGMENTS.find((f) => f.name === name);
  if (!fragment) throw new Error(`no fragment ${name}`);
  return fragment;
};

const off = (...proposals: Proposal[]): string[] => proposals.map(switchOff);

describe.concurrent('differential: encodings of switched-off proposals', () => {
  for (const fragment of FRAGMENTS) {
    const { proposal } = fragment;
    if (proposal === undefined) continue;
    it(`${fragment.name}, --wasm-${proposal}=false`, async () => {
      const result = await runBoth({ wasm: moduleOf([fragment]), args: switchesFor(proposal) });
      if (fragment.refusedWith === undefined) {
        expect(result.upstream.code, result.upstream.stderr).toBe(0);
      } else {
        expect(result.upstream.stderr).toContain(fragment.refusedWith);
      }
      await expectSameOutcome(result);
    });
  }
});

describe.concurrent(
  "differential: encodings upstream's engine refuses with every switch on",
  () => {
    for (const fragment of FRAGMENTS) {
      const { proposal, refusedWith } = fragment;
      if (proposal !== undefined || refusedWith === undefined) continue;
      it(fragment.name, async () => {
        const result = await runBoth({ wasm: moduleOf([fragment]) });
        expect(result.upstream.stderr).toContain(refusedWith);
        expectSameFailure(result);
      });
    }

    it('a final function subtype without supertypes is a plain function type', async () => {
      const fragment = byName('a final function subtype (no supertypes) with a v128 parameter');
      await expectSameSuccess(await runBoth({ wasm: moduleOf([fragment]) }));
    });
  },
);

/** The main module of preload cases: it only has to wizen. */
const PLAIN_MAIN = moduleOf([]);

describe.concurrent('differential: preloads compiled with the same switches', () => {
  const cases: Array<[fragment: string, args: string[]]> = [
    ['a funcref parameter', off('reference-types')],
    ['ref.null and ref.is_null', off('reference-types')],
    ['a passive data segment', off('bulk-memory')],
    ['a block typed by index with one result', off('multi-value')],
    ['a second memory, stored to', off('multi-memory')],
    ['v128.const', off('simd', 'relaxed-simd')],
    ['i8x16.relaxed_swizzle', off('relaxed-simd')],
    ['an explicit rec group (GC)', []],
  ];
  for (const [name, args] of cases) {
    it(`a preload with ${name}${args.length ? `, ${args.join(' ')}` : ''}`, async () => {
      const preload = moduleOf([byName(name)]);
      const result = await runBoth({
        wasm: PLAIN_MAIN,
        args: [...args, '--preload', 'p=pre.wasm'],
        files: { 'pre.wasm': preload },
      });
      expect(result.upstream.stderr).toMatch(/^Error: failed to parse preload module/);
      expectSameFailure(result);
    });
  }

  it('a preload may read an imported global in a constant expression and use table.set', async () => {
    const env = moduleOf([]);
    const preload = new Uint8Array([
      ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
      ...[0x01, 0x04, 0x01, 0x60, 0x00, 0x00], // type [] -> []
      ...[0x02, 0x0a, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x67, 0x03, 0x7f, 0x00], // env.g: i32
      ...[0x03, 0x02, 0x01, 0x00],
      ...[0x04, 0x04, 0x01, 0x70, 0x00, 0x01],
      ...[0x06, 0x06, 0x01, 0x7f, 0x00, 0x23, 0x00, 0x0b], // global i32 (global.get 0)
      ...[0x0a, 0x0a, 0x01, 0x08, 0x00, 0x41, 0x00, 0xd0, 0x70, 0x26, 0x00, 0x0b], // table.set
    ]);
    const exportG = new Uint8Array([
      ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
      ...[0x06, 0x06, 0x01, 0x7f, 0x00, 0x41, 0x05, 0x0b],
      ...[0x07, 0x05, 0x01, 0x01, 0x67, 0x03, 0x00],
    ]);
    const result = await runBoth({
      wasm: env,
      args: ['--preload', 'env=env.wasm', '--preload', 'p=pre.wasm'],
      files: { 'env.wasm': exportG, 'pre.wasm': preload },
    });
    await expectSameSuccess(result);
  });
});

/** Two refusals in one module: which one upstream reports. */
const ORDER_CASES: Array<[name: string, fragments: string[], args: string[]]> = [
  [
    'a v128 parameter before a later multi-result type',
    ['a v128 parameter', 'a function with two results'],
    off('simd', 'relaxed-simd', 'multi-value'),
  ],
  [
    'a memarg naming memory 0 is a decode error before the SIMD check of its v128.load',
    ['v128.load whose memarg names memory 0'],
    off('simd', 'relaxed-simd', 'multi-memory'),
  ],
  [
    'element type before bulk memory in a passive segment of expressions',
    ['a passive element of funcref expressions (flags 5)'],
    off('reference-types', 'bulk-memory'),
  ],
  [
    'reference types before GC in an anyref parameter',
    ['an anyref parameter (GC)'],
    off('reference-types'),
  ],
  [
    'a passive data segment (after the code) before a refused instruction',
    ['memory.copy', 'a passive data segment'],
    off('bulk-memory'),
  ],
  [
    'the first function with a refusal wins',
    ['a funcref local', 'ref.null and ref.is_null'],
    off('reference-types'),
  ],
  [
    'a relaxed instruction with SIMD off too: relaxed SIMD is named',
    ['a relaxed instruction after unreachable (no other SIMD before it)'],
    off('simd', 'relaxed-simd'),
  ],
  [
    'multiple tables before the type of the second one',
    ['an externref table', 'a second funcref table'],
    off('reference-types'),
  ],
  [
    'export growth moves element offsets (a memory and a mutable global)',
    ['a store', 'a mutable i32 global set by init', 'a declared element segment of functions'],
    off('bulk-memory'),
  ],
  [
    'export growth moves data offsets',
    ['a mutable v128 global', 'global.get of a defined global in a data offset'],
    [],
  ],
  [
    'a table initializer after its type',
    ['a table with an initializer expression (function references)', 'an externref table'],
    off('reference-types'),
  ],
];

describe.concurrent('differential: order of refusals with proposals switched off', () => {
  for (const [name, fragments, args] of ORDER_CASES) {
    it(name, async () => {
      const result = await runBoth({ wasm: moduleOf(fragments.map(byName)), args });
      expect(result.upstream.code, result.upstream.stderr).not.toBe(0);
      await expectSameOutcome(result);
    });
  }
});
