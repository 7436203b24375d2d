/**
 * Component wizening end to end through the bundled CLI (`dist/cli.js`, or the build named by
 * WIZER_TEST_CLI, e.g. a private `node scripts/build.mjs --out .tmp/dist-x`): the CLI's output
 * passes the same equivalence proof as the library's (equivalence.ts), is byte for byte the
 * library's output, and refusals reach stderr with their message.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { wizen, type WizenOptions } from '../../src/wizer/index.js';
import { repoRoot, runOurs, tempDir, toolEnv } from '../helpers/tools.js';
import { assemble } from './fixtures.js';
import { expectEquivalent, type Probe } from './equivalence.js';

const DIR = join(repoRoot, 'fixtures', 'components', 'equivalence');
const watFixture = (name: string): Promise<Uint8Array> =>
  assemble(readFileSync(join(DIR, `${name}.wat`), 'utf8'));

const work = tempDir('component-equivalence-cli-');
afterAll(() => work.cleanup());
let runs = 0;

/** The CLI flags for the options these tests use. */
function flags(options: Partial<WizenOptions>): string[] {
  const args: string[] = [];
  if (options.initFunc !== undefined) args.push('-f', options.initFunc);
  if (options.keepInitFunc === true) args.push('--keep-init-func');
  if (options.inheritStdio === false) args.push('--inherit-stdio=false');
  return args;
}

/** Wizens through the CLI: input and output as files in a fresh directory. */
async function viaCli(input: Uint8Array, options: Partial<WizenOptions>) {
  const dir = join(work.path, `run-${runs++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'in.wasm'), input);
  const result = await runOurs([...flags(options), 'in.wasm', '-o', 'out.wasm'], {
    cwd: dir,
    env: toolEnv(),
  });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return { wasm: new Uint8Array(readFileSync(join(dir, 'out.wasm'))) };
}

const p = (...path: string[]): Probe => ({ path });

describe('component wizening through the CLI', () => {
  const cases: Array<{
    name: string;
    fixture: string;
    options: Partial<WizenOptions>;
    probes: Probe[];
    init?: string[];
  }> = [
    {
      name: 'several modules sharing state (default init)',
      fixture: 'multi',
      options: { inheritStdio: false },
      probes: [p('owner-sum'), p('user-state'), { path: ['copy'], args: [300] }],
    },
    {
      name: 'init inside an interface (-f ns:pkg/iface.setup)',
      fixture: 'interface',
      options: { inheritStdio: false, initFunc: 'ns:pkg/iface.setup' },
      probes: [p('ns:pkg/iface', 'read')],
      init: ['ns:pkg/iface', 'setup'],
    },
    {
      name: '--keep-init-func',
      fixture: 'single',
      options: { inheritStdio: false, keepInitFunc: true },
      probes: [p('get-i64'), p('f32-bits'), p('bump')],
    },
  ];
  for (const c of cases) {
    it(`${c.name}: equivalent, and the library's bytes`, async () => {
      const input = await watFixture(c.fixture);
      const { wasm } = await expectEquivalent(input, c.options, c.probes, {
        wizen: viaCli,
        ...(c.init === undefined ? {} : { init: c.init }),
      });
      const library = await wizen(input, c.options);
      expect(Buffer.compare(wasm, library.wasm)).toBe(0);
    });
  }

  it('a refusal reaches stderr with its message and fails', async () => {
    const dir = join(work.path, 'refusal');
    mkdirSync(dir);
    writeFileSync(join(dir, 'in.wasm'), await watFixture('single'));
    const result = await runOurs(['-r', 'a=get-i32', 'in.wasm', '-o', 'out.wasm'], {
      cwd: dir,
      env: toolEnv(),
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('components do not support renaming functions');
  });
});
