import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Each server under test runs as its own child process, so that the load generator (this process)
// and the server never share an event loop or a core's time slice by construction.

const root = fileURLToPath(new URL('../..', import.meta.url));

export type TargetName = 'ferry --data' | 'ferry --memory' | 'local-aws-sqs' | 'moto_server';
export const TARGETS: readonly TargetName[] = [
  'ferry --data',
  'ferry --memory',
  'local-aws-sqs',
  'moto_server',
];

export interface RunningServer {
  name: TargetName;
  endpoint: string;
  pid: number;
  /** CPU seconds (user + system) the server process has used so far. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

export async function startServer(name: TargetName): Promise<RunningServer> {
  switch (name) {
    case 'ferry --data': {
      const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-'));
      return launch(name, 'node', ['local/bin/ferry.js', 'sqs', '--port', '0', '--data', dir], () =>
        rmSync(dir, { recursive: true, force: true }),
      );
    }
    case 'ferry --memory':
      return launch(name, 'node', ['local/bin/ferry.js', 'sqs', '--port', '0', '--memory']);
    case 'local-aws-sqs':
      return launch(name, 'node', ['bench/sqs/local-aws-sqs-server.mjs']);
    case 'moto_server': {
      // moto prints its banner on stderr and takes no port 0: give it a free port, then poll.
      const port = await freePort();
      return launch(name, 'moto_server', ['-H', '127.0.0.1', '-p', String(port)], undefined, port);
    }
  }
}

async function launch(
  name: TargetName,
  command: string,
  args: string[],
  cleanup?: () => void,
  port?: number,
): Promise<RunningServer> {
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
  const endpoint =
    port === undefined ? await readyLine(child, () => log) : await pollReady(child, port, () => log);
  const pid = child.pid!;
  return {
    name,
    endpoint,
    pid,
    cpuSeconds: () => cpuSecondsOf(pid),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      cleanup?.();
    },
  };
}

/** The first `http://host:port` printed on stdout. */
function readyLine(child: ChildProcess, log: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail('no ready line within 30 s'), 30_000);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${why}\n${out}${log()}`));
    };
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /http:\/\/[^\s)]+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.once('exit', (code) => fail(`exited with ${code} before it was ready`));
  });
}

async function pollReady(child: ChildProcess, port: number, log: () => string): Promise<string> {
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  child.stdout!.resume();
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}\n${log()}`);
    try {
      await fetch(`${endpoint}/`, { method: 'GET' });
      return endpoint;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`not answering on ${endpoint} within 30 s\n${log()}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** utime + stime of a process, from /proc (Linux); NaN elsewhere. */
function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5), counted from after the command name (which starts at field 3).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
