/**
 * Our WASI layer against upstream Wizer's on the same probe scripts: identical logs (every return
 * value, errno, byte and listing), identical guest output and identical trees afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tools.js';
import { compileProbe, hasClang, runOurProbe, runUpstreamProbe, type Scenario } from './harness.js';
import { filesystemScenarios } from './scenarios-fs.js';
import { libcScenarios, processScenarios, trapScenarios } from './scenarios.js';

describe.skipIf(!hasClang)('WASI layer matches upstream Wizer', () => {
  let work: ReturnType<typeof tempDir>;
  let probe: Uint8Array;
  let count = 0;

  beforeAll(() => {
    work = tempDir('wasi-diff-');
    probe = compileProbe(work.path);
  });
  afterAll(() => work?.cleanup());

  async function compare(scenario: Scenario): Promise<void> {
    const dir = `${work.path}/${count++}`;
    const upstream = await runUpstreamProbe(probe, scenario, dir);
    const ours = runOurProbe(probe, scenario, dir);
    expect(ours.log).toBe(upstream.log);
    expect(ours.stdout).toBe(upstream.stdout);
    expect(ours.stderr).toBe(upstream.stderr);
    expect(ours.tree).toEqual(upstream.tree);
  }

  for (const [name, scenario] of Object.entries({
    ...processScenarios,
    ...filesystemScenarios,
    ...libcScenarios,
  })) {
    it(name, () => compare(scenario));
  }
  for (const [name, scenario] of Object.entries(trapScenarios)) {
    it(`trap: ${name}`, () => compare(scenario));
  }
});
