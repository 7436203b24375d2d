/**
 * WASI preview1 for the initialization phase, matching what upstream Wizer's Wasmtime WASI returns
 * (errnos, bytes, listings, descriptor numbers) and confined to the preopened directories: no path,
 * link or rename can reach outside them (see paths.ts). Every call is synchronous.
 */
import { constants as osConstants } from 'node:os';
import { resolve } from 'node:path';
import { WizerError } from '../errors.js';
import { DescriptorTable } from './descriptors.js';
import { Filesystem } from './filesystem.js';
import { FileIo, Stdio } from './io.js';
import { GuestMemory } from './memory.js';
import { createImports, type WasiFunction } from './preview1.js';

export type { WasiFunction } from './preview1.js';

export interface WasiConfig {
  /** Exact environment given to the guest (already resolved by the caller). */
  env: Array<[string, string]>;
  /** True: the host's stdin/stdout/stderr. False: stdin reads 0 bytes, writes are discarded. */
  inheritStdio: boolean;
  /** Guest fd 1 writes go to host fd 2 (used when the output module is written to stdout). */
  stdoutToStderr: boolean;
  /** Preopened directories, given fds 3, 4, ... in this order. */
  preopens: Array<{ guest: string; host: string }>;
}

/** Rust's `io::Error` wording for the failures opening a preopen can hit. */
const rustMessages: Readonly<Record<string, string>> = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EACCES: 'Permission denied',
  ELOOP: 'Too many levels of symbolic links',
  EMFILE: 'Too many open files',
};

function preopenError(error: unknown): WizerError {
  const code =
    error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '';
  const errno = (osConstants.errno as Record<string, number | undefined>)[code];
  const text = rustMessages[code];
  if (text !== undefined && errno !== undefined)
    return new WizerError(`${text} (os error ${errno})`);
  return new WizerError(error instanceof Error ? error.message : String(error), { cause: error });
}

export class Wasi {
  /** Import object for module name `wasi_snapshot_preview1` (all preview1 functions). */
  readonly imports: Readonly<Record<string, WasiFunction>>;
  private readonly memory = new GuestMemory();
  private readonly table = new DescriptorTable();

  /**
   * Opens the preopens now; a missing host directory throws like upstream. `hostStdio` lets tests
   * substitute descriptors for the host's 0, 1 and 2.
   */
  constructor(config: WasiConfig, hostStdio: readonly [number, number, number] = [0, 1, 2]) {
    const fs = new Filesystem(this.table);
    for (const stream of [0, 1, 2] as const) this.table.add({ kind: 'stdio', stream });
    try {
      for (const { guest, host } of config.preopens) fs.preopen(guest, resolve(host));
    } catch (error) {
      this.table.closeAll();
      throw preopenError(error);
    }
    const stdio = new Stdio(config.inheritStdio, hostStdio);
    const encoder = new TextEncoder();
    this.imports = createImports({
      memory: this.memory,
      table: this.table,
      fs,
      io: new FileIo(this.table, stdio, config.stdoutToStderr),
      stdio,
      environ: config.env.map(([key, value]) => encoder.encode(`${key}=${value}\0`)),
    });
  }

  /** Called after instantiation with the instance's `memory` export (undefined if absent). */
  bindMemory(memory: WebAssembly.Memory | undefined): void {
    this.memory.bind(memory);
  }

  /** Closes every host descriptor the guest opened (and the preopens). */
  dispose(): void {
    this.table.closeAll();
  }
}
