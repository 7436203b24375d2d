/**
 * The v4+ artifact service (`github.actions.results.api.v1.ArtifactService`) as @actions/artifact 6
 * uses it: CreateArtifact (names unique per workflow run, 409 otherwise), a staged blob upload,
 * FinalizeArtifact (size and sha256 checked against the blob), ListArtifacts,
 * GetSignedArtifactURL and DeleteArtifact (which is how `overwrite` is implemented).
 */
import { createHash } from 'node:crypto';
import { BlobStore } from './blob-store.js';
import { TwirpFault, optionalString, requireInt64, requireString } from './http.js';

/** An artifact as the emulator stores it. */
export interface ArtifactRecord {
  id: number;
  runBackendId: string;
  jobBackendId: string;
  name: string;
  mimeType: string | undefined;
  /** RFC 3339 expiry requested by the client (from `retentionDays`), if any. */
  expiresAt: string | undefined;
  blobPath: string;
  finalized: boolean;
  size: number;
  /** `sha256:<hex>` as declared at finalization. */
  digest: string | undefined;
  createdAt: Date;
  version: number;
}

/** The run and job that the runtime token of the emulator belongs to. */
export interface BackendIds {
  runBackendId: string;
  jobBackendId: string;
}

export class ArtifactService {
  readonly artifacts: ArtifactRecord[] = [];
  private nextId = 1000;

  constructor(
    private readonly blobs: BlobStore,
    private readonly ids: () => BackendIds,
  ) {}

  call(method: string, body: Record<string, unknown>): unknown {
    const { runBackendId, jobBackendId } = this.checkIds(body);
    switch (method) {
      case 'CreateArtifact':
        return this.create(body, runBackendId, jobBackendId);
      case 'FinalizeArtifact':
        return this.finalize(body, runBackendId);
      case 'ListArtifacts':
        return this.list(body, runBackendId);
      case 'GetSignedArtifactURL':
        return {
          signed_url: this.blobs.downloadUrl(
            this.find(runBackendId, requireString(body, 'name')).blobPath,
          ),
        };
      case 'DeleteArtifact':
        return this.delete(body, runBackendId);
      default:
        throw new TwirpFault(404, 'bad_route', `no handler for ArtifactService/${method}`);
    }
  }

  /** Finalized artifacts of a run, oldest first. */
  ofRun(runBackendId: string): ArtifactRecord[] {
    return this.artifacts.filter((a) => a.finalized && a.runBackendId === runBackendId);
  }

  /** The requests carry the backend ids decoded from the token; the service checks they match it. */
  private checkIds(body: Record<string, unknown>): BackendIds {
    const runBackendId = requireString(body, 'workflow_run_backend_id');
    const jobBackendId = requireString(body, 'workflow_job_run_backend_id');
    const expected = this.ids();
    if (runBackendId !== expected.runBackendId) {
      throw new TwirpFault(
        403,
        'permission_denied',
        'the token does not grant access to this workflow run',
      );
    }
    return { runBackendId, jobBackendId };
  }

  private create(
    body: Record<string, unknown>,
    runBackendId: string,
    jobBackendId: string,
  ): unknown {
    const name = requireString(body, 'name');
    const version = Number(body['version'] ?? 0);
    if (version < 4)
      throw new TwirpFault(400, 'invalid_argument', `unsupported artifact version ${version}`);
    if (
      this.artifacts.some((a) => a.runBackendId === runBackendId && a.name === name && a.finalized)
    ) {
      throw new TwirpFault(
        409,
        'already_exists',
        `an artifact with this name already exists on the workflow run: ${name}`,
      );
    }
    // An unfinished upload of the same name (a crashed earlier attempt) is replaced.
    this.remove((a) => a.runBackendId === runBackendId && a.name === name && !a.finalized);
    const blob = this.blobs.createUploadUrl('actions-results');
    this.artifacts.push({
      id: this.nextId++,
      runBackendId,
      jobBackendId,
      name,
      mimeType: optionalString(body, 'mime_type'),
      expiresAt: optionalString(body, 'expires_at'),
      blobPath: blob.path,
      finalized: false,
      size: 0,
      digest: undefined,
      createdAt: new Date(),
      version,
    });
    return { ok: true, signed_upload_url: blob.url };
  }

  private finalize(body: Record<string, unknown>, runBackendId: string): unknown {
    const name = requireString(body, 'name');
    const size = requireInt64(body, 'size');
    const hash = optionalString(body, 'hash');
    const artifact = this.artifacts.find(
      (a) => a.runBackendId === runBackendId && a.name === name && !a.finalized,
    );
    if (!artifact)
      throw new TwirpFault(404, 'not_found', `no artifact upload in progress named ${name}`);
    const data = this.blobs.read(artifact.blobPath);
    if (!data)
      throw new TwirpFault(412, 'failed_precondition', 'no blob was uploaded for this artifact');
    if (data.length !== size) {
      throw new TwirpFault(
        400,
        'invalid_argument',
        `size mismatch: uploaded ${data.length}, declared ${size}`,
      );
    }
    const actual = `sha256:${createHash('sha256').update(data).digest('hex')}`;
    if (hash !== undefined && hash !== actual) {
      throw new TwirpFault(
        400,
        'invalid_argument',
        `hash mismatch: uploaded ${actual}, declared ${hash}`,
      );
    }
    artifact.finalized = true;
    artifact.size = size;
    artifact.digest = actual;
    this.blobs.seal(artifact.blobPath);
    return { ok: true, artifact_id: String(artifact.id) };
  }

  private list(body: Record<string, unknown>, runBackendId: string): unknown {
    const nameFilter = optionalString(body, 'name_filter');
    const idFilter =
      body['id_filter'] === undefined || body['id_filter'] === null
        ? undefined
        : requireInt64(body, 'id_filter');
    const artifacts = this.ofRun(runBackendId)
      .filter((a) => nameFilter === undefined || a.name === nameFilter)
      .filter((a) => idFilter === undefined || a.id === idFilter)
      .map((a) => ({
        workflow_run_backend_id: a.runBackendId,
        workflow_job_run_backend_id: a.jobBackendId,
        database_id: String(a.id),
        name: a.name,
        size: String(a.size),
        created_at: a.createdAt.toISOString(),
        digest: a.digest,
      }));
    return { artifacts };
  }

  private delete(body: Record<string, unknown>, runBackendId: string): unknown {
    const artifact = this.find(runBackendId, requireString(body, 'name'));
    this.remove((a) => a === artifact);
    return { ok: true, artifact_id: String(artifact.id) };
  }

  private find(runBackendId: string, name: string): ArtifactRecord {
    const artifact = this.ofRun(runBackendId).find((a) => a.name === name);
    if (!artifact) throw new TwirpFault(404, 'not_found', `artifact not found: ${name}`);
    return artifact;
  }

  private remove(predicate: (a: ArtifactRecord) => boolean): void {
    for (let i = this.artifacts.length - 1; i >= 0; i--) {
      const artifact = this.artifacts[i]!;
      if (predicate(artifact)) {
        this.blobs.delete(artifact.blobPath);
        this.artifacts.splice(i, 1);
      }
    }
  }
}
