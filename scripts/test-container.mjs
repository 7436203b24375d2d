// `npm run test:container`: builds the image from the Dockerfile with buildah and runs it for
// real (CLI mode against the host CLI, action mode against the cache/artifact emulator). Without
// buildah (or root) the image tests are skipped with a visible message and only the static checks
// of the Dockerfile and container/action.yml run. Ends with `N passed, M failed[, K skipped]`.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const report = join(root, '.tmp', 'vitest-container-report.json');
mkdirSync(dirname(report), { recursive: true });
rmSync(report, { force: true });

const started = performance.now();
const child = spawn(
  process.execPath,
  [
    join(root, 'node_modules', 'vitest', 'vitest.mjs'),
    'run',
    '--config',
    join(root, 'container', 'test', 'vitest.config.ts'),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);
const code = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));

let summary = '0 passed, 1 failed';
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = results.numPendingTests + results.numTodoTests;
  const failed = Math.max(results.numFailedTests, results.numFailedTestSuites);
  summary = `${results.numPassedTests} passed, ${failed} failed`;
  if (skipped > 0) {
    summary += `, ${skipped} skipped`;
    console.log(
      `[container] ${skipped} image tests skipped: see the [container] skipped: line above`,
    );
  }
} catch {
  // No report: vitest itself failed to start; the summary stays a failure.
}
console.log(`[container] suite took ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(summary);
process.exit(code);
