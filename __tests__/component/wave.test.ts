import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findInitExport } from '../../src/component/init-func.js';
import { parseComponent } from '../../src/component/parse.js';
import {
  callArguments,
  findCallExport,
  formatResults,
  formatWave,
  isCallExpression,
  parseCallExpression,
  parseWaveValue,
  waveToJs,
  type WaveSignature,
  type WaveType,
} from '../../src/component/wave.js';
import { main } from '../../src/cli/main.js';
import { wizen } from '../../src/wizer/index.js';
import type { Logger } from '../../src/wizer/options.js';
import { repoRoot, wat } from '../helpers/tools.js';
import { componentEmbed, componentNew } from '@bytecodealliance/jco';
import { assemble } from './fixtures.js';
import { call, expectSameState, instantiateComponent, readState } from './equivalence.js';

const STORE = readFileSync(join(repoRoot, 'fixtures', 'components', 'wave', 'store.wat'), 'utf8');
const SHAPES = readFileSync(join(repoRoot, 'fixtures', 'components', 'wave', 'shapes.wat'), 'utf8');
const IFACE = 'my:pkg/iface';

/** The JS arguments of a call expression on the fixture (its signature from the binary). */
function waveArgs(expression: string): unknown[] {
  const call = parseCallExpression(expression);
  return callArguments(call, undefined, SIGNATURES.get(call.name));
}
let SIGNATURES = new Map<string, WaveSignature>();

const t = (kind: WaveType['kind']): WaveType => ({ kind }) as WaveType;

describe('WAVE values', () => {
  const cases: Array<[WaveType, string, unknown]> = [
    [t('bool'), 'true', true],
    [t('u8'), '255', 255],
    [t('s8'), '-128', -128],
    [t('s32'), '-2147483648', -2147483648],
    [t('u32'), '4294967295', 4294967295],
    [t('s64'), '-9223372036854775808', -9223372036854775808n],
    [t('u64'), '18446744073709551615', 18446744073709551615n],
    [t('f64'), '1.5', 1.5],
    [t('f64'), '-2.5e-7', -2.5e-7],
    [t('f64'), 'nan', NaN],
    [t('f64'), 'inf', Infinity],
    [t('f64'), '-inf', -Infinity],
    [t('f32'), '0.1', Math.fround(0.1)],
    [t('char'), "'x'", 'x'],
    [t('char'), "'\\''", "'"],
    [t('char'), "'😀'", '😀'],
    [t('string'), '"a\\"b\\\\c\\n\\t\\r\\u{1f600}\'"', 'a"b\\c\n\t\r😀\''],
    [{ kind: 'list', element: t('u8') }, '[1, 2, 3]', Uint8Array.from([1, 2, 3])],
    [{ kind: 'list', element: t('string') }, '["a", "b"]', ['a', 'b']],
    [{ kind: 'list', element: t('u32') }, '[]', []],
    [{ kind: 'tuple', types: [t('u32'), t('string')] }, '(1, "x")', [1, 'x']],
    [
      {
        kind: 'record',
        fields: [
          { name: 'first-name', type: t('string') },
          { name: 'age', type: { kind: 'option', type: t('u8') } },
        ],
      },
      '{first-name: "Ada", age: some(36)}',
      { firstName: 'Ada', age: 36 },
    ],
    [
      {
        kind: 'variant',
        cases: [
          { name: 'none-yet', type: undefined },
          { name: 'n', type: t('u32') },
        ],
      },
      'n(7)',
      { tag: 'n', val: 7 },
    ],
    [{ kind: 'enum', names: ['red', 'none'] }, '%none', 'none'],
    [{ kind: 'option', type: t('u32') }, 'none', undefined],
    [
      { kind: 'option', type: { kind: 'option', type: t('u32') } },
      'some(some(1))',
      { tag: 'some', val: 1 },
    ],
    [{ kind: 'result', ok: t('u32'), err: t('string') }, 'err("bad")', { tag: 'err', val: 'bad' }],
    [{ kind: 'result', ok: undefined, err: undefined }, 'ok', { tag: 'ok', val: undefined }],
    [
      { kind: 'flags', names: ['read', 'write-all'] },
      '{write-all}',
      { read: false, writeAll: true },
    ],
    [{ kind: 'flags', names: ['read'] }, '{}', { read: false }],
    // Flat options and results: the payload alone.
    [{ kind: 'option', type: t('u32') }, '5', 5],
    [{ kind: 'option', type: { kind: 'enum', names: ['none'] } }, '%none', 'none'],
    [{ kind: 'result', ok: t('string'), err: undefined }, '"x"', { tag: 'ok', val: 'x' }],
    [{ kind: 'f64' }, '0', 0],
  ];

  it('converts each kind to jco values and formats them back', () => {
    for (const [type, text, js] of cases) {
      const value = waveToJs(text, type);
      expect(value, text).toEqual(js);
      // Round trip: formatting the JS value gives text that converts to the same value.
      expect(waveToJs(formatWave(value, type), type), text).toEqual(js);
    }
  });

  it('formats canonically', () => {
    expect(formatWave('a"\n\u0001', t('string'))).toBe('"a\\"\\n\\u{1}"');
    expect(formatWave("'", t('char'))).toBe("'\\''");
    expect(formatWave(Math.fround(0.1), t('f32'))).toBe('0.1');
    expect(formatWave(-0, t('f64'))).toBe('-0');
    expect(formatWave(1e21, t('f64'))).toBe('1000000000000000000000');
    expect(formatWave(-2.5e-7, t('f64'))).toBe('-0.00000025');
    expect(formatWave(1, t('f64'))).toBe('1');
    expect(formatWave('"\'', t('string'))).toBe('"\\"\\\'"');
    expect(formatWave(NaN, t('f32'))).toBe('nan');
    expect(formatWave(-Infinity, t('f64'))).toBe('-inf');
    expect(formatWave(5n, t('u64'))).toBe('5');
    expect(
      formatWave({ tag: 'true' }, { kind: 'variant', cases: [{ name: 'true', type: undefined }] }),
    ).toBe('%true');
    const rec: WaveType = {
      kind: 'record',
      fields: [{ name: 'a-b', type: { kind: 'option', type: t('u8') } }],
    };
    expect(formatWave({ aB: undefined }, rec)).toBe('{:}');
    expect(formatWave({ aB: 3 }, rec)).toBe('{a-b: some(3)}');
    expect(formatWave({}, { kind: 'record', fields: [] })).toBe('{:}');
    expect(formatWave([1, 'x'], { kind: 'tuple', types: [t('u8'), t('string')] })).toBe('(1, "x")');
    // Without a type: by the value's shape.
    expect(formatWave({ tag: 'ok', val: [1n, 'x', true] })).toBe('ok([1, "x", true])');
  });

  it('reads multiline strings and comments', () => {
    const str = t('string');
    expect(waveToJs('"""\nA single line\n"""', str)).toBe('A single line');
    expect(waveToJs('"""\n    Indented\n      by the end\n  """', str)).toBe(
      '  Indented\n    by the end',
    );
    expect(waveToJs('"""\r\n  a \\r\r\n  ""\\""\r\n\n  b\r\n  """', str)).toBe('a \r\n""""\n\nb');
    expect(waveToJs('"""\n"""', str)).toBe('');
    expect(() => waveToJs('"""\n  a\n b\n  """', str)).toThrow(
      'each line of a multiline string must start with its indent at line 3, column 1',
    );
    expect(() => waveToJs('"""a\n"""', str)).toThrow('starts with `"""` and a line break');
    expect(() => waveToJs('"""\n a """ b\n"""', str)).toThrow('must be broken up');
    expect(waveToJs('// a list\n[1, // one\n 2]', { kind: 'list', element: t('u8') })).toEqual(
      Uint8Array.from([1, 2]),
    );
  });

  it('allows whitespace and trailing commas, and omitted option fields', () => {
    const rec: WaveType = {
      kind: 'record',
      fields: [
        { name: 'a', type: t('u8') },
        { name: 'b', type: { kind: 'option', type: t('u8') } },
      ],
    };
    expect(waveToJs(' { a : 1 , } ', rec)).toEqual({ a: 1, b: undefined });
    expect(waveToJs('[ 1 ,2, ]', { kind: 'list', element: t('u16') })).toEqual([1, 2]);
  });

  it('reports the position of what does not parse or fit', () => {
    const bad: Array<[WaveType, string, string]> = [
      [t('u8'), '256', '`256` is out of range for `u8` (0..=255) at column 1'],
      [t('u32'), '-1', '`-1` is out of range for `u32`'],
      [t('s64'), '9223372036854775808', 'out of range for `s64`'],
      [t('u8'), '1.5', 'expected a value of type `u8`, found `1.5` at column 1'],
      [t('f32'), '1e39', '`1e39` is out of range for `f32`'],
      [t('string'), '"abc', 'unterminated literal at column 1'],
      [t('string'), '"a\\qb"', 'invalid escape at column 3'],
      [t('char'), "'ab'", 'exactly one character at column 1'],
      [
        { kind: 'list', element: t('u8') },
        '[1, 2 3]',
        'expected `,` or `]`, found `3` at column 7',
      ],
      [
        { kind: 'list', element: t('u8') },
        '[1, "x"]',
        'expected a value of type `u8`, found a string at column 5',
      ],
      [
        { kind: 'enum', names: ['a', 'b'] },
        'c',
        '`c` is not a case of `enum` (`a`, `b`) at column 1',
      ],
      [{ kind: 'enum', names: ['none'] }, 'none', 'found `none`'],
      [{ kind: 'flags', names: ['a'] }, '{a, b}', '`b` is not a flag of the type (a) at column 5'],
      [
        { kind: 'record', fields: [{ name: 'a', type: t('u8') }] },
        '{b: 1}',
        'the record has no field `b` (fields: a) at column 2',
      ],
      [{ kind: 'record', fields: [{ name: 'a', type: t('u8') }] }, '{:}', 'missing field `a`'],
      [{ kind: 'option', type: t('u8') }, 'some', 'case `some` needs a payload of type `u8`'],
      [
        { kind: 'result', ok: undefined, err: undefined },
        'ok(1)',
        'case `ok` takes no payload at column 4',
      ],
      [t('bool'), 'true false', 'unexpected `f` after the value at column 6'],
      [t('u8'), '01', 'invalid number at column 1'],
      [
        t('u8'),
        `${'['.repeat(101)}${']'.repeat(101)}`,
        'values nest more than 100 deep at column 101',
      ],
      [
        { kind: 'enum', names: ['foo-bar'] },
        'fooBar',
        'invalid label `fooBar` (kebab-case words, each all lower or all upper case) at column 1',
      ],
      [t('string'), '"a\nb"', 'a line break must be escaped at column 3'],
      [
        { kind: 'record', fields: [{ name: 'a', type: { kind: 'option', type: t('u8') } }] },
        '{}',
        'expected a value of type `record`, found a flags',
      ],
      [
        { kind: 'option', type: { kind: 'option', type: t('u8') } },
        '1',
        'expected a value of type `option<option<u8>>`',
      ],
      [
        { kind: 'result', ok: undefined, err: t('u8') },
        '1',
        'expected a value of type `result<_, u8>`',
      ],
    ];
    for (const [type, text, message] of bad) {
      expect(() => waveToJs(text, type), text).toThrow(message);
    }
  });
});

describe('call expressions', () => {
  it('tells call expressions from names', () => {
    expect(isCallExpression('init')).toBe(false);
    expect(isCallExpression('ns:pkg/iface.init@1.0.0')).toBe(false);
    expect(isCallExpression('init()')).toBe(true);
  });

  it('parses the item name and the arguments', () => {
    const parsed = parseCallExpression(' my:pkg/iface.add-string@1.2.3 ( "hello", 3, ) ');
    expect(parsed.name).toBe('my:pkg/iface.add-string@1.2.3');
    expect(parsed.args.map((a) => a.kind)).toEqual(['string', 'number']);
    expect(parseCallExpression('init()').args).toEqual([]);
    expect(parseWaveValue('x(1)')).toMatchObject({
      kind: 'label',
      name: 'x',
      payload: { kind: 'number', text: '1' },
    });
  });

  it('refuses what is not a call, with the position', () => {
    expect(() => parseCallExpression('()')).toThrow('expected a function name at column 1');
    expect(() => parseCallExpression('f(1')).toThrow(
      'expected `,` or `)`, found end of input at column 4',
    );
    expect(() => parseCallExpression('f(1) x')).toThrow(
      'unexpected `x` after the call at column 6',
    );
    expect(() => parseCallExpression('f(1,,)')).toThrow('expected a value, found `,` at column 5');
  });

  it('checks arity and types against the signature', () => {
    const signature: WaveSignature = {
      params: [
        { name: 's', type: t('string') },
        { name: 'n', type: t('u32') },
      ],
      result: t('u32'),
    };
    expect(callArguments(parseCallExpression('f("a", 3)'), 2, signature)).toEqual(['a', 3]);
    expect(() => callArguments(parseCallExpression('f("a")'), 2, signature)).toThrow(
      'invalid init function call `f("a")`: `f` takes 2 arguments, found 1 at column 6',
    );
    expect(() => callArguments(parseCallExpression('f("a", 1, 2)'), 2, signature)).toThrow(
      '`f` takes 2 arguments, found 3 at column 11',
    );
    expect(() => callArguments(parseCallExpression('f(3, "a")'), 2, signature)).toThrow(
      'expected a value of type `string`, found `3` at column 3',
    );
    // Trailing options may be left out.
    const optional: WaveSignature = {
      params: [
        { name: 'a', type: t('u8') },
        { name: 'b', type: { kind: 'option', type: t('u8') } },
        { name: 'c', type: { kind: 'option', type: { kind: 'option', type: t('u8') } } },
      ],
      result: undefined,
    };
    expect(callArguments(parseCallExpression('f(1)'), 3, optional)).toEqual([
      1,
      undefined,
      { tag: 'none' },
    ]);
    expect(callArguments(parseCallExpression('f(1, some(2))'), 3, optional)).toEqual([
      1,
      2,
      { tag: 'none' },
    ]);
    expect(() => callArguments(parseCallExpression('f()'), 3, optional)).toThrow(
      '`f` takes 1 to 3 arguments, found 0 at column 3',
    );
    // Without a signature only the count is checked.
    expect(
      callArguments(parseCallExpression('f(1, 9007199254740993)'), undefined, undefined),
    ).toEqual([1, 9007199254740993n]);
  });

  it('formats results as upstream prints them', () => {
    const sig = (result: WaveType | undefined): WaveSignature => ({ params: [], result });
    expect(formatResults(sig(undefined), { value: undefined })).toBe('()');
    expect(formatResults(sig(t('u32')), { value: 8 })).toBe('8');
    const res: WaveType = { kind: 'result', ok: t('string'), err: t('u8') };
    expect(formatResults(sig(res), { value: 'x' })).toBe('ok("x")');
    expect(formatResults(sig(res), { err: 3 })).toBe('err(3)');
  });
});

describe('init as a call expression through wizen()', () => {
  beforeAll(async () => {
    const parsed = parseComponent(await assemble(STORE));
    SIGNATURES = new Map(
      ['setup', 'add-string'].map((name) => [
        name,
        findInitExport(parsed, name).funcType!.signature!,
      ]),
    );
  });

  const collect = () => {
    const printed: string[] = [];
    const logger: Logger = { debug: () => {}, initResult: (wave) => printed.push(wave) };
    return { printed, logger };
  };

  it('passes a string and an integer, keeps what the function stored, prints the result', async () => {
    const input = await assemble(STORE);
    const { printed, logger } = collect();
    const expression = `${IFACE}.add-string("hello, \\"wave\\" \\u{1f600}", 3)`;
    const { wasm } = await wizen(input, { initFunc: expression }, logger);
    // 'hello, "wave" 😀' is 18 UTF-8 bytes.
    expect(printed).toEqual(['21']);

    // Equivalence: the original after the same call vs the output before any call.
    const original = await instantiateComponent(input, undefined);
    const init = call(original, { path: [IFACE, 'add-string'], args: ['hello, "wave" 😀', 3] });
    expect(init).toEqual({ ok: true, value: 21 });
    const output = await instantiateComponent(wasm, undefined);
    expectSameState(readState(output), readState(original), 'after init');
    for (const fn of ['get-n', 'get-string']) {
      expect(call(output, { path: [IFACE, fn] })).toEqual(call(original, { path: [IFACE, fn] }));
    }
    expect(call(output, { path: [IFACE, 'get-string'] })).toEqual({
      ok: true,
      value: 'hello, "wave" 😀',
    });
    expect(call(output, { path: [IFACE, 'get-n'] })).toEqual({ ok: true, value: 3 });
    // An interface function is not removed (as for a bare name).
    expect(call(output, { path: [IFACE, 'add-string'], args: ['x', 1] })).toEqual({
      ok: true,
      value: 2,
    });
  });

  it('takes a bare function name in a call and s64 / bool arguments', async () => {
    const input = await assemble(STORE);
    const { printed, logger } = collect();
    const { wasm } = await wizen(
      input,
      { initFunc: 'configure(true, -4611686018427387904)' },
      logger,
    );
    expect(printed).toEqual(['-9223372036854775808']);
    const output = await instantiateComponent(wasm, undefined);
    expect(call(output, { path: [IFACE, 'get-big'] })).toEqual({
      ok: true,
      value: -4611686018427387904n,
    });
  });

  it('converts enums, options and lists and prints a result', async () => {
    const input = await assemble(STORE);
    for (const [expression, printed, mode, scale] of [
      ['setup(add, some(10), [1, 2, 3])', 'ok(13)', 0, 10],
      ['setup(add, none, [])', 'ok(0)', 0, 0],
      // A flat `some`, a comment.
      ['setup(add, 4, [7]) // four', 'ok(5)', 0, 4],
      ['setup(sub-all, some(7), [9])', 'err(sub-all)', 1, 7],
    ] as const) {
      const { printed: lines, logger } = collect();
      const { wasm } = await wizen(input, { initFunc: expression }, logger);
      expect(lines, expression).toEqual([printed]);
      // The original after the same call (jco's shapes) has the state the output starts with.
      const original = await instantiateComponent(input, undefined);
      const args = waveArgs(expression);
      const init = call(original, { path: ['my:pkg/modes', 'setup'], args });
      expect(init.ok, expression).toBe(mode === 0);
      const output = await instantiateComponent(wasm, undefined);
      const state = readState(output);
      expectSameState(state, readState(original), expression);
      const globals = state[0]?.globals.map((g) => g.bits);
      expect(globals?.slice(5, 7), expression).toEqual([
        `0x${mode.toString(16)}`,
        `0x${scale.toString(16)}`,
      ]);
    }
  });

  it('refuses arguments of types without a WAVE form', async () => {
    const parsed = parseComponent(
      await assemble(`(component
        (type $r (resource (rep i32)))
        (core module $m (func (export "f") (param i32)))
        (core instance $i (instantiate $m))
        (func $f (param "h" (own $r)) (canon lift (core func $i "f")))
        (export "f" (func $f)))`),
    );
    const call0 = parseCallExpression('f(1)');
    const init = findCallExport(parsed, call0);
    expect(init.funcType?.signature?.params).toEqual([
      { name: 'h', type: { kind: 'unsupported', name: 'own' } },
    ]);
    expect(() => callArguments(call0, 1, init.funcType?.signature)).toThrow(
      'values of type `own` have no WAVE form at column 3',
    );
  });

  it('names the position of an unknown function', async () => {
    const parsed = parseComponent(await assemble(STORE));
    expect(() => findCallExport(parsed, parseCallExpression('  nope(1)'))).toThrow(
      'invalid init function call `  nope(1)`: No exported func named `nope` in component at column 3',
    );
    expect(() => findCallExport(parsed, parseCallExpression('a b()'))).toThrow(
      'invalid init function call `a b()`: parsing `a b` as a wit item name at column 1',
    );
    expect(findCallExport(parsed, parseCallExpression('setup(add)')).path).toEqual([
      'my:pkg/modes',
      'setup',
    ]);
  });

  it('passes records, flags and variants in jco shapes and prints them back', async () => {
    const input = await assemble(SHAPES);
    for (const [expression, printed] of [
      [
        'echo({first-name: 7, access: {write-all}, state: n(9)})',
        '{first-name: 7, access: {write-all}, state: n(9)}',
      ],
      [
        'echo({state: none-yet, access: {read, write-all}, first-name: 0})',
        '{first-name: 0, access: {read, write-all}, state: none-yet}',
      ],
      ['nested(some(some(5)))', 'some(some(5))'],
      ['nested(some(none))', 'some(none)'],
      ['nested(none)', 'none'],
    ] as const) {
      const { printed: lines, logger } = collect();
      const { wasm } = await wizen(input, { initFunc: expression }, logger);
      expect(lines, expression).toEqual([printed]);
      const output = await instantiateComponent(wasm, undefined);
      const original = await instantiateComponent(input, undefined);
      const parsed = parseComponent(input);
      const call0 = parseCallExpression(expression);
      const init = findCallExport(parsed, call0);
      const args = callArguments(call0, undefined, init.funcType?.signature);
      expect(call(original, { path: init.path, args }).ok).toBe(true);
      expectSameState(readState(output), readState(original), expression);
    }
  });

  it('passes a list<u32>, a char, an f32 and a u64 and prints the list returned', async () => {
    const input = await assemble(`(component
      (core module $m
        (memory (export "memory") 1)
        (global $heap (mut i32) (i32.const 1024))
        (global $char (mut i32) (i32.const 0))
        (global $x (mut f32) (f32.const 0))
        (global $big (mut i64) (i64.const 0))
        (func (export "realloc") (param i32 i32 i32 i32) (result i32)
          (local $at i32)
          (local.set $at (global.get $heap))
          (global.set $heap (i32.add (global.get $heap) (local.get 3)))
          (local.get $at))
        (func (export "f") (param $ptr i32) (param $len i32) (param $char i32) (param $x f32)
          (param $big i64) (result i32)
          (global.set $char (local.get $char))
          (global.set $x (local.get $x))
          (global.set $big (local.get $big))
          (i32.store (i32.const 8) (local.get $ptr))
          (i32.store (i32.const 12) (local.get $len))
          (i32.const 8)))
      (core instance $i (instantiate $m))
      (alias core export $i "memory" (core memory $mem))
      (alias core export $i "realloc" (core func $realloc))
      (func $f (param "l" (list u32)) (param "c" char) (param "x" f32) (param "big" u64)
        (result (list u32))
        (canon lift (core func $i "f") (memory $mem) (realloc $realloc)))
      (export "f" (func $f)))`);
    const { printed, logger } = collect();
    const { wasm } = await wizen(
      input,
      { initFunc: "f([1, 4294967295, 3], '\\u{1f600}', 0.1, 18446744073709551615)" },
      logger,
    );
    expect(printed).toEqual(['[1, 4294967295, 3]']);
    const output = await instantiateComponent(wasm, undefined);
    const globals = readState(output)[0]?.globals.map((g) => g.bits);
    expect(globals?.slice(1)).toEqual([
      '0x1f600',
      `0x${new Uint32Array(Float32Array.of(0.1).buffer)[0]!.toString(16)}`,
      '0xffffffffffffffff',
    ]);
  });

  it('knows the signature from the binary', async () => {
    const parsed = parseComponent(await assemble(STORE));
    expect(findInitExport(parsed, 'setup').funcType?.signature).toEqual({
      params: [
        { name: 'mode', type: { kind: 'enum', names: ['add', 'sub-all'] } },
        { name: 'scale', type: { kind: 'option', type: { kind: 'u32' } } },
        { name: 'bytes', type: { kind: 'list', element: { kind: 'u8' } } },
      ],
      result: {
        kind: 'result',
        ok: { kind: 'u32' },
        err: { kind: 'enum', names: ['add', 'sub-all'] },
      },
    });
    expect(findInitExport(parsed, 'add-string').funcType?.signature).toEqual({
      params: [
        { name: 's', type: { kind: 'string' } },
        { name: 'n', type: { kind: 'u32' } },
      ],
      result: { kind: 'u32' },
    });
  });

  it('refuses unknown functions, wrong arity and values that do not fit', async () => {
    const input = await assemble(STORE);
    await expect(wizen(input, { initFunc: 'setup(mul, none, [])' })).rejects.toThrow(
      '`mul` is not a case of `enum` (`add`, `sub-all`) at column 7',
    );
    await expect(wizen(input, { initFunc: 'setup(add, "3", [])' })).rejects.toThrow(
      'expected a value of type `option<u32>`, found a string at column 12',
    );
    await expect(wizen(input, { initFunc: 'setup(add)' })).rejects.toThrow(
      '`setup` takes 3 arguments, found 1 at column 10',
    );
    await expect(wizen(input, { initFunc: 'setup(add, none, [256])' })).rejects.toThrow(
      '`256` is out of range for `u8` (0..=255) at column 19',
    );
    await expect(wizen(input, { initFunc: 'nope()' })).rejects.toThrow(
      'No exported func named `nope` in component at column 1',
    );
    await expect(wizen(input, { initFunc: `${IFACE}.add-string("x")` })).rejects.toThrow(
      '`my:pkg/iface.add-string` takes 2 arguments, found 1',
    );
    await expect(wizen(input, { initFunc: `${IFACE}.add-string("x", -1)` })).rejects.toThrow(
      '`-1` is out of range for `u32` (0..=4294967295) at column 30',
    );
    await expect(wizen(input, { initFunc: `${IFACE}.add-string(1, 2)` })).rejects.toThrow(
      'expected a value of type `string`, found `1` at column 25',
    );
    // A bare name keeps the `[] -> []` check.
    await expect(wizen(input, { initFunc: `${IFACE}.get-n` })).rejects.toThrow(
      'does not have type `[] -> []`',
    );
  });
});

describe('init call expressions through the CLI', () => {
  /** Runs the CLI's `main` with the component on stdin and stdout and stderr collected. */
  async function cli(argv: string[], stdin: Uint8Array) {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const sink = (chunks: Buffer[]) =>
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(Buffer.from(chunk));
          done();
        },
      });
    const code = await main(argv, { stdout: sink(out), stderr: sink(err), readStdin: () => stdin });
    return { code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString() };
  }

  it('prints the result on stderr, never on stdout (which carries the component)', async () => {
    const input = await assemble(STORE);
    const result = await cli(['-f', `${IFACE}.add-string("hi", 40)`], input);
    expect(result.stderr).toBe('42\n');
    expect(result.code).toBe(0);
    const { wasm } = await wizen(input, { initFunc: `${IFACE}.add-string("hi", 40)` });
    expect(new Uint8Array(result.stdout)).toEqual(wasm);
  });

  it('reports a bad argument with its position', async () => {
    const input = await assemble(STORE);
    const result = await cli(['-f', `${IFACE}.add-string("hi", 4294967296)`], input);
    expect(result.code).toBe(1);
    expect(result.stdout.length).toBe(0);
    expect(result.stderr).toBe(
      'Error: invalid init function call `my:pkg/iface.add-string("hi", 4294967296)`: ' +
        '`4294967296` is out of range for `u32` (0..=4294967295) at column 31\n',
    );
  });
});

describe('init call expressions on a component made by wit-component', () => {
  /** `my:pkg/api.init(p: point, tags: list<string>, mode: mode) -> option<point>`. */
  async function witInit(): Promise<Uint8Array> {
    const core = await wat(`(module
      (memory (export "memory") 1)
      (global $heap (mut i32) (i32.const 4096))
      (global $x (mut i32) (i32.const 0))
      (global $y (mut i32) (i32.const 0))
      (global $tags (mut i32) (i32.const 0))
      (global $mode (mut i32) (i32.const 0))
      (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
        (local $at i32)
        (local.set $at (global.get $heap))
        (global.set $heap (i32.add (global.get $heap) (local.get 3)))
        (local.get $at))
      (func (export "my:pkg/api#init")
        (param $x i32) (param $y i32) (param $ptr i32) (param $len i32) (param $mode i32)
        (result i32)
        (global.set $x (local.get $x))
        (global.set $y (local.get $y))
        (global.set $tags (local.get $len))
        (global.set $mode (local.get $mode))
        (i32.store8 (i32.const 16) (i32.const 1))
        (i32.store (i32.const 20) (i32.add (local.get $x) (local.get $len)))
        (i32.store (i32.const 24) (i32.add (local.get $y) (local.get $mode)))
        (i32.const 16))
      (func (export "my:pkg/api#state") (result i32)
        (i32.add (i32.add (global.get $x) (global.get $y))
          (i32.add (global.get $tags) (global.get $mode)))))`);
    const witSource = `package my:pkg;
      interface api {
        record point { x: u32, y: u32 }
        enum mode { fast, %none }
        init: func(p: point, tags: list<string>, mode: mode) -> option<point>;
        state: func() -> u32;
      }
      world w { export api; }`;
    const embedded = await componentEmbed({ binary: core, witSource, world: 'w' });
    return componentNew(embedded);
  }

  it('resolves types a world-level function takes from an imported interface', async () => {
    const core = await wat(`(module
      (memory (export "memory") 1)
      (global $sum (mut i32) (i32.const 0))
      (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
      (func (export "init") (param $x i32) (param $y i32)
        (global.set $sum (i32.add (local.get $x) (local.get $y))))
      (func (export "sum") (result i32) (global.get $sum)))`);
    const witSource = `package my:pkg;
      interface types { record point { x: u8, y: u8 } }
      world w { use types.{point}; export init: func(p: point); export sum: func() -> u32; }`;
    const input = await componentNew(await componentEmbed({ binary: core, witSource, world: 'w' }));
    const init = findInitExport(parseComponent(input), 'init');
    expect(init.funcType?.signature?.params).toEqual([
      {
        name: 'p',
        type: {
          kind: 'record',
          fields: [
            { name: 'x', type: { kind: 'u8' } },
            { name: 'y', type: { kind: 'u8' } },
          ],
        },
      },
    ]);
    await expect(wizen(input, { initFunc: 'init({x: 1, y: 256})' })).rejects.toThrow(
      '`256` is out of range for `u8` (0..=255) at column 16',
    );
    const { wasm } = await wizen(input, { initFunc: 'init({y: 2, x: 40})' });
    const output = await instantiateComponent(wasm, undefined);
    expect(call(output, { path: ['sum'] })).toEqual({ ok: true, value: 42 });
  });

  it('finds the signature through the types wit-component writes and runs the call', async () => {
    const input = await witInit();
    const init = findInitExport(parseComponent(input), 'my:pkg/api.init');
    expect(init.funcType?.signature).toEqual({
      params: [
        {
          name: 'p',
          type: {
            kind: 'record',
            fields: [
              { name: 'x', type: { kind: 'u32' } },
              { name: 'y', type: { kind: 'u32' } },
            ],
          },
        },
        { name: 'tags', type: { kind: 'list', element: { kind: 'string' } } },
        { name: 'mode', type: { kind: 'enum', names: ['fast', 'none'] } },
      ],
      result: {
        kind: 'option',
        type: {
          kind: 'record',
          fields: [
            { name: 'x', type: { kind: 'u32' } },
            { name: 'y', type: { kind: 'u32' } },
          ],
        },
      },
    });
    const printed: string[] = [];
    const expression = 'my:pkg/api.init({x: 1, y: 2}, ["a", "b", "c"], %none)';
    const { wasm } = await wizen(
      input,
      { initFunc: expression },
      { debug: () => {}, initResult: (wave) => printed.push(wave) },
    );
    expect(printed).toEqual(['some({x: 4, y: 3})']);
    const original = await instantiateComponent(input, undefined);
    const call0 = parseCallExpression(expression);
    const args = callArguments(call0, undefined, init.funcType?.signature);
    expect(args).toEqual([{ x: 1, y: 2 }, ['a', 'b', 'c'], 'none']);
    expect(call(original, { path: init.path, args })).toEqual({ ok: true, value: { x: 4, y: 3 } });
    const output = await instantiateComponent(wasm, undefined);
    expectSameState(readState(output), readState(original), 'after init');
    expect(call(output, { path: ['my:pkg/api', 'state'] })).toEqual({ ok: true, value: 7 });
  });
});
