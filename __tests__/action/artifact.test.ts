/** Artifact upload around a fake client: root directory, options, overwrite and error messages. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { join, resolve } from 'node:path';
import { artifactRoot, uploadResults, type ArtifactClient } from '../../src/action/artifact.js';

const ws = resolve('/ws');
const settings = { enabled: true, name: 'mods', compressionLevel: 9, overwrite: false };

function fakeClient(overrides: Partial<ArtifactClient> = {}): ArtifactClient & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    uploadArtifact: vi.fn(async (name: string) => {
      calls.push(`upload ${name}`);
      return { id: 42, size: 100, digest: 'cafe' };
    }),
    deleteArtifact: vi.fn(async (name: string) => {
      calls.push(`delete ${name}`);
      return { id: 41 };
    }),
    ...overrides,
  };
}

afterEach(() => {
  delete process.env['GITHUB_REPOSITORY'];
  delete process.env['GITHUB_RUN_ID'];
});

describe('artifactRoot', () => {
  it('is the workspace when every file is inside it', () => {
    expect(artifactRoot([join(ws, 'a', 'x.wasm'), join(ws, 'b.wasm')], ws)).toBe(ws);
  });

  it('is the deepest common directory otherwise', () => {
    expect(artifactRoot([resolve('/out/a/x.wasm'), resolve('/out/b/y.wasm')], ws)).toBe(
      resolve('/out'),
    );
    expect(artifactRoot([resolve('/out/a/x.wasm')], ws)).toBe(resolve('/out/a'));
  });

  it('counts a directory whose name starts with two dots as inside the workspace', () => {
    expect(artifactRoot([join(ws, '..a', 'x.wasm')], ws)).toBe(ws);
  });
});

describe('uploadResults', () => {
  it('passes retention and compression, and builds the run URL', async () => {
    process.env['GITHUB_REPOSITORY'] = 'o/r';
    process.env['GITHUB_RUN_ID'] = '9';
    const client = fakeClient();
    const files = [join(ws, 'a.wasm')];
    const result = await uploadResults(files, ws, { ...settings, retentionDays: 3 }, client);
    expect(client.uploadArtifact).toHaveBeenCalledWith('mods', files, ws, {
      retentionDays: 3,
      compressionLevel: 9,
    });
    expect(result).toEqual({
      name: 'mods',
      id: 42,
      url: 'https://github.com/o/r/actions/runs/9/artifacts/42',
      digest: 'cafe',
      size: 100,
      files: 1,
    });
    expect(client.calls).toEqual(['upload mods']);
  });

  it('deletes first with overwrite, and tolerates nothing to delete', async () => {
    const client = fakeClient();
    await uploadResults([join(ws, 'a.wasm')], ws, { ...settings, overwrite: true }, client);
    expect(client.calls).toEqual(['delete mods', 'upload mods']);

    const missing = Object.assign(new Error('Artifact not found for name: mods'), {
      name: 'ArtifactNotFoundError',
    });
    const empty = fakeClient({ deleteArtifact: vi.fn(async () => Promise.reject(missing)) });
    await expect(
      uploadResults([join(ws, 'a.wasm')], ws, { ...settings, overwrite: true }, empty),
    ).resolves.toMatchObject({ id: 42 });
  });

  it('explains a name conflict', async () => {
    const conflict = fakeClient({
      uploadArtifact: vi.fn(async () =>
        Promise.reject(
          new Error('Failed request: (409) Conflict: an artifact with this name already exists'),
        ),
      ),
    });
    await expect(uploadResults([join(ws, 'a.wasm')], ws, settings, conflict)).rejects.toThrow(
      /Uploading artifact mods failed: an artifact with this name already exists in this workflow run\. Give each step and matrix leg its own artifact-name, or set overwrite: true/,
    );
  });

  it('reports other failures with the cause', async () => {
    const down = fakeClient({
      uploadArtifact: vi.fn(async () => Promise.reject(new Error('connect ECONNREFUSED'))),
    });
    await expect(uploadResults([join(ws, 'a.wasm')], ws, settings, down)).rejects.toThrow(
      expect.objectContaining({
        name: 'ArtifactUploadError',
        message: 'Uploading artifact mods failed: connect ECONNREFUSED',
      }),
    );
  });
});
