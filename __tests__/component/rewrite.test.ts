import { print } from '@bytecodealliance/jco';
import { afterAll, describe, expect, it } from 'vitest';
import { parseComponent } from '../../src/component/parse.js';
import { rewriteComponent } from '../../src/component/rewrite.js';
import {
  assemble,
  instantiate,
  MULTI,
  NESTED,
  removeTranspiled,
  SINGLE,
  witComponent,
} from './fixtures.js';

afterAll(removeTranspiled);

function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    out.push((value & 0x7f) | (value >= 0x80 ? 0x80 : 0));
    value >>>= 7;
  } while (value !== 0);
  return out;
}

/** The module with a custom section appended (a change that keeps it valid). */
function withCustomSection(module: Uint8Array, name: string, payload: number[]): Uint8Array {
  const nameBytes = new TextEncoder().encode(name);
  const body = [nameBytes.length, ...nameBytes, ...payload];
  return new Uint8Array([...module, 0, ...uleb(body.length), ...body]);
}

/** A lifted function re-exported, then lowered again and called from a second module. */
const LOWERED = `(component
  (core module $m
    (global $g (mut i32) (i32.const 0))
    (func (export "init") (global.set $g (i32.const 5)))
    (func (export "get") (result i32) (global.get $g)))
  (core instance $i (instantiate $m))
  (func $init (canon lift (core func $i "init")))
  (func $get (result s32) (canon lift (core func $i "get")))
  (export "wizer-initialize" (func $init))
  (export $eget "get" (func $get))
  (core func $lowered (canon lower (func $eget)))
  (core instance $host (export "get" (func $lowered)))
  (core module $n
    (import "host" "get" (func $get (result i32)))
    (func (export "plus-one") (result i32) (i32.add (call $get) (i32.const 1))))
  (core instance $j (instantiate $n (with "host" (instance $host))))
  (func $plus (result s32) (canon lift (core func $j "plus-one")))
  (export "plus-one" (func $plus))
  (instance $inst (export "plus" (func $plus)) (export "get" (func $eget)))
  (export "iface" (instance $inst))
)`;

describe('rewriteComponent', () => {
  it('returns the input byte for byte when nothing changes', async () => {
    for (const bytes of [
      await assemble(SINGLE),
      await assemble(MULTI),
      await assemble(NESTED),
      await assemble(LOWERED),
      await witComponent(),
    ]) {
      const parsed = parseComponent(bytes);
      expect(rewriteComponent(bytes, parsed)).toEqual(bytes);
      // A module replaced by its own bytes changes nothing either.
      const same = new Map(
        parsed.modules.map((m) => [m.index, bytes.slice(m.range.start, m.range.end)]),
      );
      expect(rewriteComponent(bytes, parsed, { replacements: same })).toEqual(bytes);
    }
  });

  it('substitutes modules in place and re-encodes their section sizes', async () => {
    const bytes = await assemble(MULTI);
    const parsed = parseComponent(bytes);
    const [a, unused, b] = parsed.modules;
    // A payload large enough to change the width of the section size LEB128.
    const big = Array.from({ length: 300 }, (_, i) => i & 0xff);
    const newA = withCustomSection(bytes.slice(a!.range.start, a!.range.end), 'note-a', big);
    const newB = withCustomSection(bytes.slice(b!.range.start, b!.range.end), 'note-b', [1, 2]);
    const out = rewriteComponent(bytes, parsed, {
      replacements: new Map([
        [0, newA],
        [2, newB],
      ]),
    });
    const reparsed = parseComponent(out);
    const moduleAt = (i: number) =>
      out.subarray(reparsed.modules[i]!.range.start, reparsed.modules[i]!.range.end);
    expect(moduleAt(0)).toEqual(newA);
    expect(moduleAt(1)).toEqual(bytes.subarray(unused!.range.start, unused!.range.end));
    expect(moduleAt(2)).toEqual(newB);
    // Every other section is unchanged.
    const others = (p: typeof parsed, data: Uint8Array) =>
      p.sections.filter((s) => s.id !== 1).map((s) => data.subarray(s.start, s.end));
    expect(others(reparsed, out)).toEqual(others(parsed, bytes));
    expect(await print(out)).toContain('(@custom "note-b"');
    // Still a valid component that runs.
    const instance = await instantiate(out);
    expect((instance['getA'] as () => number)()).toBe(0);
  });

  it('removes the init export of a single-module component; the others still resolve', async () => {
    const bytes = await assemble(SINGLE);
    const out = rewriteComponent(bytes, parseComponent(bytes), {
      removeExport: 'wizer-initialize',
    });
    const parsed = parseComponent(out);
    expect(parsed.exports.map((e) => [e.name, e.target, e.index])).toEqual([['get', 1, 2]]);
    const text = await print(out);
    expect(text).not.toMatch(/\(export \(;\d+;\) "wizer-initialize"/);
    // The core module keeps its own export (upstream wasmtime#13168 removes that too).
    expect(text).toContain('(export "wizer-initialize" (func 0))');
    const instance = await instantiate(out);
    expect(Object.keys(instance)).toEqual(['get']);
    expect((instance['get'] as () => number)()).toBe(0);
  });

  it('renumbers later exports, instance exports and redirects re-exports of the removed one', async () => {
    const bytes = await assemble(MULTI);
    const out = rewriteComponent(bytes, parseComponent(bytes), {
      removeExport: 'wizer-initialize',
    });
    const parsed = parseComponent(out);
    expect(parsed.exports.map((e) => [e.name, e.sort, e.target, e.index])).toEqual([
      ['get-a', 'func', 0, 3],
      ['get-b', 'func', 2, 4],
      ['my:pkg/api@1.2.0', 'instance', 0, 1],
      // `again` re-exported the removed export (func 4): it now names what that export named.
      ['again', 'func', 1, 5],
    ]);
    const instance = await instantiate(out);
    const api = instance['api'] as Record<string, () => number>;
    expect(Object.keys(instance).sort()).toEqual([
      'again',
      'api',
      'getA',
      'getB',
      'my:pkg/api@1.2.0',
    ]);
    expect((instance['getA'] as () => number)()).toBe(0);
    (instance['again'] as () => void)();
    expect((instance['getA'] as () => number)()).toBe(99);
    // get-b: global 5 plus 2 pages of memory.
    expect((instance['getB'] as () => number)()).toBe(7);
    expect(api['getB']!()).toBe(7);
  });

  it('renumbers canon lower and inline instance exports after the removed export', async () => {
    const bytes = await assemble(LOWERED);
    const out = rewriteComponent(bytes, parseComponent(bytes), {
      removeExport: 'wizer-initialize',
    });
    const text = await print(out);
    // Functions: 0 init, 1 get, (2 removed), 2 export get, 3 plus, 4 export plus-one.
    expect(text).toContain('(core func $lowered (;2;) (canon lower (func $eget)))');
    expect(text).toMatch(/\(export \$eget \(;2;\) "get" \(func \$get\)\)/);
    expect(text).toMatch(/\(export "plus" \(func \$plus\)\)\s*\(export "get" \(func \$eget\)\)/);
    const parsed = parseComponent(out);
    expect(parsed.funcRefs.map((r) => [r.holder, r.index])).toEqual([
      ['export', 1],
      ['canon lower', 2],
      ['export', 3],
      ['inline export', 3],
      ['inline export', 2],
    ]);
    const instance = await instantiate(out);
    expect(Object.keys(instance).sort()).toEqual(['get', 'iface', 'plusOne']);
  });

  it('removes the init export of a wit-component component and renumbers its function names', async () => {
    const bytes = await witComponent();
    const out = rewriteComponent(bytes, parseComponent(bytes), {
      removeExport: 'wizer-initialize',
    });
    const before = await print(bytes);
    const after = await print(out);
    expect(before).toContain('(func $get (;3;)');
    expect(after).toContain('(func $get (;2;)');
    expect(after).toContain('(func $twice (;3;)');
    expect(after).not.toContain('#func2 wizer-initialize');
    expect(after).toContain('(with "import-func-get" (func $get))');
    const logged: number[] = [];
    const instance = await instantiate(out, {
      'my:pkg/host': { log: (x: number) => logged.push(x) },
    });
    expect(Object.keys(instance)).toEqual(['api', 'my:pkg/api']);
    const api = instance['api'] as Record<string, () => number>;
    expect(api['get']!()).toBe(0);
    expect(api['twice']!()).toBe(0);
    expect(logged).toEqual([]);
  });

  it('leaves an empty export section when the init export was the only one', async () => {
    const bytes = await assemble(`(component
      (core module $m (func (export "init")))
      (core instance $i (instantiate $m))
      (type $t (func))
      (func $init (canon lift (core func $i "init")))
      (export "wizer-initialize" (func $init) (func (type $t))))`);
    const out = rewriteComponent(bytes, parseComponent(bytes), {
      removeExport: 'wizer-initialize',
    });
    const parsed = parseComponent(out);
    expect(parsed.exports).toEqual([]);
    expect(parsed.sections.filter((s) => s.id === 11)).toHaveLength(1);
    expect(Object.keys(await instantiate(out))).toEqual([]);
  });

  it('removes an export with a type ascription and renumbers uses after it', async () => {
    const bytes = await assemble(`(component
      (core module $m
        (func (export "init"))
        (func (export "get") (result i32) (i32.const 7)))
      (core instance $i (instantiate $m))
      (type $t (func))
      (func $init (canon lift (core func $i "init")))
      (func $get (result s32) (canon lift (core func $i "get")))
      (export $e "wizer-initialize" (func $init) (func (type $t)))
      (export $g "get" (func $get))
      (instance $inst (export "init-again" (func $e)) (export "get" (func $g)))
      (export "iface" (instance $inst)))`);
    const out = rewriteComponent(bytes, parseComponent(bytes), {
      removeExport: 'wizer-initialize',
    });
    expect(parseComponent(out).instances[0]).toEqual({
      kind: 'exports',
      exports: [
        { name: 'init-again', sort: 'func', index: 0 },
        { name: 'get', sort: 'func', index: 2 },
      ],
    });
    const instance = await instantiate(out);
    const iface = instance['iface'] as Record<string, () => number>;
    expect(iface['get']!()).toBe(7);
    expect(typeof iface['initAgain']).toBe('function');
  });

  it('refuses to remove an export that is not a function, or one that does not exist', async () => {
    const bytes = await assemble(MULTI);
    const parsed = parseComponent(bytes);
    expect(() => rewriteComponent(bytes, parsed, { removeExport: 'my:pkg/api@1.2.0' })).toThrow(
      "the component's `my:pkg/api@1.2.0` export is not a function",
    );
    expect(() => rewriteComponent(bytes, parsed, { removeExport: 'nope' })).toThrow(
      'the component does not have a `nope` export to remove',
    );
    expect(() =>
      rewriteComponent(bytes, parsed, { replacements: new Map([[7, new Uint8Array()]]) }),
    ).toThrow('the component has no core module 7');
  });
});
