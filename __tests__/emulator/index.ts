/**
 * A loopback emulator of the GitHub Actions "results" services that @actions/cache 6 and
 * @actions/artifact 6 talk to: the Twirp cache and artifact services plus the Azure blob subset
 * behind their signed URLs. Real toolkit code (in-process or in a spawned `node dist/index.js`)
 * runs unchanged against it when given `emulator.env`.
 *
 *   const emulator = await startEmulator();
 *   spawn('node', ['dist/index.js'], { env: { ...baseEnv, ...emulator.env } });
 *   emulator.cache.entries(); emulator.artifacts.files('name'); emulator.faults.down('cache');
 *   await emulator.close();
 *
 * State lives for the emulator's lifetime: caches persist across runs; `newRun()` starts a new
 * workflow run (fresh artifact namespace, same caches), as a re-run of a workflow would.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomInt } from 'node:crypto';
import { ArtifactService, type ArtifactRecord, type BackendIds } from './artifact-service.js';
import { ACCOUNT, BlobStore } from './blob-store.js';
import { CacheService } from './cache-service.js';
import { TwirpFault, parseTwirpBody, readBody, sendJson, sendTwirpFault } from './http.js';
import { readZip, type ZipEntry } from './zip.js';

export type { ZipEntry } from './zip.js';

export interface EmulatorOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port (default 0: any free port). */
  port?: number;
  /** Put `ACTIONS_CACHE_MODE` in `env` (the workflow-level `cache-mode`). */
  cacheMode?: 'read' | 'write' | 'write-only' | 'none';
  /** Start with a read-only cache token (saves are denied). */
  cacheReadOnly?: boolean;
  /** `GITHUB_REPOSITORY` in `env` (default `octo-org/octo-repo`). */
  repository?: string;
}

export type ServiceName = 'cache' | 'artifact' | 'blob';

/** A fault to inject into matching requests, checked before the service sees them. */
export interface FaultRule {
  service: ServiceName;
  /** Twirp method (`CreateCacheEntry`, `CreateArtifact`, ...) or, for blobs, the HTTP verb. */
  method?: string;
  /** `reset` drops the connection (clients see ECONNRESET); a number answers that HTTP status. */
  action: 'reset' | number;
  /** Number of matching requests to fail; every one when omitted. */
  times?: number;
}

export interface RequestRecord {
  service: ServiceName | 'unknown';
  method: string;
  status: number | 'reset';
}

export interface CacheEntryView {
  key: string;
  version: string;
  sizeBytes: number;
  /** The stored archive (tar, zstd- or gzip-compressed). */
  archive: Buffer;
}

export interface ArtifactView {
  id: number;
  name: string;
  size: number;
  /** sha256 hex of the uploaded bytes (what `uploadArtifact` returns as `digest`). */
  digest: string;
  mimeType: string | undefined;
  expiresAt: string | undefined;
  jobBackendId: string;
}

export interface Emulator {
  /** Origin of the server, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Environment a runner gives an action step using these services, for the current run. */
  readonly env: Record<string, string>;
  /** Every request seen, in order. */
  readonly requests: RequestRecord[];
  readonly cache: {
    /** Finalized entries, oldest first. */
    entries(): CacheEntryView[];
    /** Makes the token read-only (saves denied) or restores write access. */
    setReadOnly(readOnly: boolean): void;
    /** Makes lookups fail with `cache read denied`. */
    setReadDenied(denied: boolean): void;
    /** Replaces the stored archive of an entry, e.g. to simulate corruption. */
    replaceArchive(key: string, archive: Buffer): void;
    clear(): void;
  };
  readonly artifacts: {
    /** Finalized artifacts of the current run, oldest first. */
    list(): ArtifactView[];
    /** Raw uploaded bytes (a zip, unless uploaded with skipArchive). */
    bytes(name: string): Buffer;
    /** Entries of a zipped artifact, CRC-checked. */
    zipEntries(name: string): ZipEntry[];
    /** Unzipped files of an artifact by path. */
    files(name: string): Map<string, Buffer>;
  };
  readonly faults: {
    inject(rule: FaultRule): void;
    /** Drops every connection to a service until `up` or `clear`. */
    down(service: ServiceName): void;
    up(service: ServiceName): void;
    clear(): void;
  };
  /** Starts a new workflow run: new run id and token, no artifacts; caches are kept. */
  newRun(): void;
  close(): Promise<void>;
}

const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.';

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  let origin = '';
  const blobs = new BlobStore(() => origin);
  const cacheService = new CacheService(blobs);
  cacheService.policy.readOnly = options.cacheReadOnly ?? false;
  let run = newRunIds();
  const artifactService = new ArtifactService(blobs, () => run);
  const requests: RequestRecord[] = [];
  const faults: FaultRule[] = [];

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { code: 'internal', msg: String(error) });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const { service, method } = classify(req, url);
    const fault = takeFault(faults, service, method);
    if (fault === 'reset') {
      requests.push({ service, method, status: 'reset' });
      req.socket.destroy();
      return;
    }
    if (fault !== undefined) {
      await readBody(req);
      requests.push({ service, method, status: fault });
      return sendTwirpFault(res, new TwirpFault(fault, 'unavailable', `injected fault ${fault}`));
    }
    res.on('finish', () => requests.push({ service, method, status: res.statusCode }));
    if (service === 'blob') return blobs.handle(req, res, url);
    if (service === 'unknown' || req.method !== 'POST') {
      await readBody(req);
      return sendTwirpFault(
        res,
        new TwirpFault(404, 'bad_route', `no route for ${req.method} ${url.pathname}`),
      );
    }
    try {
      if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) {
        throw new TwirpFault(401, 'unauthenticated', 'missing bearer token');
      }
      const body = parseTwirpBody(await readBody(req));
      const reply =
        service === 'cache' ? cacheService.call(method, body) : artifactService.call(method, body);
      sendJson(res, 200, reply);
    } catch (error) {
      if (error instanceof TwirpFault) return sendTwirpFault(res, error);
      throw error;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  const artifactByName = (name: string): ArtifactRecord => {
    const artifact = artifactService.ofRun(run.runBackendId).find((a) => a.name === name);
    if (!artifact) throw new Error(`no artifact named ${name} in the current run`);
    return artifact;
  };
  const artifactBytes = (name: string): Buffer =>
    blobs.read(artifactByName(name).blobPath) ?? Buffer.alloc(0);

  return {
    url: origin,
    get env() {
      const env: Record<string, string> = {
        ACTIONS_RESULTS_URL: `${origin}/`,
        ACTIONS_RUNTIME_TOKEN: runtimeToken(run),
        ACTIONS_CACHE_SERVICE_V2: 'True',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_REPOSITORY: options.repository ?? 'octo-org/octo-repo',
        GITHUB_RUN_ID: run.runId,
        GITHUB_RUN_ATTEMPT: '1',
      };
      if (options.cacheMode) env['ACTIONS_CACHE_MODE'] = options.cacheMode;
      return env;
    },
    requests,
    cache: {
      entries: () =>
        cacheService.entries
          .filter((e) => e.finalized)
          .map((e) => ({
            key: e.key,
            version: e.version,
            sizeBytes: e.sizeBytes,
            archive: blobs.read(e.blobPath) ?? Buffer.alloc(0),
          })),
      setReadOnly: (readOnly) => void (cacheService.policy.readOnly = readOnly),
      setReadDenied: (denied) => void (cacheService.policy.readDenied = denied),
      replaceArchive: (key, archive) => {
        const entry = cacheService.entries.find((e) => e.key === key && e.finalized);
        if (!entry) throw new Error(`no cache entry with key ${key}`);
        blobs.write(entry.blobPath, archive);
        entry.sizeBytes = archive.length;
      },
      clear: () => {
        for (const entry of cacheService.entries) blobs.delete(entry.blobPath);
        cacheService.entries.length = 0;
      },
    },
    artifacts: {
      list: () =>
        artifactService.ofRun(run.runBackendId).map((a) => ({
          id: a.id,
          name: a.name,
          size: a.size,
          digest: (a.digest ?? '').replace(/^sha256:/, ''),
          mimeType: a.mimeType,
          expiresAt: a.expiresAt,
          jobBackendId: a.jobBackendId,
        })),
      bytes: artifactBytes,
      zipEntries: (name) => readZip(artifactBytes(name)),
      files: (name) => new Map(readZip(artifactBytes(name)).map((e) => [e.path, e.data])),
    },
    faults: {
      inject: (rule) => void faults.push({ ...rule }),
      down: (service) => void faults.push({ service, action: 'reset' }),
      up: (service) => {
        for (let i = faults.length - 1; i >= 0; i--) {
          const rule = faults[i]!;
          if (rule.service === service && rule.method === undefined && rule.action === 'reset')
            faults.splice(i, 1);
        }
      },
      clear: () => void (faults.length = 0),
    },
    newRun: () => void (run = newRunIds()),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

interface RunIds extends BackendIds {
  runId: string;
}

function newRunIds(): RunIds {
  const runId = String(randomInt(1_000_000, 2_000_000_000));
  return { runId, runBackendId: crypto.randomUUID(), jobBackendId: crypto.randomUUID() };
}

/**
 * An unsigned JWT in the shape @actions/artifact decodes (it never checks signatures): the `scp`
 * claim carries `Actions.Results:<run backend id>:<job backend id>`.
 */
function runtimeToken(run: RunIds): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const scopes = `Actions.GenericRead:00000000-0000-0000-0000-000000000000 Actions.Results:${run.runBackendId}:${run.jobBackendId}`;
  return `${encode({ typ: 'JWT', alg: 'HS256' })}.${encode({ scp: scopes, iat: now, exp: now + 6 * 3600 })}.ZW11bGF0b3I`;
}

function classify(
  req: IncomingMessage,
  url: URL,
): { service: ServiceName | 'unknown'; method: string } {
  if (url.pathname.startsWith(`/${ACCOUNT}/`))
    return { service: 'blob', method: req.method ?? 'GET' };
  if (url.pathname.startsWith(TWIRP_PREFIX)) {
    const [serviceName, method = ''] = url.pathname.slice(TWIRP_PREFIX.length).split('/');
    if (serviceName === 'CacheService') return { service: 'cache', method };
    if (serviceName === 'ArtifactService') return { service: 'artifact', method };
  }
  return { service: 'unknown', method: url.pathname };
}

/** The action of the first rule matching the request, consuming one of its `times`. */
function takeFault(
  rules: FaultRule[],
  service: ServiceName | 'unknown',
  method: string,
): 'reset' | number | undefined {
  const index = rules.findIndex(
    (r) => r.service === service && (r.method === undefined || r.method === method),
  );
  if (index < 0) return undefined;
  const rule = rules[index]!;
  if (rule.times !== undefined && --rule.times <= 0) rules.splice(index, 1);
  return rule.action;
}
