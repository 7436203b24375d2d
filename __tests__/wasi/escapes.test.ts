/**
 * Attempts to reach outside a preopen: each must fail with upstream's errno, leave everything
 * outside the sandbox as it was, and never bring the outside file's contents into the guest.
 * (node:wasi, for comparison, follows `link -> ../outside` and reads the file.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setPlatformForTesting, simulatedPlatform } from '../../src/wasi/platform.js';
import { tempDir } from '../helpers/tools.js';
import { compileProbe, runOurProbe, runUpstreamProbe, type Scenario } from './harness.js';
import { escapeAttempts as attempts, escapeTree as tree, linkChain } from './scenarios-escape.js';

describe('WASI sandbox: escape attempts', () => {
  let work: ReturnType<typeof tempDir>;
  let probe: Uint8Array;
  let count = 0;

  beforeAll(async () => {
    work = tempDir('wasi-escape-');
    probe = await compileProbe();
  });
  afterAll(() => work?.cleanup());

  async function check(scenario: Scenario): Promise<{ log: string }> {
    const dir = `${work.path}/${count++}`;
    const upstream = await runUpstreamProbe(probe, scenario, dir);
    const ours = runOurProbe(probe, scenario, dir);
    expect(ours.log).toBe(upstream.log);
    expect(ours.tree).toEqual(upstream.tree);
    const outsideBefore = ['outside/', 'outside/secret.txt = "SECRET"'];
    expect(ours.tree.filter((line) => line.startsWith('outside'))).toEqual(outsideBefore);
    expect(ours.log).not.toContain('SECRET');
    return ours;
  }

  for (const [name, script] of Object.entries(attempts)) {
    it(name, async () => {
      const ours = await check({ tree, preopens: [['/sb', 'sandbox']], script });
      expect(ours.log).toMatch(/errno=63/);
    });
  }

  for (const os of ['darwin', 'win32'] as const) {
    describe(`under ${os}'s rules (simulated on this host)`, () => {
      afterEach(() => setPlatformForTesting(undefined));
      for (const [name, script] of Object.entries(attempts)) {
        it(name, async () => {
          setPlatformForTesting(simulatedPlatform(os));
          const scenario: Scenario = { tree, preopens: [['/sb', 'sandbox']], script };
          const ours = runOurProbe(probe, scenario, `${work.path}/${count++}`);
          setPlatformForTesting(undefined);
          expect(ours.tree.filter((line) => line.startsWith('outside'))).toEqual([
            'outside/',
            'outside/secret.txt = "SECRET"',
          ]);
          expect(ours.log).not.toContain('SECRET');
          const upstream = await runUpstreamProbe(probe, scenario, `${work.path}/${count++}`);
          expect(ours.log).toBe(upstream.log);
        });
      }
    });
  }

  it('link chains: 40 expansions resolve, 41 fail with ELOOP', async () => {
    const ok = await check({
      tree: { ...tree, ...linkChain(40) },
      preopens: [['/sb', 'sandbox']],
      script: ['open 3 1 c0 0 2 0 0', 'read 4 100'],
    });
    expect(ok.log).toContain('data="end of chain"');
    const loop = await check({
      tree: { ...tree, ...linkChain(41) },
      preopens: [['/sb', 'sandbox']],
      script: ['open 3 1 c0 0 2 0 0', 'pstat 3 1 c0'],
    });
    expect(loop.log).toContain('errno=32');
  });

  it('two preopens cannot reach each other by links', async () => {
    await check({
      tree: { ...tree, 'sandbox/sub/to-other': { link: '../../other' }, 'other/x.txt': 'x' },
      preopens: [
        ['/sb', 'sandbox/sub'],
        ['/other', 'other'],
      ],
      script: [
        'open 3 1 to-other/x.txt 0 2 0 0',
        'open 4 1 ../sandbox/file.txt 0 2 0 0',
        'rename 3 inner.txt 4 inner.txt',
      ],
    });
  });
});
