// When a debugger (VS Code, Chrome DevTools) holds an execution environment's thread paused, the
// function's timeout must not run: a breakpoint is not a hang. The runtime attaches an inspector
// session of its own to every worker thread (the NodeWorker domain, as debuggers do) and hears
// Debugger.paused / Debugger.resumed there. Its breakpoints are inactive, so it never pauses a
// thread itself (a `debugger;` statement with no debugger attached runs on, as in plain Node.js).
// V8 keeps a thread paused while any session with the debugger enabled accepts the pause, ours
// included: while paused, ours steps aside and back (disable, enable) every `probeMs`, so a
// debugger that left with the thread paused lets it run again instead of leaving it stuck.
import { Session } from 'node:inspector';

/** Told `true` when the thread pauses in the debugger, `false` when it runs again. */
export type PauseListener = (paused: boolean) => void;

interface Thread {
  sessionId?: string;
  listener?: PauseListener;
  paused: boolean;
  /** Set during a probe: a Debugger.paused came after our own re-enable. */
  pausedAgain?: boolean;
  probe?: NodeJS.Timeout;
}

const PROBE_MS = 1000;
/** Node.js titles a worker `[worker <threadId>] <name>`; its workerId is a count of its own. */
const TITLE = /^\[worker (\d+)\]/;

function threadIdOf(info: { workerId: string; title: string }): number {
  return Number(TITLE.exec(info.title)?.[1] ?? info.workerId);
}
const SCRIPT_PARSED = '{"method":"Debugger.scriptParsed"';

export class WorkerPauses {
  private readonly session = new Session();
  private readonly threads = new Map<number, Thread>();
  private readonly bySession = new Map<string, Thread>();
  private readonly replies = new Map<number, () => void>();
  private nextId = 0;

  constructor(private readonly probeMs = PROBE_MS) {
    const { session } = this;
    session.connect();
    session.on('NodeWorker.attachedToWorker', ({ params }) => {
      const thread = this.thread(threadIdOf(params.workerInfo));
      thread.sessionId = params.sessionId;
      this.bySession.set(params.sessionId, thread);
      void this.arm(thread);
    });
    session.on('NodeWorker.detachedFromWorker', ({ params }) => this.bySession.delete(params.sessionId));
    session.on('NodeWorker.receivedMessageFromWorker', ({ params }) =>
      this.received(params.sessionId, params.message),
    );
    session.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
  }

  /** Calls `listener` on each pause and resume of thread `threadId`; answers how to stop. */
  watch(threadId: number, listener: PauseListener): () => void {
    const thread = this.thread(threadId);
    thread.listener = listener;
    if (thread.paused) listener(true);
    return () => {
      clearTimeout(thread.probe);
      this.threads.delete(threadId);
    };
  }

  /** Lets a paused thread run, so that Worker.terminate() can end it (it cannot while paused). */
  release(threadId: number): void {
    const thread = this.threads.get(threadId);
    if (thread?.paused) void this.send(thread, 'Debugger.resume');
  }

  close(): void {
    for (const thread of this.threads.values()) clearTimeout(thread.probe);
    this.session.disconnect();
  }

  private thread(threadId: number): Thread {
    let thread = this.threads.get(threadId);
    if (thread === undefined) this.threads.set(threadId, (thread = { paused: false }));
    return thread;
  }

  private async arm(thread: Thread): Promise<void> {
    await this.send(thread, 'Debugger.enable');
    await this.send(thread, 'Debugger.setBreakpointsActive', { active: false });
  }

  private received(sessionId: string, message: string): void {
    if (message.startsWith(SCRIPT_PARSED)) return;
    const thread = this.bySession.get(sessionId);
    const parsed = JSON.parse(message) as { id?: number; method?: string };
    if (parsed.id !== undefined) this.replies.get(parsed.id)?.();
    if (parsed.id !== undefined) this.replies.delete(parsed.id);
    if (thread === undefined) return;
    if (parsed.method === 'Debugger.paused') {
      thread.pausedAgain = true;
      this.set(thread, true);
    } else if (parsed.method === 'Debugger.resumed') this.set(thread, false);
  }

  private set(thread: Thread, paused: boolean): void {
    clearTimeout(thread.probe);
    if (paused) thread.probe = setTimeout(() => void this.probe(thread), this.probeMs);
    if (thread.paused === paused) return;
    thread.paused = paused;
    thread.listener?.(paused);
  }

  /** Still paused once ours stepped aside? Then another debugger holds it; else it runs again. */
  private async probe(thread: Thread): Promise<void> {
    thread.pausedAgain = false;
    await this.send(thread, 'Debugger.disable');
    await this.arm(thread);
    if (!thread.pausedAgain) this.set(thread, false);
  }

  private send(thread: Thread, method: string, params: object = {}): Promise<void> {
    const { sessionId } = thread;
    if (sessionId === undefined) return Promise.resolve();
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.replies.set(id, resolve);
      this.session.post(
        'NodeWorker.sendMessageToWorker',
        { sessionId, message: JSON.stringify({ id, method, params }) },
        // The thread is gone: nothing will answer.
        (error) => error && (this.replies.delete(id), resolve()),
      );
    });
  }
}
