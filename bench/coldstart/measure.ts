import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface Size {
  bytes: number;
  gzip: number;
}

export function sizeOf(file: string): Size {
  const code = readFileSync(file);
  return { bytes: code.length, gzip: gzipSync(code).length };
}

/** Environment both functions need to get past their cold-start checks; nothing is contacted. */
const ENV = {
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'secret',
  QUEUE_URL: 'http://127.0.0.1:9/000000000000/ferry-queue',
  DLQ_URL: 'http://127.0.0.1:9/000000000000/ferry-dlq',
  LOG_LEVEL: 'silent',
};

/**
 * One fresh `node` process imports the bundle and runs nothing else: that is Lambda's init phase.
 * Returns the milliseconds the import took, measured inside the process.
 */
export function coldLoad(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t));`;
  const out = execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], {
    env: ENV,
  });
  return Number(out.toString());
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
