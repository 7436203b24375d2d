/**
 * The job summary: one row per module (sizes, segments, init time, cache, start-up speed-up),
 * a totals row, failures with their causes, and the artifact. Built with core.summary, whose
 * builders do not escape, so every piece of user text goes through `escapeHtml`.
 */
import * as core from '@actions/core';
import type { UploadedArtifact } from './artifact.js';
import { formatBytes, formatMs, type ModuleResult } from './modules.js';
import { speedup } from './startup.js';
import type { OptimizeReport } from '../wizer/options.js';
import { addOptimizeReports } from '../optimize/index.js';

/** Rows beyond this are summarised in one line: a step summary is capped at 1 MiB. */
export const MAX_ROWS = 300;

export interface SummaryInput {
  results: readonly ModuleResult[];
  artifact?: UploadedArtifact;
  artifactError?: string;
  /** Lines about files that matched but were left out (own outputs, other shards). */
  notes: readonly string[];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Fills core.summary's buffer (not written). Returns the summary object for chaining. */
export function buildSummary({
  results,
  artifact,
  artifactError,
  notes,
}: SummaryInput): typeof core.summary {
  const summary = core.summary.addHeading('Wizer pre-initialization', 2);
  const failed = results.filter((r) => r.status === 'failed');
  const cached = results.filter((r) => r.status === 'cached');
  summary.addRaw(
    `<p>${results.length} module${results.length === 1 ? '' : 's'}: ${results.length - failed.length - cached.length} wizened, ` +
      `${cached.length} from the cache, ${failed.length} failed.</p>`,
    true,
  );

  // The optimization column only when `optimize` was asked for.
  const optimized = results.some((r) => r.report?.optimize !== undefined);
  const columns = ['Module', 'Before', 'After', 'Segments', 'Init time', 'Cache', 'Start-up'];
  if (optimized) columns.splice(3, 0, 'Optimization');
  const header = columns.map((data) => ({ data, header: true }));
  const withOptimization = (cells: string[], cell: string): string[] =>
    optimized ? [...cells.slice(0, 3), cell, ...cells.slice(3)] : cells;
  const rows = results
    .slice(0, MAX_ROWS)
    .map((r) => withOptimization(row(r), optimizationCell(r.report?.optimize)));
  const ok = results.filter((r) => r.status !== 'failed');
  const total = ok.reduce<OptimizeReport | undefined>(
    (sum, r) => addOptimizeReports(sum, r.report?.optimize),
    undefined,
  );
  summary.addTable([header, ...rows, withOptimization(totals(results), optimizationCell(total))]);
  if (results.length > MAX_ROWS) {
    summary.addRaw(
      `<p>${results.length - MAX_ROWS} more modules are not listed; see the <code>modules</code> output.</p>`,
      true,
    );
  }

  const digests = results.slice(0, MAX_ROWS).filter((r) => r.outputSha256 !== undefined);
  if (digests.length > 0) {
    // In `sha256sum` format, so a release pipeline can check its files against the summary.
    const lines = digests.map((r) => `${r.outputSha256}  ${r.outputName}`).join('\n');
    summary.addDetails('Output sha256', `<pre>${escapeHtml(lines)}</pre>`);
  }

  if (failed.length > 0) {
    summary.addHeading('Failures', 3);
    for (const result of failed.slice(0, MAX_ROWS)) {
      summary.addDetails(
        `<code>${escapeHtml(result.name)}</code>`,
        `<pre>${escapeHtml(result.error ?? 'unknown error')}</pre>`,
      );
    }
  }

  if (artifact) {
    const name = `<code>${escapeHtml(artifact.name)}</code>`;
    const link = artifact.url ? `<a href="${escapeHtml(artifact.url)}">${name}</a>` : name;
    summary.addRaw(
      `<p>Artifact ${link}: ${artifact.files} file${artifact.files === 1 ? '' : 's'}, ${formatBytes(artifact.size)}, ` +
        `sha256 <code>${escapeHtml(artifact.digest)}</code></p>`,
      true,
    );
  } else if (artifactError) {
    summary.addRaw(
      `<p><strong>Artifact upload failed:</strong> ${escapeHtml(artifactError)}</p>`,
      true,
    );
  }
  for (const note of notes) summary.addRaw(`<p>${escapeHtml(note)}</p>`, true);
  return summary;
}

/** Writes the summary when the runner provides a summary file; a failure here is only a warning. */
export async function writeSummary(input: SummaryInput): Promise<void> {
  if (!process.env['GITHUB_STEP_SUMMARY']) {
    core.debug('No GITHUB_STEP_SUMMARY: job summary skipped');
    return;
  }
  try {
    await buildSummary(input).write();
  } catch (error) {
    core.warning(
      `Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    core.summary.emptyBuffer();
  }
}

function row(result: ModuleResult): string[] {
  const kind = result.kind === 'component' ? ' (component)' : '';
  const name = `<code>${escapeHtml(result.name)}</code>${kind}`;
  if (result.status === 'failed') {
    return [name, maybe(result.bytesBefore, formatBytes), '—', '—', '—', '—', '❌ failed'];
  }
  return [
    name,
    maybe(result.bytesBefore, formatBytes),
    maybe(result.bytesAfter, formatBytes),
    maybe(result.report?.segments, String),
    maybe(result.report?.timings.initialize, formatMs),
    result.status === 'cached' ? 'hit' : 'miss',
    result.startup ? `${speedup(result.startup).toFixed(1)}×` : '—',
  ];
}

function totals(results: readonly ModuleResult[]): string[] {
  const ok = results.filter((r) => r.status !== 'failed');
  const sum = (pick: (r: ModuleResult) => number | undefined) =>
    ok.reduce((total, r) => total + (pick(r) ?? 0), 0);
  const measured = ok.filter((r) => r.startup);
  const before = measured.reduce((t, r) => t + r.startup!.beforeMs, 0);
  const after = measured.reduce((t, r) => t + r.startup!.afterMs, 0);
  return [
    `<strong>Total</strong> (${ok.length} of ${results.length})`,
    formatBytes(sum((r) => r.bytesBefore)),
    formatBytes(sum((r) => r.bytesAfter)),
    String(sum((r) => r.report?.segments)),
    formatMs(sum((r) => r.report?.timings.initialize)),
    plural(ok.filter((r) => r.status === 'cached').length, 'hit'),
    measured.length > 0 ? `${speedup({ beforeMs: before, afterMs: after }).toFixed(1)}×` : '—',
  ];
}

/** Optimization time and size change, e.g. `1.2 s, −12.5%`. */
function optimizationCell(report: OptimizeReport | undefined): string {
  if (report === undefined) return '—';
  const change = ((report.bytesAfter - report.bytesBefore) / report.bytesBefore) * 100;
  return `${formatMs(report.ms)}, ${change <= 0 ? '−' : '+'}${Math.abs(change).toFixed(1)}%`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function maybe<T>(value: T | undefined, format: (value: T) => string): string {
  return value === undefined ? '—' : format(value);
}
