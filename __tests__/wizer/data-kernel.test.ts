/**
 * The compiled data kernel against the JavaScript path it stands in for: the same runs as
 * `findRuns` and the same rewritten module as the JavaScript segment encoder, on memories made to
 * hit its edges (eight-byte steps, gaps of four and five zeros, runs touching the end, LEB sizes).
 */
import { describe, expect, it } from 'vitest';
import { DataKernel } from '../../src/wizer/data-kernel.js';
import type { MemoryDef } from '../../src/wizer/context.js';
import { parseModule } from '../../src/wizer/parse.js';
import { rewrite } from '../../src/wizer/rewrite.js';
import {
  capSegmentCount,
  findRuns,
  RunList,
  snapshot,
  type InstanceState,
} from '../../src/wizer/snapshot.js';
import { wat } from '../helpers/tools.js';
// @ts-expect-error: a plain ES module script without declarations
import { generate, kernels } from '../../scripts/kernels.mjs';

const plainMemory: MemoryDef = {
  limits: { flags: 0, min: 1n, max: undefined, pageSizeLog2: undefined },
  shared: false,
  memory64: false,
};

function jsRuns(bytes: Uint8Array): number[] {
  const out: number[] = [];
  findRuns(bytes, (start, end) => out.push(start, end));
  return out;
}

function kernelFor(memory: WebAssembly.Memory): DataKernel {
  const kernel = DataKernel.bind(memory, plainMemory);
  if (!kernel) throw new Error('the kernel did not bind to a plain memory');
  return kernel;
}

/** A deterministic pseudo-random source (tests must not depend on the run). */
function lcg(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

/** Memories whose runs and gaps land on every offset modulo 8, of every length near the edges. */
function patterns(pages: number): Array<[string, Uint8Array]> {
  const size = pages * 65536;
  const random = lcg(7);
  const out: Array<[string, Uint8Array]> = [];
  out.push(['all zero', new Uint8Array(size)]);
  out.push(['all non-zero', new Uint8Array(size).fill(0xff)]);
  for (const density of [0.001, 0.05, 0.3, 0.7, 0.97]) {
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++)
      if (random() < density) bytes[i] = 1 + Math.floor(random() * 255);
    out.push([`random density ${density}`, bytes]);
  }
  // Runs of 1..17 bytes separated by gaps of 1..9 zeros, cycling so every alignment occurs.
  const mixed = new Uint8Array(size);
  for (let pos = 3, k = 0; pos < size; k++) {
    const run = 1 + (k % 17);
    for (let i = 0; i < run && pos < size; i++) mixed[pos++] = 0x80 | (k & 0x7f);
    pos += 1 + (k % 9);
  }
  out.push(['runs and gaps of every size', mixed]);
  // A run reaching the last byte, and one gap of exactly four and five zeros before it.
  const tail = new Uint8Array(size);
  tail.fill(1, size - 20, size - 15);
  tail.fill(1, size - 11, size - 6); // gap of 4: merged
  tail.fill(1, size - 1, size); // gap of 5: a new run
  out.push(['runs at the very end', tail]);
  // Bytes whose words trip naive zero-byte tests: 0x80 and 0x01 next to zeros, 0x0100 patterns.
  const tricky = new Uint8Array(size);
  for (let i = 0; i + 7 <= size; i += 11) tricky.set([0x01, 0x00, 0x80, 0x01, 0x01, 0x00, 0x00], i);
  out.push(['0x01/0x80 bytes around zeros', tricky]);
  return out;
}

describe('data kernel', () => {
  it('is compiled from data-kernel.wat as it is now', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    for (const kernel of kernels as Array<{ ts: string }>) {
      const committed = readFileSync(join(__dirname, '..', '..', kernel.ts), 'utf8');
      expect(committed, `${kernel.ts}: run \`npm run kernels\``).toBe(await generate(kernel));
    }
  });

  it.each(patterns(3))('finds the same runs as findRuns: %s', (_name, bytes) => {
    const memory = new WebAssembly.Memory({ initial: bytes.length / 65536 });
    new Uint8Array(memory.buffer).set(bytes);
    const kernel = kernelFor(memory);
    expect(Array.from(kernel.scan(bytes.length))).toEqual(jsRuns(bytes));
    // A length that is not a multiple of 8 (the scan's word steps must stop at it).
    for (const length of [bytes.length - 1, bytes.length - 7, 13, 0]) {
      expect(Array.from(kernel.scan(length))).toEqual(jsRuns(bytes.subarray(0, length)));
    }
  });

  it('caps the runs of one memory exactly as capSegmentCount does', () => {
    let capped = 0;
    for (const [name, bytes] of patterns(3)) {
      const memory = new WebAssembly.Memory({ initial: 3 });
      new Uint8Array(memory.buffer).set(bytes);
      const kernel = kernelFor(memory);
      const runs = jsRuns(bytes);
      for (const max of [1, 10, 997, 10_000]) {
        for (const memoryNumber of [0, 1, 200]) {
          const list = new RunList();
          for (let k = 0; k < runs.length; k += 2) list.push(memoryNumber, runs[k]!, runs[k + 1]!);
          const expected = capSegmentCount(list, max);
          const actual = kernel.scan(bytes.length, { max, memory: memoryNumber });
          const label = `${name}, at most ${max}, memory ${memoryNumber}`;
          expect([...actual], label).toEqual([...expected.pairs(0, expected.length)]);
          if (runs.length / 2 > max) capped++;
        }
      }
    }
    // Most cases really merge (ties included: "runs and gaps of every size" has many).
    expect(capped).toBeGreaterThan(40);
  });

  it('leaves the cap to JavaScript when the threshold gap is 64 KiB or more', () => {
    const memory = new WebAssembly.Memory({ initial: 20 });
    const bytes = new Uint8Array(memory.buffer);
    for (let at = 100; at < bytes.length; at += 70_000) bytes[at] = 1; // 19 runs, 70 KB apart
    const runs = jsRuns(bytes);
    expect(runs.length / 2).toBe(19);
    expect([...kernelFor(memory).scan(bytes.length, { max: 5, memory: 0 })]).toEqual(runs);
  });

  it('is not bound where the JavaScript path applies', () => {
    const shared = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
    expect(DataKernel.bind(shared, { ...plainMemory, shared: true })).toBeUndefined();
    const plain = new WebAssembly.Memory({ initial: 1 });
    expect(DataKernel.bind(plain, { ...plainMemory, memory64: true })).toBeUndefined();
    const custom = { ...plainMemory, limits: { ...plainMemory.limits, pageSizeLog2: 0 } };
    expect(DataKernel.bind(plain, custom)).toBeUndefined();
  });

  it('rewrites to the same bytes as the JavaScript encoder, memory 0 and 1', async () => {
    // Two memories, so segments of memory 1 carry an index; the original segments stay in
    // place (the active one emptied).
    const input = await wat(`
      (module
        (memory (export "m0") 4)
        (memory (export "m1") 3)
        (data "passive")
        (data (i32.const 5) "x")
        (func (export "wizer-initialize")))`);
    const cx = parseModule(input);
    const named = (pages: number, name: string) => patterns(pages).find(([n]) => n === name)![1];
    const [first, second] = [
      named(4, 'random density 0.05'),
      named(3, 'runs and gaps of every size'),
    ];
    const memories = [first, second].map((bytes) => {
      const memory = new WebAssembly.Memory({ initial: bytes.length / 65536 });
      new Uint8Array(memory.buffer).set(bytes);
      return memory;
    });
    const names = ['m0', 'm1'];
    const byName = (name: string) => memories[names.indexOf(name)]!;
    const base: InstanceState = {
      globalGet: () => 0,
      memoryContents: (name) => new Uint8Array(byName(name).buffer),
    };
    const withKernel = snapshot([], names, cx.memories, { ...base, memory: byName });
    const withoutKernel = snapshot([], names, cx.memories, base);
    expect(withKernel.images.map((i) => i.kernel !== undefined)).toEqual([true, true]);
    expect(withoutKernel.images.map((i) => i.kernel)).toEqual([undefined, undefined]);
    // Over MAX_DATA_SEGMENTS runs before the cap: the capped list is what both encode.
    expect(withKernel.segments.length).toBe(10_000);

    const options = { initFunc: 'wizer-initialize', keepInitFunc: false, renames: [] };
    const expected = rewrite(cx, withoutKernel, options);
    const actual = rewrite(cx, withKernel, options);
    expect(Buffer.from(actual).equals(Buffer.from(expected))).toBe(true);
    expect(WebAssembly.validate(actual as Uint8Array<ArrayBuffer>)).toBe(true);
  });
});
