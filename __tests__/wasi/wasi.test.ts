/**
 * The WASI layer's contract with the engine: preopen errors, the memory requirement, proc_exit,
 * stdout redirection, per-instance memories, and the path fallback used where /proc/self/fd is
 * missing.
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GuestTrap, ProcExit, WizerError } from '../../src/errors.js';
import { WasiErrno } from '../../src/wasi/errno.js';
import { Wasi, type WasiConfig, type WasiInstance } from '../../src/wasi/index.js';
import { verifiedDirectory } from '../../src/wasi/paths.js';
import { preview1Signature } from '../../src/wasi/signatures.js';
import { tempDir } from '../helpers/tools.js';

const base: WasiConfig = { env: [], inheritStdio: false, stdoutToStderr: false, preopens: [] };
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function scratch(): string {
  const dir = tempDir('wasi-unit-');
  cleanups.push(dir.cleanup);
  return dir.path;
}

type Fn = (...args: Array<number | bigint>) => number;
const call = (guest: WasiInstance, name: string): Fn => guest.imports[name] as unknown as Fn;

/** A context with one instance bound to `memory`. */
function boundTo(memory: WebAssembly.Memory | undefined): WasiInstance {
  const guest = new Wasi(base).forInstance();
  guest.bindMemory(memory);
  return guest;
}

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
    const guest = wasi.forInstance();
    guest.bindMemory(memory);
    const view = new DataView(memory.buffer);
    expect(call(guest, 'fd_prestat_get')(3, 8)).toBe(0);
    expect(view.getUint32(12, true)).toBe('first'.length);
    expect(call(guest, 'fd_prestat_get')(4, 8)).toBe(0);
    expect(view.getUint32(12, true)).toBe('/second'.length);
    expect(call(guest, 'fd_prestat_get')(5, 8)).toBe(8);
    wasi.dispose();
  });
});

describe('guest memory and exits', () => {
  it('traps with "missing required memory export" on every call without memory', () => {
    const guest = boundTo(undefined);
    for (const [name, args] of [
      ['sched_yield', []],
      ['fd_close', [9]],
      ['clock_time_get', [0, 0n, 0]],
      ['proc_exit', [0]],
    ] as const) {
      expect(() => call(guest, name)(...args)).toThrow(
        new GuestTrap('missing required memory export'),
      );
    }
  });

  it('proc_exit throws ProcExit for statuses below 126, a trap otherwise', () => {
    const guest = boundTo(new WebAssembly.Memory({ initial: 1 }));
    expect(() => call(guest, 'proc_exit')(0)).toThrow(ProcExit);
    expect(() => call(guest, 'proc_exit')(7)).toThrow('Exited with i32 exit status 7');
    expect(() => call(guest, 'proc_exit')(-1)).toThrow(
      'exit with invalid exit status outside of [0..126)',
    );
  });

  it('sees memory growth between calls', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 4 });
    const guest = boundTo(memory);
    expect(() => call(guest, 'random_get')(70_000, 16)).toThrow(GuestTrap);
    memory.grow(1);
    expect(call(guest, 'random_get')(70_000, 16)).toBe(0);
  });

  it('gives each instance its own memory and all of them one descriptor table', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'root'));
    const wasi = new Wasi({ ...base, preopens: [{ guest: '/', host: join(dir, 'root') }] });
    const [first, second] = [wasi.forInstance(), wasi.forInstance()];
    const memories = [first, second].map((guest, k) => {
      const memory = new WebAssembly.Memory({ initial: 1 });
      new Uint8Array(memory.buffer).set(Buffer.from(`file-${k}`), 100);
      guest.bindMemory(memory);
      return new DataView(memory.buffer);
    });
    // The first instance creates file-0 through fd 3 and gets fd 4 back ...
    expect(call(first, 'path_open')(3, 0, 100, 6, 1, 64n, 64n, 0, 0)).toBe(0);
    expect(memories[0]!.getUint32(0, true)).toBe(4);
    // ... which the second instance sees as open, while its own path names file-1.
    expect(call(second, 'fd_close')(4)).toBe(0);
    expect(call(second, 'path_open')(3, 0, 100, 6, 1, 64n, 64n, 0, 0)).toBe(0);
    expect(memories[1]!.getUint32(0, true)).toBe(4);
    expect(readdirSync(join(dir, 'root')).sort()).toEqual(['file-0', 'file-1']);
    wasi.dispose();
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
    const guest = wasi.forInstance();
    guest.bindMemory(memory);
    const view = new DataView(memory.buffer);
    new Uint8Array(memory.buffer).set(Buffer.from('to stdout'), 100);
    view.setUint32(0, 100, true);
    view.setUint32(4, 9, true);
    expect(call(guest, 'fd_write')(1, 0, 1, 16)).toBe(0);
    expect(view.getUint32(16, true)).toBe(9);
    fds.forEach((fd) => closeSync(fd));
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe('');
    expect(readFileSync(join(dir, 'err'), 'utf8')).toBe('to stdout');
  });
});

describe('directory descriptors without /proc/self/fd', () => {
  it('refuse a directory renamed away and replaced by a link or by another directory', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'root', 'sub'), { recursive: true });
    mkdirSync(join(dir, 'outside'));
    const fd = openSync(join(dir, 'root', 'sub'), 'r');
    try {
      expect(verifiedDirectory(join(dir, 'root'), ['sub'], fd)).toBe(join(dir, 'root', 'sub'));
      renameSync(join(dir, 'root', 'sub'), join(dir, 'root', 'moved'));
      symlinkSync('../outside', join(dir, 'root', 'sub'));
      expect(() => verifiedDirectory(join(dir, 'root'), ['sub'], fd)).toThrow(new WasiErrno(44));
      unlinkSync(join(dir, 'root', 'sub'));
      mkdirSync(join(dir, 'root', 'sub'));
      expect(() => verifiedDirectory(join(dir, 'root'), ['sub'], fd)).toThrow(new WasiErrno(44));
    } finally {
      closeSync(fd);
    }
  });
});

describe('signatures', () => {
  it('every preview1 function has the type upstream links it with', () => {
    const imports = new Wasi(base).forInstance().imports;
    expect(Object.keys(imports)).toHaveLength(46);
    for (const name of Object.keys(imports)) expect(preview1Signature(name), name).toBeDefined();
    expect(preview1Signature('path_open')).toEqual({
      params: [0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7e, 0x7e, 0x7f, 0x7f],
      results: [0x7f],
    });
    expect(preview1Signature('proc_exit')).toEqual({ params: [0x7f], results: [] });
    expect(preview1Signature('toString')).toBeUndefined();
  });
});
