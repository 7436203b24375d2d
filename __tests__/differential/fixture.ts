/**
 * Fixture loading for the differential suite: WAT files under __tests__/fixtures/ or inline WAT,
 * assembled once per process and cached.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import wabtInit from 'wabt';
import { repoRoot } from '../helpers/tools.js';
import { type DiffCase, type DiffResult, runBoth } from './harness.js';

export const fixturesDir = join(repoRoot, '__tests__', 'fixtures');

const cache = new Map<string, Promise<Uint8Array>>();

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
let wabtPromise: Promise<Wabt> | undefined;

const ALL_FEATURES = {
  exceptions: true,
  mutable_globals: true,
  sat_float_to_int: true,
  sign_extension: true,
  simd: true,
  threads: true,
  function_references: true,
  multi_value: true,
  tail_call: true,
  bulk_memory: true,
  reference_types: true,
  annotations: true,
  code_metadata: true,
  gc: true,
  memory64: true,
  extended_const: true,
  relaxed_simd: true,
  multi_memory: true,
};

/**
 * Assembles WAT without wabt's validator, which rejects some inputs upstream accepts (e.g.
 * extended-const initialisers). Upstream validates every fixture itself, and success cases check
 * that it succeeded.
 */
async function assemble(text: string): Promise<Uint8Array> {
  wabtPromise ??= wabtInit();
  const wabt = await wabtPromise;
  const module = wabt.parseWat('fixture.wat', text, ALL_FEATURES);
  try {
    module.resolveNames();
    return new Uint8Array(module.toBinary({ write_debug_names: true }).buffer);
  } finally {
    module.destroy();
  }
}

/** Assembles inline WAT (cached by text). */
export function wasmOf(text: string): Promise<Uint8Array> {
  let hit = cache.get(text);
  if (!hit) {
    hit = assemble(text);
    cache.set(text, hit);
  }
  return hit;
}

/** Reads `__tests__/fixtures/<name>` as text. */
export function fixtureText(name: string): string {
  return readFileSync(join(fixturesDir, name), 'utf8');
}

/** Assembles `__tests__/fixtures/<name>.wat`. */
export function fixture(name: string): Promise<Uint8Array> {
  return wasmOf(fixtureText(`${name}.wat`));
}

/** Runs both tools on inline WAT (or bytes) with the given flags. */
export async function diffWat(
  source: string | Uint8Array,
  args: string[] = [],
  extra: Omit<DiffCase, 'wasm' | 'args'> = {},
): Promise<DiffResult> {
  const wasm = typeof source === 'string' ? await wasmOf(source) : source;
  return runBoth({ wasm, args, ...extra });
}
