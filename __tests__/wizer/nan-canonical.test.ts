/**
 * NaN canonicalisation in deterministic mode (src/wizer/nan-canonical.ts): the instrumented
 * copy's results against the plain module's on this V8, operation class by operation class, and
 * `wizen({ deterministic: true })` end to end (issue 11).
 */
import { componentEmbed, componentNew } from '@bytecodealliance/jco';
import { afterAll, describe, expect, it } from 'vitest';
import { walkCodeSection } from '../../src/wasm/code.js';
import { SectionId } from '../../src/wasm/constants.js';
import { readSections } from '../../src/wasm/module.js';
import { BinaryReader } from '../../src/wasm/reader.js';
import { instrument } from '../../src/wizer/instrument.js';
import { wizen } from '../../src/wizer/index.js';
import { parseModule } from '../../src/wizer/parse.js';
import { checkSupportedInstructions } from '../../src/wizer/validate.js';
import { instantiate, removeTranspiled } from '../component/fixtures.js';
import { wat } from '../helpers/tools.js';

const F32_CANON = 0x7fc0_0000;
const F64_CANON = 0x7ff8_0000_0000_0000n;
const isNaN32 = (b: number) => (b & 0x7f80_0000) === 0x7f80_0000 && (b & 0x007f_ffff) !== 0;
const isNaN64 = (b: bigint) =>
  (b & 0x7ff0_0000_0000_0000n) === 0x7ff0_0000_0000_0000n && (b & 0x000f_ffff_ffff_ffffn) !== 0n;
const canon32 = (b: number) => (isNaN32(b) ? F32_CANON : b);
const canon64 = (b: bigint) => (isNaN64(b) ? F64_CANON : b);

/** Zeros, infinities, subnormals, normals, and NaNs of both signs: canonical, payload, signalling. */
const F32_INPUTS = [
  0x0000_0000, 0x8000_0000, 0x3f80_0000, 0xbfc0_0000, 0x4020_0000, 0x3f00_0000, 0x7f80_0000,
  0xff80_0000, 0x0000_0001, 0x807f_ffff, 0x7f7f_ffff, 0x7fc0_0000, 0xffc0_0000, 0x7fc1_2345,
  0xffd5_4321, 0x7f80_0001, 0xff81_2345,
];
const F64_INPUTS = [
  0n,
  0x8000_0000_0000_0000n,
  0x3ff0_0000_0000_0000n,
  0xbff8_0000_0000_0000n,
  0x4004_0000_0000_0000n,
  0x3fe0_0000_0000_0000n,
  0x7ff0_0000_0000_0000n,
  0xfff0_0000_0000_0000n,
  0x0000_0000_0000_0001n,
  0x800f_ffff_ffff_ffffn,
  0x7fef_ffff_ffff_ffffn,
  0x47ef_ffff_f000_0000n, // rounds to f32 infinity on demotion
  0x36a0_0000_0000_0000n, // 2^-149: the least f32 subnormal once demoted
  F64_CANON,
  0xfff8_0000_0000_0000n,
  0x7ff8_0000_0001_2345n,
  0xfffc_0000_0054_3210n,
  0x7ff0_0000_0000_0001n,
  0xfff0_0000_1234_5678n,
];

const ARITHMETIC_UNARY = ['ceil', 'floor', 'trunc', 'nearest', 'sqrt'];
const ARITHMETIC_BINARY = ['add', 'sub', 'mul', 'div', 'min', 'max'];
/** Bit moves, which keep their NaNs as they are. */
const SIGN_UNARY = ['abs', 'neg'];

/** A pair of modules: the plain input and its copy instrumented as in deterministic mode. */
async function pair(text: string, options: { minMaxToo?: boolean } = {}) {
  const cx = parseModule(await wat(text));
  const sites = checkSupportedInstructions(cx);
  const out = instrument(
    cx,
    sites.relaxedSimdSites,
    options.minMaxToo ? sites.floatMinMaxSites : [],
    sites.nanCanonicalSites,
  );
  expect(WebAssembly.validate(out.wasm as Uint8Array<ArrayBuffer>)).toBe(true);
  const instance = (bytes: Uint8Array) =>
    new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>)).exports;
  return { plain: instance(cx.bytes), canonical: instance(out.wasm), sites };
}

type F32Fn = (a: number, b: number) => number;
type F64Fn = (a: bigint, b: bigint) => bigint;

describe('NaN canonicalisation of scalar results', () => {
  it('canonicalises every f32 arithmetic NaN and leaves every other result bit for bit', async () => {
    const ops = [...ARITHMETIC_UNARY, ...ARITHMETIC_BINARY, ...SIGN_UNARY, 'copysign'];
    const arity = (op: string) => (ARITHMETIC_BINARY.includes(op) || op === 'copysign' ? 2 : 1);
    const { plain, canonical } = await pair(`(module
      ${ops
        .map(
          (op) => `(func (export "${op}") (param i32 i32) (result i32)
            (i32.reinterpret_f32 (f32.${op} (f32.reinterpret_i32 (local.get 0))
              ${arity(op) === 2 ? '(f32.reinterpret_i32 (local.get 1))' : ''})))`,
        )
        .join('\n')})`);
    let payloads = 0;
    for (const op of ops) {
      const canonicalised = !SIGN_UNARY.includes(op) && op !== 'copysign';
      const run = (exports: WebAssembly.Exports, a: number, b: number) =>
        (exports[op] as F32Fn)(a | 0, b | 0) >>> 0;
      for (const a of F32_INPUTS) {
        for (const b of arity(op) === 2 ? F32_INPUTS : [0]) {
          const native = run(plain, a, b);
          if (isNaN32(native) && native !== F32_CANON) payloads++;
          const expected = canonicalised ? canon32(native) : native;
          expect(run(canonical, a, b), `f32.${op} ${a.toString(16)} ${b.toString(16)}`).toBe(
            expected,
          );
        }
      }
    }
    expect(payloads).toBeGreaterThan(0); // the natives kept payloads the copy had to replace
  });

  it('canonicalises every f64 arithmetic NaN and leaves every other result bit for bit', async () => {
    const ops = [...ARITHMETIC_UNARY, ...ARITHMETIC_BINARY, ...SIGN_UNARY, 'copysign'];
    const arity = (op: string) => (ARITHMETIC_BINARY.includes(op) || op === 'copysign' ? 2 : 1);
    const { plain, canonical } = await pair(`(module
      ${ops
        .map(
          (op) => `(func (export "${op}") (param i64 i64) (result i64)
            (i64.reinterpret_f64 (f64.${op} (f64.reinterpret_i64 (local.get 0))
              ${arity(op) === 2 ? '(f64.reinterpret_i64 (local.get 1))' : ''})))`,
        )
        .join('\n')})`);
    for (const op of ops) {
      const canonicalised = !SIGN_UNARY.includes(op) && op !== 'copysign';
      const run = (exports: WebAssembly.Exports, a: bigint, b: bigint) =>
        BigInt.asUintN(64, (exports[op] as F64Fn)(a, b));
      for (const a of F64_INPUTS) {
        for (const b of arity(op) === 2 ? F64_INPUTS : [0n]) {
          const native = run(plain, a, b);
          const expected = canonicalised ? canon64(native) : native;
          expect(run(canonical, a, b), `f64.${op} ${a.toString(16)} ${b.toString(16)}`).toBe(
            expected,
          );
        }
      }
    }
  });

  it('canonicalises f32.demote_f64 and f64.promote_f32, not reinterpretations', async () => {
    const { plain, canonical, sites } = await pair(`(module
      (func (export "demote") (param i64) (result i32)
        (i32.reinterpret_f32 (f32.demote_f64 (f64.reinterpret_i64 (local.get 0)))))
      (func (export "promote") (param i32) (result i64)
        (i64.reinterpret_f64 (f64.promote_f32 (f32.reinterpret_i32 (local.get 0))))))`);
    expect(sites.nanCanonicalSites).toHaveLength(2);
    const demote = (e: WebAssembly.Exports, a: bigint) =>
      (e['demote'] as (a: bigint) => number)(a) >>> 0;
    const promote = (e: WebAssembly.Exports, a: number) =>
      BigInt.asUintN(64, (e['promote'] as (a: number) => bigint)(a | 0));
    for (const a of F64_INPUTS) expect(demote(canonical, a)).toBe(canon32(demote(plain, a)));
    for (const a of F32_INPUTS) expect(promote(canonical, a)).toBe(canon64(promote(plain, a)));
    expect(demote(canonical, 0xfff8_0000_1234_5678n)).toBe(F32_CANON);
    expect(promote(canonical, 0xffc1_2345)).toBe(F64_CANON);
    expect(demote(canonical, 0x36a0_0000_0000_0000n)).toBe(0x0000_0001); // 2^-149, subnormal
  });

  it('composes with the min/max lowering and with a lowered instruction right after', async () => {
    // f32.add ends where f32.min starts: the insertion goes before the min's replacement.
    const { plain, canonical } = await pair(
      `(module (func (export "f") (param i32 i32 i32) (result i32)
        (i32.reinterpret_f32 (f32.min (f32.reinterpret_i32 (local.get 2))
          (f32.add (f32.reinterpret_i32 (local.get 0)) (f32.reinterpret_i32 (local.get 1)))))))`,
      { minMaxToo: true },
    );
    const run = (e: WebAssembly.Exports, a: number, b: number, c: number) =>
      (e['f'] as (a: number, b: number, c: number) => number)(a | 0, b | 0, c | 0) >>> 0;
    for (const a of F32_INPUTS) {
      for (const c of F32_INPUTS) {
        expect(run(canonical, a, 0x3f80_0000, c)).toBe(canon32(run(plain, a, 0x3f80_0000, c)));
      }
    }
  });
});

/** Lanes of one v128, as 4 f32 or 2 f64 bit patterns. */
type Lanes = { f32: number[] } | { f64: bigint[] };

describe('NaN canonicalisation of SIMD results, lane by lane', () => {
  const vector = (shape: 'f32' | 'f64', i: number): Lanes =>
    shape === 'f32'
      ? { f32: [0, 1, 5, 11].map((k) => F32_INPUTS[(i + k) % F32_INPUTS.length]!) }
      : { f64: [0, 7].map((k) => F64_INPUTS[(i + k) % F64_INPUTS.length]!) };
  const count = (shape: 'f32' | 'f64') => (shape === 'f32' ? F32_INPUTS : F64_INPUTS).length;

  /** `name` applied to v128s at 0, 16 and 32; the result at 64 (16 bytes). */
  interface VectorOp {
    name: string;
    operands: Array<'f32' | 'f64'>;
    result: 'f32' | 'f64';
    canonicalised: boolean;
    /** The plain module's instruction whose result, canonicalised, is expected. */
    reference?: string;
  }
  const ops: VectorOp[] = [];
  for (const s of ['f32', 'f64'] as const) {
    const shape = s === 'f32' ? 'f32x4' : 'f64x2';
    for (const op of ARITHMETIC_UNARY)
      ops.push({ name: `${shape}.${op}`, operands: [s], result: s, canonicalised: true });
    for (const op of ARITHMETIC_BINARY)
      ops.push({ name: `${shape}.${op}`, operands: [s, s], result: s, canonicalised: true });
    for (const op of SIGN_UNARY)
      ops.push({ name: `${shape}.${op}`, operands: [s], result: s, canonicalised: false });
    for (const op of ['pmin', 'pmax'])
      ops.push({ name: `${shape}.${op}`, operands: [s, s], result: s, canonicalised: false });
    for (const op of ['relaxed_madd', 'relaxed_nmadd'])
      ops.push({ name: `${shape}.${op}`, operands: [s, s, s], result: s, canonicalised: true });
    for (const op of ['min', 'max'])
      ops.push({
        name: `${shape}.relaxed_${op}`,
        operands: [s, s],
        result: s,
        canonicalised: true,
        reference: `${shape}.${op}`, // the deterministic profile's result
      });
  }
  ops.push({
    name: 'f32x4.demote_f64x2_zero',
    operands: ['f64'],
    result: 'f32',
    canonicalised: true,
  });
  ops.push({
    name: 'f64x2.promote_low_f32x4',
    operands: ['f32'],
    result: 'f64',
    canonicalised: true,
  });

  const write = (memory: WebAssembly.Memory, at: number, lanes: Lanes) => {
    if ('f32' in lanes) new Uint32Array(memory.buffer, at, 4).set(lanes.f32.map((b) => b >>> 0));
    else new BigUint64Array(memory.buffer, at, 2).set(lanes.f64);
  };
  const read = (memory: WebAssembly.Memory, shape: 'f32' | 'f64'): Array<number | bigint> =>
    shape === 'f32'
      ? Array.from(new Uint32Array(memory.buffer, 64, 4))
      : Array.from(new BigUint64Array(memory.buffer, 64, 2));

  it('canonicalises f32x4/f64x2 arithmetic, demote/promote and relaxed SIMD per lane', async () => {
    const funcs = [
      ...new Set([...ops.map((o) => o.name), ...ops.flatMap((o) => o.reference ?? [])]),
    ];
    const operandsOf = (name: string) => ops.find((o) => o.name === name || o.reference === name)!;
    const { plain, canonical, sites } = await pair(`(module
      (memory (export "mem") 1)
      ${funcs
        .map((name) => {
          const loads = operandsOf(name)
            .operands.map((_, k) => `(v128.load (i32.const ${k * 16}))`)
            .join(' ');
          return `(func (export "${name}") (v128.store (i32.const 64) (${name} ${loads})))`;
        })
        .join('\n')})`);
    expect(sites.nanCanonicalSites).toHaveLength(ops.filter((o) => o.canonicalised).length);
    const plainMemory = plain['mem'] as WebAssembly.Memory;
    const memory = canonical['__wizer_memory_0'] as WebAssembly.Memory;
    for (const op of ops) {
      const n = count(op.operands[0]!);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < (op.operands.length === 1 ? 1 : n); j++) {
          const inputs = op.operands.map((s, k) => vector(s, [i, j, i + j][k]!));
          inputs.forEach((lanes, k) => write(plainMemory, k * 16, lanes));
          inputs.forEach((lanes, k) => write(memory, k * 16, lanes));
          (plain[op.reference ?? op.name] as () => void)();
          (canonical[op.name] as () => void)();
          const native = read(plainMemory, op.result);
          const expected = op.canonicalised
            ? native.map((b) => (typeof b === 'bigint' ? canon64(b) : canon32(b)))
            : native;
          expect(read(memory, op.result), `${op.name} case ${i},${j}`).toEqual(expected);
        }
      }
    }
  });
});

describe('wizen({ deterministic: true }) and float results of the init (issue 11)', () => {
  // The divisions read their zeros from memory so that no tier can fold them into constants.
  const text = `(module
    (memory (export "memory") 1)
    (data (i32.const 200) "\\45\\23\\a1\\ff")  ;; f32 -nan:0x212345 (signalling)
    (global $f (mut f32) (f32.const 0))
    (global $d (mut f64) (f64.const 0))
    (global $p (mut f32) (f32.const 0))
    (func (export "wizer-initialize") (local f32 f64 f32)
      (f32.store (i32.const 16)
        (local.tee 0 (f32.div (f32.load (i32.const 100)) (f32.load (i32.const 100)))))
      (global.set $f (local.get 0))
      (f64.store (i32.const 24)
        (local.tee 1 (f64.div (f64.load (i32.const 100)) (f64.load (i32.const 100)))))
      (global.set $d (local.get 1))
      (f32.store (i32.const 32)
        (local.tee 2 (f32.add (f32.load (i32.const 200)) (f32.const 1))))
      (global.set $p (local.get 2))
      ;; A NaN neither computed nor canonicalised: moved bits stay as they are.
      (i32.store (i32.const 40) (i32.reinterpret_f32 (f32.neg (f32.load (i32.const 200))))))
    (func (export "f") (result i32) (i32.reinterpret_f32 (global.get $f)))
    (func (export "d") (result i64) (i64.reinterpret_f64 (global.get $d)))
    (func (export "p") (result i32) (i32.reinterpret_f32 (global.get $p))))`;

  /** What the wizened module holds: the three results in memory and in globals, and the neg. */
  function state(wasm: Uint8Array) {
    const { exports } = new WebAssembly.Instance(
      new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>),
    );
    const view = new DataView((exports['memory'] as WebAssembly.Memory).buffer);
    return {
      memory: {
        f: view.getUint32(16, true),
        d: view.getBigUint64(24, true),
        p: view.getUint32(32, true),
        neg: view.getUint32(40, true),
      },
      globals: {
        f: (exports['f'] as () => number)() >>> 0,
        d: BigInt.asUintN(64, (exports['d'] as () => bigint)()),
        p: (exports['p'] as () => number)() >>> 0,
      },
    };
  }

  it('stores exactly 0x7fc00000 / 0x7ff8000000000000, and V8 native bits without the mode', async () => {
    const input = await wat(text);
    const det = state((await wizen(input, { deterministic: true })).wasm);
    expect(det.memory).toEqual({ f: F32_CANON, d: F64_CANON, p: F32_CANON, neg: 0x7fa1_2345 });
    expect(det.globals).toEqual({ f: F32_CANON, d: F64_CANON, p: F32_CANON });

    // Without the mode: what this V8 computes when the init runs directly (x86: 0xffc00000).
    const direct = new WebAssembly.Instance(
      new WebAssembly.Module(input as Uint8Array<ArrayBuffer>),
    );
    (direct.exports['wizer-initialize'] as () => void)();
    const view = new DataView((direct.exports['memory'] as WebAssembly.Memory).buffer);
    const native = {
      f: view.getUint32(16, true),
      d: view.getBigUint64(24, true),
      p: view.getUint32(32, true),
      neg: view.getUint32(40, true),
    };
    const plain = state((await wizen(input)).wasm);
    expect(plain.memory).toEqual(native);
    expect(plain.globals).toEqual({ f: native.f, d: native.d, p: native.p });
    // 0/0 has no input NaN: canonical payload, either sign.
    expect([F32_CANON, 0xffc0_0000]).toContain(native.f);
    expect([F64_CANON, 0xfff8_0000_0000_0000n]).toContain(native.d);
    // The payload's NaN through f32.add: canonical or the input's payload quieted, either sign.
    expect([F32_CANON, 0xffc0_0000, 0x7fe1_2345, 0xffe1_2345]).toContain(native.p);
  });

  it('leaves the output code as it is: only globals and data differ', async () => {
    const input = await wat(text);
    const sections = (wasm: Uint8Array) =>
      readSections(wasm).map((s) => ({
        id: s.id,
        bytes: Buffer.from(wasm.subarray(s.start, s.end)),
      }));
    const det = sections((await wizen(input, { deterministic: true })).wasm);
    const plain = sections((await wizen(input)).wasm);
    expect(det.map((s) => s.id)).toEqual(plain.map((s) => s.id));
    const stateIds = new Set<number>([SectionId.Global, SectionId.Data, SectionId.DataCount]);
    det.forEach((s, i) => {
      if (!stateIds.has(s.id))
        expect(s.bytes.equals(plain[i]!.bytes), `section ${s.id}`).toBe(true);
    });
    expect(det.find((s) => s.id === SectionId.Code)!.bytes).toEqual(
      Buffer.from(input.subarray(...codeRange(input))),
    );
  });

  it('makes relaxed SIMD deterministic whatever relaxedSimdDeterministic says', async () => {
    // An index past 15 selects 0 in the deterministic profile; x86's pshufb uses its low bits.
    const input = await wat(`(module
      (memory (export "memory") 1)
      (func (export "wizer-initialize")
        (v128.store (i32.const 0) (i8x16.relaxed_swizzle
          (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16)
          (v128.const i8x16 0x20 0x31 0x42 0x53 0x64 0x75 0x06 0x17 0 1 2 3 4 5 6 7)))))`);
    const { wasm } = await wizen(input, { deterministic: true, relaxedSimdDeterministic: false });
    const { exports } = new WebAssembly.Instance(
      new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>),
    );
    const memory = new Uint8Array((exports['memory'] as WebAssembly.Memory).buffer, 0, 16);
    expect(Array.from(memory)).toEqual([0, 0, 0, 0, 0, 0, 7, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('wizen({ deterministic: true }) on a component', () => {
  afterAll(removeTranspiled);

  it("canonicalises the NaNs of its core modules' init", async () => {
    const core = await wat(`(module
      (memory (export "memory") 1)
      (global $g (mut f32) (f32.const 0))
      (func (export "wizer-initialize")
        (global.set $g (f32.div (f32.load (i32.const 100)) (f32.load (i32.const 100)))))
      (func (export "my:pkg/api#bits") (result i32) (i32.reinterpret_f32 (global.get $g))))`);
    const witSource = `package my:pkg;
      interface api { bits: func() -> s32; }
      world w { export api; export wizer-initialize: func(); }`;
    const component = await componentNew(
      await componentEmbed({ binary: core, witSource, world: 'w' }),
    );
    const bits = async (wasm: Uint8Array) => {
      const exports = await instantiate(wasm);
      const api = (exports['api'] ?? exports['my:pkg/api']) as { bits: () => number };
      return api.bits() >>> 0;
    };
    expect(await bits((await wizen(component, { deterministic: true })).wasm)).toBe(F32_CANON);
    const direct = new WebAssembly.Instance(
      new WebAssembly.Module(core as Uint8Array<ArrayBuffer>),
    );
    (direct.exports['wizer-initialize'] as () => void)();
    const native = (direct.exports['my:pkg/api#bits'] as () => number)() >>> 0;
    expect(await bits((await wizen(component)).wasm)).toBe(native);
  });
});

/** The code section's range in a module. */
function codeRange(wasm: Uint8Array): [number, number] {
  const code = readSections(wasm).find((s) => s.id === SectionId.Code)!;
  return [code.start, code.end];
}

/** Offset, opcode and sub-opcode of every instruction in a module's code section, in order. */
function instructions(bytes: Uint8Array): Array<[offset: number, opcode: number, sub: number]> {
  const code = readSections(bytes).find((s) => s.id === SectionId.Code)!;
  const seen: Array<[number, number, number]> = [];
  walkCodeSection(new BinaryReader(bytes, code.payloadStart, code.end), (op, sub, offset) =>
    seen.push([offset, op, sub]),
  );
  return seen;
}

describe('NaN canonicalisation in the function bodies', () => {
  it('inserts the sequence after each site and maps input instructions back', async () => {
    const cx = parseModule(
      await wat(`(module
        (memory 1)
        (func (param f32 f64) (result f32) (local i32 i64) (local v128)
          (f32.store (i32.const 0) (f32.sqrt (f32.add (local.get 0) (f32.const 1))))
          (v128.store (i32.const 16) (f32x4.relaxed_min (f32x4.splat (local.get 0)) (v128.load (i32.const 0))))
          (v128.store (i32.const 32) (f64x2.add (v128.load (i32.const 0)) (v128.load (i32.const 0))))
          (f32.min (f32.demote_f64 (f64.mul (local.get 1) (local.get 1))) (local.get 0))))`),
    );
    const sites = checkSupportedInstructions(cx);
    const out = instrument(
      cx,
      sites.relaxedSimdSites,
      sites.floatMinMaxSites,
      sites.nanCanonicalSites,
    );
    expect(sites.nanCanonicalSites).toHaveLength(7);
    const before = instructions(cx.bytes);
    const copy = instructions(out.wasm);
    const nanSites = new Set(sites.nanCanonicalSites);
    // After each site: local.tee, const, local.get, local.get, eq, select, on scratch locals
    // after 2 params and 3 locals, in order of first use: 5 (f32), 6 (v128, shared by both
    // vector shapes), 7 (f64).
    let j = 0;
    for (const [offset, opcode] of before) {
      const [at, copyOpcode] = copy[j++]!;
      expect(out.originalOffset(at), `instruction at ${offset}`).toBe(offset);
      if (opcode !== 0x96 && opcode !== 0xfd) expect(copyOpcode).toBe(opcode); // min: lowered
      if (!nanSites.has(offset)) continue;
      const inserted = copy.slice(j, j + 6);
      j += 6;
      const local = out.wasm[inserted[0]![0] + 1];
      const [ops, scratch] =
        opcode === 0xfd
          ? [[0x22, 0xfd, 0x20, 0x20, 0xfd, 0xfd], 6]
          : opcode === 0xa2
            ? [[0x22, 0x44, 0x20, 0x20, 0x61, 0x1b], 7]
            : [[0x22, 0x43, 0x20, 0x20, 0x5b, 0x1b], 5];
      expect(inserted.map(([, op]) => op)).toEqual(ops);
      expect(local).toBe(scratch);
    }
    expect(WebAssembly.validate(out.wasm as Uint8Array<ArrayBuffer>)).toBe(true);
  });

  it('calls a helper in a body whose locals are at V8 limit', async () => {
    // 2 params + 49998 locals: one more would be past V8's 50000.
    const cx = parseModule(
      await wat(`(module
        (func (export "f") (param i32 i32) (result i32) (local ${'f64 '.repeat(49_998)})
          (i32.reinterpret_f32 (f32.div (f32.reinterpret_i32 (local.get 0)) (f32.reinterpret_i32 (local.get 1)))))
        (func (export "g") (param i32 i32) (result i32)
          (i32.reinterpret_f32 (f32.div (f32.reinterpret_i32 (local.get 0)) (f32.reinterpret_i32 (local.get 1))))))`),
    );
    const sites = checkSupportedInstructions(cx);
    const out = instrument(cx, [], [], sites.nanCanonicalSites);
    const { exports } = new WebAssembly.Instance(
      new WebAssembly.Module(out.wasm as Uint8Array<ArrayBuffer>),
    );
    for (const name of ['f', 'g']) {
      const div = (a: number, b: number) => (exports[name] as F32Fn)(a | 0, b | 0) >>> 0;
      expect(div(0, 0)).toBe(F32_CANON);
      expect(div(0xffc1_2345, 0x3f80_0000)).toBe(F32_CANON);
      expect(div(0x3f80_0000, 0x8000_0000)).toBe(0xff80_0000); // 1 / -0
    }
    const calls = instructions(out.wasm).filter(([, op]) => op === 0x10);
    expect(calls).toHaveLength(1); // in f only; g has room for its scratch local
  });
});
