// WASI host-call cost as a benchmark module: fixtures/bench/wasi-calls.wat, assembled with wabt.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fixturesDir, workDir } from './paths.mjs';

const source = join(fixturesDir, 'bench', 'wasi-calls.wat');

export async function prepareWasiCalls() {
  const text = readFileSync(source, 'utf8');
  const dir = join(workDir, 'wasi-calls');
  mkdirSync(dir, { recursive: true });
  const inputPath = join(dir, 'wasi-calls.wasm');
  const wabt = await createRequire(import.meta.url)('wabt')();
  const parsed = wabt.parseWat(source, text);
  writeFileSync(inputPath, parsed.toBinary({}).buffer);
  parsed.destroy();
  return {
    name: 'WASI host calls (3M clock/random/fd_write)',
    inputPath,
    extra:
      "the WASI row measures host-call cost (a trivial module: the RSS is mostly Node's own, " +
      'about 45 MB before any Wasm runs).',
    wizerInvocation: (outPath) => ({
      args: ['--allow-wasi', '--inherit-stdio=false', '-o', outPath, inputPath],
    }),
    validate: (outPath) => validateWasiCalls(outPath),
  };
}

/** The snapshot holds the last fd_write result (12 bytes written) and a recent timestamp. */
function validateWasiCalls(outPath) {
  const module = new WebAssembly.Module(readFileSync(outPath));
  const imports = {};
  for (const { module: from, name } of WebAssembly.Module.imports(module)) {
    (imports[from] ??= {})[name] = () => {
      throw new Error(`${from}::${name} called after initialization`);
    };
  }
  const instance = new WebAssembly.Instance(module, imports);
  const exports = Object.keys(instance.exports);
  if (exports.join() !== 'memory') throw new Error(`exports are ${exports.join(', ')}`);
  const view = new DataView(instance.exports.memory.buffer);
  const written = view.getUint32(8, true);
  if (written !== 12) throw new Error(`fd_write reported ${written} bytes, not 12`);
  if (view.getBigUint64(0, true) === 0n) throw new Error('no timestamp was stored');
  return 'init export removed, last fd_write wrote 12 bytes, timestamp stored';
}
