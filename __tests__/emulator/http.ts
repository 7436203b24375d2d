/**
 * HTTP helpers shared by the emulated services: body reading, Twirp JSON replies and Twirp errors
 * (`{"code","msg"}` with the HTTP status the real service uses for that code).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Parses a Twirp JSON request body; Twirp clients always send an object. */
export function parseTwirpBody(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8');
  const value: unknown = text === '' ? {} : JSON.parse(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TwirpFault(400, 'malformed', 'request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/** A Twirp error reply: thrown by service handlers, rendered by the router. */
export class TwirpFault extends Error {
  override name = 'TwirpFault';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendTwirpFault(res: ServerResponse, fault: TwirpFault): void {
  sendJson(res, fault.status, { code: fault.code, msg: fault.message });
}

/** Azure-style headers every storage reply carries (clients log or require some of them). */
export function storageHeaders(): Record<string, string> {
  return {
    'x-ms-request-id': randomUUID(),
    'x-ms-version': '2025-01-05',
    date: new Date().toUTCString(),
  };
}

/** A random signature: real-looking, and never an ordinary word that log masking would hide. */
export function signature(): string {
  return randomBytes(18).toString('hex');
}

export function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') {
    throw new TwirpFault(400, 'invalid_argument', `${field} is required`);
  }
  return value;
}

export function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new TwirpFault(400, 'invalid_argument', `${field} must be a string`);
  return value;
}

/** int64 fields travel as JSON strings in proto3 JSON; numbers are accepted too. */
export function requireInt64(body: Record<string, unknown>, field: string): number {
  const value = body[field];
  const parsed = typeof value === 'string' ? Number(value) : value;
  if (typeof parsed !== 'number' || !Number.isSafeInteger(parsed) || parsed < 0) {
    throw new TwirpFault(400, 'invalid_argument', `${field} must be a non-negative int64`);
  }
  return parsed;
}
