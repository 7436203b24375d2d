/**
 * WASI preview1 for the initialization phase, matching what upstream Wizer's Wasmtime WASI returns
 * (errnos, bytes, listings, descriptor numbers) and confined to the preopened directories: no path,
 * link or rename can reach outside them (see paths.ts). Every call is synchronous.
 */
import { resolve } from 'node:path';
import { WizerError, osError } from '../errors.js';
import { DescriptorTable } from './descriptors.js';
import { Filesystem } from './filesystem.js';
import { FileIo, Stdio } from './io.js';
import { GuestMemory } from './memory.js';
import { guestSources, type GuestSources } from '../sources/index.js';
import { createImports, type Preview1Context, type WasiFunction } from './preview1.js';

export type { WasiFunction } from './preview1.js';
export { preview1Signature } from './signatures.js';

export interface WasiConfig {
  /** Exact environment given to the guest (already resolved by the caller). */
  env: Array<[string, string]>;
  /** True: the host's stdin/stdout/stderr. False: stdin reads 0 bytes, writes are discarded. */
  inheritStdio: boolean;
  /** Guest fd 1 writes go to host fd 2 (used when the output module is written to stdout). */
  stdoutToStderr: boolean;
  /** Preopened directories, given fds 3, 4, ... in this order. */
  preopens: Array<{ guest: string; host: string }>;
  /** Escape guest stdout/stderr lines a CI runner could read as workflow commands. */
  escapeWorkflowCommands?: boolean;
  /** Clocks, random bytes and file metadata; the host's unless given (deterministic mode). */
  sources?: GuestSources;
}

/** The preview1 functions as seen by one instance: its imports and the memory they access. */
export interface WasiInstance {
  /** Import object for module name `wasi_snapshot_preview1` (all preview1 functions). */
  readonly imports: Readonly<Record<string, WasiFunction>>;
  /** Called with the instance's `memory` export (undefined if absent) before the guest runs. */
  bindMemory(memory: WebAssembly.Memory | undefined): void;
}

/**
 * One WASI context (descriptors, preopens, environment, stdio) shared by every instance linked to
 * it; each instance's calls access its own memory, as upstream takes the caller's `memory` export.
 */
export class Wasi {
  private readonly table = new DescriptorTable();
  private readonly context: Omit<Preview1Context, 'memory'>;

  /**
   * Opens the preopens now; a missing host directory throws like upstream. `hostStdio` lets tests
   * substitute descriptors for the host's 0, 1 and 2.
   */
  constructor(config: WasiConfig, hostStdio: readonly [number, number, number] = [0, 1, 2]) {
    const sources = config.sources ?? guestSources();
    const fs = new Filesystem(this.table, sources.files);
    for (const stream of [0, 1, 2] as const) this.table.add({ kind: 'stdio', stream });
    for (const { guest, host } of config.preopens) {
      try {
        fs.preopen(guest, resolve(host));
      } catch (error) {
        this.table.closeAll();
        // Upstream's message is the OS error alone; the cause says which directory it was.
        throw new WizerError(osError(error), {
          cause: `while opening \`${host}\`, preopened as \`${guest}\``,
        });
      }
    }
    const stdio = new Stdio(config.inheritStdio, hostStdio, config.escapeWorkflowCommands);
    const encoder = new TextEncoder();
    this.context = {
      table: this.table,
      fs,
      io: new FileIo(this.table, stdio, config.stdoutToStderr),
      stdio,
      environ: config.env.map(([key, value]) => encoder.encode(`${key}=${value}\0`)),
      sources,
    };
  }

  /** The imports for one more instance. */
  forInstance(): WasiInstance {
    const memory = new GuestMemory();
    return {
      imports: createImports({ ...this.context, memory }),
      bindMemory: (exported) => memory.bind(exported),
    };
  }

  /** Closes every host descriptor the guest opened (and the preopens). */
  dispose(): void {
    this.table.closeAll();
  }
}
