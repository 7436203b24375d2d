// Runs vitest once and returns its exit code and one plain summary line,
// `N passed, M failed[, K skipped]`, which CI systems that do not parse vitest's output can read.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `name` keeps the JSON reports of different suites apart. */
export async function runVitest(name, args) {
  const report = join(root, '.tmp', `vitest-${name}.json`);
  mkdirSync(dirname(report), { recursive: true });
  rmSync(report, { force: true });
  const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const child = spawn(
    process.execPath,
    [
      vitest,
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...args,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  const code = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  try {
    const results = JSON.parse(readFileSync(report, 'utf8'));
    const skipped = results.numPendingTests + results.numTodoTests;
    // Failed tests, plus each file that failed with no failed test inside (it did not load, or a
    // hook failed): vitest's own suite count includes every describe block around a failed test.
    const failedFiles = results.testResults.filter(
      (file) =>
        file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed'),
    ).length;
    const failed = results.numFailedTests + failedFiles;
    let summary = `${results.numPassedTests} passed, ${failed} failed`;
    if (skipped > 0) summary += `, ${skipped} skipped`;
    return { code, summary, skipped };
  } catch {
    return { code: code || 1, summary: '0 passed, 1 failed', skipped: 0 }; // vitest did not start
  }
}
