/** action.yml and the code must name the same inputs and outputs and agree on defaults. */
import { describe, expect, it } from 'vitest';
import {
  ARTIFACT_NAME_EXPRESSION,
  INPUT_DEFAULTS,
  Inputs,
  NoFilesFound,
  Outputs,
  defaultArtifactName,
} from '../../src/action/constants.js';
import { evaluateDefault, readActionManifest } from './harness.js';

const manifest = readActionManifest();

describe('action.yml', () => {
  it('declares exactly the inputs of the Inputs enum', () => {
    expect(Object.keys(manifest.inputs).sort()).toEqual(Object.values(Inputs).sort());
  });

  it('declares exactly the outputs of the Outputs enum', () => {
    expect(Object.keys(manifest.outputs).sort()).toEqual(Object.values(Outputs).sort());
  });

  it('has the defaults mirrored in code, with only `files` required', () => {
    for (const [name, spec] of Object.entries(manifest.inputs)) {
      if (name === Inputs.ArtifactName) {
        expect(spec.default).toBe(ARTIFACT_NAME_EXPRESSION);
      } else if (name === Inputs.Files) {
        expect(spec.required).toBe(true);
        expect(spec.default).toBeUndefined();
      } else {
        expect({ name, value: spec.default }).toEqual({
          name,
          value: INPUT_DEFAULTS[name as Inputs],
        });
      }
    }
  });

  it('documents every input and output', () => {
    for (const spec of [...Object.values(manifest.inputs), ...Object.values(manifest.outputs)]) {
      expect(spec.description.length).toBeGreaterThan(10);
    }
  });

  it('runs dist/index.js on node24', () => {
    expect(manifest.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('offers the if-no-files-found values of upload-artifact', () => {
    expect(Object.values(NoFilesFound).sort()).toEqual(['error', 'ignore', 'warn']);
  });
});

describe('artifact names', () => {
  it('the action.yml default differs per matrix leg and job', () => {
    const names = [
      evaluateDefault(ARTIFACT_NAME_EXPRESSION, { job: 'build', jobIndex: 0 }),
      evaluateDefault(ARTIFACT_NAME_EXPRESSION, { job: 'build', jobIndex: 1 }),
      evaluateDefault(ARTIFACT_NAME_EXPRESSION, { job: 'test', jobIndex: 0 }),
    ];
    expect(new Set(names).size).toBe(3);
    expect(names[0]).toBe('wizened-build-0');
  });

  it('the code default differs per job and runner platform', () => {
    expect(
      defaultArtifactName({ GITHUB_JOB: 'build', RUNNER_OS: 'Windows', RUNNER_ARCH: 'ARM64' }),
    ).toBe('wizened-build-windows-arm64');
    expect(defaultArtifactName({})).toBe('wizened-job');
  });
});
