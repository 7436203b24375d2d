/**
 * Test modules for the action, written as WAT. The WASI one announces that its initialization
 * ran by writing a marker to stdout, which is how tests tell a wizening from a cache restore.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { wat } from '../helpers/tools.js';

/** Initialization prints `marker` (fd 1) and stores `value`; `get` and `peek` read it back. */
export function announcingModule(marker: string, value: number): Promise<Uint8Array> {
  const text = `${marker}\n`;
  return wat(`
    (module
      (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
      (memory (export "memory") 1)
      (global $value (mut i32) (i32.const 0))
      (data (i32.const 16) "${text.replace(/\n/g, '\\n')}")
      (func (export "wizer-initialize")
        (i32.store (i32.const 0) (i32.const 16))
        (i32.store (i32.const 4) (i32.const ${Buffer.byteLength(text)}))
        (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
        (global.set $value (i32.const ${value}))
        (i32.store (i32.const 100) (i32.const ${value * 2})))
      (func (export "get") (result i32) (global.get $value))
      (func (export "peek") (result i32) (i32.load (i32.const 100))))`);
}

/** No imports; initialization fills a table of squares. */
export function squaresModule(count: number): Promise<Uint8Array> {
  return wat(`
    (module
      (memory (export "memory") 1)
      (global $ready (mut i32) (i32.const 0))
      (func (export "wizer-initialize") (local $i i32)
        (loop $fill
          (i32.store (i32.shl (local.get $i) (i32.const 2)) (i32.mul (local.get $i) (local.get $i)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $fill (i32.lt_u (local.get $i) (i32.const ${count}))))
        (global.set $ready (i32.const 1)))
      (func (export "ready") (result i32) (global.get $ready))
      (func (export "square") (param i32) (result i32) (i32.load (i32.shl (local.get 0) (i32.const 2)))))`);
}

/** Initialization traps. */
export function trappingModule(): Promise<Uint8Array> {
  return wat(`
    (module
      (memory (export "memory") 1)
      (func (export "wizer-initialize") unreachable))`);
}

/** Writes files (path -> bytes) under `root`, creating directories. */
export function writeTree(root: string, files: Record<string, Uint8Array | string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

export function copyTree(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
}

/** Instantiates a wizened module with no-op WASI and returns its exports. */
export function instantiate(wasm: Uint8Array): WebAssembly.Exports {
  const module = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
  const stubs: Record<string, Record<string, () => number>> = {};
  for (const { module: namespace, name } of WebAssembly.Module.imports(module)) {
    (stubs[namespace] ??= {})[name] = () => 0;
  }
  return new WebAssembly.Instance(module, stubs).exports;
}
