/**
 * The image as built from the Dockerfile: the config a Docker action needs (exec-form entry point
 * with absolute paths, no USER, no WORKDIR, no CMD), the OCI labels, and contents limited to the
 * bundles plus what they need at run time.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { repoRoot } from '../../__tests__/helpers/tools.js';
import { Buildah, type ImageConfig } from './buildah.js';
import { containerContext, runHostCli } from './context.js';

const context = containerContext();
const packageJson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
  license: string;
};

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');

  test('defaults to the Node release the repository uses, on bookworm slim', () => {
    const nodeVersion = readFileSync(join(repoRoot, '.node-version'), 'utf8').trim();
    expect(dockerfile).toMatch(
      new RegExp(`^ARG BASE_IMAGE=node:${nodeVersion}-bookworm-slim(@sha256:[0-9a-f]{64})?$`, 'm'),
    );
  });

  test('has no USER or WORKDIR instruction (they break Docker actions)', () => {
    expect(dockerfile).not.toMatch(/^\s*(USER|WORKDIR)\b/im);
  });
});

describe.skipIf(!context.available)('container image', () => {
  const buildah = new Buildah(context.available ? context.cacheDir : '');
  let config: ImageConfig = {};
  let container = '';

  beforeAll(async () => {
    if (!context.available) return;
    config = await buildah.imageConfig(context.image);
    container = await buildah.createContainer(context.image, `wizer-image-test-${process.pid}`);
  });

  afterAll(async () => {
    if (container) await buildah.removeContainer(container);
  });

  test('enters through Node with absolute paths, with no CMD, USER or WORKDIR', () => {
    expect(config.Entrypoint).toEqual([
      '/usr/local/bin/node',
      '--liftoff-only',
      '--max-semi-space-size=1',
      '--wasm-lazy-validation',
      '/opt/wizer-action/entrypoint.mjs',
    ]);
    expect(config.Cmd ?? []).toEqual([]);
    expect(config.User ?? '').toBe('');
    expect(['', '/']).toContain(config.WorkingDir ?? '');
    expect(config.Env).toContain('WIZER_MODE=cli');
  });

  test('carries the OCI labels', () => {
    const labels = config.Labels ?? {};
    expect(labels['org.opencontainers.image.version']).toBe(packageJson.version);
    expect(labels['org.opencontainers.image.licenses']).toBe(packageJson.license);
    expect(labels['org.opencontainers.image.source']).toMatch(
      /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/,
    );
    expect(labels['org.opencontainers.image.description']).toMatch(/pre-initializer/);
  });

  test('holds exactly the entry point and dist/', async () => {
    if (!context.available) return;
    const dist = join(context.buildContext, 'dist');
    const listing = await buildah.run(container, [
      '/usr/local/bin/node',
      '-e',
      `const {readdirSync, readFileSync} = require('node:fs');
       const {createHash} = require('node:crypto');
       for (const e of readdirSync('/opt/wizer-action', {recursive: true, withFileTypes: true}))
         if (e.isFile()) { const p = e.parentPath + '/' + e.name;
           console.log(p + ' ' + createHash('sha256').update(readFileSync(p)).digest('hex')); }`,
    ]);
    expect(listing.code, listing.stderr).toBe(0);
    const expected = [
      `/opt/wizer-action/entrypoint.mjs ${sha256(join(context.buildContext, 'container', 'entrypoint.mjs'))}`,
      ...readdirSync(dist, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => {
          const path = join(entry.parentPath, entry.name);
          return `/opt/wizer-action/dist${path.slice(dist.length)} ${sha256(path)}`;
        }),
    ];
    expect(listing.stdout.toString('utf8').trim().split('\n').sort()).toEqual(expected.sort());
  });

  test('has Node 24, zstd (for cache compatibility) and CA certificates', async () => {
    const node = await buildah.run(container, ['/usr/local/bin/node', '--version']);
    expect(node.stdout.toString('utf8')).toMatch(/^v24\./);
    const zstd = await buildah.run(container, ['zstd', '--version']);
    expect(zstd.code, zstd.stderr).toBe(0);
    const certs = await buildah.run(container, [
      '/usr/local/bin/node',
      '-e',
      'require("fs").statSync("/etc/ssl/certs/ca-certificates.crt")',
    ]);
    expect(certs.code, certs.stderr).toBe(0);
  });

  test('has `wizer` on PATH for shell-based CI systems', async () => {
    if (!context.available) return;
    const result = await buildah.run(container, ['sh', '-c', 'wizer --version']);
    expect(result.code, result.stderr).toBe(0);
    expect(
      result.stdout.equals((await runHostCli(context.buildContext, ['--version'])).stdout),
    ).toBe(true);
  });

  test('rejects an unknown WIZER_MODE with exit 2', async () => {
    const result = await buildah.run(container, config.Entrypoint ?? [], {
      env: { WIZER_MODE: 'nonsense' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "wizer-action image: unknown WIZER_MODE 'nonsense' (expected 'cli' or 'action')\n",
    );
  });
});

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
