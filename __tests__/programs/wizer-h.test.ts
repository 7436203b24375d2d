/**
 * include/wizer.h: the WIZER_INIT pattern end to end. A C++ program whose global constructor
 * counts its runs is wizened (by upstream, by our CLI and by our library) with the header's
 * documented flags; the result must have run the constructor exactly once, in total, and `main`
 * must see the arguments given at run time, not at wizening time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wizen } from '../../src/wizer/index.js';
import { runOurs, runUpstream, tempDir } from '../helpers/tools.js';
import { preprocessWasi } from '../helpers/wasi-cc.js';
import { compileAll, includeDir } from './build.js';
import { runCommand } from './run-wasi.js';

const HEADER_FLAGS = ['--allow-wasi', '-r', '_start=wizer.resume'];

describe('include/wizer.h', () => {
  let scratch: { path: string; cleanup: () => void };
  let cpp: Uint8Array;
  let c: Uint8Array;
  const wizened: Record<'upstream' | 'ours' | 'library', Uint8Array | undefined> = {
    upstream: undefined,
    ours: undefined,
    library: undefined,
  };

  beforeAll(async () => {
    scratch = tempDir('wizer-h-');
    const built = await compileAll(
      [
        { name: 'ctors', source: 'ctors.cpp' },
        { name: 'ctor-default', source: 'ctor_default.c' },
      ],
      scratch.path,
    );
    cpp = built.get('ctors')!;
    c = built.get('ctor-default')!;
    const input = join(scratch.path, 'ctors.wasm');
    const [up, ours] = await Promise.all([
      runUpstream([...HEADER_FLAGS, '-o', join(scratch.path, 'up.wasm'), input]),
      runOurs([...HEADER_FLAGS, '-o', join(scratch.path, 'ours.wasm'), input]),
    ]);
    if (up.code === 0) wizened.upstream = readFileSync(join(scratch.path, 'up.wasm'));
    if (ours.code === 0) wizened.ours = readFileSync(join(scratch.path, 'ours.wasm'));
    else console.warn(`[wizer.h] our CLI failed:\n${ours.stderr}`);
    const library = await wizen(cpp, { allowWasi: true, renames: [['_start', 'wizer.resume']] });
    wizened.library = library.wasm;
  }, 300_000);

  afterAll(() => scratch.cleanup());

  for (const who of ['upstream', 'ours', 'library'] as const) {
    it(`${who}: constructor ran once (during wizening) and run-time args reach main`, async () => {
      expect(wizened[who], `${who} did not produce a module`).toBeDefined();
      const run = await runCommand(wizened[who]!, ['prog', 'x', 'y', 'z']);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(/^ctor_runs=1 init_runs=1 words=15 .* argc=4$/m);
      expect(run.stdout).toContain('arg 1: x\narg 2: y\narg 3: z\n');
      // wizer.resume runs the static destructors after main.
      expect(run.stdout).toMatch(/glossary destroyed with 15 words\n$/);
    });

    it(`${who}: a non-zero return from main becomes the exit status`, async () => {
      expect(wizened[who], `${who} did not produce a module`).toBeDefined();
      const run = await runCommand(wizened[who]!, ['prog', 'fail']);
      expect(run.exitCode).toBe(3);
      expect(run.stdout).toContain('ctor_runs=1 ');
    });
  }

  it('the library and the CLI give byte-identical output, equal in size to upstream', () => {
    expect(wizened.ours).toBeDefined();
    expect(Buffer.compare(Buffer.from(wizened.library!), Buffer.from(wizened.ours!))).toBe(0);
    expect(wizened.ours!.length).toBeLessThanOrEqual(wizened.upstream!.length);
  });

  it('the original runs the same when wizer-initialize is called before wizer.resume', async () => {
    const original = await runCommand(
      cpp,
      ['prog', 'x', 'y', 'z'],
      ['wizer-initialize', 'wizer.resume'],
    );
    const upstream = await runCommand(wizened.upstream!, ['prog', 'x', 'y', 'z']);
    expect(original).toEqual(upstream);
  });

  it("the un-wizened module's own _start runs the constructors once (current wasi-libc; caveat in the header)", async () => {
    const plain = await runCommand(c, ['prog', 'a']);
    expect(plain.stdout).toMatch(/^ctor_runs=1 triangle\(1999\)=1999000 argc=2 first=a$/m);
    const initialized = await runCommand(c, ['prog'], ['wizer-initialize', 'wizer.resume']);
    expect(initialized.stdout).toMatch(/^ctor_runs=1 triangle\(1999\)=1999000 /m);
  });

  it('picks __original_main before clang 14.0.4 and __main_void from then on', async () => {
    const source = join(scratch.path, 'header-only.c');
    writeFileSync(source, '#include "wizer.h"\nWIZER_DEFAULT_INIT();\n');
    const entryFor = async (version: [number, number, number] | undefined) => {
      const defines =
        version === undefined
          ? ['-U__clang_major__']
          : [
              `-D__clang_major__=${version[0]}`,
              `-D__clang_minor__=${version[1]}`,
              `-D__clang_patchlevel__=${version[2]}`,
            ];
      const text = await preprocessWasi({
        sources: [source],
        includeDirs: [includeDir],
        flags: ['-Wno-builtin-macro-redefined', ...defines],
      });
      const names = new Set(text.match(/__original_main|__main_void/g));
      expect(names.size, `exactly one entry name in ${[...names].join(',')}`).toBe(1);
      return [...names][0];
    };
    expect(await entryFor([13, 0, 1])).toBe('__original_main');
    expect(await entryFor([14, 0, 3])).toBe('__original_main');
    expect(await entryFor([14, 0, 4])).toBe('__main_void');
    expect(await entryFor([15, 0, 0])).toBe('__main_void');
    expect(await entryFor([19, 1, 7])).toBe('__main_void');
    expect(await entryFor(undefined)).toBe('__main_void');
  });
});
