/** Unit tests of the pipeline phases on small WAT fixtures (the differential suite covers the whole). */
import { describe, expect, it } from 'vitest';
import { WizerError } from '../../src/errors.js';
import { SectionId } from '../../src/wasm/constants.js';
import { instrument } from '../../src/wizer/instrument.js';
import { parseModule } from '../../src/wizer/parse.js';
import { checkRenames, rewrite } from '../../src/wizer/rewrite.js';
import { RunList, type Snapshot } from '../../src/wizer/snapshot.js';
import { checkImportsAndExports, checkSupportedInstructions } from '../../src/wizer/validate.js';
import { wat } from '../helpers/tools.js';

const emptySnapshot = (pages: bigint[] = []): Snapshot => ({
  globals: new Map(),
  memoryPages: pages,
  memoryBytes: pages.map((p) => Number(p) * 65536),
  images: [],
  segments: new RunList(),
});

const exportNames = (bytes: Uint8Array) =>
  WebAssembly.Module.exports(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>)).map(
    (e) => e.name,
  );

describe('parse', () => {
  it('decodes the structures later phases need and keeps sections as input ranges', async () => {
    const bytes = await wat(`
      (module
        (import "env" "f" (func (param i32)))
        (memory 1 4)
        (global (mut i64) (i64.const 7))
        (global f32 (f32.const 1))
        (data (i32.const 8) "hi")
        (data "passive")
        (func (export "wizer-initialize"))
        (@custom "early" (after type) "x"))`);
    const cx = parseModule(bytes);
    expect(cx.imports).toEqual([{ module: 'env', name: 'f', kind: 0, typeIndex: 0 }]);
    expect(cx.importedFuncCount).toBe(1);
    expect(cx.funcTypeIndices).toHaveLength(2);
    expect(cx.memories[0]!.limits).toMatchObject({ min: 1n, max: 4n });
    expect(cx.globals.map((g) => [g.type.code, g.mutable])).toEqual([
      [0x7e, true],
      [0x7d, false],
    ]);
    expect(cx.dataSegments.map((d) => d.active)).toEqual([true, false]);
    expect(cx.exports).toEqual([{ name: 'wizer-initialize', kind: 0, index: 1 }]);
    expect(cx.sections.find((s) => s.customName === 'early')).toBeDefined();
    const last = cx.sections[cx.sections.length - 1]!;
    expect(last.end).toBe(bytes.length);
  });

  it('reports truncated input with an absolute offset', async () => {
    const bytes = await wat('(module (func (export "wizer-initialize")))');
    expect(() => parseModule(bytes.subarray(0, bytes.length - 2))).toThrow(
      /unexpected end-of-file \(at offset 0x/,
    );
  });
});

describe('validate', () => {
  it('refuses instructions whose effects a snapshot cannot capture, even in dead code', async () => {
    const cx = parseModule(
      await wat(`
        (module (table 1 funcref) (elem func 0)
          (func (export "wizer-initialize"))
          (func (elem.drop 0)))`),
    );
    expect(() => checkSupportedInstructions(cx)).toThrow('unsupported `elem.drop` instruction');
  });

  it('accepts table reads and reports reference-typed mutable globals', async () => {
    const reads = parseModule(
      await wat(`(module (table 1 funcref)
        (func (export "wizer-initialize") (drop (table.get 0 (i32.const 0))) (drop (table.size 0))))`),
    );
    expect(() => checkSupportedInstructions(reads)).not.toThrow();
    const refGlobal = parseModule(
      await wat(
        '(module (global (mut funcref) (ref.null func)) (func (export "wizer-initialize")))',
      ),
    );
    expect(() => checkSupportedInstructions(refGlobal)).toThrow(
      'unsupported mutable global containing a reference type',
    );
  });

  it('refuses the reserved prefix and imported state', async () => {
    const reserved = parseModule(await wat('(module (func (export "__wizer_x")))'));
    expect(() => checkImportsAndExports(reserved)).toThrow(/already exports entities/);
    const importedMemory = parseModule(await wat('(module (import "env" "m" (memory 1)))'));
    expect(() => checkImportsAndExports(importedMemory)).toThrow(
      'imported memories are not supported',
    );
  });
});

describe('instrument', () => {
  it('adds exact-bit getters, memory exports and a start export without moving any index', async () => {
    const cx = parseModule(
      await wat(`
        (module
          (memory 1)
          (global $f (mut f32) (f32.const 0))
          (global $i i32 (i32.const 3))
          (func $s (global.set $f (f32.reinterpret_i32 (i32.const 0x7fa00001))))
          (start $s)
          (func (export "wizer-initialize")))`),
    );
    const out = instrument(cx);
    expect(out.globals).toEqual([{ globalIndex: 0, type: 0x7d, exports: ['__wizer_global_0'] }]);
    expect(out.memories).toEqual(['__wizer_memory_0']);
    expect(out.start).toBe('__wizer_start');
    const instance = new WebAssembly.Instance(
      new WebAssembly.Module(out.wasm as Uint8Array<ArrayBuffer>),
    );
    const call = (name: string) => (instance.exports[name] as () => number)();
    expect(call('__wizer_global_0')).toBe(0); // the start section was turned into an export
    call('__wizer_start');
    expect(call('__wizer_global_0') >>> 0).toBe(0x7fa00001); // NaN payload kept
  });
});

describe('rewrite', () => {
  const module = () =>
    wat(`
      (module
        (memory 1)
        (func $a) (func $b) (func $c)
        (export "_initialize" (func $a))
        (export "wizer-initialize" (func $a))
        (export "a" (func $a))
        (export "b" (func $b))
        (export "_start" (func $c))
        (start $c))`);
  const names = async (renames: Array<[string, string]>, keepInitFunc = false) => {
    const cx = parseModule(await module());
    const bytes = rewrite(cx, emptySnapshot([1n]), {
      initFunc: 'wizer-initialize',
      keepInitFunc,
      renames,
    });
    return exportNames(bytes);
  };

  it('drops the init export and `_initialize`, keeping the rest in order', async () => {
    expect(await names([])).toEqual(['a', 'b', '_start']);
    expect(await names([], true)).toEqual(['wizer-initialize', 'a', 'b', '_start']);
  });

  it('applies renames at the source export position and drops overwritten names', async () => {
    expect(await names([['_start', 'b']])).toEqual(['a', '_start']);
    expect(
      await names([
        ['a', 'b'],
        ['b', 'a'],
      ]),
    ).toEqual(['b', 'a', '_start']);
    expect(await names([['a', '']])).toEqual(['b', '_start']);
  });

  it('removes the start section and emits a data section even without memory writes', async () => {
    const cx = parseModule(await module());
    const bytes = rewrite(cx, emptySnapshot([1n]), {
      initFunc: 'x',
      keepInitFunc: false,
      renames: [],
    });
    const sections = parseModule(bytes).sections;
    expect(sections.map((s) => s.id)).not.toContain(SectionId.Start);
    // The fixture has a `name` section (wabt writes debug names): data goes just before it.
    const name = sections.findIndex((s) => s.customName === 'name');
    expect(name).toBeGreaterThan(0);
    expect(sections[name - 1]!.id).toBe(SectionId.Data);
  });

  it('refuses duplicate rename destinations and sources', () => {
    expect(() =>
      checkRenames([
        ['a', 'b'],
        ['a', 'c'],
      ]),
    ).toThrow(new WizerError('Duplicated function rename dst a'));
    expect(() =>
      checkRenames([
        ['a', 'b'],
        ['c', 'b'],
      ]),
    ).toThrow('Duplicated function rename src b');
  });
});
