/** The job summary: rows, totals, failures, escaping of user text. */
import { afterEach, describe, expect, it } from 'vitest';
import * as core from '@actions/core';
import { MAX_ROWS, buildSummary, escapeHtml } from '../../src/action/summary.js';
import type { ModuleResult } from '../../src/action/modules.js';
import type { WizenReport } from '../../src/wizer/options.js';

function report(initialize: number, segments: number): WizenReport {
  return {
    inputBytes: 0,
    outputBytes: 0,
    timings: {
      parse: 0,
      instrument: 0,
      compile: 0,
      initialize,
      snapshot: 0,
      rewrite: 0,
      total: initialize,
    },
    memories: [],
    globals: 0,
    segments,
  };
}

const ok: ModuleResult = {
  name: 'mods/a.wasm',
  outputName: 'mods/a.wizer.wasm',
  outputPath: '/ws/mods/a.wizer.wasm',
  status: 'wizened',
  bytesBefore: 2048,
  bytesAfter: 4096,
  report: report(250, 3),
  startup: { beforeMs: 250, afterMs: 2.5 },
  elapsedMs: 300,
};
const cached: ModuleResult = {
  ...ok,
  name: 'mods/b.wasm',
  status: 'cached',
  report: report(50, 1),
  startup: { beforeMs: 50, afterMs: 5 },
};
const failed: ModuleResult = {
  name: 'mods/<evil>&.wasm',
  outputName: 'x',
  status: 'failed',
  elapsedMs: 1,
  error: 'trap: <unreachable>',
};

afterEach(() => void core.summary.emptyBuffer());

describe('job summary', () => {
  it('has a row per module and totals', () => {
    const html = buildSummary({ results: [ok, cached], notes: [] }).stringify();
    expect(html).toContain(
      '<th>Module</th><th>Before</th><th>After</th><th>Segments</th><th>Init time</th><th>Cache</th><th>Start-up</th>',
    );
    expect(html).toContain(
      '<tr><td><code>mods/a.wasm</code></td><td>2.0 KiB</td><td>4.0 KiB</td><td>3</td><td>250 ms</td><td>miss</td><td>100.0×</td></tr>',
    );
    expect(html).toContain('<td>hit</td><td>10.0×</td>');
    // Totals: sizes and segments add up; the speed-up is total before over total after.
    expect(html).toContain(
      '<td><strong>Total</strong> (2 of 2)</td><td>4.0 KiB</td><td>8.0 KiB</td><td>4</td><td>300 ms</td><td>1 hit</td><td>40.0×</td>',
    );
    expect(html).toContain('2 modules: 1 wizened, 1 from the cache, 0 failed.');
  });

  it('lists failures with their cause, escaping user text everywhere', () => {
    const html = buildSummary({ results: [ok, failed], notes: ['left out <b>x</b>'] }).stringify();
    expect(html).not.toContain('<evil>');
    expect(html).not.toContain('<unreachable>');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('<code>mods/&#60;evil&#62;&#38;.wasm</code>');
    expect(html).toContain('<pre>trap: &#60;unreachable&#62;</pre>');
    expect(html).toContain('❌ failed');
  });

  it('lists the output digests in sha256sum format, for the results that have one', () => {
    const a = { ...ok, outputSha256: 'a'.repeat(64) };
    const b = { ...cached, outputName: 'mods/<b>.wizer.wasm', outputSha256: 'b'.repeat(64) };
    const html = buildSummary({ results: [a, b, failed], notes: [] }).stringify();
    expect(html).toContain(
      `<details><summary>Output sha256</summary><pre>${'a'.repeat(64)}  mods/a.wizer.wasm\n` +
        `${'b'.repeat(64)}  mods/&#60;b&#62;.wizer.wasm</pre></details>`,
    );
    core.summary.emptyBuffer();
    expect(buildSummary({ results: [ok], notes: [] }).stringify()).not.toContain('Output sha256');
  });

  it('has an optimization column (time, size change) only when optimize was asked for', () => {
    const a = {
      ...ok,
      report: { ...report(250, 3), optimize: { ms: 1500, bytesBefore: 4000, bytesAfter: 3000 } },
    };
    const b = {
      ...cached,
      report: { ...report(50, 1), optimize: { ms: 500, bytesBefore: 1000, bytesAfter: 1000 } },
    };
    const html = buildSummary({ results: [a, b, failed], notes: [] }).stringify();
    expect(html).toContain('<th>After</th><th>Optimization</th><th>Segments</th>');
    expect(html).toContain('<td>4.0 KiB</td><td>1.50 s, −25.0%</td><td>3</td>');
    expect(html).toContain('<td>500 ms, −0.0%</td>');
    // Failed: no optimization; totals: 2 s over 5000 -> 4000 bytes.
    expect(html).toContain(
      '<td>—</td><td>—</td><td>—</td><td>—</td><td>—</td><td>—</td><td>❌ failed</td>',
    );
    expect(html).toContain('<td>8.0 KiB</td><td>2.00 s, −20.0%</td>');
    core.summary.emptyBuffer();
    expect(buildSummary({ results: [ok], notes: [] }).stringify()).not.toContain('Optimization');
  });

  it('links the artifact', () => {
    const artifact = {
      name: 'mods',
      id: 7,
      url: 'https://github.com/o/r/actions/runs/1/artifacts/7',
      digest: 'ab',
      size: 10,
      files: 2,
    };
    const html = buildSummary({ results: [ok], artifact, notes: [] }).stringify();
    expect(html).toContain(
      '<a href="https://github.com/o/r/actions/runs/1/artifacts/7"><code>mods</code></a>: 2 files',
    );
  });

  it('caps the table for huge batches', () => {
    const many = Array.from({ length: MAX_ROWS + 5 }, (_, i) => ({ ...ok, name: `m${i}.wasm` }));
    const html = buildSummary({ results: many, notes: [] }).stringify();
    expect(html.match(/<tr>/g)).toHaveLength(MAX_ROWS + 2);
    expect(html).toContain('5 more modules are not listed');
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;',
    );
  });
});
