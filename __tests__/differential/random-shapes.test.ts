/**
 * Seeded random module shapes against upstream: fragments that each pass or trip one check
 * (imported entities, `__wizer_` names, forbidden instructions in uncalled code, mutable reference
 * globals, tags, shared memory, start and `_initialize`, traps, unknown imports, renames,
 * `--keep-init-func`, init functions of the wrong type) combined at random, so that the order of
 * upstream's checks ("the first failure wins") is exercised across many combinations.
 */
import { seededRandom, seeds } from '../helpers/seeded-random.js';
import { describe, expect, it } from 'vitest';
import { expectSameSuccess } from './compare-outputs.js';
import { diffWat } from './fixture.js';
import { expectSameFailure } from './harness.js';

const SEEDS = seeds(40);

interface Fragment {
  imports?: string[];
  fields?: string[];
  /** Statements for the init function. */
  init?: string[];
  args?: string[];
  /** Needs a defined memory (index 0) to be valid. */
  memory?: boolean;
}

/** Fragment factories; `k` makes names unique when a fragment is picked twice. */
const FRAGMENTS: ReadonlyArray<(k: number) => Fragment> = [
  (k) => ({ memory: true, init: [`(i32.store (i32.const ${k * 8}) (i32.const ${k + 1}))`] }),
  (k) => ({
    fields: [`(global $g${k} (export "g${k}") (mut i64) (i64.const 0))`],
    init: [`(global.set $g${k} (i64.const ${-k - 1}))`],
  }),
  (k) => ({
    fields: [`(global $h${k} (mut f64) (f64.const 0))`],
    init: [`(global.set $h${k} (f64.reinterpret_i64 (i64.const 0x7ff4000000000${k}01)))`],
  }),
  () => ({ imports: ['(import "env" "mem" (memory 1))'] }),
  () => ({ imports: ['(import "env" "g" (global i32))'] }),
  () => ({ imports: ['(import "env" "t" (table 1 funcref))'] }),
  (k) => ({ imports: [`(import "env" "f${k}" (func $imp${k}))`] }),
  (k) => ({ imports: [`(import "env" "c${k}" (func $call${k}))`], init: [`(call $call${k})`] }),
  (k) => ({ imports: [`(import "__wizer_env" "f${k}" (func))`] }),
  (k) => ({ fields: [`(func $w${k} (export "__wizer_${k}"))`] }),
  (k) => ({
    fields: [
      `(table $t${k} 2 funcref)`,
      `(func $e${k})`,
      `(elem (table $t${k}) (i32.const 0) func $e${k})`,
    ],
    init: [`(drop (table.get $t${k} (i32.const 0)))`],
  }),
  (k) => ({
    fields: [
      `(table $u${k} 1 funcref)`,
      `(func $set${k} (table.set $u${k} (i32.const 0) (ref.null func)))`,
    ],
  }),
  (k) => ({ memory: true, fields: [`(data $d${k} "x")`, `(func $drop${k} (data.drop $d${k}))`] }),
  (k) => ({ fields: [`(global $r${k} (mut funcref) (ref.null func))`] }),
  (k) => ({ fields: [`(func $rf${k})`, `(global $i${k} funcref (ref.func $rf${k}))`] }),
  (k) => ({ fields: [`(tag $tag${k})`] }),
  () => ({ fields: ['(memory $shared 1 1 shared)'] }),
  (k) => ({
    fields: [
      `(global $s${k} (export "s${k}") (mut i32) (i32.const 0))`,
      `(func $start${k} (global.set $s${k} (i32.const 42)))`,
      `(start $start${k})`,
    ],
  }),
  (k) => ({
    fields: [
      `(global $ri${k} (export "ri${k}") (mut i32) (i32.const 0))`,
      `(func (export "_initialize") (global.set $ri${k} (i32.const 5)))`,
    ],
  }),
  () => ({ init: ['(unreachable)'] }),
  () => ({ init: ['(drop (i32.div_u (i32.const 1) (i32.const 0)))'] }),
  () => ({ memory: true, init: ['(i32.store (i32.const 0x7fffffff) (i32.const 1))'] }),
  (k) => ({
    fields: [`(func $keep${k} (export "keep${k}") (result i32) (i32.const ${k}))`],
    args: ['-r', `kept${k}=keep${k}`],
  }),
  () => ({ args: ['--keep-init-func'] }),
  () => ({ args: ['-r', 'missing=nothing'] }),
  (k) => ({ fields: [`(func (export "typed${k}") (param i32))`], args: ['-f', `typed${k}`] }),
  // (wabt cannot write GC or typed-reference syntax; validation.test.ts has those in bytes.)
  (k) => ({ fields: [`(global $ex${k} exnref (ref.null exn))`] }),
  (k) => ({ fields: [`(type $st${k} (struct (field i32)))`] }),
];

/** Fragments in random order (a start function or `_initialize` only once), with their flags. */
function randomShape(seed: number): { wat: string; args: string[] } {
  const { int } = seededRandom(seed);
  const picked: Fragment[] = [];
  const used = new Set<number>();
  for (let n = 1 + int(5); n > 0; n--) {
    const index = int(FRAGMENTS.length);
    // Some fragments make sense only once (one start, one `_initialize`, one `-f`, ...).
    if (used.has(index) && [3, 4, 5, 16, 17, 18, 23, 25].includes(index)) continue;
    used.add(index);
    picked.push(FRAGMENTS[index]!(picked.length));
  }
  const needsMemory = picked.some((f) => f.memory);
  const memoryField = needsMemory ? [`(memory (export "memory") 1)`] : [];
  const imports = picked.flatMap((f) => f.imports ?? []);
  const fields = picked.flatMap((f) => f.fields ?? []);
  const init = picked.flatMap((f) => f.init ?? []);
  const wat = `(module
    ${[...imports, ...memoryField, ...fields].join('\n    ')}
    (func (export "wizer-initialize") ${init.join(' ')}))`;
  return { wat, args: picked.flatMap((f) => f.args ?? []) };
}

describe.concurrent('differential: seeded random module shapes', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, async () => {
      const { wat, args } = randomShape(seed);
      const result = await diffWat(wat, args);
      if (result.upstream.code === 0) {
        await expectSameSuccess(result);
      } else {
        // Trap causes: V8 gives no faulting address, so compare the root cause only.
        const { head } = expectSameFailure(result, { causes: 'root' });
        expect(head, wat).toMatch(/^(Error|error): /);
      }
    });
  }
});
