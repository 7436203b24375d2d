/**
 * Runs the committed bundle the way a runner does: `dist/` copied to a directory without
 * node_modules, inputs as `INPUT_*` (with action.yml defaults applied, as the runner does),
 * file commands in GITHUB_OUTPUT / GITHUB_STEP_SUMMARY, and the services from the emulator.
 * Workflow commands on stdout are parsed the way the runner parses them, including
 * `::stop-commands::`.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Emulator } from '../emulator/index.js';
import { repoRoot, runProcess, tempDir } from '../helpers/tools.js';

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  commands: WorkflowCommand[];
  durationMs: number;
}

interface ActionManifest {
  inputs: Record<string, { default?: string; required?: boolean; description: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

export function readActionManifest(): ActionManifest {
  return parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as ActionManifest;
}

/** Evaluates the few expressions action.yml defaults use, as the runner would for one job. */
export function evaluateDefault(value: string, context: { job: string; jobIndex: number }): string {
  return value.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_whole, expression: string) => {
    if (expression === 'github.job') return context.job;
    if (expression === 'strategy.job-index') return String(context.jobIndex);
    throw new Error(`the test harness cannot evaluate \${{ ${expression} }}`);
  });
}

/** Copies dist/ to a fresh directory with no node_modules anywhere above it that could help. */
export function installBundle(): { entry: string; cleanup: () => void } {
  const dir = tempDir('wizer-bundle-');
  cpSync(join(repoRoot, 'dist'), join(dir.path, 'dist'), { recursive: true });
  return { entry: join(dir.path, 'dist', 'index.js'), cleanup: dir.cleanup };
}

export interface RunOptions {
  entry: string;
  workspace: string;
  /** Runner temp directory (a fresh one per run is made inside when omitted). */
  runnerTemp?: string;
  inputs: Record<string, string>;
  emulator?: Emulator;
  env?: Record<string, string>;
  /** Apply action.yml defaults (true, as the runner does); false tests the code's own defaults. */
  applyDefaults?: boolean;
  jobIndex?: number;
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const files = tempDir('wizer-run-');
  const runnerTemp = options.runnerTemp ?? join(files.path, 'temp');
  mkdirSync(runnerTemp, { recursive: true });
  const outputFile = join(files.path, 'output');
  const summaryFile = join(files.path, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const job = options.env?.['GITHUB_JOB'] ?? 'build';

  const inputs: Record<string, string> = {};
  if (options.applyDefaults !== false) {
    for (const [name, spec] of Object.entries(readActionManifest().inputs)) {
      if (spec.default !== undefined)
        inputs[name] = evaluateDefault(spec.default, { job, jobIndex: options.jobIndex ?? 0 });
    }
  }
  Object.assign(inputs, options.inputs);

  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? files.path,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_JOB: job,
    GITHUB_ACTION: '__self',
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    ...options.emulator?.env,
    ...options.env,
  };
  for (const [name, value] of Object.entries(inputs))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;

  const started = performance.now();
  try {
    const result = await runProcess(process.execPath, [options.entry], {
      cwd: options.workspace,
      env,
      timeoutMs: 120_000,
    });
    const stdout = result.stdout.toString('utf8');
    return {
      code: result.code,
      stdout,
      stderr: result.stderr,
      outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
      summary: readFileSync(summaryFile, 'utf8'),
      // The runner processes commands on both streams.
      commands: [...parseCommands(stdout), ...parseCommands(result.stderr)],
      durationMs: performance.now() - started,
    };
  } finally {
    files.cleanup();
  }
}

/** The heredoc records @actions/core appends to GITHUB_OUTPUT. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const match of text.matchAll(/^(.+?)<<(ghadelimiter_[\w-]+)\n([\s\S]*?)\n\2$/gm))
    outputs[match[1]!] = match[3]!;
  return outputs;
}

/** Workflow commands as the runner sees them: none between `::stop-commands::T` and `::T::`. */
export function parseCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  let resumeToken: string | undefined;
  for (const line of stdout.split(/\r?\n/)) {
    if (resumeToken !== undefined) {
      if (line === `::${resumeToken}::`) resumeToken = undefined;
      continue;
    }
    const match = /^::([\w-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const [, command, props = '', message = ''] = match;
    if (command === 'stop-commands') {
      resumeToken = message;
      continue;
    }
    const properties: Record<string, string> = {};
    for (const pair of props.split(',').filter(Boolean)) {
      const at = pair.indexOf('=');
      properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1));
    }
    commands.push({ command: command!, properties, message: unescapeData(message) });
  }
  return commands;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replace(/%3A/g, ':').replace(/%2C/g, ',');
}

export function annotations(
  run: ActionRun,
  kind: 'error' | 'warning' | 'notice',
): WorkflowCommand[] {
  return run.commands.filter((c) => c.command === kind);
}
