/**
 * The same differential scenarios through the whole engine (`wizen()` with WASI allowed), reading
 * the probe's log out of both snapshots. Stdio is a null sink on both sides here: the layer's own
 * stdio behaviour is compared in differential.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tools.js';
import { compileProbe, runUpstreamProbe, runWizenProbe, type Scenario } from './harness.js';
import { processScenarios, trapScenarios } from './scenarios.js';
import { filesystemScenarios } from './scenarios-fs.js';

describe('wizen() with WASI matches upstream Wizer', () => {
  let work: ReturnType<typeof tempDir>;
  let probe: Uint8Array;
  let count = 0;

  beforeAll(async () => {
    work = tempDir('wasi-wizen-');
    probe = await compileProbe();
  });
  afterAll(() => work?.cleanup());

  const all: Record<string, Scenario> = {
    ...processScenarios,
    ...filesystemScenarios,
    ...trapScenarios,
  };
  for (const [name, scenario] of Object.entries(all)) {
    it(name, async () => {
      const quiet: Scenario = { ...scenario, inheritStdio: false };
      const dir = `${work.path}/${count++}`;
      const upstream = await runUpstreamProbe(probe, quiet, dir);
      const ours = await runWizenProbe(probe, quiet, dir);
      expect(ours.log).toBe(upstream.log);
      expect(ours.tree).toEqual(upstream.tree);
    });
  }
});
