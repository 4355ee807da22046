import type { Window } from './loop.js';
import type { TargetName } from './servers.js';

export interface TargetResult {
  target: TargetName;
  raw: Window[];
  roundTrip: Window[];
  sdk: Window[];
  error?: string;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The window whose rate is the median (the lower middle one for an even count). */
export function medianWindow(windows: Window[]): Window | undefined {
  const s = [...windows].sort((a, b) => a.rate - b.rate);
  return s[(s.length - 1) >> 1];
}

const fmt = (n: number | undefined): string =>
  n === undefined || !Number.isFinite(n) ? '-' : Math.round(n).toLocaleString('en-US');
const ratio = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined || !Number.isFinite(a / b) || b === 0 ? '-' : `${(a / b).toFixed(1)}x`;

const micros = (w: Window | undefined): string =>
  w === undefined || !Number.isFinite(w.serverCpuMicros) ? '-' : w.serverCpuMicros.toFixed(1);

export function table(results: TargetResult[]): string {
  const by = new Map(results.map((r) => [r.target, r]));
  const rawOf = (t: TargetName) => medianWindow(by.get(t)?.raw ?? [])?.rate;
  const rtOf = (t: TargetName) => medianWindow(by.get(t)?.roundTrip ?? [])?.rate;
  const header = [
    'target',
    'raw SendMessage req/s',
    'vs local-aws-sqs',
    'vs moto',
    'server µs CPU/req',
    'batched round trip msgs/s',
    'vs local-aws-sqs',
    'vs moto',
    'server µs CPU/msg',
    'SDK reference msgs/s',
  ];
  const rows = results.map((r) => {
    const raw = medianWindow(r.raw);
    const rt = medianWindow(r.roundTrip);
    const sdk = medianWindow(r.sdk);
    const errors = [...r.raw, ...r.roundTrip, ...r.sdk].reduce((n, w) => n + w.errors, 0);
    return [
      r.target + (r.error ? ' (FAILED)' : errors > 0 ? ` (${errors} errors)` : ''),
      fmt(raw?.rate),
      ratio(raw?.rate, rawOf('local-aws-sqs')),
      ratio(raw?.rate, rawOf('moto_server')),
      micros(raw),
      fmt(rt?.rate),
      ratio(rt?.rate, rtOf('local-aws-sqs')),
      ratio(rt?.rate, rtOf('moto_server')),
      micros(rt),
      fmt(sdk?.rate),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** The targets, checked against durable ferry. */
export function verdicts(results: TargetResult[]): string[] {
  const by = new Map(results.map((r) => [r.target, r]));
  const get = (t: TargetName, k: 'raw' | 'roundTrip') => medianWindow(by.get(t)?.[k] ?? [])?.rate;
  const out: string[] = [];
  const check = (label: string, value: number | undefined, goal: number, unit: string) => {
    const ok = value !== undefined && value >= goal;
    out.push(
      `target ${label} >= ${goal.toLocaleString('en-US')}${unit}: ${ok ? 'met' : 'MISSED'} (${value === undefined ? 'not measured' : value.toFixed(unit === 'x' ? 2 : 0) + unit})`,
    );
  };
  for (const [k, name, goal] of [
    ['raw', 'raw SendMessage', 25_000],
    ['roundTrip', 'batched round trip', 20_000],
  ] as const) {
    const d = get('ferry --data', k);
    check(`durable ${name}`, d, goal, '/s');
    const l = get('local-aws-sqs', k);
    const m = get('moto_server', k);
    check(`durable ${name} vs local-aws-sqs`, d !== undefined && l ? d / l : undefined, 1.5, 'x');
    check(`durable ${name} vs moto_server`, d !== undefined && m ? d / m : undefined, 50, 'x');
  }
  return out;
}
