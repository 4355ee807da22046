import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LogEvent, LogsReader } from './types.js';

// Live tail as server-sent events: the group's last lines first, then each new line as it is
// written. A comment every 15 s keeps idle connections from being closed by proxies. A client
// that leaves more than MAX_UNREAD_BYTES unread is dropped (#15.11): held for it, a busy
// function's log would grow the runtime without bound; an EventSource reconnects on its own and
// gets the backlog again.

const BACKLOG = 50;
const MAX_UNREAD_BYTES = 1024 * 1024;

export function tail(
  logs: LogsReader,
  group: string,
  now: () => number,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  if (group === '') {
    res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"group is required"}');
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  res.write('retry: 2000\n\n');
  // Events of one tick go out in one write: a busy function logs hundreds of lines a second.
  let out = '';
  const send = (event: LogEvent) => {
    if (out === '') setImmediate(flush);
    out += `data: ${JSON.stringify(event)}\n\n`;
  };
  const flush = () => {
    if (!res.destroyed) res.write(out);
    out = '';
    if (res.writableLength > MAX_UNREAD_BYTES) {
      stop();
      res.destroy();
    }
  };
  // Lines written while the backlog is read are held, then sent after it, in order.
  let held: LogEvent[] | undefined = [];
  const unsubscribe = logs.subscribe(group, (event) => (held ? held.push(event) : send(event)));
  const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearInterval(ping);
    unsubscribe();
  };
  req.on('close', stop);
  logs.filter({ logGroupNames: [group], startTime: now() - 3_600_000, limit: BACKLOG }).then(
    (backlog) => {
      const key = (e: LogEvent) => `${e.logStreamName}\n${e.timestamp}\n${e.message}`;
      const sent = new Set(backlog.map(key));
      for (const event of backlog) send(event);
      for (const event of held ?? []) if (!sent.has(key(event))) send(event);
      held = undefined;
    },
    () => {
      for (const event of held ?? []) send(event);
      held = undefined;
    },
  );
}
