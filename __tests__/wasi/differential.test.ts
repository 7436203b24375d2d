/**
 * Our WASI layer against upstream Wizer's on the same probe scripts: identical logs (every return
 * value, errno, byte and listing), identical guest output and identical trees afterwards.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { tempDir } from '../helpers/tools.js';
import { compileProbe, expectSameAsUpstream, type Scenario } from './harness.js';
import { filesystemScenarios } from './scenarios-fs.js';
import { libcScenarios, processScenarios, trapScenarios } from './scenarios.js';

describe('WASI layer matches upstream Wizer', () => {
  let work: ReturnType<typeof tempDir>;
  let probe: Uint8Array;
  let count = 0;

  beforeAll(async () => {
    work = tempDir('wasi-diff-');
    probe = await compileProbe();
  });
  afterAll(() => work?.cleanup());

  const compare = (scenario: Scenario) =>
    expectSameAsUpstream(probe, scenario, `${work.path}/${count++}`);

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
