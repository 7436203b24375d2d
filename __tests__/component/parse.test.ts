import { describe, expect, it } from 'vitest';
import { WasmDecodeError, WizerError } from '../../src/errors.js';
import { ComponentRefusal, parseComponent } from '../../src/component/parse.js';
import type { CoreModuleInfo } from '../../src/component/binary.js';
import { wat } from '../helpers/tools.js';
import {
  assemble,
  MULTI,
  NESTED,
  REFUSALS,
  SINGLE,
  valueExportComponent,
  witComponent,
} from './fixtures.js';

const coreHeader = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

function moduleBytes(bytes: Uint8Array, module: CoreModuleInfo): Uint8Array {
  return bytes.subarray(module.range.start, module.range.end);
}

describe('parseComponent', () => {
  it('describes a single-module component', async () => {
    const bytes = await assemble(SINGLE);
    const parsed = parseComponent(bytes);
    expect(parsed.modules).toHaveLength(1);
    const [module] = parsed.modules;
    expect(module!.instance).toBe(0);
    expect([...moduleBytes(bytes, module!).subarray(0, 8)]).toEqual(coreHeader);
    // The embedded module is a whole module V8 accepts.
    expect(WebAssembly.validate(moduleBytes(bytes, module!) as Uint8Array<ArrayBuffer>)).toBe(true);
    expect(parsed.sections[module!.section]!.id).toBe(1);
    expect(parsed.coreInstances).toEqual([
      expect.objectContaining({ index: 0, kind: 'instantiate', module: 0, args: [] }),
    ]);
    expect(parsed.funcs).toEqual([
      { kind: 'lift', coreFunc: 0, typeIndex: 0 },
      { kind: 'lift', coreFunc: 1, typeIndex: 1 },
      { kind: 'export', name: 'wizer-initialize', target: 0 },
      { kind: 'export', name: 'get', target: 1 },
    ]);
    expect(parsed.exports.map((e) => [e.name, e.sort, e.target, e.index])).toEqual([
      ['wizer-initialize', 'func', 0, 2],
      ['get', 'func', 1, 3],
    ]);
    expect(parsed.types[0]).toMatchObject({
      kind: 'defined',
      summary: { kind: 'func', async: false, params: 0, results: 0 },
    });
    // Every section is listed, back to back, covering the whole binary.
    let at = 8;
    for (const section of parsed.sections) {
      expect(section.start).toBe(at);
      at = section.end;
    }
    expect(at).toBe(bytes.length);
  });

  it('describes modules sharing state, a module never instantiated and instance exports', async () => {
    const bytes = await assemble(MULTI);
    const parsed = parseComponent(bytes);
    expect(parsed.modules.map((m) => m.instance)).toEqual([0, undefined, 1]);
    expect(parsed.coreInstances.map((i) => (i.kind === 'instantiate' ? i.module : -1))).toEqual([
      0, 2,
    ]);
    expect(parsed.coreInstances[1]).toMatchObject({ args: [{ name: 'a', instance: 0 }] });
    // 3 lifts, then exports get-a (3), wizer-initialize (4), get-b (5), again (6).
    expect(parsed.funcs.map((f) => f.kind)).toEqual([
      'lift',
      'lift',
      'lift',
      'export',
      'export',
      'export',
      'export',
    ]);
    expect(parsed.funcs[6]).toEqual({ kind: 'export', name: 'again', target: 4 });
    expect(parsed.instances).toEqual([
      {
        kind: 'exports',
        exports: [
          { name: 'get-a', sort: 'func', index: 0 },
          { name: 'setup', sort: 'func', index: 1 },
          { name: 'get-b', sort: 'func', index: 2 },
        ],
      },
      { kind: 'export', name: 'my:pkg/api@1.2.0', target: 0, ascription: undefined },
    ]);
    // Every use of a function index: 3 inline exports and the 5 exports.
    expect(parsed.funcRefs.map((r) => [r.holder, r.index])).toEqual([
      ['export', 0],
      ['export', 1],
      ['export', 2],
      ['inline export', 0],
      ['inline export', 1],
      ['inline export', 2],
      ['export', 4],
    ]);
    for (const ref of parsed.funcRefs) expect(bytes[ref.start]).toBe(ref.index);
  });

  it('allows nested components without modules and lists their exports', async () => {
    const bytes = await assemble(NESTED);
    const parsed = parseComponent(bytes);
    expect(parsed.components).toHaveLength(1);
    expect(parsed.components[0]).toMatchObject({
      containsModules: false,
      exports: [
        { name: 'run', sort: 'func' },
        { name: 'read', sort: 'func' },
      ],
    });
    expect(parsed.instances[0]).toMatchObject({
      kind: 'instantiate',
      component: 0,
      args: [
        { name: 'import-run', sort: 'func', index: 0 },
        { name: 'import-read', sort: 'func', index: 1 },
      ],
    });
    expect(parsed.funcRefs.filter((r) => r.holder === 'instantiate argument')).toHaveLength(2);
  });

  it('reads a component made by wit-component', async () => {
    const bytes = await witComponent();
    const parsed = parseComponent(bytes);
    expect(parsed.imports).toEqual([
      expect.objectContaining({ name: 'my:pkg/host', type: { sort: 'instance', typeIndex: 0 } }),
    ]);
    expect(parsed.types[0]).toMatchObject({
      kind: 'defined',
      summary: {
        kind: 'instance',
        exports: [
          {
            name: 'log',
            type: { sort: 'func', typeIndex: 0 },
            funcType: { params: 1, results: 0, async: false },
          },
        ],
      },
    });
    expect(parsed.funcs[0]).toEqual({ kind: 'alias', instance: 0, name: 'log' });
    expect(parsed.funcRefs[0]).toMatchObject({ holder: 'canon lower', index: 0 });
    expect(parsed.modules).toEqual([expect.objectContaining({ index: 0, instance: 1 })]);
    expect(parsed.coreInstances[0]).toMatchObject({
      kind: 'exports',
      exports: [{ name: 'log', sort: 'func', index: 0 }],
    });
    expect(parsed.exports.map((e) => [e.name, e.sort])).toEqual([
      ['wizer-initialize', 'func'],
      ['my:pkg/api', 'instance'],
    ]);
    expect(parsed.sections.some((s) => s.customName === 'component-name')).toBe(true);
  });

  it('calls onModule for each module in order before a later refusal', async () => {
    const bytes = await assemble(`(component
      (core module $a (func (export "a")))
      (core instance (instantiate $a))
      (core module $b)
      (import "m" (core module))
      (core module $c))`);
    const seen: number[] = [];
    expect(() =>
      parseComponent(bytes, {
        onModule: (m, b) => {
          expect([...b.subarray(0, 8)]).toEqual(coreHeader);
          seen.push(m.index);
        },
      }),
    ).toThrow('wizer does not currently support module imports');
    expect(seen).toEqual([0, 1]);
  });

  it('shows every module, nested ones too, before any refusal', async () => {
    const bytes = await assemble(`(component
      (core module $a (func (export "a")))
      (import "f" (func $f))
      (start $f)
      (component (core module $nested (func (export "n")))))`);
    const seen: string[] = [];
    expect(() =>
      parseComponent(bytes, {
        beforeRefusals: (modules) => {
          for (const m of modules) {
            const module = new WebAssembly.Module(m as Uint8Array<ArrayBuffer>);
            seen.push(WebAssembly.Module.exports(module)[0]!.name);
          }
        },
        onModule: () => seen.push('onModule'),
      }),
    ).toThrow('wizer does not currently support component start functions');
    expect(seen).toEqual(['a', 'n', 'onModule']);
  });

  it("lets a module's own refusal from onModule come first", async () => {
    const bytes = await assemble(`(component (core module) (import "m" (core module)))`);
    expect(() =>
      parseComponent(bytes, {
        onModule: () => {
          throw new WizerError('module refusal');
        },
      }),
    ).toThrow('module refusal');
  });

  describe('refusals (upstream messages)', () => {
    for (const { name, wat: text, message } of REFUSALS) {
      it(name, async () => {
        const bytes = await assemble(text);
        let error: unknown;
        try {
          parseComponent(bytes);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ComponentRefusal);
        expect(error).toBeInstanceOf(WizerError);
        expect((error as Error).message).toBe(message);
      });
    }

    it('a value export', () => {
      expect(() => parseComponent(valueExportComponent())).toThrow(
        'wizer does not currently support value exports',
      );
    });

    it('gives the first refusal in byte order', async () => {
      const bytes = await assemble(`(component
        (import "f" (func $f))
        (start $f)
        (core module $m)
        (core instance (instantiate $m))
        (core instance (instantiate $m)))`);
      expect(() => parseComponent(bytes)).toThrow(
        'wizer does not currently support component start functions',
      );
      const swapped = await assemble(`(component
        (core module $m)
        (core instance (instantiate $m))
        (core instance (instantiate $m))
        (import "m" (core module)))`);
      expect(() => parseComponent(swapped)).toThrow('modules may be instantiated at most once');
    });
  });

  describe('malformed input', () => {
    it('refuses a core module', async () => {
      expect(() => parseComponent(new Uint8Array(coreHeader))).toThrow(
        'expected a component, found a core module',
      );
      const module = await wat('(module)');
      expect(() => parseComponent(module)).toThrow(WizerError);
    });

    it('names the offset of a truncated section', async () => {
      const bytes = await assemble(SINGLE);
      const cut = bytes.subarray(0, 40);
      expect(() => parseComponent(cut)).toThrow(WasmDecodeError);
      expect(() => parseComponent(cut)).toThrow(/unexpected end-of-file \(at offset 0x[0-9a-f]+\)/);
    });

    it('reports a bad byte before any refusal, as upstream validates first', async () => {
      const refused = await assemble(`(component (import "m" (core module)))`);
      // Append an export section whose entry has an invalid sort byte 0x09.
      const bad = new Uint8Array([...refused, 11, 5, 1, 0x00, 0x01, 0x78, 0x09]);
      expect(() => parseComponent(bad)).toThrow(
        `invalid leading byte (0x9) for sort (at offset 0x${(refused.length + 6).toString(16)})`,
      );
    });

    it('refuses unknown section ids and trailing bytes inside a section', () => {
      const header = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];
      expect(() => parseComponent(new Uint8Array([...header, 13, 0]))).toThrow(
        'malformed section id: 13 (at offset 0x8)',
      );
      // An export section with no entries and one stray byte.
      expect(() => parseComponent(new Uint8Array([...header, 11, 2, 0, 0]))).toThrow(
        'unexpected data at the end of the component export section (at offset 0xb)',
      );
    });

    it('checks the indices it renumbers or follows', () => {
      const header = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];
      // (export "f" (func 5)) with no functions.
      const exportEntry = [0x00, 0x01, 0x66, 0x01, 0x05, 0x00];
      expect(() => parseComponent(new Uint8Array([...header, 11, 7, 1, ...exportEntry]))).toThrow(
        'unknown function 5: function index out of bounds (at offset 0xf)',
      );
      // (alias export 2 "x" (func)) with no instances.
      const alias = [0x01, 0x00, 0x02, 0x01, 0x78];
      expect(() => parseComponent(new Uint8Array([...header, 6, 6, 1, ...alias]))).toThrow(
        'unknown instance 2: instance index out of bounds (at offset 0xb)',
      );
    });

    it('counts refused items in their index spaces, so the refusal is what is reported', async () => {
      const imported = await assemble(
        `(component (import "c" (component $c)) (instance (instantiate $c)))`,
      );
      expect(() => parseComponent(imported)).toThrow(
        'wizer does not currently support component imports',
      );
      const nested = await assemble(
        `(component (component (core module $m) (export "m" (core module $m))))`,
      );
      expect(() => parseComponent(nested)).toThrow(
        'nested components with modules not currently supported',
      );
      const aliased = await assemble(`(component
        (core module $m)
        (component (alias outer 1 $m (core module $n)) (core instance (instantiate $n))))`);
      expect(() => parseComponent(aliased)).toThrow(
        'wizer does not currently support module aliases',
      );
    });

    it('refuses an instantiation of an unknown module', () => {
      const header = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];
      expect(() => parseComponent(new Uint8Array([...header, 2, 4, 1, 0, 3, 0]))).toThrow(
        'unknown module 3: module index out of bounds (at offset 0xb)',
      );
    });
  });
});
