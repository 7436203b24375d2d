/** Small WAT fixtures for the container suite, assembled with wabt at test time. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@bytecodealliance/jco';
import { repoRoot, wat } from '../../__tests__/helpers/tools.js';

/** Init fills memory and sets an exported global, so a snapshot differs visibly from the input. */
export const COUNTER_WAT = `(module
  (memory (export "memory") 1)
  (global $count (export "count") (mut i32) (i32.const 0))
  (data (i32.const 0) "before")
  (func (export "wizer-initialize")
    (local $i i32)
    (loop $fill
      (i32.store8 (i32.add (i32.const 64) (local.get $i)) (i32.add (i32.const 65) (local.get $i)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fill (i32.lt_u (local.get $i) (i32.const 26))))
    (i64.store (i32.const 0) (i64.const 0x7265746661))
    (global.set $count (i32.const 42)))
  (func (export "run") (result i32) (global.get $count)))`;

/**
 * Init reads input.txt through the first preopen (fd 3) into memory, so the result depends on
 * the bind-mounted workspace being visible inside the container.
 */
export const READS_FILE_WAT = `(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $length (export "length") (mut i32) (i32.const 0))
  (data (i32.const 16) "input.txt")
  (func (export "wizer-initialize")
    (if (call $path_open (i32.const 3) (i32.const 0) (i32.const 16) (i32.const 9) (i32.const 0)
          (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 32))
      (then unreachable))
    (i32.store (i32.const 40) (i32.const 256))
    (i32.store (i32.const 44) (i32.const 1024))
    (if (call $fd_read (i32.load (i32.const 32)) (i32.const 40) (i32.const 1) (i32.const 48))
      (then unreachable))
    (global.set $length (i32.load (i32.const 48)))))`;

export const TRAPS_WAT = `(module
  (memory (export "memory") 1)
  (func (export "wizer-initialize") (i32.store (i32.const 0) (i32.const 1)) unreachable))`;

export const INPUT_TEXT = 'read through a container bind mount\n';

/**
 * Writes counter.wasm, reads-file.wasm, traps.wasm, component.wasm (the repository's
 * multi-module component fixture) and data/input.txt into `dir`.
 */
export async function writeCliWorkspace(dir: string): Promise<void> {
  mkdirSync(join(dir, 'data'), { recursive: true });
  const componentWat = readFileSync(join(repoRoot, 'fixtures/components/binary/multi.wat'), 'utf8');
  writeFileSync(join(dir, 'component.wasm'), await parse(componentWat));
  writeFileSync(join(dir, 'counter.wasm'), await wat(COUNTER_WAT));
  writeFileSync(join(dir, 'reads-file.wasm'), await wat(READS_FILE_WAT));
  writeFileSync(join(dir, 'traps.wasm'), await wat(TRAPS_WAT));
  writeFileSync(join(dir, 'data', 'input.txt'), INPUT_TEXT);
}
