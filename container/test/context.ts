/**
 * What the global setup hands to the container tests: the freshly built image, or why there is
 * none (then the image tests skip, loudly).
 */
import { join } from 'node:path';
import { inject } from 'vitest';
import { runProcess, type ProcessResult } from '../../__tests__/helpers/tools.js';

export type ContainerContext =
  | {
      available: true;
      image: string;
      cacheDir: string;
      baseImage: string;
      /**
       * The build context: a snapshot of Dockerfile, .dockerignore, the entry point and dist/
       * taken before the build, so host runs use exactly the bundles the image holds even if
       * dist/ is rebuilt meanwhile.
       */
      buildContext: string;
    }
  | { available: false; reason: string };

declare module 'vitest' {
  export interface ProvidedContext {
    container: ContainerContext;
  }
}

export function containerContext(): ContainerContext {
  return inject('container');
}

/** Where `docker run -v "$PWD:/work" -w /work` puts the workspace in the CLI examples. */
export const CLI_WORKSPACE = '/work';

/** Runs the snapshot's `dist/cli.js` on the host's Node, the reference for the container. */
export function runHostCli(
  buildContext: string,
  args: string[],
  options: { cwd?: string; input?: Uint8Array } = {},
): Promise<ProcessResult> {
  return runProcess(process.execPath, [join(buildContext, 'dist', 'cli.js'), ...args], options);
}
