/** Differential cases for section layout, tables, encodings and determinism (spec §11 items 16, 40, 41, 43, 45). */
import { describe, expect, it } from 'vitest';
import { expectSameSuccess } from './compare-outputs.js';
import { runBoth } from './harness.js';
import { binaryModule, diffWat, nameBytes, wasmOf, withCustomSections } from './fixture.js';
import { type RawSection, readSections, toHex } from './wasm-sections.js';

const BASIC = `
  (module
    (memory (export "memory") 1)
    (global $g (mut i32) (i32.const 0))
    (data (i32.const 8) "abc")
    (func $helper (result i32) (i32.const 77))
    (func (export "wizer-initialize")
      (global.set $g (call $helper))
      (i32.store8 (i32.const 300) (i32.const 1))))`;

const layout = (p: { sections: { id: number; name?: string }[] }) =>
  p.sections.map((s) => (s.id === 0 ? s.name : s.id));

describe.concurrent('differential: sections, tables, encodings', () => {
  it('§11.16 active element segments + call_indirect in init: element section copied, result baked', async () => {
    const result = await diffWat(`
      (module
        (type $ret (func (result i32)))
        (table $t 4 funcref)
        (elem (table $t) (i32.const 1) func $a $b)
        (global $g (mut i32) (i32.const 0))
        (func $a (result i32) (i32.const 11))
        (func $b (result i32) (i32.const 22))
        (func (export "wizer-initialize")
          (global.set $g (i32.add (call_indirect $t (type $ret) (i32.const 1)) (call_indirect $t (type $ret) (i32.const 2)))))
        (func (export "probeViaTable") (result i32) (call_indirect $t (type $ret) (i32.const 2))))`);
    const { upstream } = await expectSameSuccess(result);
    expect(toHex(upstream.globals[0]!.init)).toBe('41210b');
  });

  it('§11.40a custom sections keep their bytes and positions; the data section keeps its slot', async () => {
    const wasm = withCustomSections(await wasmOf(BASIC), [
      { at: 'start', name: 'first', payload: [1, 2, 3] },
      { at: { after: 1 }, name: 'early', payload: [9, 9] },
      { at: { after: 10 }, name: '.debug_info', payload: [0xde, 0xad, 0xbe, 0xef] },
      { at: { after: 11 }, name: 'sourceMappingURL', payload: nameBytes('out.map') },
      { at: 'end', name: 'producers', payload: [0] },
    ]);
    const { upstream } = await expectSameSuccess(await runBoth({ wasm }));
    expect(layout(upstream)).toEqual([
      'first',
      1,
      'early',
      3,
      5,
      6,
      7,
      10,
      '.debug_info',
      11,
      'sourceMappingURL',
      'name',
      'producers',
    ]);
  });

  it('§11.40b without a data section the new one goes just before `name`', async () => {
    const source = `
      (module
        (memory 1)
        (func (export "wizer-initialize") (i32.store8 (i32.const 3) (i32.const 4))))`;
    const wasm = withCustomSections(await wasmOf(source), [
      { at: { after: 10 }, name: '.debug_line', payload: [1] },
      { at: 'end', name: 'producers', payload: [2] },
    ]);
    const { upstream } = await expectSameSuccess(await runBoth({ wasm }));
    expect(layout(upstream)).toEqual([1, 3, 5, 7, 10, '.debug_line', 11, 'name', 'producers']);
  });

  it('§11.40c without data and name sections the data section goes last', async () => {
    // init: i32.store8 (i32.const 1) (i32.const 5)
    const body = [0, 0x41, 1, 0x41, 5, 0x3a, 0, 0, 0x0b];
    const wasm = binaryModule([
      [1, [1, 0x60, 0, 0]],
      [3, [1, 0]],
      [5, [1, 0, 1]],
      [7, [1, ...nameBytes('wizer-initialize'), 0, 0]],
      [10, [1, body.length, ...body]],
      [0, [...nameBytes('trailer'), 7]],
    ]);
    const { upstream } = await expectSameSuccess(await runBoth({ wasm }));
    expect(layout(upstream)).toEqual([1, 3, 5, 7, 10, 'trailer', 11]);
  });

  it('§11.41 the name section (function, global, data names) is kept verbatim', async () => {
    const input = await wasmOf(`
      (module
        (memory 1)
        (global $counter (mut i32) (i32.const 0))
        (data $greeting (i32.const 0) "hi")
        (data $later "later")
        (func $init (export "wizer-initialize") (global.set $counter (i32.const 1)))
        (func $use (export "use") (memory.init $later (i32.const 0) (i32.const 0) (i32.const 1))))`);
    const { upstream } = await expectSameSuccess(await runBoth({ wasm: input }));
    const nameSection = (sections: RawSection[]) =>
      toHex(sections.find((s) => s.name === 'name')!.payload);
    expect(nameSection(upstream.sections)).toBe(nameSection(readSections(input)));
  });

  it('§3.6.1 over-long LEBs: verbatim sections untouched, re-encoded sections canonical', async () => {
    const wasm = binaryModule([
      [1, [0x81, 0x80, 0x80, 0x00, 0x60, 0, 0]],
      [3, [1, 0]],
      [5, [1, 0, 0x81, 0x80, 0x00]],
      [6, [1, 0x7f, 1, 0x41, 0x80, 0x80, 0x00, 0x0b]],
      [7, [1, ...nameBytes('wizer-initialize'), 0, 0x80, 0x00]],
      [10, [1, 8, 0, 0x41, 0x85, 0x80, 0x00, 0x24, 0, 0x0b]],
    ]);
    await expectSameSuccess(await runBoth({ wasm }));
  });

  it('§3.6.1 data count section is bumped by the snapshot segments', async () => {
    const result = await diffWat(`
      (module
        (memory 1)
        (data $p "pp")
        (func (export "wizer-initialize")
          (memory.init $p (i32.const 10) (i32.const 0) (i32.const 2))
          (i32.store8 (i32.const 100) (i32.const 1))))`);
    const { upstream } = await expectSameSuccess(result);
    expect(upstream.dataCount).toBe(3);
  });

  it('§11.45 two runs on the same input give byte-identical outputs (each tool)', async () => {
    const wasm = await wasmOf(BASIC);
    const [first, second] = await Promise.all([runBoth({ wasm }), runBoth({ wasm })]);
    await expectSameSuccess(first);
    expect(toHex(second.upstream.output!)).toBe(toHex(first.upstream.output!));
    expect(toHex(second.ours.output!)).toBe(toHex(first.ours.output!));
  });
});
