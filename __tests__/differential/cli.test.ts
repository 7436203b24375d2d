/** Differential cases for command-line parsing and I/O (spec §1.1, §4). */
import { describe, expect, it } from 'vitest';
import { expectSameSuccess } from './compare-outputs.js';
import { type DiffCase, expectSameFailure, runBoth, selfTest } from './harness.js';
import { wasmOf } from './fixture.js';

const SIMPLE = `
  (module
    (memory (export "memory") 1)
    (global $g (mut i32) (i32.const 0))
    (func (export "wizer-initialize")
      (global.set $g (i32.const 9))
      (i32.store (i32.const 64) (i32.const 0x01020304)))
    (func (export "keep") (result i32) (global.get $g)))`;

async function cli(rawArgs: string[], extra: Omit<DiffCase, 'rawArgs'> = {}) {
  const wasm = extra.wasm ?? (await wasmOf(SIMPLE));
  return runBoth({ ...extra, wasm, rawArgs });
}

describe.concurrent('differential: command line', () => {
  it('§1.1 --inherit-stdio is greedy: `--inherit-stdio in.wasm` is a usage error', async () => {
    const result = await cli(['-o', 'out.wasm', '--inherit-stdio', 'in.wasm']);
    expect(result.upstream.code).toBe(2);
    expectSameFailure(result, { mentions: 'in.wasm' });
  });

  it('§1.1 inconsistent feature flags are refused before any preload is read', async () => {
    const result = await cli([
      '--wasm-simd=false',
      '--preload',
      'p=missing.wasm',
      '-o',
      'out.wasm',
      'in.wasm',
    ]);
    expect(expectSameFailure(result).head).toBe(
      'Error: cannot disable the simd proposal but enable the relaxed simd proposal',
    );
  });

  it('§1.1 a second positional is reported before a repeated option', async () => {
    const result = await cli(['stray.wasm', '-o', 'out.wasm', '-o', 'out.wasm', 'in.wasm']);
    expectSameFailure(result, { mentions: "'in.wasm'" });
  });

  it('§1.1 --inherit-env is greedy too', async () => {
    const result = await cli(['-o', 'out.wasm', '--inherit-env', 'in.wasm']);
    expectSameFailure(result, { mentions: 'in.wasm' });
  });

  it('§1.1 optional bool with a space-separated value: --wasm-bulk-memory true', async () => {
    await expectSameSuccess(
      await cli([
        '--wasm-bulk-memory',
        'true',
        '--inherit-stdio',
        'false',
        '-o',
        'out.wasm',
        'in.wasm',
      ]),
    );
  });

  it('§1.1 optional bool flags given bare and with =value', async () => {
    await expectSameSuccess(
      await cli([
        '--inherit-stdio',
        '--wasm-multi-value=true',
        '--wasm-reference-types',
        '-o',
        'out.wasm',
        'in.wasm',
      ]),
    );
  });

  it('§1.1 an invalid bool value is a usage error', async () => {
    expectSameFailure(await cli(['--inherit-stdio=maybe', '-o', 'out.wasm', 'in.wasm']), {
      mentions: 'maybe',
    });
  });

  it('§1.1 --keep-init-func (require_equals): `false` after it becomes INPUT', async () => {
    const result = await cli(['-o', 'out.wasm', '--keep-init-func', 'false']);
    // Ours names the file in an extra cause level; first line and root cause are upstream's.
    expect(expectSameFailure(result, { causes: 'root' }).head).toBe(
      'Error: failed to open input file',
    );
    expect(result.ours.stderr).toContain('`false`');
  });

  it('§1.1 --keep-init-func false in.wasm: unexpected argument', async () => {
    const result = await cli(['-o', 'out.wasm', '--keep-init-func', 'false', 'in.wasm']);
    expectSameFailure(result, { mentions: 'in.wasm' });
  });

  it('§1.1 in.wasm --keep-init-func false: unexpected argument false', async () => {
    const result = await cli(['-o', 'out.wasm', 'in.wasm', '--keep-init-func', 'false']);
    expectSameFailure(result, { mentions: 'false' });
  });

  it('§1.1 --keep-init-func=false and bare --keep-init-func', async () => {
    await expectSameSuccess(await cli(['--keep-init-func=false', '-o', 'out.wasm', 'in.wasm']));
    await expectSameSuccess(await cli(['--keep-init-func', '-o', 'out.wasm', 'in.wasm']));
  });

  it('§1.1 --relaxed-simd-deterministic requires =value', async () => {
    const result = await cli(['-o', 'out.wasm', 'in.wasm', '--relaxed-simd-deterministic', 'true']);
    expectSameFailure(result, { mentions: 'true' });
  });

  it('§1.1 a bare switch does not take a value: --allow-wasi=true', async () => {
    expectSameFailure(await cli(['--allow-wasi=true', '-o', 'out.wasm', 'in.wasm']), {
      mentions: '--allow-wasi',
    });
  });

  it('§1.1 -r is split at the first =; --rename-func and --func-rename are aliases', async () => {
    await expectSameSuccess(await cli(['--rename-func', 'k=keep', '-o', 'out.wasm', 'in.wasm']));
    await expectSameSuccess(await cli(['--func-rename=a=b=c', '-o', 'out.wasm', 'in.wasm']));
    await expectSameSuccess(await cli(['-rk2=keep', '-o', 'out.wasm', 'in.wasm']));
  });

  it('§1.1 -r ab / --rename-func ab: must contain an equals character (exit 2)', async () => {
    expectSameFailure(await cli(['-r', 'ab', '-o', 'out.wasm', 'in.wasm']), { mentions: 'ab' });
    expectSameFailure(await cli(['--rename-func', 'ab', '-o', 'out.wasm', 'in.wasm']), {
      mentions: 'ab',
    });
  });

  it('§1.1 duplicate rename dst is a runtime error (exit 1)', async () => {
    const result = await cli(['-r', 'x=keep', '-r', 'x=memory', '-o', 'out.wasm', 'in.wasm']);
    expect(expectSameFailure(result).head).toBe('Error: Duplicated function rename dst x');
  });

  it('§1.1 --preload without = is "Bad preload option"', async () => {
    expectSameFailure(await cli(['--preload', 'justaname', '-o', 'out.wasm', 'in.wasm']));
  });

  it('§1.1 --dir of a missing directory fails even without --allow-wasi', async () => {
    const result = await cli(['--dir', 'missing-dir', '-o', 'out.wasm', 'in.wasm']);
    // Same first line; ours adds a cause naming the directory (upstream gives none).
    expect(expectSameFailure(result, { causes: 'none' }).head).toBe(
      'Error: No such file or directory (os error 2)',
    );
    expect(result.ours.stderr).toContain('`missing-dir`');
  });

  it('§1.1 --mapdir with a missing host directory fails', async () => {
    const result = await cli(['--mapdir', '/g::missing-dir', '-o', 'out.wasm', 'in.wasm']);
    expectSameFailure(result, { causes: 'none' });
    expect(result.ours.stderr).toContain('`missing-dir`, preopened as `/g`');
  });

  it('§1.1 -o=path form writes to `path`', async () => {
    await expectSameSuccess(await cli(['-o=out.wasm', 'in.wasm']));
  });

  it('§1.1 --init-func=name and -fname forms', async () => {
    await expectSameSuccess(
      await cli(['--init-func=wizer-initialize', '-o', 'out.wasm', 'in.wasm']),
    );
    await expectSameSuccess(await cli(['-fwizer-initialize', '-o', 'out.wasm', 'in.wasm']));
  });

  it('§1.1 stdin input, stdout output', async () => {
    const wasm = await wasmOf(SIMPLE);
    await expectSameSuccess(await runBoth({ rawArgs: [], stdin: wasm }));
  });

  it('§1.1 stdin input, -o output', async () => {
    const wasm = await wasmOf(SIMPLE);
    await expectSameSuccess(await runBoth({ rawArgs: ['-o', 'out.wasm'], stdin: wasm }));
  });

  it('§1.1 `--` ends the options', async () => {
    await expectSameSuccess(await cli(['-o', 'out.wasm', '--', 'in.wasm']));
  });

  it('§1.1 --wasm-simd=false alone conflicts with relaxed SIMD', async () => {
    const { head } = expectSameFailure(
      await cli(['--wasm-simd=false', '-o', 'out.wasm', 'in.wasm']),
    );
    expect(head).toBe(
      'Error: cannot disable the simd proposal but enable the relaxed simd proposal',
    );
  });

  it('§1.1 --wasm-simd=false --wasm-relaxed-simd=false: SIMD code is refused', async () => {
    const wasm = await wasmOf(`
      (module (global $v (mut v128) (v128.const i64x2 0 0))
        (func (export "wizer-initialize") (global.set $v (v128.const i64x2 1 2))))`);
    const result = await runBoth({
      wasm,
      args: ['--wasm-simd=false', '--wasm-relaxed-simd=false'],
    });
    expectSameFailure(result, { causes: 'root' });
  });

  it('§1.1 --wasm-simd=false --wasm-relaxed-simd=false: scalar code is fine', async () => {
    await expectSameSuccess(
      await cli(['--wasm-simd=false', '--wasm-relaxed-simd=false', '-o', 'out.wasm', 'in.wasm']),
    );
  });

  it('§1.1 --wasm-multi-memory=false refuses a second memory', async () => {
    const wasm = await wasmOf(`(module (memory 1) (memory 1) (func (export "wizer-initialize")))`);
    expectSameFailure(await runBoth({ wasm, args: ['--wasm-multi-memory=false'] }), {
      causes: 'root',
    });
  });

  it('§1.1 --wasm-multi-value=false refuses multiple results', async () => {
    const wasm = await wasmOf(`
      (module (func $two (result i32 i32) (i32.const 1) (i32.const 2)) (func (export "wizer-initialize")))`);
    expectSameFailure(await runBoth({ wasm, args: ['--wasm-multi-value=false'] }), {
      causes: 'root',
    });
  });

  it('§1.1 --wasm-bulk-memory=false refuses memory.fill', async () => {
    const wasm = await wasmOf(`
      (module (memory 1) (func (export "wizer-initialize") (memory.fill (i32.const 0) (i32.const 1) (i32.const 4))))`);
    const result = await runBoth({ wasm, args: ['--wasm-bulk-memory=false'] });
    if (result.upstream.code === 0) await expectSameSuccess(result);
    else expectSameFailure(result, { causes: 'root' });
  });

  it('§1.1 --wasm-reference-types=false with a funcref table', async () => {
    const wasm = await wasmOf(`
      (module (table 1 funcref) (func $f) (elem (i32.const 0) $f) (func (export "wizer-initialize")))`);
    const result = await runBoth({ wasm, args: ['--wasm-reference-types=false'] });
    if (result.upstream.code === 0) await expectSameSuccess(result);
    else expectSameFailure(result, { causes: 'root' });
  });

  it('§4 missing input file: failed to open input file, and no output file created', async () => {
    const result = await runBoth({ rawArgs: ['-o', 'out.wasm', 'nope.wasm'] });
    expect(expectSameFailure(result, { causes: 'root' }).head).toBe(
      'Error: failed to open input file',
    );
    expect(result.ours.stderr).toContain('`nope.wasm`');
    expect(result.upstream.outFile).toBeUndefined();
  });

  it('§4 output directory missing: failed to create output file', async () => {
    const wasm = await wasmOf(SIMPLE);
    const result = await runBoth({ wasm, rawArgs: ['-o', 'no/such/dir/out.wasm', 'in.wasm'] });
    expectSameFailure(result, { causes: 'root' });
    expect(result.ours.stderr).toContain('`no/such/dir/out.wasm`');
  });

  it('§1.1 unknown flag, missing flag value and a second positional are usage errors', async () => {
    expectSameFailure(await cli(['--bogus', 'in.wasm']), { mentions: '--bogus' });
    expectSameFailure(await cli(['in.wasm', '-f']), { mentions: '--init-func' });
    expectSameFailure(await cli(['in.wasm', 'other.wasm']), { mentions: 'other.wasm' });
  });

  it('§1.1 --version: upstream has none (exit 2); ours prints a version (deliberate improvement)', async () => {
    const result = await cli(['--version']);
    expect(result.upstream.code).toBe(2);
    if (selfTest) return;
    expect(result.ours.code).toBe(0);
    expect(result.ours.stdout.toString()).toMatch(/\d+\.\d+\.\d+/);
  });

  it('§1.1 -h and --help exit 0 and document every upstream long flag', async () => {
    for (const flag of ['-h', '--help']) {
      const result = await cli([flag]);
      expect(result.upstream.code).toBe(0);
      expect(result.ours.code).toBe(0);
      const upstreamFlags = new Set(result.upstream.stdout.toString().match(/--[a-z][a-z0-9-]+/g));
      const ourText = result.ours.stdout.toString();
      for (const f of upstreamFlags) expect(ourText, `${flag} output mentions ${f}`).toContain(f);
    }
  });

  it('§1.1 RUST_LOG=wasmtime_wizer=debug prints the same phase lines, then our phase times', async () => {
    const result = await cli(['-o', 'out.wasm', 'in.wasm'], {
      env: { RUST_LOG: 'wasmtime_wizer=debug' },
    });
    await expectSameSuccess(result);
    const phases = (stderr: string) =>
      [...stderr.matchAll(/DEBUG [\w:]+\] (.*)$/gm)].map((m) => m[1]);
    expect(phases(result.upstream.stderr).length).toBe(9);
    const steps = ['start', 'read', 'parse', 'instrument', 'compile', 'initialize', 'snapshot'];
    const times = [...steps, 'rewrite', 'write'].map((step) => `${step} \\d+\\.\\d`).join(', ');
    expect(phases(result.ours.stderr)).toEqual([
      ...phases(result.upstream.stderr),
      expect.stringMatching(new RegExp(`^Phase times \\(ms\\): ${times}$`)),
    ]);
  });
});
