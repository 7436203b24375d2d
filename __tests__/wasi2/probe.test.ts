/**
 * The preview1 probe as a component on the WASI 0.2 host, against the same probe as a module on
 * the preview1 layer (which the preview1 differential tests hold equal to upstream Wizer): the
 * escape attempts and the scenarios below give the same log (every errno, byte and listing), the
 * same guest output and the same trees. Every WASI call goes module -> preview1 adapter -> jco
 * glue -> our host, so this checks the host against what the adapter expects, call by call.
 *
 * A few commands are answered by the adapter itself, differently from a preview1 host, and are
 * left out: see `ADAPTER_ANSWERS`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tools.js';
import { compileProbe, runOurProbe, type Outcome, type Scenario } from '../wasi/harness.js';
import { escapeAttempts, escapeTree, linkChain } from '../wasi/scenarios-escape.js';
import { filesystemScenarios } from '../wasi/scenarios-fs.js';
import { libcScenarios, processScenarios } from '../wasi/scenarios.js';
import { type ProbeComponent, runComponentProbe, transpileProbe } from './probe-harness.js';

/**
 * Commands whose answer comes from the adapter, not the host: the rights it reports (`fdstat`),
 * positioned reads on stdin (EINVAL where a preview1 host says ESPIPE), and `proc_raise`, which
 * the adapter does not implement (it traps).
 */
const ADAPTER_ANSWERS = [/^fdstat /, /^pread 0 /, /^raise /];

function withoutAdapterAnswers(scenario: Scenario): Scenario {
  return {
    ...scenario,
    script: scenario.script.filter((line) => !ADAPTER_ANSWERS.some((re) => re.test(line))),
  };
}

const ALL: Record<string, Scenario> = {
  ...processScenarios,
  ...filesystemScenarios,
  ...libcScenarios,
};

/**
 * The scenarios of the preview1 differential tests that do not depend on preview1-only details
 * (rights, descriptor flags, numbering quirks and traps on malformed arguments, which the adapter
 * handles before any WASI 0.2 call).
 */
const SAME_AS_MODULE = [
  'args, environment, clocks, random and yield',
  'files: open, read, write, seek, tell, pread, pwrite, append, close, renumber',
  'directories and links: mkdir, rmdir, unlink, symlink, readlink, rename, link, readdir',
  'large reads, proc_raise',
  ...Object.keys(libcScenarios),
];

describe('the preview1 probe as a component on the WASI 0.2 host', () => {
  let work: ReturnType<typeof tempDir>;
  let probe: Uint8Array;
  let component: ProbeComponent;
  let count = 0;

  beforeAll(async () => {
    work = tempDir('wasi2-probe-');
    probe = await compileProbe();
    component = await transpileProbe(probe, work.path);
  }, 180_000);
  afterAll(() => work?.cleanup());

  async function compare(scenario: Scenario): Promise<Outcome> {
    const dir = `${work.path}/${count++}`;
    const module = runOurProbe(probe, scenario, dir);
    const ours = await runComponentProbe(component, scenario, dir);
    expect(ours.log).toBe(module.log);
    expect(ours.stdout).toBe(module.stdout);
    expect(ours.stderr).toBe(module.stderr);
    expect(ours.tree).toEqual(module.tree);
    return ours;
  }

  describe('escape attempts', () => {
    for (const [name, script] of Object.entries(escapeAttempts)) {
      it(name, async () => {
        const scenario = withoutAdapterAnswers({
          tree: escapeTree,
          preopens: [['/sb', 'sandbox']],
          script,
        });
        const { log, tree } = await compare(scenario);
        expect(log).toMatch(/errno=63/);
        expect(log).not.toContain('SECRET');
        expect(tree.filter((line) => line.startsWith('outside'))).toEqual([
          'outside/',
          'outside/secret.txt = "SECRET"',
        ]);
      });
    }

    it('link chains: 40 expansions resolve, 41 fail with ELOOP', async () => {
      const script = ['open 3 1 c0 0 2 0 0', 'read 4 100', 'pstat 3 1 c0'];
      const at = (length: number): Scenario => ({
        tree: { ...escapeTree, ...linkChain(length) },
        preopens: [['/sb', 'sandbox']],
        script,
      });
      expect((await compare(at(40))).log).toContain('data="end of chain"');
      expect((await compare(at(41))).log).toContain('errno=32');
    });
  });

  describe('environment', () => {
    const scenario = ALL['inherited environment'];

    it('given variables, = in values, UTF-8', async () => {
      if (scenario === undefined) throw new Error("no scenario 'inherited environment'");
      await compare({ ...scenario, env: scenario.env?.filter(([, value]) => value !== '') });
    });

    // jco's glue passes '' without calling the guest's realloc, and the adapter's terminator would
    // land at address 1; src/component/glue.ts removes that shortcut.
    it('an empty value', async () => {
      if (scenario === undefined) throw new Error("no scenario 'inherited environment'");
      await compare(scenario);
    });
  });

  describe('scenarios', () => {
    for (const name of SAME_AS_MODULE) {
      it(name, async () => {
        const scenario = ALL[name];
        if (scenario === undefined) throw new Error(`no scenario '${name}' in __tests__/wasi`);
        await compare(withoutAdapterAnswers(scenario));
      });
    }
  });
});
