// Runs the vitest suite and ends with one plain summary line, `N passed, M failed[, K skipped]`,
// which CI systems that do not parse vitest's own output can read. Extra args go to vitest.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const report = join(root, '.tmp', 'vitest-report.json');
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
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit' },
);
const code = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));

let summary;
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = results.numPendingTests + results.numTodoTests;
  summary = `${results.numPassedTests} passed, ${results.numFailedTests} failed`;
  if (skipped > 0) summary += `, ${skipped} skipped`;
  // A suite that fails to load counts as a failure even when no test inside it ran.
  if (results.numFailedTestSuites > 0 && results.numFailedTests === 0) {
    summary = `${results.numPassedTests} passed, ${results.numFailedTestSuites} failed`;
  }
} catch {
  summary = `0 passed, 1 failed`;
}
console.log(summary);
process.exit(code);
