import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SQSClient as QuerySQSClient } from 'sqs-query-client';
import { startSqsServer } from '../../local/runtime/index.js';
import type { SqsServer, SqsServerOptions } from '../../local/runtime/index.js';

export const CREDENTIALS = { accessKeyId: 'AKIDFERRYTEST', secretAccessKey: 'ferry-test-secret' };

/** An in-process server on a free port, in memory unless given an opened data directory. */
export function startTestServer(options: Partial<SqsServerOptions> = {}): Promise<SqsServer> {
  return startSqsServer({ port: 0, ...options });
}

/** The current SDK (AWS JSON 1.0). */
export function jsonClient(endpoint: string, credentials = CREDENTIALS): SQSClient {
  return new SQSClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
}

/** @aws-sdk/client-sqs@3.445.0, the last release that speaks the query protocol. */
export function queryClient(endpoint: string, credentials = CREDENTIALS): QuerySQSClient {
  return new QuerySQSClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
}

/** POSTs a raw request and returns status, headers and body text. */
export async function rawPost(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Headers; body: string }> {
  const res = await fetch(url, { method: 'POST', body, headers });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

export function jsonPost(endpoint: string, action: string, input: unknown): ReturnType<typeof rawPost> {
  return rawPost(endpoint, typeof input === 'string' ? input : JSON.stringify(input), {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': `AmazonSQS.${action}`,
  });
}

export function queryPost(url: string, form: Record<string, string>): ReturnType<typeof rawPost> {
  return rawPost(url, new URLSearchParams(form).toString(), {
    'content-type': 'application/x-www-form-urlencoded',
  });
}

export function tempDir(prefix = 'ferry-sqs-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface FerryProcess {
  child: ChildProcess;
  endpoint: string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

const FERRY = join(import.meta.dirname, '../../local/bin/ferry.js');

/** Starts `ferry <args>` as a real process and waits for its ready line. */
export function spawnFerry(args: string[], env: Record<string, string> = {}): Promise<FerryProcess> {
  const child = spawn(process.execPath, [FERRY, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ferry did not start in time: ${out}${err}`));
    }, 15_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/[^\s]+/.exec(out);
      if (m !== null) {
        clearTimeout(timer);
        resolve({ child, endpoint: m[0], exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`ferry exited (${code}) before it was ready: ${out}${err}`));
    });
  });
}
