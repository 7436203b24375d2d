/** Differential cases for WASI and preloads during initialization (spec §11 items 31-36; §3.3). */
import { describe, expect, it } from 'vitest';
import { expectSameSuccess } from './compare-outputs.js';
import { type DiffResult, expectSameFailure, runBoth, selfTest } from './harness.js';
import { diffWat, fixture, fixtureText } from './fixture.js';
import { readImage } from './memory-image.js';

const GREETING = 'hello from guest\n';

function wasiCase(
  init: string,
  args: string[] = [],
  extra: Parameters<typeof diffWat>[2] = {},
): Promise<DiffResult> {
  return fixture('wasi-probe').then((wasm) =>
    runBoth({ wasm, args: ['--allow-wasi', '-f', init, ...args], ...extra }),
  );
}

/** Reads a NUL-free string written by the guest at `address`. */
function guestString(image: Parameters<typeof readImage>[0], address: number): string {
  const bytes = readImage(image, address, 64);
  const end = bytes.indexOf(0);
  return Buffer.from(bytes.slice(0, end < 0 ? 64 : end)).toString();
}

describe.concurrent('differential: WASI and preloads', () => {
  it('§11.31a guest stdout without -o: upstream corrupts stdout, ours sends guest text to stderr', async () => {
    const result = await wasiCase('init-stdout', [], { toStdout: true });
    expect(result.upstream.code, result.upstream.stderr).toBe(0);
    const upstreamOut = result.upstream.stdout;
    expect(upstreamOut.subarray(0, GREETING.length).toString()).toBe(GREETING);
    const upstreamWasm = upstreamOut.subarray(GREETING.length);
    const ourWasm = selfTest ? result.ours.stdout.subarray(GREETING.length) : result.ours.stdout;
    if (!selfTest) expect(result.ours.stderr).toContain(GREETING);
    await expectSameSuccess({
      ...result,
      upstream: { ...result.upstream, output: upstreamWasm },
      ours: { ...result.ours, output: ourWasm },
    });
  });

  it('§11.31b guest stdout with -o: the file is clean and the text is on stdout', async () => {
    const result = await wasiCase('init-stdout');
    await expectSameSuccess(result);
    expect(result.upstream.stdout.toString()).toBe(GREETING);
    expect(result.ours.stdout.toString()).toBe(GREETING);
  });

  it('§3.3.2 guest stderr is inherited', async () => {
    const result = await wasiCase('init-stderr');
    await expectSameSuccess(result);
    expect(result.upstream.stderr).toBe(GREETING);
    expect(result.ours.stderr).toBe(GREETING);
  });

  it('§3.3.2 --inherit-stdio=false: writes succeed and are discarded', async () => {
    const result = await wasiCase('init-stdout', ['--inherit-stdio=false']);
    await expectSameSuccess(result);
    expect(result.upstream.stdout.length).toBe(0);
    expect(result.ours.stdout.length).toBe(0);
  });

  it('§11.32 a WASI call without --allow-wasi traps as an unknown import', async () => {
    const wasm = await fixture('wasi-probe');
    const result = await runBoth({ wasm, args: ['-f', 'init-stdout'] });
    const { causes } = expectSameFailure(result);
    expect(causes.at(-1)).toBe(
      'unknown import: `wasi_snapshot_preview1::fd_write` has not been defined',
    );
  });

  it('§11.33a proc_exit(0) during init is a failure', async () => {
    const { causes } = expectSameFailure(await wasiCase('init-exit0'));
    expect(causes.at(-1)).toBe('Exited with i32 exit status 0');
  });

  it('§11.33b proc_exit(3) during init is a failure', async () => {
    expectSameFailure(await wasiCase('init-exit3'));
  });

  it('§11.34a args_sizes_get reports argc 0', async () => {
    await expectSameSuccess(await wasiCase('init-args'));
  });

  it('§11.34b environment is empty without --inherit-env', async () => {
    const result = await wasiCase('init-env', [], { env: { WIZER_DIFF_A: 'alpha' } });
    await expectSameSuccess(result);
  });

  it('§11.34c --inherit-env=true passes the whole environment', async () => {
    const result = await wasiCase('init-env', ['--inherit-env=true'], {
      env: { WIZER_DIFF_A: 'alpha', WIZER_DIFF_B: 'beta=gamma' },
    });
    const { upstream } = await expectSameSuccess(result);
    expect(Buffer.from(readImage(upstream.images[0]!, 0x4000, 4096)).toString()).toContain(
      'WIZER_DIFF_B=beta=gamma',
    );
  });

  it('§11.34d stdin is readable by default', async () => {
    const result = await wasiCase('init-stdin', [], { stdin: 'engine-args --flag' });
    const { upstream } = await expectSameSuccess(result);
    expect(guestString(upstream.images[0]!, 0x3000)).toBe('engine-args --flag');
  });

  it('§11.34e stdin reads 0 bytes with --inherit-stdio=false', async () => {
    await expectSameSuccess(
      await wasiCase('init-stdin', ['--inherit-stdio=false'], { stdin: 'ignored' }),
    );
  });

  it('§11.35 preopen names: --dir first (host name), then --mapdir (guest name)', async () => {
    const result = await wasiCase(
      'init-preopens',
      ['--mapdir', '/guest::hostdir', '--dir', 'other', '--mapdir', 'x::other'],
      {
        dirs: ['hostdir', 'other'],
      },
    );
    const { upstream } = await expectSameSuccess(result);
    const names = [3, 4, 5].map((fd) => guestString(upstream.images[0]!, 0x2000 + 64 * fd));
    expect(names).toEqual(['other', '/guest', 'x']);
  });

  it('§1.1 --mapdir with extra ::parts ignores them; without :: guest = host', async () => {
    const result = await wasiCase(
      'init-preopens',
      ['--mapdir', '/a::hostdir::junk', '--mapdir', 'other'],
      {
        dirs: ['hostdir', 'other'],
      },
    );
    await expectSameSuccess(result);
  });

  it('§3.3.2 reading a file from a mapped directory', async () => {
    const result = await wasiCase('init-read-file', ['--mapdir', '/sb::sandbox'], {
      files: { 'sandbox/data.txt': 'file contents!' },
    });
    const { upstream } = await expectSameSuccess(result);
    expect(guestString(upstream.images[0]!, 0x3000)).toBe('file contents!');
  });

  it('§3.3.2 a WASI call without an exported memory traps', async () => {
    const result = await diffWat(
      `(module
        (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
        (memory 1)
        (func (export "wizer-initialize") (drop (call $w (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))))`,
      ['--allow-wasi'],
    );
    const { causes } = expectSameFailure(result);
    expect(causes.at(-1)).toBe('missing required memory export');
  });

  it('§3.3.2 wasi_unstable is never provided', async () => {
    const result = await diffWat(
      `(module
        (import "wasi_unstable" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
        (memory (export "memory") 1)
        (func (export "wizer-initialize") (drop (call $w (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))))`,
      ['--allow-wasi'],
    );
    expectSameFailure(result);
  });

  it('§11.36 --preload: init calls the preload, value baked in, import kept', async () => {
    const result = await diffWat(
      `(module
        (import "intrinsics" "get" (func $get (result i32)))
        (import "intrinsics" "bump" (func $bump (result i32)))
        (import "helpers" "twice" (func $twice (result i32)))
        (global $g (mut i32) (i32.const 0))
        (func (export "wizer-initialize")
          (global.set $g (i32.add (i32.add (call $get) (call $bump)) (i32.add (call $bump) (call $twice)))))
        (func (export "later") (result i32) (call $get)))`,
      ['--preload', 'intrinsics=stub.wat', '--preload', 'helpers=helpers.wat'],
      {
        files: {
          'stub.wat': fixtureText('preload-intrinsics.wat'),
          'helpers.wat':
            '(module (import "intrinsics" "get" (func $g (result i32))) (func (export "twice") (result i32) (i32.mul (call $g) (i32.const 2))))',
        },
      },
    );
    const { upstream } = await expectSameSuccess(result);
    expect(Array.from(upstream.globals[0]!.init)).toEqual([0x41, 0xe8, 0x0f, 0x0b]);
  });

  describe('a preload calling WASI uses its own memory, from its start function on', () => {
    // The preload writes its text from its own memory; the main module holds different bytes at
    // the same addresses, so reading the wrong memory prints the wrong text (or traps).
    const loggingPreload = `(module
      (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
      (memory (export "memory") 1)
      (data (i32.const 100) "from preload\\n")
      (func $say (export "say") (result i32)
        (i32.store (i32.const 0) (i32.const 100))
        (i32.store (i32.const 4) (i32.const 13))
        (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
      (func $start (drop (call $say)))
      (start $start))`;
    const mains = {
      'with its own memory': `(module
        (import "pre" "say" (func $say (result i32)))
        (memory (export "memory") 1)
        (data (i32.const 0) "\\ff\\ff\\ff\\ff\\ff\\ff\\ff\\ff")
        (data (i32.const 100) "from main!!!\\n")
        (global $r (mut i32) (i32.const -1))
        (func (export "wizer-initialize") (global.set $r (call $say))))`,
      'without a memory': `(module
        (import "pre" "say" (func $say (result i32)))
        (global $r (mut i32) (i32.const -1))
        (func (export "wizer-initialize") (global.set $r (call $say))))`,
    };
    for (const [name, main] of Object.entries(mains)) {
      it(`main module ${name}`, async () => {
        const result = await diffWat(main, ['--allow-wasi', '--preload', 'pre=pre.wat'], {
          files: { 'pre.wat': loggingPreload },
        });
        const { upstream } = await expectSameSuccess(result);
        expect(Array.from(upstream.globals[0]!.init)).toEqual([0x41, 0x00, 0x0b]);
        expect(result.upstream.stdout.toString()).toBe('from preload\nfrom preload\n');
        expect(result.ours.stdout.toString()).toBe(result.upstream.stdout.toString());
      });
    }

    it('its start function is not among its exports', async () => {
      const result = await diffWat(
        `(module
          (import "pre" "__wizer_start" (func $start))
          (func (export "wizer-initialize") (call $start)))`,
        ['--allow-wasi', '--preload', 'pre=pre.wat'],
        { files: { 'pre.wat': loggingPreload } },
      );
      expectSameFailure(result);
    });
  });

  describe('preloads are linked as upstream links them', () => {
    const exportsF =
      '(module (func (export "f") (result i32) (i32.const 5)) (global (export "gl") i32 (i32.const 3)))';
    const exportsG = '(module (func (export "g") (result i32) (i32.const 6)))';
    const importsF = (type: string) => `(module
      (import "p" "f" (func $f ${type}))
      (global $r (mut i32) (i32.const 0))
      (func (export "wizer-initialize")))`;

    it('a function of another type is an incompatible import', async () => {
      const result = await diffWat(
        importsF('(param i32 i64) (result f64)'),
        ['--preload', 'p=p.wat'],
        {
          files: { 'p.wat': exportsF },
        },
      );
      expect(expectSameFailure(result).head).toBe('Error: incompatible import type for `p::f`');
    });

    it('a global where a function is imported is an incompatible import', async () => {
      const result = await diffWat(
        '(module (import "p" "gl" (func)) (func (export "wizer-initialize")))',
        ['--preload', 'p=p.wat'],
        { files: { 'p.wat': exportsF } },
      );
      expectSameFailure(result);
    });

    it('two preloads under one name share it', async () => {
      const result = await diffWat(
        `(module
          (import "p" "f" (func $f (result i32)))
          (import "p" "g" (func $g (result i32)))
          (global $r (mut i32) (i32.const 0))
          (func (export "wizer-initialize") (global.set $r (i32.add (call $f) (call $g)))))`,
        ['--preload', 'p=a.wat', '--preload', 'p=b.wat'],
        { files: { 'a.wat': exportsF, 'b.wat': exportsG } },
      );
      const { upstream } = await expectSameSuccess(result);
      expect(Array.from(upstream.globals[0]!.init)).toEqual([0x41, 11, 0x0b]);
    });

    it('an export defined twice under one name is refused', async () => {
      const result = await diffWat(
        importsF('(result i32)'),
        ['--preload', 'p=a.wat', '--preload', 'p=a.wat'],
        {
          files: { 'a.wat': exportsF },
        },
      );
      expect(expectSameFailure(result).head).toBe(
        "Error: failed to add preload's exports to linker",
      );
    });

    it('a WASI function imported with another type is an incompatible import', async () => {
      const result = await diffWat(
        `(module
          (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32) (result i32)))
          (func (export "wizer-initialize")))`,
        ['--allow-wasi'],
      );
      expect(expectSameFailure(result).head).toBe(
        'Error: incompatible import type for `wasi_snapshot_preview1::fd_write`',
      );
    });

    it('a preload may not redefine a WASI function', async () => {
      const result = await diffWat(
        importsF('(result i32)'),
        ['--allow-wasi', '--preload', 'wasi_snapshot_preview1=w.wat'],
        {
          files: {
            'w.wat':
              '(module (func (export "fd_write") (param i32 i32 i32 i32) (result i32) (i32.const 0)))',
          },
        },
      );
      expectSameFailure(result);
    });
  });

  it('§4 --preload of a missing file fails to parse the preload', async () => {
    const result = await diffWat(`(module (func (export "wizer-initialize")))`, [
      '--preload',
      'x=nope.wasm',
    ]);
    expectSameFailure(result, { causes: 'firstLines' });
  });

  it('§1.1 --preload requires name=file', async () => {
    const result = await diffWat(`(module (func (export "wizer-initialize")))`, [
      '--preload',
      'nothing',
    ]);
    expect(expectSameFailure(result).head).toBe(
      'Error: Bad preload option: nothing (must be of form `name=file`)',
    );
  });
});
