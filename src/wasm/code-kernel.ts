/**
 * A filtered walk over a whole code section in compiled code (code-kernel.wat): it decodes every
 * instruction as `walkFunctionBody` does and reports only the ones a filter asks for, plus the
 * bodies that declare locals of reference type. A one-shot process walks each module's code
 * once, so the same loop in JavaScript runs mostly unoptimized: SQLite's 1 MB of code took about
 * 15 ms there and takes 5 ms here, StarlingMonkey's 9 MB 60-80 ms and 30 ms (Liftoff code, with
 * fast paths for the common instructions). Where the code is malformed the kernel traps and the
 * walk returns undefined: walking it in JavaScript then reports the error.
 */
import { CODE_KERNEL_WASM_BASE64 } from './code-kernel-wasm.js';
import { INSTRUCTIONS, PREFIX_OPCODES } from './code.js';

/** When a single-byte instruction is reported. */
export const ReportWhen = {
  never: 0,
  always: 1,
  /** Only when its block type is a reference type (the byte after the opcode). */
  refBlockType: 2,
} as const;
export type ReportWhen = (typeof ReportWhen)[keyof typeof ReportWhen];

/** Which instructions a walk reports. */
export interface InstructionFilter {
  single(opcode: number): ReportWhen;
  prefixed(opcode: number, subopcode: number): boolean;
}

/** The `opcode` of a report that a body declares a local of reference type. */
export const LOCALS_REPORT = -1;

/**
 * Reports as consecutive [opcode, subopcode, offset, body] entries, in code order: `subopcode`
 * is -1 unless `opcode` is a prefix; `offset` is the instruction's (or, for `LOCALS_REPORT`, the
 * locals vector's) position in the input; `body` is the index of the function body.
 */
export type WalkReports = Int32Array;
export const REPORT_FIELDS = 4;

const ENTRY_BYTES = 8;
const STEP_SLOTS = 6;
const MODE_AT = 6;
const DELTA_AT = 7;
const PREFIX_MARK = 0xfe;
const UNKNOWN_MARK = 0xff;
const SUBOPCODES = 512;
const PREFIXED_TABLE_AT = 256 * ENTRY_BYTES;
const REPORTS_AT = PREFIXED_TABLE_AT + PREFIX_OPCODES.length * SUBOPCODES * ENTRY_BYTES;
const PAGE_BYTES = 65536;

interface KernelExports {
  memory: WebAssembly.Memory;
  walk(pos: number, sectionEnd: number, reports: number, base: number): number;
}

/** The WebAssembly.Memory behind buffers from `wasmMemoryBuffer`, which the kernel reads in place. */
const memoryOf = new WeakMap<ArrayBufferLike, WebAssembly.Memory>();

/**
 * A zeroed buffer of `size` bytes inside a WebAssembly.Memory, for reading an input into: the
 * compiled walk then reads its code where it is instead of copying it.
 */
export function wasmMemoryBuffer(size: number): Uint8Array {
  const memory = new WebAssembly.Memory({ initial: Math.ceil(size / PAGE_BYTES) });
  memoryOf.set(memory.buffer, memory);
  return new Uint8Array(memory.buffer, 0, size);
}

let compiled: WebAssembly.Module | undefined;

export class CodeWalker {
  private constructor(private readonly tables: Uint8Array) {}

  /** A walker for `filter`: its decoding and report tables, built once. */
  static create(filter: InstructionFilter): CodeWalker {
    // One pass over the instructions, not over all 2,304 entries: this runs cold, once per process.
    const tables = new Uint8Array(REPORTS_AT);
    for (let at = 0; at < REPORTS_AT; at += ENTRY_BYTES) tables[at] = UNKNOWN_MARK;
    for (const prefix of PREFIX_OPCODES) tables[prefix * ENTRY_BYTES] = PREFIX_MARK;
    const { count, prefixes, codes, stepStart, stepCodes, blockDelta } = INSTRUCTIONS;
    for (let id = 0; id < count; id++) {
      const prefix = prefixes[id]!;
      const code = codes[id]!;
      if (prefix !== 0 && code >= SUBOPCODES) continue; // left unknown: the kernel traps there
      const at =
        prefix === 0
          ? code * ENTRY_BYTES
          : PREFIXED_TABLE_AT + ((prefix - PREFIX_OPCODES[0]) * SUBOPCODES + code) * ENTRY_BYTES;
      const from = stepStart[id]!;
      const stepCount = stepStart[id + 1]! - from;
      if (stepCount > STEP_SLOTS) {
        throw new Error(`unreachable: instruction ${id} has more immediates than slots`);
      }
      tables[at] = 0;
      for (let k = 0; k < stepCount; k++) tables[at + k] = stepCodes[from + k]!;
      tables[at + MODE_AT] =
        prefix === 0 ? filter.single(code) : Number(filter.prefixed(prefix, code));
      tables[at + DELTA_AT] = blockDelta[id]! & 0xff;
    }
    return new CodeWalker(tables);
  }

  /**
   * Walks the code section payload `bytes[start, end)`: the reports, or undefined when the code
   * is malformed (or the kernel cannot run here). Input from `wasmMemoryBuffer` is read in
   * place; any other is copied first.
   */
  walk(bytes: Uint8Array, start: number, end: number): WalkReports | undefined {
    try {
      let input = memoryOf.get(bytes.buffer);
      let shift = bytes.byteOffset;
      if (!input) {
        const code = wasmMemoryBuffer(end - start);
        code.set(bytes.subarray(start, end));
        input = memoryOf.get(code.buffer)!;
        shift = -start;
      }
      compiled ??= new WebAssembly.Module(Buffer.from(CODE_KERNEL_WASM_BASE64, 'base64'));
      // A new instance per walk: its memory (the reports) goes when the walk is done.
      const instance = new WebAssembly.Instance(compiled, { input: { memory: input } });
      const exports = instance.exports as unknown as KernelExports;
      new Uint8Array(exports.memory.buffer).set(this.tables);
      const count = exports.walk(start + shift, end + shift, REPORTS_AT, -shift);
      return new Int32Array(exports.memory.buffer, REPORTS_AT, count * REPORT_FIELDS);
    } catch (error) {
      // A trap (malformed code), no room for the reports, or an engine without multi-memory.
      const { RuntimeError, CompileError, LinkError } = WebAssembly;
      for (const kind of [RuntimeError, CompileError, LinkError, RangeError]) {
        if (error instanceof kind) return undefined;
      }
      throw error;
    }
  }
}
