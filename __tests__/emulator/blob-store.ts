/**
 * The subset of Azure Blob Storage that the toolkit's Azure SDK uses through signed URLs:
 * Put Blob (single shot), Put Block + Put Block List (staged uploads, blocks joined in list order)
 * and a plain GET for downloads. URLs are path-style (`/devstoreaccount1/<container>/<blob>`),
 * because the SDK treats IP hosts as path-style accounts, as it does for Azurite.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, signature, storageHeaders } from './http.js';

export const ACCOUNT = 'devstoreaccount1';

interface Blob {
  signature: string;
  data: Buffer | undefined;
  blocks: Map<string, Buffer>;
  contentType: string | undefined;
  writable: boolean;
}

export class BlobStore {
  private readonly blobs = new Map<string, Blob>();
  private counter = 0;

  constructor(private readonly origin: () => string) {}

  /** Reserves a blob and returns its signed upload URL. */
  createUploadUrl(container: string): { path: string; url: string } {
    const path = `/${ACCOUNT}/${container}/${++this.counter}-${signature().slice(0, 8)}`;
    const sig = signature();
    this.blobs.set(path, {
      signature: sig,
      data: undefined,
      blocks: new Map(),
      contentType: undefined,
      writable: true,
    });
    return { path, url: `${this.origin()}${path}?sv=2025-01-05&sr=b&sp=cw&sig=${sig}` };
  }

  /** A signed read URL for an existing blob. */
  downloadUrl(path: string): string {
    const blob = this.blobs.get(path);
    if (!blob) throw new Error(`no blob at ${path}`);
    return `${this.origin()}${path}?sv=2025-01-05&sr=b&sp=r&sig=${blob.signature}`;
  }

  /** Committed bytes of a blob, if any. */
  read(path: string): Buffer | undefined {
    return this.blobs.get(path)?.data;
  }

  contentType(path: string): string | undefined {
    return this.blobs.get(path)?.contentType;
  }

  /** Replaces committed bytes (tests use this to corrupt stored entries). */
  write(path: string, data: Buffer): void {
    const blob = this.blobs.get(path);
    if (!blob) throw new Error(`no blob at ${path}`);
    blob.data = data;
  }

  /** Seals a blob once its service entry is finalized: later PUTs are refused like an expired SAS. */
  seal(path: string): void {
    const blob = this.blobs.get(path);
    if (blob) blob.writable = false;
  }

  delete(path: string): void {
    this.blobs.delete(path);
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const blob = this.blobs.get(url.pathname);
    if (!blob || url.searchParams.get('sig') !== blob.signature) {
      await readBody(req);
      return storageError(
        res,
        403,
        'AuthenticationFailed',
        'Signature did not match or blob does not exist.',
      );
    }
    if (req.method === 'GET') return this.get(res, blob);
    if (req.method !== 'PUT')
      return storageError(res, 405, 'UnsupportedHttpVerb', `${req.method} not supported`);
    const body = await readBody(req);
    if (!blob.writable)
      return storageError(res, 403, 'AuthorizationPermissionMismatch', 'blob is sealed');
    const comp = url.searchParams.get('comp');
    if (comp === 'block') {
      const id = url.searchParams.get('blockid');
      if (!id) return storageError(res, 400, 'InvalidQueryParameterValue', 'blockid is required');
      blob.blocks.set(id, body);
      return created(res);
    }
    if (comp === 'blocklist') {
      const ids = [
        ...body.toString('utf8').matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g),
      ].map((m) => m[2]!);
      const missing = ids.find((id) => !blob.blocks.has(id));
      if (missing !== undefined)
        return storageError(res, 400, 'InvalidBlockList', `unknown block ${missing}`);
      blob.data = Buffer.concat(ids.map((id) => blob.blocks.get(id)!));
      blob.blocks.clear();
      blob.contentType = header(req, 'x-ms-blob-content-type') ?? blob.contentType;
      return created(res);
    }
    if (comp !== null)
      return storageError(res, 400, 'InvalidQueryParameterValue', `comp=${comp} not supported`);
    if (header(req, 'x-ms-blob-type') !== 'BlockBlob') {
      return storageError(
        res,
        400,
        'MissingRequiredHeader',
        'x-ms-blob-type: BlockBlob is required',
      );
    }
    blob.data = body;
    blob.contentType = header(req, 'x-ms-blob-content-type') ?? header(req, 'content-type');
    return created(res);
  }

  private get(res: ServerResponse, blob: Blob): void {
    if (!blob.data)
      return storageError(res, 404, 'BlobNotFound', 'The specified blob does not exist.');
    res.writeHead(200, {
      ...storageHeaders(),
      'content-type': blob.contentType ?? 'application/octet-stream',
      'content-length': blob.data.length,
      'x-ms-blob-type': 'BlockBlob',
    });
    res.end(blob.data);
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function created(res: ServerResponse): void {
  res.writeHead(201, {
    ...storageHeaders(),
    etag: `"0x${Date.now().toString(16).toUpperCase()}"`,
    'last-modified': new Date().toUTCString(),
    'x-ms-request-server-encrypted': 'true',
    'content-length': 0,
  });
  res.end();
}

function storageError(res: ServerResponse, status: number, code: string, message: string): void {
  const xml = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  res.writeHead(status, {
    ...storageHeaders(),
    'x-ms-error-code': code,
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(xml),
  });
  res.end(xml);
}
