import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { UsageError } from '../../src/errors.js';

describe('parseArgs', () => {
  it('uses upstream defaults', () => {
    const a = parseArgs(['in.wasm']);
    expect(a.input).toBe('in.wasm');
    expect(a.output).toBeUndefined();
    expect(a.options.initFunc).toBe('wizer-initialize');
    expect(a.options.inheritStdio).toBe(true);
    expect(a.options.inheritEnv).toBe(false);
    expect(a.options.keepInitFunc).toBe(false);
  });

  it('accepts -o path, -o=path and -opath', () => {
    expect(parseArgs(['-o', 'x.wasm']).output).toBe('x.wasm');
    expect(parseArgs(['-o=x.wasm']).output).toBe('x.wasm');
    expect(parseArgs(['-ox.wasm']).output).toBe('x.wasm');
  });

  it('splits renames at the first =', () => {
    expect(parseArgs(['-r', 'a=b=c']).options.renames).toEqual([['a', 'b=c']]);
    expect(parseArgs(['--func-rename=x=']).options.renames).toEqual([['x', '']]);
    expect(() => parseArgs(['-r', 'ab'])).toThrow(/must contain exactly one equals character/);
  });

  it('refuses a single-valued flag given twice, after reading its value, in argv order', () => {
    expect(() => parseArgs(['-o', 'a', '-o', 'b'])).toThrow(
      /^the argument '-o <OUTPUT>' cannot be used multiple times/,
    );
    expect(() => parseArgs(['--allow-wasi', '--allow-wasi'])).toThrow(/'--allow-wasi' cannot/);
    // The second value is not checked, a missing one is, and an earlier error wins.
    expect(() => parseArgs(['--keep-init-func', '--keep-init-func=maybe'])).toThrow(/cannot be/);
    expect(() => parseArgs(['-f', 'a', '-f'])).toThrow(/a value is required/);
    expect(() => parseArgs(['-r', 'x', '-o', 'a', '-o', 'b'])).toThrow(/exactly one equals/);
    const repeated = parseArgs(['-r', 'a=b', '-r', 'c=d', '--dir', 'x', '--dir', 'y']);
    expect(repeated.options.renames).toHaveLength(2);
    expect(repeated.options.preopens).toHaveLength(2);
  });

  it('acts on an option with a separate value at the next known flag, the input or the end', () => {
    // A second positional or an unknown flag in between is reported first, as clap does.
    expect(() => parseArgs(['stray.wasm', '-o', 'a', '-o', 'b', 'in.wasm'])).toThrow(
      /^unexpected argument 'in.wasm'/,
    );
    expect(() => parseArgs(['in.wasm', '-o', 'a', '-o', 'b', '--bogus'])).toThrow(
      /^unexpected argument '--bogus'/,
    );
    expect(() => parseArgs(['-r', 'noequals', 'stray.wasm', 'in.wasm'])).toThrow(/noequals/);
    expect(() => parseArgs(['-o', 'a', 'in.wasm', '-o', 'b'])).toThrow(/cannot be used multiple/);
  });

  it('stops at -h or --help, ignoring what follows, as clap exits there', () => {
    expect(parseArgs(['-h', '--bogus', '-o']).help).toBe('short');
    expect(parseArgs(['in.wasm', '--help', 'extra.wasm']).help).toBe('long');
    expect(() => parseArgs(['--bogus', '-h'])).toThrow(/unexpected argument '--bogus'/);
  });

  it('requires = for --keep-init-func values', () => {
    expect(parseArgs(['--keep-init-func']).options.keepInitFunc).toBe(true);
    expect(parseArgs(['--keep-init-func=false']).options.keepInitFunc).toBe(false);
    const a = parseArgs(['--keep-init-func', 'false']);
    expect(a.options.keepInitFunc).toBe(true);
    expect(a.input).toBe('false');
    expect(() => parseArgs(['--keep-init-func', 'true', 'in.wasm'])).toThrow(UsageError);
  });

  it('lets optional booleans consume the next token greedily', () => {
    expect(parseArgs(['--inherit-stdio', 'false']).options.inheritStdio).toBe(false);
    expect(parseArgs(['--inherit-env', '-o', 'x']).options.inheritEnv).toBe(true);
    expect(() => parseArgs(['--inherit-stdio', 'in.wasm'])).toThrow(
      /invalid value 'in.wasm' for '--inherit-stdio/,
    );
  });

  it('puts --dir preopens before --mapdir ones and splits mapdir at ::', () => {
    const a = parseArgs(['--mapdir', '/g::h::x', '--dir', 'd']);
    expect(a.options.preopens).toEqual([
      { guest: 'd', host: 'd' },
      { guest: '/g', host: 'h' },
    ]);
  });

  it('rejects unknown flags, values for switches and a second input', () => {
    expect(() => parseArgs(['--bogus'])).toThrow(/unexpected argument '--bogus'/);
    expect(() => parseArgs(['--allow-wasi=true'])).toThrow(/unexpected value 'true'/);
    expect(() => parseArgs(['a', 'b'])).toThrow(/unexpected argument 'b'/);
    expect(() => parseArgs(['-f'])).toThrow(/a value is required for '--init-func/);
  });

  it('takes everything after -- as the input', () => {
    expect(parseArgs(['-o', 'x', '--', '-weird.wasm']).input).toBe('-weird.wasm');
  });

  it('parses --timeout in seconds', () => {
    expect(parseArgs(['--timeout', '1.5']).options.timeoutMs).toBe(1500);
    expect(() => parseArgs(['--timeout', 'soon'])).toThrow(/--timeout/);
  });

  it('parses --deterministic (off by default) and --deterministic-seed as a u64', () => {
    expect(parseArgs([]).options.deterministic).toBe(false);
    expect(parseArgs([]).options.deterministicSeed).toBe(0n);
    expect(parseArgs(['--deterministic']).options.deterministic).toBe(true);
    expect(parseArgs(['--deterministic=false']).options.deterministic).toBe(false);
    expect(parseArgs(['--deterministic', 'in.wasm']).input).toBe('in.wasm');
    expect(() => parseArgs(['--deterministic=yes'])).toThrow(
      /invalid value 'yes' for '--deterministic\[=<true\|false>\]'/,
    );
    expect(
      parseArgs(['--deterministic-seed', '18446744073709551615']).options.deterministicSeed,
    ).toBe(18446744073709551615n);
    expect(parseArgs(['--deterministic-seed=7']).options.deterministicSeed).toBe(7n);
    for (const bad of ['18446744073709551616', '-1', '0x10', '']) {
      expect(() => parseArgs([`--deterministic-seed=${bad}`])).toThrow(
        /for '--deterministic-seed <SEED>': expected a whole number from 0 to 18446744073709551615/,
      );
    }
  });
});
