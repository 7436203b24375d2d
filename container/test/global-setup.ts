/**
 * Builds the image once for the whole suite: the local registry-free base (or WIZER_CONTAINER_BASE
 * when a registry is reachable), then the Dockerfile on top, from a snapshot of the files it uses,
 * and prints the timings. Without buildah or root, the image tests are skipped with a message.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { repoRoot } from '../../__tests__/helpers/tools.js';
import { Buildah, ensureLocalBase } from './buildah.js';
import type { ContainerContext } from './context.js';

export const IMAGE = 'localhost/wizer-action:test';

function unavailableReason(): string | undefined {
  const onPath = (name: string) =>
    (process.env['PATH'] ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, name)));
  if (!onPath('buildah'))
    return 'buildah not available (Debian: apt-get install buildah debootstrap)';
  if (process.getuid?.() !== 0) return 'buildah needs root here (chroot isolation, vfs storage)';
  return undefined;
}

/** The files the Dockerfile uses, plus its ignore file. */
const CONTEXT_FILES = ['Dockerfile', '.dockerignore', 'container/entrypoint.mjs', 'dist'];

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const reason = unavailableReason();
  if (reason) {
    console.log(`\n[container] skipped: ${reason}\n`);
    project.provide('container', { available: false, reason } satisfies ContainerContext);
    return undefined;
  }
  const cacheDir = process.env['WIZER_CONTAINER_CACHE'] ?? '/var/tmp/wizer-container-cache';
  const buildah = new Buildah(cacheDir);
  const version = (
    JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const nodeVersion = readFileSync(join(repoRoot, '.node-version'), 'utf8').trim();
  const log = (line: string) => console.log(`[container] ${line}`);

  let started = performance.now();
  const baseImage =
    process.env['WIZER_CONTAINER_BASE'] ??
    (await ensureLocalBase(buildah, {
      nodeBinary: join(repoRoot, 'node_modules', 'node', 'bin', 'node'),
      nodeVersion,
      npmDir: npmPackageDir(),
      containerfile: join(repoRoot, 'container', 'local-base.Containerfile'),
      log,
    }));
  log(`base image ${baseImage} ready in ${seconds(started)}`);

  const buildContext = mkdtempSync(join(tmpdir(), 'wizer-container-context-'));
  for (const path of CONTEXT_FILES) {
    cpSync(join(repoRoot, path), join(buildContext, path), { recursive: true });
  }
  for (const bundle of ['dist/cli.js', 'dist/index.js']) {
    if (!existsSync(join(buildContext, bundle))) {
      rmSync(buildContext, { recursive: true, force: true });
      throw new Error(`${bundle} is missing: run npm run build first`);
    }
  }
  started = performance.now();
  await buildah.build({
    containerfile: join(buildContext, 'Dockerfile'),
    context: buildContext,
    tag: IMAGE,
    buildArgs: { BASE_IMAGE: baseImage, VERSION: version },
  });
  log(`image ${IMAGE} built from the Dockerfile in ${seconds(started)}`);
  project.provide('container', {
    available: true,
    image: IMAGE,
    cacheDir,
    baseImage,
    buildContext,
  });
  return () => rmSync(buildContext, { recursive: true, force: true });
}

/** The npm running this suite (npm scripts say where in npm_execpath: <dir>/bin/npm-cli.js). */
function npmPackageDir(): string {
  const cli = process.env['npm_execpath'];
  if (!cli) throw new Error('run the container suite through npm (npm run test:container)');
  return dirname(dirname(cli));
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
