/**
 * Compiles the C/C++ fixtures under fixtures/programs with Debian's clang-19 + wasi-libc
 * (see the toolchain notes: `--target=wasm32-wasi`, `-fno-exceptions` for C++).
 */
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { repoRoot, runProcess } from '../helpers/tools.js';

export const programsDir = join(repoRoot, 'fixtures', 'programs');
export const includeDir = join(repoRoot, 'include');

const WASI_LIB_DIR = '/usr/lib/wasm32-wasi';

export interface ProgramSpec {
  /** Unique name; the module is written as `<name>.wasm`. */
  name: string;
  /** Source file in fixtures/programs. */
  source: string;
  /** Extra compiler flags (target features, exec model). */
  flags?: string[];
}

function onPath(command: string): boolean {
  return (process.env['PATH'] ?? '')
    .split(delimiter)
    .some((dir) => dir !== '' && existsSync(join(dir, command)));
}

/** What is missing for building the fixtures, or undefined when clang-19 and the WASI libraries are present. */
export function missingToolchain(): string | undefined {
  const missing = [
    ...['clang-19', 'clang++-19', 'wasm-ld-19'].filter((c) => !onPath(c)),
    ...['libc.a', 'crt1-command.o', 'crt1-reactor.o', 'libc++.a', 'libc++abi.a']
      .map((f) => join(WASI_LIB_DIR, f))
      .filter((f) => !existsSync(f)),
  ];
  return missing.length > 0 ? missing.join(', ') : undefined;
}

/**
 * Compiles one program into `outDir`. `-Wl,--strip-debug` drops libc's DWARF but keeps the
 * `name`, `producers` and `target_features` custom sections, which the rewrite must carry over.
 */
export async function compileProgram(spec: ProgramSpec, outDir: string): Promise<Uint8Array> {
  const isCxx = spec.source.endsWith('.cpp');
  const output = join(outDir, `${spec.name}.wasm`);
  const args = [
    '--target=wasm32-wasi',
    '-O2',
    '-Wl,--strip-debug',
    `-I${includeDir}`,
    ...(isCxx ? ['-fno-exceptions', '-std=c++17'] : []),
    ...(spec.flags ?? []),
    '-o',
    output,
    join(programsDir, spec.source),
  ];
  const result = await runProcess(isCxx ? 'clang++-19' : 'clang-19', args, { env: process.env });
  if (result.code !== 0) throw new Error(`compiling ${spec.name} failed:\n${result.stderr}`);
  return new Uint8Array(readFileSync(output));
}

/** Compiles all programs, two at a time (the machine has two cores). */
export async function compileAll(
  specs: ProgramSpec[],
  outDir: string,
): Promise<Map<string, Uint8Array>> {
  const built = new Map<string, Uint8Array>();
  const queue = [...specs];
  const worker = async () => {
    for (let spec = queue.shift(); spec; spec = queue.shift()) {
      built.set(spec.name, await compileProgram(spec, outDir));
    }
  };
  await Promise.all([worker(), worker()]);
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
