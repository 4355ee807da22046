// A function's execution environments: an idle one is reused (warm), a new one is started (cold)
// while fewer than `maxConcurrency` exist, else the invocation waits for one (or is throttled).
// An environment an invocation ended is dropped; the next invocation starts another.
import type { Environment, EnvironmentSpec } from './environment.js';

/** An environment now, one later (undefined if the pool closes first), or none: throttled. */
export type Acquired = Environment | Promise<Environment | undefined> | undefined;

/** Starts an environment that calls `onEnd` once it has ended; `init` for a retried init. */
export type Launch = (onEnd: (env: Environment) => void, init?: EnvironmentSpec['init']) => Environment;

export class EnvironmentPool {
  private readonly all = new Set<Environment>();
  private readonly idle: Environment[] = [];
  /** Invocations waiting for an environment at the cap; given undefined when the pool closes. */
  private readonly waiters: ((env: Environment | undefined) => void)[] = [];
  private isClosed = false;
  /** Bumped by refresh(): an environment born in an older generation is not reused. */
  private generation = 0;
  private readonly born = new Map<Environment, number>();

  constructor(
    private readonly maxConcurrency: number,
    private readonly whenBusy: 'wait' | 'throttle',
    private readonly launch: Launch,
  ) {}

  get closed(): boolean {
    return this.isClosed;
  }

  acquire(): Acquired {
    const warm = this.idle.pop();
    if (warm) return warm;
    if (this.all.size < this.maxConcurrency) return this.start();
    if (this.whenBusy === 'throttle') return undefined;
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Hands an environment whose invocation is over to the next waiter, or keeps it idle. */
  release(env: Environment): void {
    if (!env.alive) return;
    // Its code is older than the last refresh: it ends, and a waiter gets a fresh one.
    if (this.born.get(env) !== this.generation) return void env.terminate();
    const next = this.waiters.shift();
    if (next) next(env);
    else this.idle.push(env);
  }

  /** Starts up to `count` more environments within the cap; they are idle once their init ran. */
  async prewarm(count: number): Promise<void> {
    const started: Environment[] = [];
    while (started.length < count && this.all.size < this.maxConcurrency) started.push(this.start());
    await Promise.all(started.map((env) => env.ready));
    for (const env of started) this.release(env);
  }

  /**
   * An environment's init ran out of time: the invocation that got it retries the init in a new
   * environment, bounded by its own timeout (as Lambda does), and keeps that one.
   */
  retryInit(init: EnvironmentSpec['init']): Environment {
    return this.start(init);
  }

  sizes(): { environments: number; busy: number; idle: number } {
    const { all, idle } = this;
    return { environments: all.size, busy: all.size - idle.length, idle: idle.length };
  }

  /**
   * The function's code changed: idle environments end now, busy ones once their invocation is
   * over; every invocation from now on runs in an environment started after this call.
   */
  refresh(): void {
    this.generation++;
    for (const env of this.idle.splice(0)) void env.terminate();
  }

  /** Takes no more invocations: those waiting for an environment get none. */
  close(): void {
    this.isClosed = true;
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
  }

  /** Ends every environment. */
  async terminate(): Promise<void> {
    await Promise.all([...this.all].map((env) => env.terminate()));
  }

  private start(init?: EnvironmentSpec['init']): Environment {
    const env = this.launch((ended) => this.ended(ended), init);
    this.all.add(env);
    this.born.set(env, this.generation);
    return env;
  }

  private ended(env: Environment): void {
    this.all.delete(env);
    this.born.delete(env);
    const at = this.idle.indexOf(env);
    if (at !== -1) this.idle.splice(at, 1);
    // A waiter blocked on the cap gets the replacement.
    if (this.waiters.length > 0 && !this.isClosed) this.waiters.shift()!(this.start());
  }
}
