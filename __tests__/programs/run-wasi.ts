/**
 * Runs a WASI command module under node:wasi and captures what it printed and its exit status.
 * stdout and stderr go to temp files (node:wasi takes file descriptors, not streams).
 */
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WASI } from 'node:wasi';
import { tempDir } from '../helpers/tools.js';

export interface RunEnvironment {
  env?: Record<string, string>;
  /** Text the guest reads from stdin (default: empty). */
  stdin?: string;
  /** Guest path -> host directory. */
  preopens?: Record<string, string>;
}

export interface CommandRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Instantiates `wasm` and runs `entryPoints` in order as if they were one `_start`, so an
 * un-wizened module can be run with its init function first (`['wizer-initialize', '_start']`).
 * `args` is the full argv, program name included.
 */
export async function runCommand(
  wasm: Uint8Array,
  args: string[],
  entryPoints: string[] = ['_start'],
  environment: RunEnvironment = {},
): Promise<CommandRun> {
  const scratch = tempDir('wizer-program-run-');
  const stdinPath = join(scratch.path, 'stdin');
  writeFileSync(stdinPath, environment.stdin ?? '');
  const stdinFd = openSync(stdinPath, 'r');
  const stdoutPath = join(scratch.path, 'stdout');
  const stderrPath = join(scratch.path, 'stderr');
  const stdoutFd = openSync(stdoutPath, 'w');
  const stderrFd = openSync(stderrPath, 'w');
  try {
    const wasi = new WASI({
      version: 'preview1',
      args,
      env: environment.env ?? {},
      preopens: environment.preopens ?? {},
      stdin: stdinFd,
      stdout: stdoutFd,
      stderr: stderrFd,
      returnOnExit: true,
    });
    const module = await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>);
    const instance = await WebAssembly.instantiate(
      module,
      wasi.getImportObject() as WebAssembly.Imports,
    );
    const exports = instance.exports;
    const entries = entryPoints.map((name) => {
      const entry = exports[name];
      if (typeof entry !== 'function') throw new Error(`module has no function export \`${name}\``);
      return entry as () => void;
    });
    // wasi.start() insists on one `_start` (and no `_initialize`); a stand-in sequences ours.
    const startable = {
      exports: { memory: exports['memory'], _start: () => entries.forEach((f) => f()) },
    };
    const exitCode = wasi.start(startable);
    return {
      exitCode,
      stdout: readFileSync(stdoutPath, 'utf8'),
      stderr: readFileSync(stderrPath, 'utf8'),
    };
  } finally {
    closeSync(stdinFd);
    closeSync(stdoutFd);
    closeSync(stderrFd);
    scratch.cleanup();
  }
}
