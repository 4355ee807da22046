import type { IncomingMessage } from 'node:http';
import { ConsoleError } from './errors.js';

// Only the console's own page changes state. A page on any other origin can still make the
// browser send a "simple" request (a form POST, fetch with mode no-cors, text/plain): it cannot
// read the answer, but the purge would be done. So a request that is not GET or HEAD must show
// that it comes from the console's own page: its Origin is the console's own (or, without an
// Origin, the browser marked it `Sec-Fetch-Site: same-origin`), and it carries the header below.
// No simple request can carry a custom header; another origin would need a CORS preflight for it,
// and the console grants none (an OPTIONS request is refused here too).

/** The header the console's page sends with every request that changes state. */
export const CONSOLE_HEADER = 'x-ferry-console';

/** Why a state-changing request is refused, or undefined when it comes from the console's page. */
export function crossOrigin(req: IncomingMessage): ConsoleError | undefined {
  const own = `http://${String(req.headers.host ?? '').toLowerCase()}`;
  const origin = req.headers.origin;
  const sameOrigin =
    origin === undefined ? req.headers['sec-fetch-site'] === 'same-origin' : origin.toLowerCase() === own;
  if (!sameOrigin)
    return new ConsoleError(
      'CrossOrigin',
      `${req.method} ${req.url?.split('?')[0]} changes state and is answered only from the console's ` +
        `own page (Origin ${own}); this request came from ${origin ?? 'an unknown origin'}`,
    );
  if (req.headers[CONSOLE_HEADER] === undefined)
    return new ConsoleError(
      'CrossOrigin',
      `${req.method} ${req.url?.split('?')[0]} changes state and needs the ${CONSOLE_HEADER} header ` +
        `that the console's page sends`,
    );
  return undefined;
}
