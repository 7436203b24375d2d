/**
 * C and C++ to wasm32-wasip1 for the test fixtures, with the YoWASP build of clang and lld (npm
 * `@yowasp/clang`: LLVM compiled to WebAssembly, shipping wasi-libc, libc++ and compiler-rt). It
 * runs on Node alone, so every machine that can run the tests builds the same fixtures with the
 * same compiler, and nothing has to be installed beside npm's packages.
 *
 * Results are cached by content under .tmp/wasi-cc: a compile costs about 2 s for loading LLVM in
 * a process and 0.2-3.5 s per program, paid once per machine rather than per test file.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { repoRoot } from './tools.js';

export interface WasiCompile {
  /** Source files (host paths); a `.cpp` among them selects the C++ driver. */
  sources: string[];
  /** Further clang flags: optimization, target features, `-mexec-model=reactor`, ... */
  flags?: string[];
  /** Directories searched by `#include` (host paths; their files, not subdirectories). */
  includeDirs?: string[];
}

/** What the cache key must change with: the compiler's exact version. */
const COMPILER = (() => {
  const manifest = join(repoRoot, 'node_modules', '@yowasp', 'clang', 'package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return `@yowasp/clang@${version}`;
})();

const CACHE_DIR = join(repoRoot, '.tmp', 'wasi-cc');

type Tree = { [name: string]: Tree | string | Uint8Array };
interface Invocation {
  args: string[];
  files: Tree;
}

/** The virtual tree and arguments YoWASP's clang runs on: sources under src/, includes in incN/. */
function invocation(job: WasiCompile, extraArgs: string[]): Invocation {
  const src: Tree = {};
  for (const path of job.sources) src[basename(path)] = readFileSync(path);
  const files: Tree = { src };
  const includeArgs = (job.includeDirs ?? []).map((dir, i) => {
    const inc: Tree = {};
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      if (entry.isFile()) inc[entry.name] = readFileSync(join(dir, entry.name));
    }
    files[`inc${i}`] = inc;
    return `-Iinc${i}`;
  });
  const driver = job.sources.some((s) => /\.(cpp|cc|cxx)$/.test(s)) ? 'clang++' : 'clang';
  const args = [
    driver,
    '--target=wasm32-wasip1',
    ...includeArgs,
    ...(job.flags ?? []),
    ...extraArgs,
    ...job.sources.map((s) => `src/${basename(s)}`),
  ];
  return { args, files };
}

function cacheKey({ args, files }: Invocation): string {
  const hash = createHash('sha256').update(COMPILER).update('\0');
  for (const arg of args) hash.update(arg).update('\0');
  const add = (tree: Tree, prefix: string) => {
    for (const name of Object.keys(tree).sort()) {
      const value = tree[name]!;
      if (typeof value === 'string' || value instanceof Uint8Array) {
        hash.update(`${prefix}${name}\0`).update(value).update('\0');
      } else add(value, `${prefix}${name}/`);
    }
  };
  add(files, '');
  return hash.digest('hex');
}

export class WasiCompileError extends Error {
  constructor(args: readonly string[], stderr: string) {
    super(`${args.join(' ')} failed:\n${stderr}`);
    this.name = 'WasiCompileError';
  }
}

/** Runs clang in its virtual file system; returns the files it produced and its stdout. */
async function runYowasp({ args, files }: Invocation): Promise<{ files: Tree; stdout: string }> {
  const { commands } = await import('@yowasp/clang');
  const run = commands[args[0] === 'clang++' ? 'clang++' : 'clang'];
  const decoder = new TextDecoder();
  let stdout = '';
  let stderr = '';
  const collect = (append: (text: string) => void) => (bytes: Uint8Array | null) => {
    if (bytes) append(decoder.decode(bytes, { stream: true }));
  };
  try {
    const result = await run(args.slice(1), files, {
      stdout: collect((t) => (stdout += t)),
      stderr: collect((t) => (stderr += t)),
      fetchProgress: () => {}, // its resources are local files; no progress lines in test output
    });
    return { files: result ?? {}, stdout };
  } catch (error) {
    throw new WasiCompileError(args, stderr || String(error));
  }
}

/** Compiles and links a program; the module's bytes. */
export async function compileWasi(job: WasiCompile): Promise<Uint8Array> {
  const call = invocation(job, ['-o', 'out.wasm']);
  const cached = join(CACHE_DIR, `${cacheKey(call)}.wasm`);
  try {
    return new Uint8Array(readFileSync(cached));
  } catch {
    // not built yet on this machine
  }
  const { files } = await runYowasp(call);
  const wasm = files['out.wasm'];
  if (!(wasm instanceof Uint8Array)) throw new WasiCompileError(call.args, 'no out.wasm written');
  mkdirSync(CACHE_DIR, { recursive: true });
  // Test files run in parallel processes: write aside, then rename into place.
  const partial = `${cached}.${process.pid}.partial`;
  writeFileSync(partial, wasm);
  renameSync(partial, cached);
  return wasm;
}

/** The preprocessed text of the sources (`-E -P`), for tests of header logic. */
export async function preprocessWasi(job: WasiCompile): Promise<string> {
  return (await runYowasp(invocation(job, ['-E', '-P']))).stdout;
}
