// `npm run test:container`: builds the image from the Dockerfile with buildah and runs it for
// real (CLI mode against the host CLI, action mode against the cache/artifact emulator). Without
// buildah (or root) the image tests are skipped with a visible message and only the static checks
// of the Dockerfile and container/action.yml run. Ends with `N passed, M failed[, K skipped]`.
import { join } from 'node:path';
import { root, runVitest } from './vitest-summary.mjs';

const started = performance.now();
const { code, summary, skipped } = await runVitest('container', [
  '--config',
  join(root, 'container', 'test', 'vitest.config.ts'),
  ...process.argv.slice(2),
]);
if (skipped > 0) {
  console.log(
    `[container] ${skipped} image tests skipped: see the [container] skipped: line above`,
  );
}
console.log(`[container] suite took ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(summary);
process.exit(code);
