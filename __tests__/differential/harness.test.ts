/** The oracle itself must be able to fail: feed it hand-made pairs of outputs that differ in one way. */
import { describe, expect, it } from 'vitest';
import { expectSameSuccess } from './compare-outputs.js';
import { type DiffResult, type SideResult, expectSameFailure, parseErrorChain } from './harness.js';
import { wasmOf, withCustomSections } from './fixture.js';

function side(output: Uint8Array | undefined, code = 0, stderr = ''): SideResult {
  return { code, stdout: Buffer.alloc(0), stderr, outFile: undefined, output, dir: '' };
}

function pair(upstream: Uint8Array, ours: Uint8Array): DiffResult {
  return { case: { args: [] }, upstream: side(upstream), ours: side(ours) };
}

const base = (global: string, data: string, exportName = 'f') => `
  (module
    (memory (export "memory") 1)
    (global $g (mut i32) (i32.const ${global}))
    (data (i32.const 0) "${data}")
    (func (export "${exportName}")))`;

describe('differential oracle', () => {
  it('accepts identical outputs', async () => {
    const a = await wasmOf(base('1', 'x'));
    await expectSameSuccess(pair(a, a));
  });

  it('detects a different global value', async () => {
    await expect(
      expectSameSuccess(pair(await wasmOf(base('1', 'x')), await wasmOf(base('2', 'x')))),
    ).rejects.toThrow(/globals/);
  });

  it('detects different memory contents', async () => {
    await expect(
      expectSameSuccess(pair(await wasmOf(base('1', 'x')), await wasmOf(base('1', 'y')))),
    ).rejects.toThrow();
  });

  it('detects a different export name', async () => {
    const a = await wasmOf(base('1', 'x', 'f'));
    const b = await wasmOf(base('1', 'x', 'g'));
    await expect(expectSameSuccess(pair(a, b))).rejects.toThrow();
  });

  it('detects a changed or moved custom section', async () => {
    const a = await wasmOf(base('1', 'x'));
    const withA = withCustomSections(a, [{ at: 'end', name: 'c', payload: [1] }]);
    const withB = withCustomSections(a, [{ at: 'end', name: 'c', payload: [2] }]);
    const moved = withCustomSections(a, [{ at: 'start', name: 'c', payload: [1] }]);
    await expect(expectSameSuccess(pair(withA, withB))).rejects.toThrow(/custom:c/);
    await expect(expectSameSuccess(pair(withA, moved))).rejects.toThrow(/section layout/);
  });

  it('detects a larger output even when everything else is equivalent', async () => {
    const a = await wasmOf(base('1', 'x'));
    // Same module, but the first section's size written as a 5-byte LEB.
    const size = a[9]!;
    expect(size).toBeLessThan(0x80);
    const padded = new Uint8Array([
      ...a.subarray(0, 9),
      size | 0x80,
      0x80,
      0x80,
      0x80,
      0x00,
      ...a.subarray(10),
    ]);
    await expect(expectSameSuccess(pair(a, padded))).rejects.toThrow(/must not be larger/);
    await expectSameSuccess(pair(padded, a));
  });

  it('detects a different first error line and a different root cause', () => {
    const up =
      'Error: the `f` function trapped\n\nCaused by:\n    0: error while executing at wasm backtrace:\n           0:  0x1 - f\n    1: wasm trap: a\n';
    const same = {
      case: { args: [] },
      upstream: side(undefined, 1, up),
      ours: side(undefined, 1, up),
    };
    expect(() => expectSameFailure(same)).not.toThrow();
    const otherHead = { ...same, ours: side(undefined, 1, up.replace('`f`', '`g`')) };
    expect(() => expectSameFailure(otherHead)).toThrow(/first error line/);
    const otherCause = { ...same, ours: side(undefined, 1, up.replace('trap: a', 'trap: b')) };
    expect(() => expectSameFailure(otherCause)).toThrow(/causes differ/);
    const otherCode = { ...same, ours: side(undefined, 2, up) };
    expect(() => expectSameFailure(otherCode)).toThrow(/exit code/);
  });

  it('parses single multi-line causes and numbered causes', () => {
    const single =
      'Error: x\n\nCaused by:\n    a - expected=[\n        0x0,\n    ] actual=[\n    ]\n';
    expect(parseErrorChain(single).causes).toEqual(['a - expected=[\n0x0,\n] actual=[\n]']);
    const numbered = 'Error: x\n\nCaused by:\n    0: one\n    1: two\n';
    expect(parseErrorChain(numbered)).toEqual({ head: 'Error: x', causes: ['one', 'two'] });
  });
});
