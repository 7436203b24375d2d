/**
 * The file system scenarios under the other OSes' rules, simulated on this host (platform.ts):
 * the same logs, output and trees as upstream Wizer on this host, except where a difference is
 * documented (docs/portability.md) and asserted here.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setPlatformForTesting, simulatedPlatform } from '../../src/wasi/platform.js';
import { tempDir } from '../helpers/tools.js';
import { compileProbe, runOurProbe, runUpstreamProbe, type Scenario } from './harness.js';
import { filesystemScenarios } from './scenarios-fs.js';
import { libcScenarios } from './scenarios.js';

/**
 * Upstream's log with the one documented difference: where `link()` follows links, a hard link to
 * a symbolic link is made as a second link with the same target, so it has one link, not two.
 */
function expectedLog(upstream: string): string {
  return upstream.replace(/^(pstat 3 0 hard3 => errno=0 type=7) nlink=2/m, '$1 nlink=1');
}

describe('WASI file system under simulated macOS and Windows rules', () => {
  let work: ReturnType<typeof tempDir>;
  let probe: Uint8Array;
  let count = 0;

  beforeAll(async () => {
    work = tempDir('wasi-platforms-');
    probe = await compileProbe();
  });
  afterAll(() => work?.cleanup());
  afterEach(() => setPlatformForTesting(undefined));

  for (const os of ['darwin', 'win32'] as const) {
    describe(os, () => {
      for (const [name, scenario] of Object.entries({ ...filesystemScenarios, ...libcScenarios })) {
        it(name, async () => {
          const upstream = await runUpstreamProbe(probe, scenario, `${work.path}/${count++}`);
          setPlatformForTesting(simulatedPlatform(os));
          const ours = runOurProbe(probe, scenario as Scenario, `${work.path}/${count++}`);
          setPlatformForTesting(undefined);
          expect(ours.log).toBe(expectedLog(upstream.log));
          expect(ours.stdout).toBe(upstream.stdout);
          // Windows stores link targets with its own separator; the guest reads them back with `/`.
          const tree = ours.tree.map((line) =>
            os === 'win32' && line.includes(' -> ') ? line.replaceAll('\\', '/') : line,
          );
          expect(tree).toEqual(upstream.tree);
        });
      }
    });
  }
});
