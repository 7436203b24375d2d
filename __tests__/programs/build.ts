/**
 * Compiles the C/C++ fixtures under fixtures/programs with the project's own WASI toolchain
 * (../helpers/wasi-cc.ts; `-fno-exceptions` for C++, as the toolchain notes advise).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileWasi } from '../helpers/wasi-cc.js';
import { repoRoot } from '../helpers/tools.js';

export const programsDir = join(repoRoot, 'fixtures', 'programs');
export const includeDir = join(repoRoot, 'include');

export interface ProgramSpec {
  /** Unique name; the module is written as `<name>.wasm`. */
  name: string;
  /** Source file in fixtures/programs. */
  source: string;
  /** Extra compiler flags (target features, exec model). */
  flags?: string[];
}

/**
 * Compiles one program and writes it to `outDir` as well. `-Wl,--strip-debug` drops libc's DWARF
 * but keeps the `name`, `producers` and `target_features` custom sections, which the rewrite must
 * carry over.
 */
export async function compileProgram(spec: ProgramSpec, outDir: string): Promise<Uint8Array> {
  const isCxx = spec.source.endsWith('.cpp');
  const wasm = await compileWasi({
    sources: [join(programsDir, spec.source)],
    includeDirs: [includeDir],
    flags: [
      '-O2',
      '-Wl,--strip-debug',
      ...(isCxx ? ['-fno-exceptions', '-std=c++17'] : []),
      ...(spec.flags ?? []),
    ],
  });
  writeFileSync(join(outDir, `${spec.name}.wasm`), wasm);
  return wasm;
}

/** Compiles all programs (one after another: the compiler runs on this thread). */
export async function compileAll(
  specs: ProgramSpec[],
  outDir: string,
): Promise<Map<string, Uint8Array>> {
  const built = new Map<string, Uint8Array>();
  for (const spec of specs) built.set(spec.name, await compileProgram(spec, outDir));
  return built;
}

/** The `+feature` names in a module's `target_features` custom section. */
export function targetFeatures(wasm: Uint8Array): string[] {
  const module = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
  const [section] = WebAssembly.Module.customSections(module, 'target_features');
  if (!section) return [];
  const bytes = new Uint8Array(section);
  const features: string[] = [];
  let pos = 0;
  const leb = () => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[pos++]!;
      value |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) return value;
    }
  };
  const count = leb();
  for (let i = 0; i < count; i++) {
    const prefix = String.fromCharCode(bytes[pos++]!);
    const length = leb();
    features.push(prefix + new TextDecoder().decode(bytes.subarray(pos, pos + length)));
    pos += length;
  }
  return features;
}
