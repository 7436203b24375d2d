/**
 * The CLI's stdin and stdout as other programs connect them: a pipe, a file, a pipe that another
 * process left non-blocking, and a multi-megabyte module written to a pipe, which must arrive
 * whole before the process exits. Runs the real bundle (`WIZER_TEST_CLI` or dist/cli.js).
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ourCliPath,
  runOurs,
  tempDir,
  toolEnv,
  wat,
  type ProcessResult,
} from '../helpers/tools.js';

const dir = tempDir('wizer-stdio-');
afterAll(() => dir.cleanup());

/** Fills 6 MiB of memory with non-zero words, so the snapshot (and output) is over 6 MiB. */
const LARGE = `(module
  (memory (export "memory") 100)
  (func (export "wizer-initialize") (local $i i32)
    (loop $l
      (i32.store (local.get $i)
        (i32.or (i32.mul (local.get $i) (i32.const 0x9E3779B1)) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 6291456))))))`;

const SMALL = `(module
  (global (export "g") (mut i32) (i32.const 0))
  (func (export "wizer-initialize") (global.set 0 (i32.const 42))))`;

let small: { path: string; bytes: Uint8Array; expected: Buffer };
let large: { path: string; expected: Buffer };

/** The module and the output `-o FILE` gives for it: what stdout must carry byte for byte. */
async function fixture(name: string, text: string) {
  const path = join(dir.path, `${name}.wasm`);
  const bytes = await wat(text);
  writeFileSync(path, bytes);
  const out = join(dir.path, `${name}.out.wasm`);
  const result = await runOurs([path, '-o', out]);
  expect(result.code, result.stderr).toBe(0);
  return { path, bytes, expected: readFileSync(out) };
}

beforeAll(async () => {
  small = await fixture('small', SMALL);
  large = await fixture('large', LARGE);
}, 60_000);

/**
 * A script that opens its own `stream` (Node makes a pipe non-blocking then, and the flag belongs
 * to the pipe, not the process) and turns into the command its arguments give, which inherits
 * the pipe so, as under a parent that left it non-blocking. process.execve (Node 23.11+, POSIX)
 * replaces the process without libuv's spawn, which would make the pipe blocking again.
 */
function nonBlockingWrapper(stream: 'stdin' | 'stderr'): string {
  const path = join(dir.path, `nonblocking-${stream}.cjs`);
  writeFileSync(
    path,
    `process.${stream};
     process.execve(process.execPath, [process.execPath, ...process.argv.slice(2)], process.env);\n`,
  );
  return path;
}

/** Runs the CLI with the given stdin; resolves when it has exited and its pipes are drained. */
function runWithStdin(
  command: string[],
  stdin: 'pipe' | number,
  feed?: (input: NodeJS.WritableStream, exited: Promise<void>) => Promise<void>,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, command, {
      env: toolEnv(),
      stdio: [stdin, 'pipe', 'pipe'],
      timeout: 50_000,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (c: Buffer) => out.push(c));
    child.stderr?.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    const exited = new Promise<void>((done) => child.on('exit', () => done()));
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }),
    );
    if (child.stdin) {
      child.stdin.on('error', () => {}); // EPIPE once a failing child has gone
      void feed?.(child.stdin, exited).catch(reject);
    }
  });
}

describe('CLI stdin', () => {
  it('reads the module from a pipe', async () => {
    const result = await runOurs([], { input: small.bytes });
    expect(result.code, result.stderr).toBe(0);
    expect(Buffer.compare(result.stdout, small.expected)).toBe(0);
  });

  it('reads the module from a file on stdin', async () => {
    const fd = openSync(small.path, 'r');
    try {
      const result = await runWithStdin([ourCliPath], fd);
      expect(result.code, result.stderr).toBe(0);
      expect(Buffer.compare(result.stdout, small.expected)).toBe(0);
    } finally {
      closeSync(fd);
    }
  });

  it.runIf(process.platform !== 'win32' && typeof process.execve === 'function')(
    'waits for data on a pipe another process made non-blocking, where a sync read fails with EAGAIN',
    async () => {
      const wrapper = nonBlockingWrapper('stdin');
      const bytes = small.bytes;
      const half = bytes.length >> 1;
      const result = await runWithStdin(
        ['--no-warnings', wrapper, ourCliPath],
        'pipe',
        async (input, exited) => {
          // The first half, then a pause with the pipe empty but open: a synchronous read meets
          // EAGAIN there and the CLI exits early. Correct code just waits, whatever the pause.
          input.write(bytes.subarray(0, half));
          await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 1000))]);
          input.end(bytes.subarray(half));
        },
      );
      expect(result.stderr).not.toMatch(/EAGAIN/);
      expect(result.code, result.stderr).toBe(0);
      expect(Buffer.compare(result.stdout, small.expected)).toBe(0);
    },
  );

  it('reports an empty stdin as a bad module, not as a read failure', async () => {
    const result = await runOurs([], { input: new Uint8Array() });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/failed to read input/);
  });
});

describe('CLI stderr', () => {
  /** Writes 256 KiB of `x` to fd 2 during init: four times what a Linux pipe holds. */
  const CHATTY = `(module
    (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
    (memory (export "memory") 5)
    (func (export "wizer-initialize")
      (memory.fill (i32.const 16) (i32.const 0x78) (i32.const 262144))
      (i32.store (i32.const 0) (i32.const 16))
      (i32.store (i32.const 4) (i32.const 262144))
      (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 8)))))`;

  // Through a non-blocking stderr, a full pipe fails writes with EAGAIN until the reader, paused
  // first, makes room.
  it.runIf(process.platform !== 'win32' && typeof process.execve === 'function')(
    "delivers the guest's output and the debug log whole and in order through a full non-blocking pipe",
    async () => {
      const input = join(dir.path, 'chatty.wasm');
      writeFileSync(input, await wat(CHATTY));
      const wrapper = nonBlockingWrapper('stderr');
      const output = join(dir.path, 'chatty.out.wasm');
      const child = spawn(
        process.execPath,
        ['--no-warnings', wrapper, ourCliPath, '--allow-wasi', '-o', output, input],
        {
          env: { ...toolEnv(), RUST_LOG: 'wasmtime_wizer=debug' },
          stdio: ['ignore', 'ignore', 'pipe'],
          timeout: 50_000,
        },
      );
      const err: Buffer[] = [];
      child.stderr.pause();
      child.stderr.on('data', (c: Buffer) => err.push(c));
      setTimeout(() => child.stderr.resume(), 500);
      const code = await new Promise((resolve) => child.on('close', resolve));
      const text = Buffer.concat(err).toString('utf8');
      expect(text).not.toMatch(/EAGAIN|Error/);
      expect(code, text.slice(-2000)).toBe(0);
      const guest = /x{4096,}/.exec(text);
      expect(guest?.[0].length).toBe(262144);
      const before = text.slice(0, guest!.index);
      const after = text.slice(guest!.index + 262144);
      expect(before).toMatch(
        /DEBUG wasmtime_wizer::wasmtime\] Calling the initialization function\n$/,
      );
      expect(after).toMatch(/^\[[^\]]+ DEBUG wasmtime_wizer::snapshot\] Snapshotting/);
      expect(after).toMatch(/Phase times \(ms\): start /);
    },
  );
});

describe('CLI stdout', () => {
  it('writes a multi-megabyte module to a pipe completely and byte for byte before exiting', async () => {
    expect(large.expected.length).toBeGreaterThan(6 * 1024 * 1024);
    const piped = await runWithStdin([ourCliPath, large.path], 'pipe', async (input) => {
      input.end();
    });
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout.length).toBe(large.expected.length);
    expect(Buffer.compare(piped.stdout, large.expected)).toBe(0);
  });
});
