/**
 * Post-initialization optimization with binaryen (`--optimize`, beyond upstream), in the same step
 * as the wizening: after init, the init function and everything only it reached are dead, so
 * binaryen's `remove-unused-module-elements` (part of every default pipeline) drops them.
 *
 * What comes out, besides binaryen's code:
 * - features: the module's own `target_features` when it has one, else everything binaryen knows
 *   except "compact imports" (binaryen would write a section V8 rejects); the result must
 *   validate in V8, or it is an error (never an invalid module);
 * - custom sections: binaryen's are dropped and the input's put back byte for byte (`producers`,
 *   `component-type`, ...; those before the first known section first, the rest at the end),
 *   except `name`, kept only with `-g` (binaryen's, with only the kinds of names the input had:
 *   binaryen names the locals it adds too), and DWARF (`.debug_*`) and `sourceMappingURL`, which
 *   would describe code that is no longer there;
 * - binaryen's global settings (levels, debug info, Stack IR) are set for the run and restored.
 */
import { WizerError } from '../errors.js';
import { SectionId } from '../wasm/constants.js';
import { readSections, type RawSection } from '../wasm/module.js';
import { BinaryReader } from '../wasm/reader.js';
import { concatChunks, sectionHeader } from '../wasm/writer.js';
import { parseOptimizeArgs, type OptimizeArgs } from './args.js';
import { loadBinaryen, type Binaryen } from './binaryen.js';
import type { Logger, OptimizeReport, WizenOptions } from '../wizer/options.js';
import { monotonicMs } from '../sources/index.js';

export { OptimizeArgsError, parseOptimizeArgs, type OptimizeArgs } from './args.js';

/** Optimizes one core module as `args` (a `--optimize` string) asks. */
export async function optimizeModule(
  wasm: Uint8Array,
  args: string,
): Promise<{ wasm: Uint8Array; report: OptimizeReport }> {
  const parsed = parseOptimizeArgs(args);
  const started = monotonicMs();
  const binaryen = await loadBinaryen();
  const sections = readSections(wasm);
  const optimized = runBinaryen(binaryen, wasm, parsed, features(binaryen, wasm, sections));
  const output = withInputCustomSections(optimized, wasm, sections, parsed.debugInfo);
  if (!WebAssembly.validate(output as Uint8Array<ArrayBuffer>)) {
    throw new WizerError('binaryen produced a module V8 does not accept', {
      cause: 'try fewer passes or a lower level; nothing was written',
    });
  }
  return {
    wasm: output,
    report: {
      ms: monotonicMs() - started,
      bytesBefore: wasm.length,
      bytesAfter: output.length,
    },
  };
}

function runBinaryen(
  binaryen: Binaryen,
  wasm: Uint8Array,
  args: OptimizeArgs,
  featureSet: number,
): Uint8Array {
  const saved = {
    optimize: binaryen.getOptimizeLevel(),
    shrink: binaryen.getShrinkLevel(),
    debugInfo: binaryen.getDebugInfo(),
    generateStackIR: binaryen.getGenerateStackIR(),
    optimizeStackIR: binaryen.getOptimizeStackIR(),
  };
  let module;
  try {
    module = binaryen.readBinary(wasm, featureSet);
    // As wasm-opt does by default: binaryen's passes assume a module valid with its features.
    if (module.validate() === 0) {
      throw new Error(
        'binaryen finds the module invalid with the features it declares (target_features) or, ' +
          'without that section, with every feature it knows',
      );
    }
    binaryen.setDebugInfo(args.debugInfo);
    binaryen.setOptimizeLevel(args.optimizeLevel);
    binaryen.setShrinkLevel(args.shrinkLevel);
    for (const step of args.steps) {
      if (step.kind === 'pass') {
        module.runPasses([step.name]);
      } else {
        binaryen.setOptimizeLevel(step.optimize);
        binaryen.setShrinkLevel(step.shrink);
        if (step.optimize > 0 || step.shrink > 0) module.optimize();
        binaryen.setOptimizeLevel(args.optimizeLevel);
        binaryen.setShrinkLevel(args.shrinkLevel);
      }
    }
    // wasm-opt writes through optimized "Stack IR" from -O2/-Os up (binaryen.js does not by
    // default): up to 27 KB smaller code on StarlingMonkey, the same bytes as wasm-opt.
    const stackIR = args.optimizeLevel >= 2 || args.shrinkLevel >= 1;
    binaryen.setGenerateStackIR(stackIR);
    binaryen.setOptimizeStackIR(stackIR);
    return module.emitBinary();
  } catch (error) {
    throw new WizerError('binaryen failed to optimize the module', { cause: binaryenCause(error) });
  } finally {
    module?.dispose();
    binaryen.setOptimizeLevel(saved.optimize);
    binaryen.setShrinkLevel(saved.shrink);
    binaryen.setDebugInfo(saved.debugInfo);
    binaryen.setGenerateStackIR(saved.generateStackIR);
    binaryen.setOptimizeStackIR(saved.optimizeStackIR);
  }
}

/** Binaryen aborts as an Emscripten program does; out of memory is the common case. */
function binaryenCause(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/memory|Aborted\(OOM\)|Cannot enlarge/i.test(text)) {
    return `binaryen ran out of memory (its heap is capped at 4 GiB): ${text}`;
  }
  return text;
}

/** LLVM's `target_features` names and binaryen's flags for them. */
const FEATURE_NAMES: Readonly<Record<string, string>> = {
  atomics: 'Atomics',
  'bulk-memory': 'BulkMemory',
  'bulk-memory-opt': 'BulkMemoryOpt',
  'call-indirect-overlong': 'CallIndirectOverlong',
  'exception-handling': 'ExceptionHandling',
  'extended-const': 'ExtendedConst',
  fp16: 'FP16',
  gc: 'GC',
  memory64: 'Memory64',
  multimemory: 'MultiMemory',
  multivalue: 'Multivalue',
  'mutable-globals': 'MutableGlobals',
  'nontrapping-fptoint': 'NontrappingFPToInt',
  'reference-types': 'ReferenceTypes',
  'relaxed-simd': 'RelaxedSIMD',
  'sign-ext': 'SignExt',
  simd128: 'SIMD128',
  'tail-call': 'TailCall',
  'wide-arithmetic': 'WideArithmetic',
  'custom-page-sizes': 'CustomPageSizes',
};

function features(binaryen: Binaryen, wasm: Uint8Array, sections: readonly RawSection[]): number {
  const flag = (name: string): number => binaryen.Features[name] ?? 0;
  const section = sections.find((s) => s.customName === 'target_features');
  if (section === undefined) return flag('All') & ~flag('CompactImports');
  let set = flag('MutableGlobals');
  const r = new BinaryReader(wasm, section.payloadStart, section.end);
  r.name();
  for (let n = r.u32(); n > 0; n--) {
    const prefix = r.u8();
    const name = FEATURE_NAMES[r.name()];
    if (name === undefined) continue;
    // '+' used, '=' required; '-' disallowed.
    if (prefix === 0x2b || prefix === 0x3d) set |= flag(name);
  }
  return set;
}

/** Custom sections that describe code and would be wrong after optimization. */
function staleAfterOptimizing(name: string): boolean {
  return (
    name.startsWith('.debug_') || name === 'sourceMappingURL' || name === 'external_debug_info'
  );
}

function withInputCustomSections(
  optimized: Uint8Array,
  input: Uint8Array,
  inputSections: readonly RawSection[],
  keepNames: boolean,
): Uint8Array {
  const firstKnown = inputSections.findIndex((s) => s.id !== SectionId.Custom);
  const carried = (from: number, to: number): Uint8Array[] =>
    inputSections
      .slice(from, to)
      .filter(
        (s) =>
          s.id === SectionId.Custom &&
          s.customName !== 'name' &&
          !staleAfterOptimizing(s.customName ?? ''),
      )
      .map((s) => input.subarray(s.start, s.end));
  const leading = firstKnown < 0 ? [] : carried(0, firstKnown);
  const trailing = carried(firstKnown < 0 ? 0 : firstKnown, inputSections.length);
  const out = readSections(optimized);
  const known = out.filter((s) => s.id !== SectionId.Custom);
  const slice = (s: RawSection) => optimized.subarray(s.start, s.end);
  const inputNames = inputSections.find((s) => s.customName === 'name');
  const outputNames = out.find((s) => s.customName === 'name');
  const names =
    keepNames && inputNames !== undefined && outputNames !== undefined
      ? nameSectionLike(optimized, outputNames, nameSubsections(input, inputNames))
      : [];
  return concatChunks([
    optimized.subarray(0, 8),
    ...leading,
    ...known.map(slice),
    ...names,
    ...trailing,
  ]);
}

/** The ids of a name section's subsections (1 functions, 2 locals, 7 globals, ...). */
function nameSubsections(bytes: Uint8Array, section: RawSection): Set<number> {
  const ids = new Set<number>();
  const r = new BinaryReader(bytes, section.payloadStart, section.end);
  r.name();
  while (!r.eof) {
    ids.add(r.u8());
    const size = r.u32();
    r.pos += size;
  }
  return ids;
}

/**
 * Binaryen's name section (`-g`) with only the kinds of names the input had: binaryen also names
 * the scratch locals it adds (about 80 KB on StarlingMonkey), which an input without local names
 * should not gain.
 */
function nameSectionLike(
  bytes: Uint8Array,
  section: RawSection,
  kinds: ReadonlySet<number>,
): Uint8Array[] {
  const r = new BinaryReader(bytes, section.payloadStart, section.end);
  r.name();
  const header = bytes.subarray(section.payloadStart, r.pos); // the name "name"
  const kept: Uint8Array[] = [];
  while (!r.eof) {
    const start = r.pos;
    const id = r.u8();
    const size = r.u32();
    r.pos += size;
    if (kinds.has(id)) kept.push(bytes.subarray(start, r.pos));
  }
  if (kept.length === 0) return [];
  const payload = concatChunks([header, ...kept]);
  return [sectionHeader(SectionId.Custom, payload.length), payload];
}

/** `--optimize`: binaryen on the output, with a debug line saying what it did. */
export async function optimizeOutput(
  wasm: Uint8Array,
  options: Pick<WizenOptions, 'optimize'>,
  logger: Logger,
): Promise<{ wasm: Uint8Array; report: OptimizeReport } | undefined> {
  if (options.optimize === undefined) return undefined;
  logger.debug(`Optimizing with binaryen (${options.optimize})`, 'optimize');
  const result = await optimizeModule(wasm, options.optimize);
  const { ms, bytesBefore, bytesAfter } = result.report;
  logger.debug(
    `Optimized in ${ms.toFixed(0)} ms: ${bytesBefore} -> ${bytesAfter} bytes ` +
      `(${(((bytesAfter - bytesBefore) / bytesBefore) * 100).toFixed(1)}%)`,
    'optimize',
  );
  return result;
}

/** Two reports as one (a component's modules, a job's totals); either may be missing. */
export function addOptimizeReports(
  sum: OptimizeReport | undefined,
  one: OptimizeReport | undefined,
): OptimizeReport | undefined {
  if (one === undefined) return sum;
  if (sum === undefined) return one;
  return {
    ms: sum.ms + one.ms,
    bytesBefore: sum.bytesBefore + one.bytesBefore,
    bytesAfter: sum.bytesAfter + one.bytesAfter,
  };
}
