/**
 * Seeded byte mutations of valid modules against upstream: flipped, inserted and deleted bytes
 * land in headers, LEB128s, types, instructions and data. Whatever upstream makes of the result,
 * ours must agree on success or failure; a success must give an equivalent module (never a wrong
 * one), a failure the same first line.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom, seeds } from '../helpers/seeded-random.js';
import { expectSameSuccess } from './compare-outputs.js';
import { wasmOf } from './fixture.js';
import { parseErrorChain, runBoth } from './harness.js';

const SEEDS = seeds(40);

const BASES = [
  `(module
    (type $t (func (param i32) (result i32)))
    (import "env" "f" (func $f (type $t)))
    (memory (export "memory") 1 4)
    (global $g (mut i32) (i32.const 0))
    (global $h (mut f64) (f64.const 1.5))
    (table 2 funcref)
    (elem (i32.const 0) $init $get)
    (data (i32.const 16) "hello, wizer")
    (func $init (export "wizer-initialize")
      (global.set $g (i32.add (global.get $g) (i32.const 41)))
      (global.set $h (f64.mul (global.get $h) (f64.const 2)))
      (i32.store (i32.const 64) (i32.load (i32.const 16)))
      (memory.fill (i32.const 200) (i32.const 7) (i32.const 20)))
    (func $get (export "get") (result i32) (global.get $g)))`,
  `(module
    (memory 1)
    (global $v (mut v128) (v128.const i32x4 0 0 0 0))
    (global $c i64 (i64.const 5))
    (func $start (i32.store8 (i32.const 3) (i32.const 9)))
    (start $start)
    (func (export "wizer-initialize") (local $i i32)
      (loop $l
        (i32.store8 (i32.mul (local.get $i) (i32.const 3)) (local.get $i))
        (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 50))))
      (global.set $v (i32x4.splat (i32.const 3))))
    (func (export "v") (result i64) (i64x2.extract_lane 0 (global.get $v))))`,
  `(module
    (memory $a 1)
    (memory $b i64 1 2)
    (data $p "passive")
    (data (memory $a) (i32.const 8) "active")
    (table $t 2 funcref)
    (elem $e func $f)
    (global $n (mut i32) (i32.const 0))
    (func $f (param i32) (result i32 i32) (local.get 0) (i32.const 1))
    (func (export "wizer-initialize")
      (memory.init $a $p (i32.const 100) (i32.const 0) (i32.const 7))
      (memory.copy $a $a (i32.const 200) (i32.const 100) (i32.const 7))
      (i64.store $b (i64.const 16) (i64.const -1))
      (drop (memory.grow $b (i64.const 1)))
      (block $out (br_table $out $out (i32.const 1)))
      (global.set $n (i32.add (call $f (i32.const 5)))))
    (func (export "n") (result i32) (global.get $n)))`,
  `(module
    (memory (export "mem") 1 1)
    (global $s (mut v128) (v128.const i64x2 0 0))
    (global $k i32 (i32.const 8))
    (func $sum (param $n i32) (param $acc i64) (result i64)
      (if (result i64) (i32.eqz (local.get $n))
        (then (local.get $acc))
        (else (return_call $sum (i32.sub (local.get $n) (i32.const 1))
          (i64.add (local.get $acc) (i64.extend_i32_u (local.get $n)))))))
    (func (export "wizer-initialize")
      (i64.atomic.store (i32.const 0) (call $sum (i32.const 100) (i64.const 0)))
      (drop (i32.atomic.rmw.add (i32.const 8) (i32.const 3)))
      (global.set $s (f32x4.add (f32x4.splat (f32.const 1.5)) (v128.load (i32.const 0))))
      (v128.store (global.get $k) (global.get $s))))`,
];

function mutate(bytes: Uint8Array, seed: number): Uint8Array {
  const { int } = seededRandom(seed);
  const out = Array.from(bytes);
  for (let n = 1 + int(3); n > 0; n--) {
    // Past the 8-byte preamble, which only ever gives the same "bad magic" refusal.
    const at = 8 + int(out.length - 8);
    const kind = int(4);
    if (kind === 0) out.splice(at, 0, int(256));
    else if (kind === 1 && out.length > 9) out.splice(at, 1);
    else out[at] = kind === 2 ? out[at]! ^ (1 << int(8)) : int(256);
  }
  return Uint8Array.from(out);
}

describe.concurrent('differential: seeded byte mutations', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, async () => {
      const base = await wasmOf(BASES[seed % BASES.length]!);
      const result = await runBoth({ wasm: mutate(base, seed) });
      const { upstream, ours } = result;
      if (upstream.code === 0) {
        await expectSameSuccess(result);
        return;
      }
      expect(ours.code, `upstream failed, ours did not:\n${upstream.stderr}`).toBe(upstream.code);
      expect(ours.outFile, 'no output file after a failure').toBeUndefined();
      expect(parseErrorChain(ours.stderr).head).toBe(parseErrorChain(upstream.stderr).head);
    });
  }
});
