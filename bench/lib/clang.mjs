// C for wasm32-wasip1 with the project's own compiler: npm @yowasp/clang (LLVM compiled to
// WebAssembly, with wasi-libc), so the benchmark inputs build on any machine with Node and npm.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDecoder } from 'node:util';
import { packageDir } from './paths.mjs';

/** The compiler's exact version, for cache keys. */
export function clangVersion() {
  const dir = packageDir('@yowasp/clang');
  return `@yowasp/clang@${JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version}`;
}

/**
 * Runs clang in its virtual file system on `files` (name -> bytes, also under subfolders) with
 * `args` (sources, flags; `-o out.wasm` is added) and returns out.wasm.
 */
export async function compileC(files, args) {
  const { commands } = await import('@yowasp/clang');
  const decoder = new TextDecoder();
  let stderr = '';
  const argv = [...args, '-o', 'out.wasm'];
  let output;
  try {
    output = await commands.clang(argv, files, {
      stdout: () => {},
      stderr: (bytes) => {
        if (bytes) stderr += decoder.decode(bytes, { stream: true });
      },
      fetchProgress: () => {},
    });
  } catch (error) {
    throw new Error(`clang ${argv.join(' ')} failed: ${stderr || String(error)}`, {
      cause: error,
    });
  }
  const wasm = output?.['out.wasm'];
  if (!(wasm instanceof Uint8Array)) throw new Error(`clang wrote no out.wasm: ${stderr}`);
  return wasm;
}
