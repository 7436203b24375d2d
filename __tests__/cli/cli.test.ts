/** Behaviours where our CLI deliberately improves on upstream; run on the real bundle. */
import {
  cpSync,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TOOL_VERSION } from '../../src/version.js';
import { repoRoot, runOurs, runProcess, tempDir, toolEnv, wat } from '../helpers/tools.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

async function fixture(name: string, text: string): Promise<string> {
  const path = join(dir.path, name);
  writeFileSync(path, await wat(text));
  return path;
}

describe('CLI', () => {
  it('prints its version, which matches package.json', async () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(TOOL_VERSION).toBe(pkg.version);
    const result = await runOurs(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.toString()).toContain(TOOL_VERSION);
  });

  it('assembles a .wat preload from the bundle alone (dist/ copied without node_modules)', async () => {
    const alone = join(dir.path, 'alone');
    cpSync(join(repoRoot, 'dist'), join(alone, 'dist'), { recursive: true });
    writeFileSync(
      join(alone, 'stub.wat'),
      '(module (func (export "seven") (result i32) (i32.const 7)))',
    );
    const input = await fixture(
      'uses-stub.wasm',
      `(module
        (import "stub" "seven" (func $seven (result i32)))
        (global $g (export "g") (mut i32) (i32.const 0))
        (func (export "wizer-initialize") (global.set $g (call $seven))))`,
    );
    const output = join(alone, 'out.wasm');
    const result = await runProcess(
      process.execPath,
      [join(alone, 'dist', 'cli.js'), '--preload', 'stub=stub.wat', '-o', output, input],
      { cwd: alone },
    );
    expect(result.code, result.stderr).toBe(0);
    const module = new WebAssembly.Module(readFileSync(output));
    const instance = new WebAssembly.Instance(module, { stub: { seven: () => 0 } });
    expect((instance.exports['g'] as WebAssembly.Global).value).toBe(7);
  });

  it('stops an endless initialization at --timeout and leaves no output file', async () => {
    const input = await fixture(
      'loop.wasm',
      '(module (func (export "wizer-initialize") (loop $l (br $l))))',
    );
    const output = join(dir.path, 'loop.out.wasm');
    const started = Date.now();
    const result = await runOurs(['--timeout', '1', input, '-o', output]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: initialization did not finish within the 1 s timeout/);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(dir.path).filter((f) => f.includes('loop.out'))).toEqual([]);
  });

  it('--deterministic reads SOURCE_DATE_EPOCH (a bad one is an error naming it), ignored without the flag', async () => {
    const input = await fixture(
      'clock.wasm',
      `(module
         (import "wasi_snapshot_preview1" "clock_time_get" (func $c (param i32 i64 i32) (result i32)))
         (memory (export "memory") 1)
         (func (export "wizer-initialize") (drop (call $c (i32.const 0) (i64.const 1) (i32.const 0))))
         (func (export "t") (result i64) (i64.load (i32.const 0))))`,
    );
    const run = (epoch: string, ...flags: string[]) =>
      runOurs(['--allow-wasi', ...flags, input], {
        env: { ...toolEnv(), SOURCE_DATE_EPOCH: epoch },
      });
    const good = await run('86400', '--deterministic');
    expect(good.code).toBe(0);
    const imports = { wasi_snapshot_preview1: { clock_time_get: () => 0 } };
    const output = new WebAssembly.Instance(
      new WebAssembly.Module(new Uint8Array(good.stdout)),
      imports,
    );
    const time = output.exports['t'] as () => bigint;
    expect(time()).toBe(86_400_000_000_000n);
    const bad = await run('tomorrow', '--deterministic');
    expect(bad.code).toBe(1);
    expect(bad.stderr.toString()).toContain(
      'SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, got `tomorrow`',
    );
    expect((await run('tomorrow')).code).toBe(0);
  });

  it('gives the same result with and without --timeout', async () => {
    const input = await fixture(
      'g.wasm',
      `(module (memory (export "m") 1) (global (mut i32) (i32.const 0))
         (func (export "wizer-initialize") (global.set 0 (i32.const 7)) (i32.store (i32.const 8) (i32.const 9))))`,
    );
    const a = await runOurs([input]);
    const b = await runOurs(['--timeout', '30', input]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(Buffer.compare(a.stdout, b.stdout)).toBe(0);
  });

  it('never overwrites the input when the run fails, and leaves no partial output', async () => {
    const input = await fixture(
      'trap.wasm',
      '(module (func (export "wizer-initialize") unreachable))',
    );
    const before = readFileSync(input);
    const result = await runOurs([input, '-o', input]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the `wizer-initialize` function trapped');
    expect(Buffer.compare(readFileSync(input), before)).toBe(0);
    expect(readdirSync(dir.path).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes through an output symlink and into a FIFO without replacing either', async () => {
    const input = await fixture('ok.wasm', '(module (func (export "wizer-initialize")))');
    const real = join(dir.path, 'real.wasm');
    const link = join(dir.path, 'link.wasm');
    symlinkSync('real.wasm', link);
    const viaLink = await runOurs([input, '-o', link]);
    expect(viaLink.code, viaLink.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(WebAssembly.validate(readFileSync(real))).toBe(true);

    // A FIFO stands for /dev/null and /dev/stdout, which a rename would replace (as root).
    const fifo = join(dir.path, 'out.fifo');
    expect((await runProcess('mkfifo', [fifo])).code).toBe(0);
    const [viaFifo, read] = await Promise.all([
      runOurs([input, '-o', fifo]),
      runProcess('cat', [fifo]),
    ]);
    expect(viaFifo.code, viaFifo.stderr).toBe(0);
    expect(Buffer.compare(read.stdout, readFileSync(real))).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('hints at -f wizer.initialize for modules made for Wizer 10', async () => {
    const input = await fixture('old.wasm', '(module (func (export "wizer.initialize")))');
    const result = await runOurs([input]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('does not have a `wizer-initialize` export');
    expect(result.stderr).toContain('-f wizer.initialize');
  });
});
