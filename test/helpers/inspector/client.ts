// A real inspector client, as VS Code's js-debug and Chrome DevTools are: the Chrome DevTools
// Protocol over the WebSocket `ferry up --inspect` prints, reaching each worker thread (a Lambda
// execution environment) through the NodeWorker domain.
import { WebSocket } from 'undici';
import { until } from '../time/until.js';

export interface CdpEvent {
  method: string;
  params: Record<string, unknown>;
}

interface Reply {
  id: number;
  result?: Record<string, unknown>;
  error?: { message: string };
}

export class InspectorClient {
  /** Every event, from the main target (sessionId undefined) and from each worker. */
  readonly events: (CdpEvent & { sessionId?: string })[] = [];
  private readonly replies = new Map<string, Reply>();
  private nextId = 0;

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', ({ data }) => this.received(JSON.parse(String(data)) as never));
  }

  static async connect(url: string): Promise<InspectorClient> {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve);
      socket.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)));
    });
    return new InspectorClient(socket);
  }

  /** A command to the process's main thread. */
  send(method: string, params: object = {}): Promise<Record<string, unknown>> {
    const id = ++this.nextId;
    this.socket.send(JSON.stringify({ id, method, params }));
    return this.reply(`main:${id}`, method);
  }

  /** A command to a worker thread, in the session NodeWorker.attachedToWorker gave. */
  async sendToWorker(
    sessionId: string,
    method: string,
    params: object = {},
  ): Promise<Record<string, unknown>> {
    const id = ++this.nextId;
    await this.send('NodeWorker.sendMessageToWorker', {
      sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    return this.reply(`${sessionId}:${id}`, method);
  }

  /** Attaches to every worker thread; answers the session of the one whose title ends with `name`. */
  async attachToWorker(name: string): Promise<string> {
    await this.send('NodeWorker.enable', { waitForDebuggerOnStart: false });
    const attached = await until(`a worker named ${name}`, () =>
      this.events.find(
        (e) =>
          e.method === 'NodeWorker.attachedToWorker' &&
          String((e.params.workerInfo as { title: string }).title).endsWith(name),
      ),
    );
    return String(attached.params.sessionId);
  }

  /** The first event of `method` from the worker session that matches, waiting for it. */
  next(sessionId: string, method: string, after = 0, timeoutMs = 10_000): Promise<CdpEvent> {
    return until(
      `${method} from the worker`,
      () => this.events.slice(after).find((e) => e.sessionId === sessionId && e.method === method),
      timeoutMs,
    );
  }

  close(): void {
    this.socket.close();
  }

  private received(message: Reply & CdpEvent): void {
    if (message.method === 'NodeWorker.receivedMessageFromWorker') {
      const { sessionId, message: inner } = message.params as { sessionId: string; message: string };
      const parsed = JSON.parse(inner) as Reply & CdpEvent;
      if (parsed.id !== undefined) this.replies.set(`${sessionId}:${parsed.id}`, parsed);
      else this.events.push({ ...parsed, sessionId });
    } else if (message.id !== undefined) this.replies.set(`main:${message.id}`, message);
    else this.events.push(message);
  }

  private async reply(key: string, method: string): Promise<Record<string, unknown>> {
    const reply = await until(`the answer to ${method}`, () => this.replies.get(key));
    this.replies.delete(key);
    if (reply.error) throw new Error(`${method}: ${reply.error.message}`);
    return reply.result ?? {};
  }
}
