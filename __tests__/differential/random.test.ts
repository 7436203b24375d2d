/**
 * Seeded random modules against upstream: sparse writes in clusters whose gaps straddle the
 * 4-byte merge rule, zero writes over initial data, fills, growth, several memories (one of them
 * 64-bit) and mutable globals of every numeric type holding arbitrary bits (NaN payloads, -0.0).
 * Every case must give the same memories, globals and segments as upstream, and no larger output.
 */
import { seededRandom, seeds } from '../helpers/seeded-random.js';
import { describe, it } from 'vitest';
import { expectSameSuccess } from './compare-outputs.js';
import { diffWat } from './fixture.js';

const SEEDS = seeds(24);
const PAGE = 65_536;

interface Memory {
  name: string;
  is64: boolean;
  /** Pages at instantiation, and after the init's `memory.grow`. */
  initial: number;
  pages: number;
}

/** A module whose init writes a random pattern; returns its WAT. */
function randomModule(seed: number): string {
  const { next, int, pick } = seededRandom(seed);
  const u32 = () => int(0x1_0000_0000) >>> 0;

  const memories: Memory[] = Array.from({ length: 1 + int(3) }, (_, k) => {
    const initial = int(3);
    return { name: `$m${k}`, is64: k > 0 && next() < 0.4, initial, pages: initial + int(3) };
  });
  const declarations = memories.map(
    (m, k) => `(memory ${m.name} (export "mem${k}") ${m.is64 ? 'i64 ' : ''}${m.initial})`,
  );
  const address = (m: Memory, at: number) => `(${m.is64 ? 'i64' : 'i32'}.const ${at})`;

  // Initial data (memory 0 only, see memory.test.ts): some of it is later overwritten with zeros.
  const data: string[] = [];
  const initialPages = memories[0]!.initial;
  const dataRanges: Array<[number, number]> = [];
  if (initialPages > 0) {
    for (let i = int(4); i > 0; i--) {
      const length = 1 + int(40);
      const at = int(initialPages * PAGE - length);
      const bytes = Array.from({ length }, () => `\\${int(256).toString(16).padStart(2, '0')}`);
      data.push(`(data (i32.const ${at}) "${bytes.join('')}")`);
      dataRanges.push([at, length]);
    }
  }

  const body = memories
    .filter((m) => m.pages > m.initial)
    .map((m) => `(drop (memory.grow ${m.name} ${address(m, m.pages - m.initial)}))`);
  const writable = memories.filter((m) => m.pages > 0);
  for (let cluster = writable.length ? 1 + int(12) : 0; cluster > 0; cluster--) {
    const m = pick(writable);
    const size = m.pages * PAGE;
    let at = int(size);
    for (let i = 1 + int(30); i > 0 && at < size; i--) {
      const value = next() < 0.15 ? 0 : 1 + int(255);
      body.push(`(i32.store8 ${m.name} ${address(m, at)} (i32.const ${value}))`);
      // Gaps around the merge threshold matter most; sometimes a long jump.
      at += 1 + (next() < 0.9 ? pick([0, 1, 2, 3, 4, 5, 6, 8]) : int(5000));
    }
    if (next() < 0.2) {
      const length = 1 + int(3000);
      const start = int(Math.max(1, size - length));
      body.push(
        `(memory.fill ${m.name} ${address(m, start)} (i32.const ${int(3) === 0 ? 0 : 1 + int(255)}) ${address(m, length)})`,
      );
    }
  }
  for (const [at, length] of dataRanges) {
    if (next() < 0.5)
      body.push(`(i32.store8 $m0 ${address(memories[0]!, at + int(length))} (i32.const 0))`);
  }

  const globals: string[] = [];
  const sets: string[] = [];
  const negativeZero = ['(f32.const -0)', '(f64.const -0)'];
  for (let g = int(7); g > 0; g--) {
    const type = pick(['i32', 'i64', 'f32', 'f64', 'v128'] as const);
    const zero = type === 'v128' ? '(v128.const i64x2 0 0)' : `(${type}.const 0)`;
    globals.push(`(global $g${g} (export "g${g}") (mut ${type}) ${zero})`);
    const value = {
      i32: () => `(i32.const ${u32() | 0})`,
      i64: () => `(i64.const ${BigInt.asIntN(64, (BigInt(u32()) << 32n) | BigInt(u32()))})`,
      f32: () =>
        next() < 0.2 ? negativeZero[0]! : `(f32.reinterpret_i32 (i32.const ${u32() | 0}))`,
      f64: () =>
        next() < 0.2
          ? negativeZero[1]!
          : `(f64.reinterpret_i64 (i64.const ${BigInt.asIntN(64, (BigInt(u32()) << 32n) | BigInt(u32()))}))`,
      v128: () => `(v128.const i32x4 ${u32()} ${u32()} ${u32()} ${u32()})`,
    }[type]();
    if (next() < 0.85) sets.push(`(global.set $g${g} ${value})`);
  }

  return `(module
    ${declarations.join('\n    ')}
    ${globals.join('\n    ')}
    (func (export "wizer-initialize")
      ${[...body, ...sets].join('\n      ')})
    ${data.join('\n    ')})`;
}

describe.concurrent('differential: seeded random memories and globals', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, async () => {
      await expectSameSuccess(await diffWat(randomModule(seed)));
    });
  }
});
