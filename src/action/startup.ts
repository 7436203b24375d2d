/**
 * Start-up measurement for the job summary. "Before" is the engine's own measurement of
 * instantiating the original module and running its initialization (`timings.initialize`);
 * "after" is instantiating the wizened module, whose start function is gone, so nothing runs
 * but data segment copies. Compilation is left out of both. Only modules whose imports are all
 * functions can be instantiated here (the functions are stubs that are never reached), so
 * modules importing memories, tables, globals or tags are not measured.
 */
import type { StartupTimes } from '../cache/entry.js';

const ROUNDS = 3;

/** Best-of-three instantiation time of `wasm` in ms, or undefined when it cannot be measured. */
export function measureInstantiation(wasm: Uint8Array): number | undefined {
  let module: WebAssembly.Module;
  try {
    module = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
  } catch {
    return undefined;
  }
  const imports: Record<string, Record<string, () => never>> = {};
  for (const { module: namespace, name, kind } of WebAssembly.Module.imports(module)) {
    if (kind !== 'function') return undefined;
    (imports[namespace] ??= {})[name] = () => {
      throw new Error('imports are not callable while measuring start-up');
    };
  }
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    try {
      new WebAssembly.Instance(module, imports);
    } catch {
      return undefined;
    }
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** Before/after start-up times, when the wizened module can be measured. */
export function measureStartup(
  initializeMs: number,
  wizened: Uint8Array,
): StartupTimes | undefined {
  const afterMs = measureInstantiation(wizened);
  return afterMs === undefined ? undefined : { beforeMs: initializeMs, afterMs };
}

/** before / after, with a floor on "after" so sub-timer-resolution instantiations stay finite. */
export function speedup(startup: StartupTimes): number {
  return startup.beforeMs / Math.max(startup.afterMs, 0.001);
}
