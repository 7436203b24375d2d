import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WasmDecodeError } from '../../src/errors.js';
import { opcodeInfo, opcodeName, walkCodeSection, walkFunctionBody } from '../../src/wasm/code.js';
import {
  OPCODES,
  opcodeNamed,
  type ImmediateKind,
  type OpcodeInfo,
} from '../../src/wasm/opcodes.js';
import { BinaryReader } from '../../src/wasm/reader.js';
import { repoRoot } from '../helpers/tools.js';
import { FEATURE_FIXTURES } from './fixtures/features.js';
import { generateValidUses } from './fixtures/generated.js';
import { LEB_CASES } from './fixtures/leb-cases.js';
import {
  assemble,
  codePayload,
  codeSectionReader,
  functionCount,
  moduleWith,
  objdumpInstructions,
  printedMnemonics,
  section,
  uleb,
  v8Verdict,
  walkModule,
} from './fixtures/oracles.js';

/** Names per function body, walking each body on its own. */
function namesPerBody(bytes: Uint8Array): string[][] {
  const reader = codeSectionReader(bytes);
  const out: string[][] = [];
  for (let i = reader.u32(); i > 0; i--) {
    const names: string[] = [];
    walkFunctionBody(reader.sub(reader.u32()), (op, sub) => names.push(opcodeName(op, sub)));
    out.push(names);
  }
  return out;
}

function decodeError(run: () => void): WasmDecodeError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WasmDecodeError);
    return error as WasmDecodeError;
  }
  throw new Error('expected a WasmDecodeError');
}

const instructionBytes = (info: OpcodeInfo): number[] =>
  info.prefix === 0 ? [info.code] : [info.prefix, ...uleb(info.code)];

describe('opcode table', () => {
  it('holds exactly the opcodes V8 decodes, under V8 names where V8 reports them', () => {
    // V8 names relaxed SIMD after earlier drafts of the proposal; the spec names are ours.
    const v8Aliases: Record<string, string> = {
      'f32x4.qfma': 'f32x4.relaxed_madd',
      'f32x4.qfms': 'f32x4.relaxed_nmadd',
      'f64x2.qfma': 'f64x2.relaxed_madd',
      'f64x2.qfms': 'f64x2.relaxed_nmadd',
      'i16x8.dot_i8x16_i7x16_s': 'i16x8.relaxed_dot_i8x16_i7x16_s',
      'i32x4.dot_i8x16_i7x16_add_s': 'i32x4.relaxed_dot_i8x16_i7x16_add_s',
    };
    const ours = new Map(OPCODES.map((o) => [`${o.prefix}:${o.code}`, o.name]));
    const known: string[] = [];
    const nameMismatches: string[] = [];
    for (const prefix of [0, 0xfb, 0xfc, 0xfd, 0xfe]) {
      for (let code = 0; code <= (prefix === 0 ? 0xff : 0x1ff); code++) {
        if (prefix === 0 && code >= 0xfb && code <= 0xfe) continue;
        const verdict = v8Verdict(prefix === 0 ? [code] : [prefix, ...uleb(code)]);
        if (/invalid .*opcode|Invalid opcode/i.test(verdict)) continue;
        const key = `${prefix}:${code}`;
        known.push(key);
        const v8Name = /for ([a-z0-9_.]+)/.exec(verdict)?.[1];
        if (v8Name && ours.get(key) !== (v8Aliases[v8Name] ?? v8Name)) {
          nameMismatches.push(`${key} ours=${ours.get(key)} v8=${v8Name}`);
        }
      }
    }
    expect(known.sort()).toEqual([...ours.keys()].sort());
    expect(nameMismatches).toEqual([]);
  });

  it('matches wasm-tools on the name and immediate layout of every entry', async () => {
    // One function per entry, immediates zero-filled by kind. If our layout of an entry differed
    // from wasmparser's, the printer would desynchronise (or fail) on that function.
    const zero: Record<ImmediateKind, number[]> = {
      blocktype: [0x40],
      labelidx: [0],
      br_table: [1, 0, 0],
      funcidx: [0],
      typeidx: [0],
      tableidx: [0],
      localidx: [0],
      globalidx: [0],
      tagidx: [0],
      dataidx: [0],
      elemidx: [0],
      memidx: [0],
      fieldidx: [0],
      u32: [0],
      i32: [0],
      i64: [0],
      f32: [0, 0, 0, 0],
      f64: new Array<number>(8).fill(0),
      v128: new Array<number>(16).fill(0),
      memarg: [0, 0],
      laneidx: [0],
      shuffle: new Array<number>(16).fill(0),
      heaptype: [0x6e],
      valtypes: [1, 0x7f],
      catches: [0],
      castflags: [0],
      zero: [0],
    };
    const bodies = OPCODES.map((info) => {
      const instruction = [...instructionBytes(info), ...info.immediates.flatMap((k) => zero[k])];
      const context: Record<string, number[]> = {
        else: [0x04, 0x40, ...instruction, 0x0b],
        catch: [0x06, 0x40, ...instruction, 0x0b],
        catch_all: [0x06, 0x40, ...instruction, 0x0b],
        delegate: [0x06, 0x40, ...instruction],
        end: [0x02, 0x40, ...instruction],
      };
      const sequence =
        context[info.name] ?? (info.block === 'open' ? [...instruction, 0x0b] : instruction);
      return [0, ...sequence, 0x0b];
    });
    const bytes = moduleWith(bodies);
    const ours = namesPerBody(bytes).map((names) => names.slice(0, -1));
    expect(ours).toEqual(await printedMnemonics(bytes));
    OPCODES.forEach((info, i) => expect(ours[i]).toContain(info.name));
  });

  it('names unknown opcodes in hex', () => {
    expect(opcodeName(0x6a, -1)).toBe('i32.add');
    expect(opcodeName(0xfc, 9)).toBe('data.drop');
    expect(opcodeName(0xfd, 0x113)).toBe('i32x4.relaxed_dot_i8x16_i7x16_add_s');
    expect(opcodeName(0x17, -1)).toBe('unknown opcode 0x17');
    expect(opcodeName(0xfd, 0x114)).toBe('unknown opcode 0xfd 0x114');
    expect(opcodeInfo(0xfb, 0x05)).toMatchObject({ name: 'struct.set', prefix: 0xfb, code: 5 });
    expect(opcodeInfo(0x1c, -1)?.immediates).toEqual(['valtypes']);
    expect(opcodeInfo(0xfb, 0x80)).toBeUndefined();
  });
});

describe.each(FEATURE_FIXTURES)('$name', (fixture) => {
  it('is accepted by V8 and walks exactly like wasm-tools (and wabt) decode it', async () => {
    const bytes = await assemble(fixture.wat, fixture.assembler);
    expect(WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>)).toBe(true);
    const printed = (await printedMnemonics(bytes)).map((names) => [...names, 'end']);
    expect(namesPerBody(bytes)).toEqual(printed);
    if (fixture.objdump) {
      const ours = walkModule(bytes).map((v) => `${v.offset} ${v.name}`);
      expect(ours).toEqual(await objdumpInstructions(bytes));
    }
  });
});

describe('a V8-valid use of every opcode', () => {
  it('is in a fixture or the generated module, which decodes exactly like wabt and wasm-tools', async () => {
    const started = performance.now();
    const generated = generateValidUses();
    console.log(
      `generated ${generated.used.length} V8-valid uses in ${(performance.now() - started).toFixed(0)} ms`,
    );
    expect(WebAssembly.validate(generated.bytes as Uint8Array<ArrayBuffer>)).toBe(true);
    const ours = walkModule(generated.bytes);
    expect(ours.map((v) => `${v.offset} ${v.name}`)).toEqual(
      await objdumpInstructions(generated.bytes),
    );
    const printed = (await printedMnemonics(generated.bytes)).map((names) => [...names, 'end']);
    expect(namesPerBody(generated.bytes)).toEqual(printed);

    const key = (prefix: number, code: number): string => `${prefix}:${code}`;
    const covered = new Set(generated.used.map((o) => key(o.prefix, o.code)));
    for (const fixture of FEATURE_FIXTURES) {
      for (const v of walkModule(await assemble(fixture.wat, fixture.assembler))) {
        covered.add(v.subopcode < 0 ? key(0, v.opcode) : key(v.opcode, v.subopcode));
      }
    }
    expect(OPCODES.filter((o) => !covered.has(key(o.prefix, o.code))).map((o) => o.name)).toEqual(
      [],
    );
  });
});

describe('hand-written expectations', () => {
  it('decodes ref-typed block types (0x63/0x64 + heap type) and the function-reference ops', async () => {
    const fixture = FEATURE_FIXTURES.find((f) => f.name === 'typed function references')!;
    const bodies = namesPerBody(await assemble(fixture.wat, fixture.assembler));
    expect(bodies[1]).toEqual(
      `block local.get br_on_null local.set end block local.get br_on_non_null ref.func end drop
       block local.get end ref.as_non_null local.set ref.func local.get i32.const select drop
       i32.const local.get call_ref drop i32.const local.get return_call_ref end`.split(/\s+/),
    );
  });

  it('reports prefixed sub-opcodes and absolute offsets', async () => {
    const bytes = await assemble(
      '(module (memory 1 1 shared) (func (param v128) (result v128) atomic.fence (f64x2.convert_low_i32x4_u (local.get 0))))',
      'wasm-tools',
    );
    const visited = walkModule(bytes);
    const start = visited[0]!.offset;
    expect(bytes.subarray(start, start + 3)).toEqual(new Uint8Array([0xfe, 0x03, 0x00]));
    expect(
      visited.map(({ opcode, subopcode, offset }) => [opcode, subopcode, offset - start]),
    ).toEqual([
      [0xfe, 0x03, 0],
      [0x20, -1, 3],
      [0xfd, 0xff, 5],
      [0x0b, -1, 8],
    ]);
  });
});

describe('LEB128 immediates', () => {
  const cases = LEB_CASES.map((c) => [c.label, c] as const);

  it.each(cases)('%s', (_label, { instructions, memory, wellFormed }) => {
    const between = memory === undefined ? [] : section(5, [1, memory === 64 ? 4 : 0, 1]);
    const bytes = moduleWith([[0, ...instructions, 0x0b]], { between });
    expect(WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>)).toBe(wellFormed);
    if (wellFormed) {
      expect(() => walkModule(bytes)).not.toThrow();
    } else {
      expect(decodeError(() => walkModule(bytes)).message).toMatch(
        /invalid var_|representation too long/,
      );
    }
  });

  it('accepts padded local declaration counts', () => {
    const bytes = moduleWith([[0x81, 0x00, 0x81, 0x80, 0x00, 0x7f, 0x20, 0x00, 0x1a, 0x0b]]);
    expect(WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>)).toBe(true);
    expect(walkModule(bytes).map((v) => v.name)).toEqual(['local.get', 'drop', 'end']);
  });
});

describe('malformed bodies', () => {
  /** Walks `body` placed at absolute offset 100 of a larger buffer. */
  function walkAt100(body: number[]): WasmDecodeError {
    const bytes = new Uint8Array(100 + body.length + 7).fill(0x0b);
    bytes.set(body, 100);
    return decodeError(() =>
      walkFunctionBody(new BinaryReader(bytes, 100, 100 + body.length), () => {}),
    );
  }

  it.each<[string, number[], RegExp, number]>([
    ['a truncated immediate', [0, 0x41, 0x80], /unexpected end-of-file/, 103],
    ['a truncated memarg', [0, 0x41, 0, 0x28, 0x02], /unexpected end-of-file/, 105],
    ['a truncated v128.const', [0, 0xfd, 0x0c, 1, 2, 3], /unexpected end-of-file/, 106],
    ['a missing final end', [0, 0x01], /function body must end with END opcode/, 102],
    ['an unclosed block', [0, 0x02, 0x40, 0x0b], /function body must end with END opcode/, 104],
    [
      'code after the final end',
      [0, 0x0b, 0x01, 0x0b],
      /operators remaining after end of function/,
      102,
    ],
    ['unknown opcode 0x17', [0, 0x01, 0x17, 0x0b], /unknown opcode 0x17 /, 102],
    ['unknown SIMD opcode', [0, 0xfd, 0x94, 0x02, 0x0b], /unknown opcode 0xfd 0x114 /, 101],
    ['a stringref opcode', [0, 0xfb, 0x80, 0x01, 0x0b], /unknown opcode 0xfb 0x80 /, 101],
    ['an unknown misc opcode', [0, 0xfc, 0x12, 0x0b], /unknown opcode 0xfc 0x12 /, 101],
    ['a bad local type', [1, 1, 0x40, 0x0b], /invalid value type 0x40/, 102],
    ['a bad catch kind', [0, 0x1f, 0x40, 1, 4, 0, 0x0b, 0x0b], /invalid catch kind 0x4/, 104],
    [
      'a nonzero atomic.fence byte',
      [0, 0xfe, 0x03, 0x01, 0x0b],
      /nonzero byte after `atomic.fence`/,
      103,
    ],
  ])('rejects %s at the right absolute offset', (_label, body, message, offset) => {
    const error = walkAt100(body);
    expect(error.message).toMatch(message);
    expect(error.offset).toBe(offset);
    expect(error.message).toContain(`(at offset 0x${offset.toString(16)})`);
  });

  it('rejects code sections whose count or size disagree with their bodies', () => {
    const one = codePayload([[0, 0x0b]]);
    const countTooHigh = new Uint8Array([2, ...one.slice(1)]);
    expect(
      decodeError(() => walkCodeSection(new BinaryReader(countTooHigh), () => {})).message,
    ).toMatch(/unexpected end-of-file/);
    const trailing = new Uint8Array([...one, 0x00]);
    const error = decodeError(() => walkCodeSection(new BinaryReader(trailing), () => {}));
    expect(error.message).toMatch(/unexpected data at the end of the section/);
    expect(error.offset).toBe(one.length);
  });

  it('only ever fails with WasmDecodeError inside the body, on truncations and random bytes', async () => {
    const fixture = FEATURE_FIXTURES.find((f) => f.name === 'GC')!;
    const reader = codeSectionReader(await assemble(fixture.wat, fixture.assembler));
    reader.u32();
    reader.sub(reader.u32());
    const body = reader.sub(reader.u32()); // the big GC function
    const bodies: Uint8Array[] = [];
    for (let n = 0; n < body.end - body.pos; n++)
      bodies.push(body.bytes.slice(body.pos, body.pos + n));
    let seed = 12345;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 3000; i++) {
      bodies.push(
        Uint8Array.from({ length: 1 + Math.floor(random() * 40) }, () =>
          Math.floor(random() * 256),
        ),
      );
    }
    for (const bytes of bodies) {
      try {
        walkFunctionBody(new BinaryReader(bytes), () => {});
      } catch (error) {
        expect(error).toBeInstanceOf(WasmDecodeError);
        expect((error as WasmDecodeError).offset).toBeLessThanOrEqual(bytes.length);
      }
    }
  });
});

describe('StarlingMonkey (ComponentizeJS engine)', () => {
  const engine = join(repoRoot, 'node_modules', '@bytecodealliance', 'componentize-js', 'lib');
  const bytes = new Uint8Array(readFileSync(join(engine, 'starlingmonkey_embedding.wasm')));

  it('walks every function body, each ending with its own end', () => {
    const code = codeSectionReader(bytes);
    const codeBytes = code.end - code.pos;
    let instructions = 0;
    let ends = 0;
    let lastOpcode = -1;
    let lastOffset = -1;
    const bodyEnds: number[] = [];
    const reader = new BinaryReader(bytes, code.pos, code.end);
    const started = performance.now();
    for (let i = reader.u32(); i > 0; i--) {
      const body = reader.sub(reader.u32());
      walkFunctionBody(body, (opcode, _sub, offset) => {
        instructions++;
        lastOpcode = opcode;
        lastOffset = offset;
      });
      if (lastOpcode === 0x0b && lastOffset === body.end - 1) ends++;
      bodyEnds.push(body.end);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `StarlingMonkey: ${(codeBytes / 1e6).toFixed(2)} MB of code, ${bodyEnds.length} bodies, ` +
        `${instructions} instructions, ${(codeBytes / 1e6 / seconds).toFixed(0)} MB/s (first walk)`,
    );
    expect(bodyEnds.length).toBe(functionCount(bytes));
    expect(bodyEnds.length).toBeGreaterThan(12_000);
    expect(ends).toBe(bodyEnds.length);
    // Wasm averages 2–3 bytes per instruction in compiled C++.
    expect(instructions).toBeGreaterThan(codeBytes / 4);
    expect(instructions).toBeLessThan(codeBytes / 1.5);
    // Throughput is logged, not asserted: the 2 shared cores make timings too noisy to gate on.
  });

  it('decodes a sample of its bodies exactly as wabt disassembles them', async () => {
    // Disassembling all 9 MB takes wabt half a minute, so every 40th body goes into a small
    // module of its own (the disassembler does not need the bodies' types).
    const reader = codeSectionReader(bytes);
    const sample: Uint8Array[] = [];
    for (let i = 0, count = reader.u32(); i < count; i++) {
      const body = reader.take(reader.u32());
      if (i % 40 === 0) sample.push(body);
    }
    const module = moduleWith(sample.map((body) => [...body]));
    const ours = walkModule(module).map((v) => `${v.offset} ${v.name}`);
    expect(ours.length).toBeGreaterThan(50_000);
    expect(ours).toEqual(await objdumpInstructions(module));
  });
});

describe('opcodeNamed', () => {
  it('finds each instruction by its mnemonic, the first listed where two forms share one', () => {
    for (const info of OPCODES) {
      expect(opcodeNamed(info.name)).toBe(OPCODES.find((o) => o.name === info.name));
    }
    expect(opcodeNamed('select')).toMatchObject({ prefix: 0, code: 0x1b });
    expect(opcodeNamed('f32.no_such_thing')).toBeUndefined();
  });
});
