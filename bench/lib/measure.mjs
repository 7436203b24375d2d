// Runs one child process and measures its wall time and peak resident set size.
//
// Peak RSS comes from GNU time (`/usr/bin/time -f %M`, which reads the kernel's rusage of the
// waited-for child) when it is installed; otherwise /proc/<pid>/status VmHWM is sampled while
// the child runs, which can miss a peak reached in its last few milliseconds.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearInterval, setInterval } from 'node:timers';

const gnuTime = '/usr/bin/time';

/** How peak RSS is obtained on this machine, for the report. */
export const rssMethod = existsSync(gnuTime) ? 'GNU time %M' : 'sampled VmHWM';

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, input?: string | Uint8Array, cwd?: string, timeoutMs?: number }} options
 * @returns {Promise<{ code: number | null, signal: string | null, wallMs: number, peakRssKb: number | undefined, cpuSeconds: number | undefined, stderr: string }>}
 */
export async function measure(command, args, options = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'wizer-bench-'));
  const rssFile = join(scratch, 'rss');
  const useGnuTime = existsSync(gnuTime);
  const [file, argv] = useGnuTime
    ? [gnuTime, ['-f', '%M %U %S', '-o', rssFile, command, ...args]]
    : [command, args];
  try {
    const started = performance.now();
    const child = spawn(file, argv, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'ignore', 'pipe'],
      timeout: options.timeoutMs ?? 600_000,
    });
    let sampledKb = 0;
    const sampler = useGnuTime
      ? undefined
      : setInterval(() => {
          sampledKb = Math.max(sampledKb, readVmHwmKb(child.pid) ?? 0);
        }, 5);
    const stderr = [];
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
    const [code, signal] = await new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (c, s) => resolve([c, s]));
    });
    const wallMs = performance.now() - started;
    if (sampler) clearInterval(sampler);
    let peakRssKb = sampledKb || undefined;
    let cpuSeconds;
    if (useGnuTime) {
      const text = await readFile(rssFile, 'utf8').catch(() => '');
      // GNU time prints "Command exited with non-zero status N" before the values on failure.
      const [rss, user, system] = (text.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
      peakRssKb = Number.isFinite(rss) ? rss : undefined;
      cpuSeconds = Number.isFinite(user + system) ? user + system : undefined;
    }
    const stderrText = Buffer.concat(stderr).toString('utf8');
    return { code, signal, wallMs, peakRssKb, cpuSeconds, stderr: stderrText };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function readVmHwmKb(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
