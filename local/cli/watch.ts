// `ferry up --watch` (and `npm start`): a change under services/ or schemas/ rebuilds the bundles
// and the functions run the new code from their next invocation; a change to the template
// re-plans the stack on the same stores. Queues, messages, logs and metrics stay. One change at a
// time: changes made during a rebuild are taken by the next one.
import { spawn } from 'node:child_process';
import { watch as watchFs, type FSWatcher } from 'node:fs';
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface Reloadable {
  reload(): string[];
  replan(): Promise<{ ms: number; added: string[]; removed: string[]; changed: string[] }>;
}

export interface WatchOptions {
  /** The project: its services/, schemas/, dist/ and `npm run build`. */
  root: string;
  templatePath: string;
  runtime: Reloadable;
  /** One line to print. */
  out(line: string): void;
  /** Builds the bundles into `outDir`; answers the build's output when it fails. Default: npm run build. */
  build?(root: string, outDir: string): Promise<{ ok: boolean; output: string }>;
  /** Quiet time after the last change before acting, ms (editors write a file in several steps). */
  settleMs?: number;
}

const NEXT = join('dist', '.next');

/** Watches until closed. */
export function watchProject(options: WatchOptions): { close(): void } {
  const watcher = new Watcher(options);
  return { close: () => watcher.close() };
}

class Watcher {
  private readonly watchers: FSWatcher[] = [];
  private readonly pending = new Map<'code' | 'template', string>();
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private closed = false;

  constructor(private readonly options: WatchOptions) {
    const { root, templatePath } = options;
    for (const dir of ['services', 'schemas'])
      this.watch(join(root, dir), true, (file) => !ignored(file) && this.changed('code', join(dir, file)));
    const template = basename(templatePath);
    this.watch(
      dirname(templatePath),
      false,
      (file) => file === template && this.changed('template', relative(root, templatePath)),
    );
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const w of this.watchers) w.close();
  }

  private watch(dir: string, recursive: boolean, onFile: (file: string) => void): void {
    const w = watchFs(dir, { recursive }, (_event, file) => {
      if (file !== null) onFile(file.toString());
    });
    w.on('error', (error) => this.options.out(`ferry up: watching ${dir} failed: ${error.message}`));
    this.watchers.push(w);
  }

  private changed(kind: 'code' | 'template', file: string): void {
    this.pending.set(kind, file);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.act(), this.options.settleMs ?? 100);
  }

  private async act(): Promise<void> {
    if (this.busy || this.closed) return;
    this.busy = true;
    try {
      while (this.pending.size > 0 && !this.closed) {
        const code = this.pending.get('code');
        const template = this.pending.get('template');
        this.pending.clear();
        if (code !== undefined) await this.rebuild(code);
        if (template !== undefined) await this.replan(template);
      }
    } finally {
      this.busy = false;
    }
  }

  private async rebuild(file: string): Promise<void> {
    const { root, out, runtime } = this.options;
    const started = performance.now();
    rmSync(join(root, NEXT), { recursive: true, force: true });
    const built = await (this.options.build ?? npmBuild)(root, NEXT);
    if (!built.ok) {
      out(
        `ferry up: ${file} changed: the build failed; the functions keep their code\n${tail(built.output)}`,
      );
      return;
    }
    moveIn(join(root, NEXT), join(root, 'dist'));
    const names = runtime.reload();
    const ms = Math.round(performance.now() - started);
    out(
      `ferry up: ${file} changed: rebuilt in ${ms} ms; ${names.join(', ')} run the new code from their next invocation`,
    );
  }

  private async replan(file: string): Promise<void> {
    const { out, runtime } = this.options;
    try {
      const r = await runtime.replan();
      const what = [
        r.changed.length > 0 ? `changed ${r.changed.join(', ')}` : '',
        r.added.length > 0 ? `added ${r.added.join(', ')}` : '',
        r.removed.length > 0 ? `removed ${r.removed.join(', ')}` : '',
      ].filter((w) => w !== '');
      out(
        `ferry up: ${file} changed: re-planned in ${Math.round(r.ms)} ms (${what.join('; ') || 'no resource changed'})`,
      );
    } catch (error) {
      out(`ferry up: ${file} changed: ${(error as Error).message}; the stack runs as it was`);
    }
  }
}

/** What the build writes or an editor leaves behind: never a reason to rebuild. */
function ignored(file: string): boolean {
  const name = basename(file);
  return (
    file.startsWith(join('lib', 'generated')) ||
    name.startsWith('.') ||
    name.endsWith('~') ||
    /\.(swp|swx|tmp)$/.test(name) ||
    /^\d+$/.test(name) // vim's write test file
  );
}

/** `npm run build` into `outDir`, its output kept for a failure. */
function npmBuild(root: string, outDir: string): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', 'build', '--silent'], {
      cwd: root,
      env: { ...process.env, FERRY_BUILD_DIR: outDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', (error) => resolve({ ok: false, output: error.message }));
    child.on('close', (code) => resolve({ ok: code === 0, output }));
  });
}

/** Each built file moves over its old self: one rename, so a reader sees the old file or the new. */
function moveIn(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      mkdirSync(target, { recursive: true });
      moveIn(source, target);
    } else renameSync(source, target);
  }
  rmSync(from, { recursive: true, force: true });
}

function tail(output: string, lines = 20): string {
  return output.trim().split('\n').slice(-lines).join('\n');
}
