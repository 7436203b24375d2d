/**
 * The README's two commands on a fresh machine: a clean container of the local base image (Debian
 * bookworm with only Node and npm: no compiler, no zstd, no git, an empty npm cache) gets a fresh
 * checkout of the repository, runs `npm install && npm run demo`, then `npm test`, which must pass
 * with nothing failed and nothing skipped. This is what a newcomer does, and what CI keeps true.
 *
 * The checkout is the work tree's tracked and not-ignored files, so uncommitted changes are tested
 * as the commit that makes them would be. Logs go to .tmp/fresh-machine/*.log.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../__tests__/helpers/tools.js';
import { Buildah } from './buildah.js';
import { containerContext } from './context.js';

const context = containerContext();
const THIRTY_MINUTES = 30 * 60_000;
const logDir = join(repoRoot, '.tmp', 'fresh-machine');

/** Copies what `git clone` of a commit of the work tree would check out. */
function freshCheckout(into: string): void {
  const files = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: repoRoot,
      maxBuffer: 64 * 1024 * 1024,
    },
  )
    .toString('utf8')
    .split('\0')
    .filter((f) => f !== '');
  for (const file of files) {
    // A file deleted but not yet committed is gone from the next commit too.
    if (!existsSync(join(repoRoot, file))) continue;
    mkdirSync(dirname(join(into, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(into, file), { verbatimSymlinks: true });
  }
}

describe.skipIf(!context.available)('a fresh machine with only Node and npm', () => {
  const buildah = new Buildah(context.available ? context.cacheDir : '');
  let container = '';
  let work = '';

  beforeAll(async () => {
    if (!context.available) return;
    work = mkdtempSync('/var/tmp/wizer-fresh-');
    freshCheckout(join(work, 'repo'));
    container = await buildah.createContainer(context.baseImage, `wizer-fresh-${process.pid}`);
    mkdirSync(logDir, { recursive: true });
  });

  afterAll(async () => {
    if (container) await buildah.removeContainer(container);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Runs a shell command in the checkout, as a newcomer would type it; output to a log file. */
  async function newcomer(name: string, command: string) {
    const started = performance.now();
    const volumes = [`${join(work, 'repo')}:/repo`];
    const env: Record<string, string> = {
      HOME: '/root',
      npm_config_cache: '/tmp/empty-npm-cache',
      CI: 'true',
    };
    // The machine's own trust store comes along (a TLS-inspecting network needs its CA to reach
    // the registry); the project itself brings nothing but its files.
    const hostCa = process.env['NODE_EXTRA_CA_CERTS'];
    if (hostCa && existsSync(hostCa)) {
      volumes.push(`${hostCa}:/etc/host-ca.pem:ro`);
      env['NODE_EXTRA_CA_CERTS'] = '/etc/host-ca.pem';
    }
    const result = await buildah.run(container, ['/bin/sh', '-c', `${command} 2>&1`], {
      volumes,
      workdir: '/repo',
      env,
      timeoutMs: THIRTY_MINUTES,
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const output = result.stdout.toString('utf8');
    writeFileSync(join(logDir, `${name}.log`), output + result.stderr);
    console.log(`[fresh machine] ${command}: exit ${result.code} after ${seconds} s`);
    return { code: result.code, output, tail: output.split('\n').slice(-40).join('\n') };
  }

  it(
    'runs the README commands with every test passing and none skipped',
    async () => {
      const tools = await newcomer('tools', 'command -v clang wasm-ld zstd git || true');
      expect(tools.output.trim(), 'the base image must not have these tools').toBe('');

      const setup = await newcomer('setup', 'npm install && npm run demo');
      expect(setup.code, setup.tail).toBe(0);
      expect(setup.output).toMatch(/start-up is \d+x faster after pre-initialization/);

      const tests = await newcomer('test', 'npm test');
      const summary = tests.output.trimEnd().split('\n').at(-1) ?? '';
      console.log(`[fresh machine] npm test: ${summary}`);
      expect(summary, tests.tail).toMatch(/^\d+ passed, 0 failed$/);
      expect(Number(summary.split(' ')[0])).toBeGreaterThan(0);
      expect(tests.code, tests.tail).toBe(0);
    },
    2 * THIRTY_MINUTES,
  );
});
