/** Differential cases for init-function handling, traps, exports and renames (spec §11 items 18-27, 30). */
import { describe, expect, it } from 'vitest';
import { expectSameSuccess } from './compare-outputs.js';
import { expectSameFailure, runBoth, selfTest } from './harness.js';
import { diffWat } from './fixture.js';

const exportNames = (p: { exports: { name: string }[] }) => p.exports.map((e) => e.name);

/** Exports `_start`, `resume`, `a`, `b`, `c` (funcs), a memory and a global, plus the init func. */
const MANY_EXPORTS = `
  (module
    (memory (export "memory") 1)
    (global $g (export "counter") (mut i32) (i32.const 0))
    (func (export "_start") (global.set $g (i32.const 1)))
    (func (export "a") (result i32) (i32.const 10))
    (func (export "wizer-initialize") (global.set $g (i32.const 5)))
    (func (export "resume") (result i32) (i32.const 20))
    (func (export "b") (result i32) (i32.const 30))
    (func (export "c") (result i32) (i32.const 40)))`;

/** start adds 100, _initialize adds 10, the init function adds 1. */
const ORDERED_INIT = `
  (module
    (global $g (export "probe") (mut i32) (i32.const 0))
    (func $start (global.set $g (i32.add (global.get $g) (i32.const 100))))
    (start $start)
    (func (export "_initialize") (global.set $g (i32.add (global.get $g) (i32.const 10))))
    (func (export "wizer-initialize") (global.set $g (i32.add (global.get $g) (i32.const 1))))
    (func (export "after") (result i32) (global.get $g)))`;

describe.concurrent('differential: init function, traps and exports', () => {
  it('§11.18 an unused unknown import stays in the output', async () => {
    const result = await diffWat(`
      (module
        (func $f (import "env" "f"))
        (global $g (mut i32) (i32.const 0))
        (func (export "wizer-initialize") (global.set $g (i32.const 1)))
        (func (export "later") (call $f)))`);
    const { upstream } = await expectSameSuccess(result);
    expect(upstream.sections.some((s) => s.id === 2)).toBe(true);
  });

  it('§11.19 init calling an undefined import fails with the unknown-import cause', async () => {
    const result = await diffWat(`
      (module (func $f (import "env" "f")) (func (export "wizer-initialize") (call $f)))`);
    const { head, causes } = expectSameFailure(result);
    expect(head).toBe('Error: the `wizer-initialize` function trapped');
    expect(causes.at(-1)).toBe('unknown import: `env::f` has not been defined');
  });

  it('§11.20a only `wizer.initialize` exported and no -f: missing-export error', async () => {
    const result = await diffWat(`(module (func (export "wizer.initialize")))`);
    // Same first line; ours adds a cause telling the user to pass `-f wizer.initialize`
    // (a deliberate improvement: Wizer 11 changed the default name).
    expect(expectSameFailure(result, { causes: 'none' }).head).toBe(
      'Error: the Wasm module does not have a `wizer-initialize` export',
    );
    expect(result.ours.stderr).toContain('pass `-f wizer.initialize`');
  });

  it('§11.20b -f wizer.initialize succeeds', async () => {
    const result = await diffWat(
      `(module (global $g (mut i32) (i32.const 0)) (func (export "wizer.initialize") (global.set $g (i32.const 3))))`,
      ['-f', 'wizer.initialize'],
    );
    await expectSameSuccess(result);
  });

  it('§11.21a init export with a parameter has the wrong type', async () => {
    const result = await diffWat(`(module (func (export "wizer-initialize") (param i32)))`);
    expectSameFailure(result);
  });

  it('§11.21b init export with a result has the wrong type', async () => {
    const result = await diffWat(
      `(module (func (export "wizer-initialize") (result i32) (i32.const 0)))`,
    );
    expectSameFailure(result);
  });

  it('§11.21c init export that is a global is not a function', async () => {
    const result = await diffWat(`(module (global (export "wizer-initialize") i32 (i32.const 0)))`);
    expectSameFailure(result);
  });

  it('§4 -f with an empty name: missing export ``', async () => {
    const result = await diffWat(`(module (func (export "wizer-initialize")))`, ['-f', '']);
    expectSameFailure(result);
  });

  it('§11.22 start, _initialize and init run in order (111); start and _initialize removed', async () => {
    const result = await diffWat(ORDERED_INIT);
    const { upstream } = await expectSameSuccess(result);
    expect(Array.from(upstream.globals[0]!.init)).toEqual([0x41, 0xef, 0x00, 0x0b]);
    expect(upstream.sections.some((s) => s.id === 8)).toBe(false);
    expect(exportNames(upstream)).toEqual(['probe', 'after']);
  });

  it('§11.23 -f _initialize runs it once (110) and removes it even with --keep-init-func=true', async () => {
    const result = await diffWat(ORDERED_INIT, ['-f', '_initialize', '--keep-init-func=true']);
    const { upstream } = await expectSameSuccess(result);
    expect(exportNames(upstream)).toEqual(['probe', 'wizer-initialize', 'after']);
  });

  it('§3.6.4 an `_initialize` export of another kind is removed too', async () => {
    const result = await diffWat(`
      (module
        (global (export "_initialize") i32 (i32.const 1))
        (func (export "wizer-initialize")) (func (export "x")))`);
    const { upstream } = await expectSameSuccess(result);
    expect(exportNames(upstream)).toEqual(['x']);
  });

  it('§11.24 --keep-init-func keeps the export in place; re-wizening accumulates passive segments', async () => {
    const source = `
      (module
        (memory (export "memory") 1)
        (data (i32.const 4) "seed")
        (global $n (mut i32) (i32.const 0))
        (func (export "first") (result i32) (global.get $n))
        (func (export "wizer-initialize")
          (global.set $n (i32.add (global.get $n) (i32.const 1)))
          (i32.store (i32.mul (global.get $n) (i32.const 16)) (global.get $n)))
        (func (export "last")))`;
    const first = await diffWat(source, ['--keep-init-func']);
    const round1 = await expectSameSuccess(first);
    expect(exportNames(round1.upstream)).toEqual(['memory', 'first', 'wizer-initialize', 'last']);
    const second = await runBoth({ wasm: round1.upstream.bytes, args: ['--keep-init-func'] });
    const round2 = await expectSameSuccess(second);
    expect(round2.upstream.segments.length).toBeGreaterThan(round1.upstream.segments.length);
  });

  it('§11.25 -r _start=resume: _start now points at the former resume', async () => {
    const result = await diffWat(MANY_EXPORTS, ['-r', '_start=resume']);
    const { upstream } = await expectSameSuccess(result);
    expect(exportNames(upstream)).toEqual(['memory', 'counter', 'a', '_start', 'b', 'c']);
  });

  it('§11.26a -r a=b -r b=a swaps the names', async () => {
    await expectSameSuccess(await diffWat(MANY_EXPORTS, ['-r', 'a=b', '-r', 'b=a']));
  });

  it('§11.26b -r a=b -r a=c: duplicated rename dst', async () => {
    const result = await diffWat(MANY_EXPORTS, ['-r', 'a=b', '-r', 'a=c']);
    expect(expectSameFailure(result).head).toBe('Error: Duplicated function rename dst a');
  });

  it('§11.26c -r a=b -r c=b: duplicated rename src', async () => {
    const result = await diffWat(MANY_EXPORTS, ['-r', 'a=b', '-r', 'c=b']);
    expect(expectSameFailure(result).head).toBe('Error: Duplicated function rename src b');
  });

  it('§11.26d duplicate renames are detected only after init ran (init trap wins)', async () => {
    const result = await diffWat(`(module (func (export "wizer-initialize") unreachable))`, [
      '-r',
      'a=b',
      '-r',
      'a=c',
    ]);
    expect(expectSameFailure(result).head).toBe('Error: the `wizer-initialize` function trapped');
  });

  it('§11.26e -r ab is a usage error (exit 2)', async () => {
    const result = await diffWat(MANY_EXPORTS, ['-r', 'ab']);
    expect(result.upstream.code).toBe(2);
    expectSameFailure(result, { mentions: 'ab' });
  });

  it('§11.27a -r x=missing changes nothing', async () => {
    await expectSameSuccess(await diffWat(MANY_EXPORTS, ['-r', 'x=missing']));
  });

  it('§11.27b -r a= drops export a', async () => {
    const { upstream } = await expectSameSuccess(await diffWat(MANY_EXPORTS, ['-r', 'a=']));
    expect(exportNames(upstream)).not.toContain('a');
  });

  it('§11.27c -r mem2=memory renames a memory export', async () => {
    const { upstream } = await expectSameSuccess(
      await diffWat(MANY_EXPORTS, ['-r', 'mem2=memory']),
    );
    expect(exportNames(upstream)[0]).toBe('mem2');
  });

  it('§3.6.4 -r =a renames a to the empty name; -r a=b=c splits at the first =', async () => {
    await expectSameSuccess(await diffWat(MANY_EXPORTS, ['-r', '=a']));
    await expectSameSuccess(await diffWat(MANY_EXPORTS, ['-r', 'c=b=x', '-r', 'counter2=counter']));
  });

  it('§3.6.4 -r q=wizer-initialize: absent without keep, present with keep', async () => {
    const without = await expectSameSuccess(
      await diffWat(MANY_EXPORTS, ['-r', 'q=wizer-initialize']),
    );
    expect(exportNames(without.upstream)).not.toContain('q');
    const kept = await expectSameSuccess(
      await diffWat(MANY_EXPORTS, ['--keep-init-func', '-r', 'q=wizer-initialize']),
    );
    expect(exportNames(kept.upstream)).toContain('q');
  });

  it('§3.6.4 -r wizer-initialize=a exports a under the init name', async () => {
    await expectSameSuccess(await diffWat(MANY_EXPORTS, ['-r', 'wizer-initialize=a']));
  });

  it('§3.6.4 wasi-vfs style -r _initialize=__wasi_vfs_rt_init', async () => {
    const result = await diffWat(
      `(module
        (func (export "_initialize"))
        (func (export "__wasi_vfs_rt_init"))
        (func (export "wasi_vfs_pack_fs")))`,
      ['-f', 'wasi_vfs_pack_fs', '--keep-init-func', '-r', '_initialize=__wasi_vfs_rt_init'],
    );
    const { upstream } = await expectSameSuccess(result);
    expect(exportNames(upstream)).toEqual(['_initialize', 'wasi_vfs_pack_fs']);
  });

  it('§11.30 init trap (unreachable): exit 1; upstream leaves a 0-byte -o file, ours none', async () => {
    const result = await diffWat(
      `(module (memory 1) (func (export "wizer-initialize") unreachable))`,
    );
    const { head, causes } = expectSameFailure(result);
    expect(head).toBe('Error: the `wizer-initialize` function trapped');
    expect(causes.at(-1)).toBe('wasm trap: wasm `unreachable` instruction executed');
    expect(result.upstream.outFile?.length).toBe(0);
    if (!selfTest) expect(result.ours.outFile).toBeUndefined();
  });

  it('§3.4 init out-of-bounds access: memory fault cause chain', async () => {
    const result = await diffWat(`
      (module (memory 1) (func (export "wizer-initialize") (drop (i32.load (i32.const 70000)))))`);
    // V8 does not report the faulting address, so upstream's middle cause ("memory fault at
    // wasm address ...") has no counterpart in ours; the trap itself must match.
    expectSameFailure(result, { causes: 'root' });
  });

  it('§3.4 init stack overflow: call stack exhausted', async () => {
    const result = await diffWat(`(module (func $r (export "wizer-initialize") (call $r)))`);
    expectSameFailure(result, { causes: 'root' });
  });

  it('§3.4 init integer divide by zero', async () => {
    const result = await diffWat(`
      (module (global $z (mut i32) (i32.const 0))
        (func (export "wizer-initialize") (global.set $z (i32.div_s (i32.const 1) (global.get $z)))))`);
    expectSameFailure(result);
  });

  it('§3.4 start function trap is reported without the "function trapped" wrapper', async () => {
    const result = await diffWat(`
      (module (func $f (import "env" "f")) (func $s (call $f)) (start $s) (func (export "wizer-initialize")))`);
    const { head } = expectSameFailure(result);
    expect(head).toBe('Error: error while executing at wasm backtrace:');
  });

  it('§3.4 _initialize trap: "calling the Reactor initialization function"', async () => {
    const result = await diffWat(
      `(module (func (export "_initialize") unreachable) (func (export "wizer-initialize")))`,
    );
    expect(expectSameFailure(result).head).toBe(
      'Error: calling the Reactor initialization function',
    );
  });

  it('§3.4 _initialize with a result: type mismatch with results', async () => {
    const result = await diffWat(`
      (module (func (export "_initialize") (result i32) (i32.const 1)) (func (export "wizer-initialize")))`);
    expect(expectSameFailure(result).head).toBe('Error: type mismatch with results');
  });
});
