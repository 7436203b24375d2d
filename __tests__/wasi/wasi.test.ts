/**
 * The WASI layer's contract with the engine: preopen errors, the memory requirement, proc_exit,
 * stdout redirection, the path fallback used where /proc/self/fd is missing, and call cost.
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GuestTrap, ProcExit, WizerError } from '../../src/errors.js';
import { WasiErrno } from '../../src/wasi/errno.js';
import { Wasi, type WasiConfig } from '../../src/wasi/index.js';
import { verifiedDirectory } from '../../src/wasi/paths.js';
import { tempDir, wat } from '../helpers/tools.js';

const base: WasiConfig = { env: [], inheritStdio: false, stdoutToStderr: false, preopens: [] };
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function scratch(): string {
  const dir = tempDir('wasi-unit-');
  cleanups.push(dir.cleanup);
  return dir.path;
}

type Fn = (...args: Array<number | bigint>) => number;
const call = (wasi: Wasi, name: string): Fn => wasi.imports[name] as unknown as Fn;

describe('Wasi construction', () => {
  it('fails like upstream when a preopened directory is missing or not a directory', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'file'), '');
    expect(
      () => new Wasi({ ...base, preopens: [{ guest: '/x', host: join(dir, 'missing') }] }),
    ).toThrow(new WizerError('No such file or directory (os error 2)'));
    expect(
      () => new Wasi({ ...base, preopens: [{ guest: '/x', host: join(dir, 'file') }] }),
    ).toThrow(new WizerError('Not a directory (os error 20)'));
  });

  it('numbers preopens from fd 3 in the order given', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    const wasi = new Wasi({
      ...base,
      preopens: [
        { guest: 'first', host: join(dir, 'b') },
        { guest: '/second', host: join(dir, 'a') },
      ],
    });
    const memory = new WebAssembly.Memory({ initial: 1 });
    wasi.bindMemory(memory);
    const view = new DataView(memory.buffer);
    expect(call(wasi, 'fd_prestat_get')(3, 8)).toBe(0);
    expect(view.getUint32(12, true)).toBe('first'.length);
    expect(call(wasi, 'fd_prestat_get')(4, 8)).toBe(0);
    expect(view.getUint32(12, true)).toBe('/second'.length);
    expect(call(wasi, 'fd_prestat_get')(5, 8)).toBe(8);
    wasi.dispose();
  });
});

describe('guest memory and exits', () => {
  it('traps with "missing required memory export" on every call without memory', () => {
    const wasi = new Wasi(base);
    wasi.bindMemory(undefined);
    for (const [name, args] of [
      ['sched_yield', []],
      ['fd_close', [9]],
      ['clock_time_get', [0, 0n, 0]],
      ['proc_exit', [0]],
    ] as const) {
      expect(() => call(wasi, name)(...args)).toThrow(
        new GuestTrap('missing required memory export'),
      );
    }
  });

  it('proc_exit throws ProcExit for statuses below 126, a trap otherwise', () => {
    const wasi = new Wasi(base);
    wasi.bindMemory(new WebAssembly.Memory({ initial: 1 }));
    expect(() => call(wasi, 'proc_exit')(0)).toThrow(ProcExit);
    expect(() => call(wasi, 'proc_exit')(7)).toThrow('Exited with i32 exit status 7');
    expect(() => call(wasi, 'proc_exit')(-1)).toThrow(
      'exit with invalid exit status outside of [0..126)',
    );
  });

  it('sees memory growth between calls', () => {
    const wasi = new Wasi(base);
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
    wasi.bindMemory(memory);
    expect(() => call(wasi, 'random_get')(70_000, 16)).toThrow(GuestTrap);
    memory.grow(1);
    expect(call(wasi, 'random_get')(70_000, 16)).toBe(0);
  });
});

describe('stdio', () => {
  it('sends guest stdout to host stderr when asked, and counts every byte written', () => {
    const dir = scratch();
    const fds: [number, number, number] = [
      openSync(join(dir, 'in'), 'w+'),
      openSync(join(dir, 'out'), 'w'),
      openSync(join(dir, 'err'), 'w'),
    ];
    const wasi = new Wasi({ ...base, inheritStdio: true, stdoutToStderr: true }, fds);
    const memory = new WebAssembly.Memory({ initial: 1 });
    wasi.bindMemory(memory);
    const view = new DataView(memory.buffer);
    new Uint8Array(memory.buffer).set(Buffer.from('to stdout'), 100);
    view.setUint32(0, 100, true);
    view.setUint32(4, 9, true);
    expect(call(wasi, 'fd_write')(1, 0, 1, 16)).toBe(0);
    expect(view.getUint32(16, true)).toBe(9);
    fds.forEach((fd) => closeSync(fd));
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('');
    expect(readFileSync(join(dir, 'err'), 'utf8')).toBe('to stdout');
  });
});

describe('directory descriptors without /proc/self/fd', () => {
  it('refuse a directory that was renamed away and replaced by a link', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'root', 'sub'), { recursive: true });
    mkdirSync(join(dir, 'outside'));
    expect(verifiedDirectory(join(dir, 'root'), ['sub'])).toBe(join(dir, 'root', 'sub'));
    renameSync(join(dir, 'root', 'sub'), join(dir, 'root', 'moved'));
    symlinkSync('../outside', join(dir, 'root', 'sub'));
    expect(() => verifiedDirectory(join(dir, 'root'), ['sub'])).toThrow(new WasiErrno(44));
  });
});

describe('cost of the hot calls', () => {
  it('clock_time_get, random_get and fd_write each take well under a microsecond or two', async () => {
    const module = new WebAssembly.Module(
      (await wat(`(module
        (import "wasi_snapshot_preview1" "clock_time_get" (func $clock (param i32 i64 i32) (result i32)))
        (import "wasi_snapshot_preview1" "random_get" (func $random (param i32 i32) (result i32)))
        (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
        (memory (export "memory") 1)
        (data (i32.const 16) "\\40\\00\\00\\00\\0c\\00\\00\\00")
        (func (export "loop") (param $kind i32) (param $n i32)
          (loop $again
            (if (i32.eqz (local.get $kind)) (then (drop (call $clock (i32.const 1) (i64.const 0) (i32.const 0)))))
            (if (i32.eq (local.get $kind) (i32.const 1)) (then (drop (call $random (i32.const 64) (i32.const 16)))))
            (if (i32.eq (local.get $kind) (i32.const 2)) (then (drop (call $write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 8)))))
            (br_if $again (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))))`)) as Uint8Array<ArrayBuffer>,
    );
    const wasi = new Wasi(base);
    const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi.imports });
    wasi.bindMemory(instance.exports.memory as WebAssembly.Memory);
    const loop = instance.exports.loop as (kind: number, n: number) => void;
    const calls = 200_000;
    for (const kind of [0, 1, 2]) {
      loop(kind, 1000);
      const started = performance.now();
      loop(kind, calls);
      const perCallUs = ((performance.now() - started) * 1000) / calls;
      console.log(
        `WASI ${['clock_time_get', 'random_get', 'fd_write (null sink)'][kind]}: ${perCallUs.toFixed(3)} µs/call`,
      );
      expect(perCallUs).toBeLessThan(5);
    }
  });
});
