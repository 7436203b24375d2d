/**
 * Uploads every result as one artifact with @actions/artifact, honouring retention, compression
 * and overwrite the way actions/upload-artifact does. Unlike caching, an upload failure is an
 * error: the caller fails the step (after writing outputs and the summary).
 */
import * as core from '@actions/core';
import { DefaultArtifactClient } from '@actions/artifact';
import * as nodePath from 'node:path';
import { pathBelow, type PathApi } from './files.js';
import type { ActionInputs } from './inputs.js';

export interface UploadedArtifact {
  name: string;
  id: number;
  /** Link to the artifact on the run page (empty when the run is unknown, e.g. outside Actions). */
  url: string;
  /** sha256 hex of the uploaded zip. */
  digest: string;
  size: number;
  files: number;
}

/** The part of the artifact client used here (injectable for unit tests). */
export interface ArtifactClient {
  uploadArtifact(
    name: string,
    files: string[],
    rootDirectory: string,
    options?: { retentionDays?: number; compressionLevel?: number },
  ): Promise<{ id?: number; size?: number; digest?: string }>;
  deleteArtifact(name: string): Promise<{ id: number }>;
}

/** An upload failure with a message that says what to do about it. */
export class ArtifactUploadError extends Error {
  override name = 'ArtifactUploadError';
}

export async function uploadResults(
  files: readonly string[],
  workspace: string,
  settings: ActionInputs['upload'],
  client: ArtifactClient = new DefaultArtifactClient(),
): Promise<UploadedArtifact> {
  const root = artifactRoot(files, workspace);
  try {
    if (settings.overwrite) await deleteIfPresent(client, settings.name);
    const result = await client.uploadArtifact(settings.name, [...files], root, {
      ...(settings.retentionDays === undefined ? {} : { retentionDays: settings.retentionDays }),
      compressionLevel: settings.compressionLevel,
    });
    if (result.id === undefined) throw new Error('the service returned no artifact id');
    return {
      name: settings.name,
      id: result.id,
      url: artifactUrl(result.id),
      digest: result.digest ?? '',
      size: result.size ?? 0,
      files: files.length,
    };
  } catch (error) {
    throw new ArtifactUploadError(describeFailure(settings.name, error), { cause: error });
  }
}

/**
 * The directory paths inside the artifact are relative to: the workspace when every file is in
 * it (so the artifact mirrors the repository layout), else the files' deepest common directory.
 */
export function artifactRoot(
  files: readonly string[],
  workspace: string,
  path: PathApi = nodePath,
): string {
  // pathBelow, not a prefix test: it knows `..a.wasm` is inside and, on Windows, ignores case.
  const below = (dir: string, file: string) => pathBelow(dir, file, path) !== undefined;
  if (files.every((file) => below(workspace, file))) return workspace;
  let root = path.dirname(files[0] ?? workspace);
  for (const file of files) {
    while (!below(root, file)) {
      const parent = path.dirname(root);
      if (parent === root) break;
      root = parent;
    }
  }
  return root;
}

async function deleteIfPresent(client: ArtifactClient, name: string): Promise<void> {
  try {
    const { id } = await client.deleteArtifact(name);
    core.info(`Deleted the existing artifact ${name} (id ${id}) because overwrite is true`);
  } catch (error) {
    // Matched by name: the bundle may hold more than one copy of the class.
    if (error instanceof Error && error.name === 'ArtifactNotFoundError') return;
    throw error;
  }
}

function artifactUrl(id: number): string {
  const server = process.env['GITHUB_SERVER_URL'] || 'https://github.com';
  const repository = process.env['GITHUB_REPOSITORY'];
  const run = process.env['GITHUB_RUN_ID'];
  return repository && run ? `${server}/${repository}/actions/runs/${run}/artifacts/${id}` : '';
}

function describeFailure(name: string, error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/409|already[ _]exists|Conflict/i.test(text)) {
    return (
      `Uploading artifact ${name} failed: an artifact with this name already exists in this workflow run. ` +
      `Give each step and matrix leg its own artifact-name, or set overwrite: true. (${text})`
    );
  }
  return `Uploading artifact ${name} failed: ${text}`;
}
