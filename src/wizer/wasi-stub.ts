import { ProcExit, GuestTrap } from '../errors.js';
export interface WasiConfig {
  env: Array<[string, string]>;
  inheritStdio: boolean;
  stdoutToStderr: boolean;
  preopens: Array<{ guest: string; host: string }>;
}
export class Wasi {
  private memory: WebAssembly.Memory | undefined;
  readonly imports: Record<string, (...args: never[]) => number>;
  constructor(_c: WasiConfig) {
    const mem = () => {
      if (!this.memory) throw new GuestTrap('missing required memory export');
      return new DataView(this.memory.buffer);
    };
    this.imports = {
      proc_exit: ((code: number) => {
        throw new ProcExit(code);
      }) as never,
      fd_write: ((fd: number, iovs: number, n: number, nw: number) => {
        const v = mem();
        let t = 0;
        for (let i = 0; i < n; i++) {
          const p = v.getUint32(iovs + 8 * i, true),
            l = v.getUint32(iovs + 8 * i + 4, true);
          process.stderr.write(new Uint8Array(v.buffer, p, l));
          t += l;
        }
        v.setUint32(nw, t, true);
        void fd;
        return 0;
      }) as never,
      args_sizes_get: ((a: number, b: number) => {
        const v = mem();
        v.setUint32(a, 0, true);
        v.setUint32(b, 0, true);
        return 0;
      }) as never,
      environ_sizes_get: ((a: number, b: number) => {
        const v = mem();
        v.setUint32(a, 0, true);
        v.setUint32(b, 0, true);
        return 0;
      }) as never,
    };
  }
  bindMemory(m: WebAssembly.Memory | undefined) {
    this.memory = m;
  }
  dispose() {}
}
