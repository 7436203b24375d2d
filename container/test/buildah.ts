/**
 * Buildah as a stand-in for a Docker engine: rootful, `--isolation chroot`, vfs storage in a
 * private, persistent cache directory, so the debootstrap'ed base survives between runs and the
 * machine's own container storage is never touched.
 */
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import { runProcess, type ProcessResult } from '../../__tests__/helpers/tools.js';

/** The parts of an OCI image config the tests look at. */
export interface ImageConfig {
  Entrypoint?: string[];
  Cmd?: string[];
  User?: string;
  WorkingDir?: string;
  Env?: string[];
  Labels?: Record<string, string>;
}

export interface RunOptions {
  /** `host:guest` bind mounts, as `docker run -v`. */
  volumes?: string[];
  workdir?: string;
  env?: Record<string, string>;
  input?: Uint8Array;
  /** Kills the command after this long (default ten minutes). */
  timeoutMs?: number;
}

// `buildah run` reports a non-zero exit of the command on stderr itself; these lines are not the
// program's output and are removed before comparing with a host run.
const BUILDAH_EXIT_REPORT = /^(subprocess exited with status \d+|Error: exit status \d+)$/;

const TEN_MINUTES = 600_000;

export class BuildahError extends Error {
  constructor(args: readonly string[], result: ProcessResult) {
    super(`buildah ${args.join(' ')} failed (exit ${result.code}):\n${result.stderr}`);
    this.name = 'BuildahError';
  }
}

export class Buildah {
  private readonly storageFlags: string[];

  constructor(readonly cacheDir: string) {
    this.storageFlags = [
      '--storage-driver',
      'vfs',
      '--root',
      join(cacheDir, 'storage'),
      '--runroot',
      join(cacheDir, 'runroot'),
    ];
  }

  /** Runs a buildah subcommand; throws a BuildahError on failure unless `allowFailure`. */
  async exec(args: string[], allowFailure = false): Promise<ProcessResult> {
    const result = await runProcess('buildah', [...this.storageFlags, ...args], {
      timeoutMs: TEN_MINUTES,
    });
    if (result.code !== 0 && !allowFailure) throw new BuildahError(args, result);
    return result;
  }

  async imageExists(name: string): Promise<boolean> {
    return (await this.exec(['inspect', '--type', 'image', name], true)).code === 0;
  }

  async imageConfig(name: string): Promise<ImageConfig> {
    const result = await this.exec(['inspect', '--type', 'image', name]);
    const inspected = JSON.parse(result.stdout.toString('utf8')) as {
      OCIv1: { config?: ImageConfig };
    };
    return inspected.OCIv1.config ?? {};
  }

  /** `buildah build` without `--layers`: one commit, which is what makes vfs storage fast. */
  async build(options: {
    containerfile: string;
    context: string;
    tag: string;
    buildArgs: Record<string, string>;
  }): Promise<void> {
    const args = ['build', '--isolation', 'chroot', '--pull=missing', '-f', options.containerfile];
    for (const [key, value] of Object.entries(options.buildArgs)) {
      args.push('--build-arg', `${key}=${value}`);
    }
    await this.exec([...args, '-t', options.tag, options.context]);
    // The previous image of the same tag is now dangling, and vfs keeps full copies: drop it.
    await this.exec(['rmi', '--prune'], true);
  }

  /** A working container of `image`: the root filesystem a `docker run` of it would get. */
  async createContainer(image: string, name: string): Promise<string> {
    await this.exec(['rm', name], true);
    await this.exec(['from', '--pull-never', '--name', name, image]);
    return name;
  }

  async removeContainer(name: string): Promise<void> {
    await this.exec(['rm', name], true);
  }

  /**
   * Runs `command` in the container as `docker run` would run it with these mounts, working
   * directory and environment. Buildah's own exit report is stripped from stderr.
   */
  async run(
    container: string,
    command: string[],
    options: RunOptions = {},
  ): Promise<ProcessResult> {
    const args = ['run', '--isolation', 'chroot'];
    for (const volume of options.volumes ?? []) args.push('-v', volume);
    if (options.workdir) args.push('--workingdir', options.workdir);
    for (const [key, value] of Object.entries(options.env ?? {}))
      args.push('--env', `${key}=${value}`);
    const result = await runProcess(
      'buildah',
      [...this.storageFlags, ...args, container, '--', ...command],
      {
        input: options.input ?? new Uint8Array(),
        timeoutMs: options.timeoutMs ?? TEN_MINUTES,
      },
    );
    const lines = result.stderr.split('\n');
    while (lines.length > 0 && (lines.at(-1) === '' || BUILDAH_EXIT_REPORT.test(lines.at(-1)!)))
      lines.pop();
    return { ...result, stderr: lines.length > 0 ? `${lines.join('\n')}\n` : '' };
  }
}

/**
 * Makes (once) the registry-free stand-in for node:24-bookworm-slim: a minbase bookworm from
 * debootstrap, as a tarball, then `FROM scratch` + that tarball + the repository's Node binary
 * at /usr/local/bin/node + an npm package directory (see container/local-base.Containerfile).
 * Returns the image name.
 */
export async function ensureLocalBase(
  buildah: Buildah,
  options: {
    nodeBinary: string;
    nodeVersion: string;
    /** The npm package directory to install (the one running this, as the official image has). */
    npmDir: string;
    containerfile: string;
    log: (line: string) => void;
  },
): Promise<string> {
  const { version: npmVersion } = JSON.parse(
    readFileSync(join(options.npmDir, 'package.json'), 'utf8'),
  ) as { version: string };
  const tag = `localhost/wizer-base:bookworm-node-v${options.nodeVersion}-npm-v${npmVersion}`;
  if (await buildah.imageExists(tag)) return tag;

  const context = join(buildah.cacheDir, 'base-context');
  const rootfsTar = join(context, 'rootfs.tar');
  mkdirSync(context, { recursive: true });
  if (!existsSync(rootfsTar)) {
    const mirror = process.env['WIZER_DEBIAN_MIRROR'] ?? 'http://deb.debian.org/debian';
    const rootfs = join(buildah.cacheDir, 'rootfs');
    rmSync(rootfs, { recursive: true, force: true });
    options.log(`debootstrap --variant=minbase bookworm from ${mirror} (once, about a minute)`);
    const boot = await runProcess(
      'debootstrap',
      ['--variant=minbase', 'bookworm', rootfs, mirror],
      {
        timeoutMs: TEN_MINUTES,
      },
    );
    if (boot.code !== 0) throw new Error(`debootstrap failed (exit ${boot.code}):\n${boot.stderr}`);
    // Like the official slim images: no package lists or downloaded .debs, no host resolv.conf.
    for (const dir of ['var/cache/apt/archives', 'var/lib/apt/lists']) {
      rmSync(join(rootfs, dir), { recursive: true, force: true });
      mkdirSync(join(rootfs, dir, 'partial'), { recursive: true });
    }
    rmSync(join(rootfs, 'etc/resolv.conf'), { force: true });
    const tar = await runProcess('tar', ['-C', rootfs, '-cf', `${rootfsTar}.partial`, '.'], {
      timeoutMs: TEN_MINUTES,
    });
    if (tar.code !== 0) throw new Error(`tar of the debootstrap rootfs failed:\n${tar.stderr}`);
    renameSync(`${rootfsTar}.partial`, rootfsTar);
    rmSync(rootfs, { recursive: true, force: true });
  }
  copyFileSync(options.nodeBinary, join(context, 'node'));
  rmSync(join(context, 'npm'), { recursive: true, force: true });
  cpSync(options.npmDir, join(context, 'npm'), { recursive: true });
  try {
    options.log(`building the local base image ${tag}`);
    await buildah.build({
      containerfile: options.containerfile,
      context,
      tag,
      buildArgs: { NODE_VERSION: options.nodeVersion },
    });
  } finally {
    rmSync(join(context, 'node'), { force: true });
    rmSync(join(context, 'npm'), { recursive: true, force: true });
  }
  return tag;
}
