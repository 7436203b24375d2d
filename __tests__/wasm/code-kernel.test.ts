/**
 * The compiled code walk (code-kernel.wat) against the JavaScript walker it stands in for: the
 * same instructions at the same offsets in the same bodies on every fixture (every opcode, every
 * immediate layout, StarlingMonkey's 9 MB of code), only those its filter asks for, and no result
 * at all wherever the JavaScript walker throws (then the caller walks in JavaScript for the error).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWholeFile } from '../../src/host/input-file.js';
import { walkFunctionBody } from '../../src/wasm/code.js';
import {
  CodeWalker,
  LOCALS_REPORT,
  REPORT_FIELDS,
  ReportWhen,
  wasmMemoryBuffer,
  type InstructionFilter,
} from '../../src/wasm/code-kernel.js';
import { BinaryReader } from '../../src/wasm/reader.js';
import { repoRoot } from '../helpers/tools.js';
import { FEATURE_FIXTURES } from './fixtures/features.js';
import { generateValidUses } from './fixtures/generated.js';
import { LEB_CASES } from './fixtures/leb-cases.js';
import { assemble, codeSectionReader, moduleWith, section } from './fixtures/oracles.js';
import { openSync, closeSync } from 'node:fs';

/** Reports as the kernel gives them: [opcode, subopcode, offset, body] after one another. */
type Reports = Int32Array;

const everything: InstructionFilter = { single: () => ReportWhen.always, prefixed: () => true };

const isRefTypeByte = (byte: number | undefined) =>
  byte !== undefined && byte >= 0x63 && byte <= 0x74;

/** Whether a body's local declarations (at `reader`) include a reference type. */
function declaresRefLocal(reader: BinaryReader): boolean {
  let found = false;
  for (let groups = reader.u32(); groups > 0; groups--) {
    reader.u32();
    const type = reader.u8();
    if (isRefTypeByte(type)) found = true;
    if (type === 0x63 || type === 0x64) reader.s33();
  }
  return found;
}

/** What the kernel should report, from the JavaScript walker; undefined where that throws. */
function expectedReports(bytes: Uint8Array, filter: InstructionFilter): Reports | undefined {
  const code = codeSectionReader(bytes);
  const reports: number[] = [];
  try {
    for (let body = 0, count = code.u32(); body < count; body++) {
      const reader = code.sub(code.u32());
      const localsAt = reader.pos;
      if (declaresRefLocal(new BinaryReader(bytes, reader.pos, reader.end))) {
        reports.push(LOCALS_REPORT, -1, localsAt, body);
      }
      walkFunctionBody(reader, (opcode, sub, offset) => {
        const wanted =
          sub >= 0
            ? filter.prefixed(opcode, sub)
            : filter.single(opcode) === ReportWhen.always ||
              (filter.single(opcode) === ReportWhen.refBlockType &&
                isRefTypeByte(bytes[offset + 1]));
        if (wanted) reports.push(opcode, sub, offset, body);
      });
    }
  } catch {
    return undefined;
  }
  return Int32Array.from(reports);
}

function kernelReports(bytes: Uint8Array, filter: InstructionFilter): Reports | undefined {
  const code = codeSectionReader(bytes);
  return CodeWalker.create(filter).walk(bytes, code.pos, code.end)?.slice();
}

/** Compares report lists of millions of entries fast, naming the first difference. */
function expectSame(actual: Reports | undefined, expected: Reports | undefined): void {
  if (actual === undefined || expected === undefined) {
    expect(actual).toEqual(expected);
    return;
  }
  let first = 0;
  while (first < Math.min(actual.length, expected.length) && actual[first] === expected[first]) {
    first++;
  }
  const entry = (reports: Reports) => {
    const at = first - (first % REPORT_FIELDS);
    return [...reports.subarray(at, at + REPORT_FIELDS)];
  };
  expect({ length: actual.length, firstDifference: entry(actual) }).toEqual({
    length: expected.length,
    firstDifference: entry(expected),
  });
}

/** The same bytes inside a WebAssembly.Memory, where the kernel reads them in place. */
function inWasmMemory(bytes: Uint8Array): Uint8Array {
  const copy = wasmMemoryBuffer(bytes.length);
  copy.set(bytes);
  return copy;
}

const starlingMonkey = () =>
  new Uint8Array(
    readFileSync(
      join(
        repoRoot,
        'node_modules',
        '@bytecodealliance',
        'componentize-js',
        'lib',
        'starlingmonkey_embedding.wasm',
      ),
    ),
  );

describe('on well-formed code it reports what the JavaScript walker visits', () => {
  it.each(FEATURE_FIXTURES.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const bytes = await assemble(fixture.wat, fixture.assembler);
    const expected = expectedReports(bytes, everything)!;
    expect(expected.length).toBeGreaterThan(0);
    expectSame(kernelReports(bytes, everything), expected);
    expectSame(kernelReports(inWasmMemory(bytes), everything), expected);
  });

  it('a V8-valid use of every opcode', () => {
    const { bytes } = generateValidUses();
    const expected = expectedReports(bytes, everything)!;
    expectSame(kernelReports(inWasmMemory(bytes), everything), expected);
  });

  it('StarlingMonkey, every instruction and a sparse filter', () => {
    const bytes = inWasmMemory(starlingMonkey());
    const expected = expectedReports(bytes, everything)!;
    expect(expected.length / REPORT_FIELDS).toBeGreaterThan(1_000_000);
    expectSame(kernelReports(bytes, everything), expected);
    // f64.add, memory.copy, and block types that are reference types.
    const sparse: InstructionFilter = {
      single: (op) =>
        op === 0xa0
          ? ReportWhen.always
          : op <= 0x04 && op >= 0x02
            ? ReportWhen.refBlockType
            : ReportWhen.never,
      prefixed: (op, sub) => op === 0xfc && sub === 10,
    };
    const sparseExpected = expectedReports(bytes, sparse)!;
    const opcodes = new Set(sparseExpected.filter((_, i) => i % REPORT_FIELDS === 0));
    expect([...opcodes].sort()).toEqual([0xa0, 0xfc]);
    expectSame(kernelReports(bytes, sparse), sparseExpected);
  });
});

describe('filters', () => {
  const funcrefBlocks = moduleWith([
    // (local funcref) block (result funcref) ref.null func end drop; block (result i32) ... ; loop
    [
      1, 1, 0x70, 0x02, 0x70, 0xd0, 0x70, 0x0b, 0x1a, 0x02, 0x7f, 0x41, 0, 0x0b, 0x1a, 0x03, 0x40,
      0x0b, 0x0b,
    ],
    [1, 2, 0x7f, 0x20, 0, 0x1a, 0x0b],
  ]);
  const blocksOnly: InstructionFilter = {
    single: (op) => (op >= 0x02 && op <= 0x04 ? ReportWhen.refBlockType : ReportWhen.never),
    prefixed: () => false,
  };

  it('reports a block only when its type is a reference type, and bodies with reference locals', () => {
    expect(WebAssembly.validate(funcrefBlocks as Uint8Array<ArrayBuffer>)).toBe(true);
    const start = codeSectionReader(funcrefBlocks).pos;
    // count, size: body 0's locals start at start + 2, its first block at start + 5.
    const reports = kernelReports(funcrefBlocks, blocksOnly);
    expect([...reports!]).toEqual([LOCALS_REPORT, -1, start + 2, 0, 0x02, -1, start + 5, 0]);
    expectSame(reports, expectedReports(funcrefBlocks, blocksOnly));
  });

  it('reports nothing but reference locals when the filter wants nothing', () => {
    const none: InstructionFilter = { single: () => ReportWhen.never, prefixed: () => false };
    const start = codeSectionReader(funcrefBlocks).pos;
    expect([...kernelReports(funcrefBlocks, none)!]).toEqual([LOCALS_REPORT, -1, start + 2, 0]);
  });
});

describe('on malformed code it gives no result, exactly where the JavaScript walker throws', () => {
  it.each(LEB_CASES.map((c) => [c.label, c] as const))('LEB128: %s', (_label, c) => {
    const between = c.memory === undefined ? [] : section(5, [1, c.memory === 64 ? 4 : 0, 1]);
    const bytes = moduleWith([[0, ...c.instructions, 0x0b]], { between });
    const expected = expectedReports(bytes, everything);
    expect(expected === undefined).toBe(!c.wellFormed);
    expectSame(kernelReports(bytes, everything), expected);
  });

  it.each<[string, number[]]>([
    ['a truncated immediate', [0, 0x41, 0x80]],
    ['a truncated memarg', [0, 0x41, 0, 0x28, 0x02]],
    ['a truncated v128.const', [0, 0xfd, 0x0c, 1, 2, 3]],
    ['a missing final end', [0, 0x01]],
    ['an unclosed block', [0, 0x02, 0x40, 0x0b]],
    ['code after the final end', [0, 0x0b, 0x01, 0x0b]],
    ['unknown opcode 0x17', [0, 0x01, 0x17, 0x0b]],
    ['unknown SIMD opcode', [0, 0xfd, 0x94, 0x02, 0x0b]],
    ['a sub-opcode past every table', [0, 0xfc, 0x80, 0x08, 0x0b]],
    ['a bad local type', [1, 1, 0x40, 0x0b]],
    ['a bad catch kind', [0, 0x1f, 0x40, 1, 4, 0, 0x0b, 0x0b]],
    ['a nonzero atomic.fence byte', [0, 0xfe, 0x03, 0x01, 0x0b]],
    ['an overlong br_table count', [0, 0x0e, 0xff, 0xff, 0xff, 0xff, 0x0f, 0, 0x0b]],
  ])('%s', (_label, body) => {
    const bytes = moduleWith([[0, 0x0b], body]);
    expect(expectedReports(bytes, everything)).toBeUndefined();
    expect(kernelReports(bytes, everything)).toBeUndefined();
    expect(kernelReports(inWasmMemory(bytes), everything)).toBeUndefined();
  });

  it('a body that claims more bytes than its section has', () => {
    const bytes = moduleWith([[0, 0x0b]]);
    const code = codeSectionReader(bytes);
    expect(bytes[code.pos + 1]).toBe(2); // the body size
    bytes[code.pos + 1] = 3;
    expect(CodeWalker.create(everything).walk(bytes, code.pos, code.end)).toBeUndefined();
  });

  it('truncations and random bytes: either the same reports or none, as the walker succeeds or throws', async () => {
    const fixture = FEATURE_FIXTURES.find((f) => f.name === 'GC')!;
    const valid = await assemble(fixture.wat, fixture.assembler);
    const reader = codeSectionReader(valid);
    reader.u32();
    reader.sub(reader.u32());
    const big = reader.sub(reader.u32());
    const bodies: Uint8Array[] = [];
    for (let n = 0; n < big.end - big.pos; n++) bodies.push(valid.slice(big.pos, big.pos + n));
    let seed = 4242;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 3000; i++) {
      bodies.push(
        Uint8Array.from({ length: 1 + Math.floor(random() * 40) }, () =>
          Math.floor(random() * 256),
        ),
      );
    }
    // Bytes of the valid body, a few flipped.
    for (let i = 0; i < 1000; i++) {
      const mutated = valid.slice(big.pos, big.end);
      for (let k = 0; k < 3; k++)
        mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
      bodies.push(mutated);
    }
    let walked = 0;
    let refused = 0;
    for (const body of bodies) {
      const bytes = moduleWith([[...body]]);
      const expected = expectedReports(bytes, everything);
      if (expected) walked++;
      else refused++;
      expectSame(kernelReports(bytes, everything), expected);
    }
    // Both outcomes occur, so the comparison says something about each.
    expect(walked).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(1000);
  });
});

describe('readWholeFile', () => {
  it('reads a file whole (into a WebAssembly.Memory), and empty and special files too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wizer-input-'));
    try {
      const wasm = starlingMonkey();
      const path = join(dir, 'input.wasm');
      writeFileSync(path, wasm);
      const fd = openSync(path, 'r');
      const read = (() => {
        try {
          return readWholeFile(fd);
        } finally {
          closeSync(fd);
        }
      })();
      expect(Buffer.from(read).equals(Buffer.from(wasm))).toBe(true);
      expectSame(kernelReports(read, everything), expectedReports(wasm, everything));

      writeFileSync(join(dir, 'empty'), '');
      const empty = openSync(join(dir, 'empty'), 'r');
      expect(readWholeFile(empty).length).toBe(0);
      closeSync(empty);
      if (process.platform !== 'win32') {
        const devNull = openSync('/dev/null', 'r');
        expect(readWholeFile(devNull).length).toBe(0);
        closeSync(devNull);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
