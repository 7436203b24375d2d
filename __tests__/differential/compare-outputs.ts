/**
 * Compares the two output modules of a successful differential run:
 * - section layout (ids in order) and custom sections byte-for-byte;
 * - every section the rewrite copies verbatim byte-for-byte;
 * - memory limits, every global's type and init expression (bit-exact, exported or not), exports;
 * - data: original segment slots identical (passive bytes kept, active ones emptied), data count
 *   consistent, and the memory image after instantiation identical;
 * - the instantiated outputs: exported memories, exported globals and `probe*` results;
 * - size: ours must not be larger than upstream's.
 */
import { expect } from 'vitest';
import { type DiffResult, selfTest } from './harness.js';
import { buildImages, diffImages, type MemoryImage } from './memory-image.js';
import {
  type DataSegment,
  type ExportEntry,
  type GlobalEntry,
  type MemoryLimits,
  type RawSection,
  SECTION,
  readDataCount,
  readDataSegments,
  readExports,
  readGlobals,
  readMemories,
  readSections,
  toHex,
} from './wasm-sections.js';

export interface ParsedOutput {
  bytes: Uint8Array;
  sections: RawSection[];
  memories: MemoryLimits[];
  globals: GlobalEntry[];
  exports: ExportEntry[];
  segments: DataSegment[];
  dataCount: number | undefined;
  images: MemoryImage[];
}

export function parseOutput(bytes: Uint8Array): ParsedOutput {
  const sections = readSections(bytes);
  const memories = readMemories(sections);
  const segments = readDataSegments(sections);
  return {
    bytes,
    sections,
    memories,
    globals: readGlobals(sections),
    exports: readExports(sections),
    segments,
    dataCount: readDataCount(sections),
    images: buildImages(memories, segments),
  };
}

export interface SuccessOptions {
  /** Skip instantiating the outputs (e.g. features V8 cannot instantiate, huge memories). */
  instantiate?: boolean;
  /**
   * Compare snapshot segments one by one (default). Turn off where upstream's choice is
   * unspecified (segment cap with tied gaps); the memory image is still compared.
   */
  exactSegments?: boolean;
  /** Arguments for probe exports, by name (default: none). */
  probeArgs?: Record<string, unknown[]>;
  /**
   * Defined globals (indices into the global section) whose snapshot value may differ between
   * the tools, e.g. a relaxed-SIMD result under `--relaxed-simd-deterministic=false`. Their type
   * and init-expression length are still compared (and the instance comparison skips them); the
   * caller checks each tool's value on its own.
   */
  globalsMayDiffer?: readonly number[];
}

const VERBATIM = new Set<number>([
  SECTION.type,
  SECTION.import,
  SECTION.function,
  SECTION.table,
  SECTION.element,
  SECTION.code,
  SECTION.tag,
  SECTION.custom,
]);

function sectionLabel(s: RawSection): string {
  return s.id === SECTION.custom ? `custom:${s.name}` : String(s.id);
}

function describeGlobal(g: GlobalEntry): string {
  return `${toHex(g.type)} ${toHex(g.init)}`;
}

function describeSegment(s: DataSegment): string {
  return `flags=${s.flags} mem=${s.memory} offset=${s.offset ?? '-'} len=${s.bytes.length} ${toHex(s.bytes.subarray(0, 32))}`;
}

/** Both succeeded and produced equivalent modules. Returns both parsed outputs for extra checks. */
export async function expectSameSuccess(
  result: DiffResult,
  options: SuccessOptions = {},
): Promise<{ upstream: ParsedOutput; ours: ParsedOutput }> {
  const { upstream: up, ours: mine } = result;
  expect(up.code, `upstream failed:\n${up.stderr}`).toBe(0);
  expect(mine.code, `ours failed (upstream succeeded):\n${mine.stderr}`).toBe(0);
  expect(up.output, 'upstream produced no output').toBeDefined();
  expect(mine.output, 'ours produced no output').toBeDefined();
  const upstream = parseOutput(up.output!);
  const ours = parseOutput(mine.output!);

  expect(ours.sections.map(sectionLabel), 'section layout').toEqual(
    upstream.sections.map(sectionLabel),
  );
  upstream.sections.forEach((section, i) => {
    if (VERBATIM.has(section.id)) {
      expect(
        toHex(ours.sections[i]!.payload),
        `section #${i} (${sectionLabel(section)}) bytes`,
      ).toBe(toHex(section.payload));
    }
  });
  expect(ours.memories, 'memory limits').toEqual(upstream.memories);
  const loose = new Set(options.globalsMayDiffer ?? []);
  const globalText = (g: GlobalEntry, i: number) =>
    loose.has(i)
      ? `${toHex(g.type)} (value may differ, ${g.init.length} bytes)`
      : describeGlobal(g);
  expect(ours.globals.map(globalText), 'globals (type + init expr bytes)').toEqual(
    upstream.globals.map(globalText),
  );
  expect(ours.exports, 'exports (name, kind, index) in order').toEqual(upstream.exports);
  compareData(result, upstream, ours, options.exactSegments ?? true);
  expect(
    WebAssembly.validate(ours.bytes as Uint8Array<ArrayBuffer>),
    'our output validates in V8',
  ).toBe(WebAssembly.validate(upstream.bytes as Uint8Array<ArrayBuffer>));
  if (options.instantiate ?? true) await compareInstances(upstream, ours, options);
  expect(ours.bytes.length, 'our output must not be larger than upstream').toBeLessThanOrEqual(
    upstream.bytes.length,
  );
  if (!selfTest && toHex(ours.bytes) !== toHex(upstream.bytes)) {
    console.warn(
      `[differential] equivalent but not byte-identical (${ours.bytes.length} vs ${upstream.bytes.length})`,
    );
  }
  return { upstream, ours };
}

function compareData(
  result: DiffResult,
  upstream: ParsedOutput,
  ours: ParsedOutput,
  exact: boolean,
): void {
  const original = result.case.wasm ? readDataSegments(readSections(result.case.wasm)).length : 0;
  const slots = (p: ParsedOutput) => p.segments.slice(0, original).map(describeSegment);
  expect(slots(ours), 'original data segment slots (passive kept, active emptied)').toEqual(
    slots(upstream),
  );
  expect(ours.segments.length >= original, 'segment count').toBe(true);
  expect(ours.dataCount === undefined, 'data count section presence').toBe(
    upstream.dataCount === undefined,
  );
  if (ours.dataCount !== undefined) expect(ours.dataCount, 'data count').toBe(ours.segments.length);
  // Snapshot segments follow the rules (sorted, non-overlapping) in our output too.
  const snapshot = ours.segments.slice(original);
  for (let i = 1; i < snapshot.length; i++) {
    const a = snapshot[i - 1]!;
    const b = snapshot[i]!;
    const ordered =
      a.memory < b.memory ||
      (a.memory === b.memory && a.offset! + BigInt(a.bytes.length) <= b.offset!);
    expect(ordered, `snapshot segments ${i - 1}/${i} out of order or overlapping`).toBe(true);
  }
  expect(ours.images.length).toBe(upstream.images.length);
  upstream.images.forEach((image, k) => {
    expect(diffImages(image, ours.images[k]!), `memory ${k} image`).toBeUndefined();
  });
  const summary = (p: ParsedOutput) => p.segments.slice(original).map(describeSegment);
  if (exact) {
    expect(summary(ours), 'snapshot data segments').toEqual(summary(upstream));
  }
}

function stubImports(module: WebAssembly.Module): WebAssembly.Imports {
  const imports: Record<string, Record<string, WebAssembly.ExportValue>> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.kind !== 'function') continue;
    imports[imp.module] ??= {};
    imports[imp.module]![imp.name] = () => {
      throw new Error(`stub import ${imp.module}::${imp.name} called`);
    };
  }
  return imports;
}

type Observation = { kind: 'value'; value: string } | { kind: 'error'; message: string };

function observe(action: () => unknown): Observation {
  try {
    const value = action();
    const text =
      typeof value === 'bigint' ? `${value}n` : Object.is(value, -0) ? '-0' : String(value);
    return { kind: 'value', value: text };
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

const MAX_INSTANCE_MEMORY = 256 * 65536;

async function compareInstances(
  upstream: ParsedOutput,
  ours: ParsedOutput,
  options: SuccessOptions,
): Promise<void> {
  const instantiate = async (bytes: Uint8Array) => {
    const module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
    return new WebAssembly.Instance(module, stubImports(module));
  };
  const tooBig = upstream.images.some((m) => m.byteLength > BigInt(MAX_INSTANCE_MEMORY));
  if (tooBig) return;
  const [a, b] = await Promise.allSettled([instantiate(upstream.bytes), instantiate(ours.bytes)]);
  expect(b.status, 'our output instantiates iff upstream output does').toBe(a.status);
  if (a.status !== 'fulfilled' || b.status !== 'fulfilled') return;
  // Export names of the globals allowed to differ (export indices count imported globals first).
  const looseExports = new Set<string>();
  if (options.globalsMayDiffer?.length) {
    const module = await WebAssembly.compile(upstream.bytes as Uint8Array<ArrayBuffer>);
    const imported = WebAssembly.Module.imports(module).filter((i) => i.kind === 'global').length;
    for (const e of upstream.exports) {
      if (e.kind === 3 && options.globalsMayDiffer.includes(e.index - imported)) {
        looseExports.add(e.name);
      }
    }
  }
  const upExports = a.value.exports;
  const ourExports = b.value.exports;
  for (const [name, value] of Object.entries(upExports)) {
    const other = ourExports[name];
    if (value instanceof WebAssembly.Memory) {
      expect(other, `export ${name} is a memory`).toBeInstanceOf(WebAssembly.Memory);
      const x = new Uint8Array(value.buffer);
      const y = new Uint8Array((other as WebAssembly.Memory).buffer);
      expect(y.length, `memory ${name} size`).toBe(x.length);
      expect(
        Buffer.compare(
          Buffer.from(x.buffer, x.byteOffset, x.length),
          Buffer.from(y.buffer, y.byteOffset, y.length),
        ),
        `memory ${name} contents`,
      ).toBe(0);
    } else if (value instanceof WebAssembly.Global && !looseExports.has(name)) {
      expect(
        observe(() => (other as WebAssembly.Global).value),
        `global ${name}`,
      ).toEqual(observe(() => value.value));
    } else if (typeof value === 'function' && name.startsWith('probe')) {
      const args = options.probeArgs?.[name] ?? [];
      const call = (f: unknown) => () => (f as (...a: unknown[]) => unknown)(...args);
      expect(observe(call(other)), `probe ${name}()`).toEqual(observe(call(value)));
    }
  }
}
