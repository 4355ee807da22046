// What every generated request must get: an answer within the bound, no 5xx the service would not
// give, and an error in the shape its protocol expects.
import fc from 'fast-check';
import { send, type RawAnswer, type RawRequest } from './http.js';

export type Shape = 'aws' | 'gateway' | 'console';

/** Why `answer` breaks the rules for `shape`, or undefined when it keeps them. */
export function fault(shape: Shape, req: RawRequest, answer: RawAnswer): string | undefined {
  const { status, body, headers } = answer;
  // 503 with Retry-After is how the services say "later"; any other 5xx is Ferry's own failure.
  if (status >= 500 && !(status === 503 && headers['retry-after'] !== undefined))
    return `status ${status}: ${body.slice(0, 300)}`;
  if (status < 400 || req.method === 'HEAD') return undefined;
  // Node.js's HTTP parser refuses a request line it cannot read (an unknown method, a target that
  // is not a path) before any of Ferry's code runs, with a bare 400.
  if (status === 400 && body === '' && headers['content-type'] === undefined) return undefined;
  if (shape === 'aws') {
    if (req.headers['x-amz-target'] !== undefined) {
      const parsed = json(body) as { __type?: unknown } | undefined;
      return typeof parsed?.__type === 'string' ? undefined : `not a JSON AWS error: ${body.slice(0, 300)}`;
    }
    return /<ErrorResponse[^>]*>[\s\S]*<Code>[^<]+<\/Code>/.test(body)
      ? undefined
      : `not an XML AWS error: ${body.slice(0, 300)}`;
  }
  if (shape === 'console' && !req.path.startsWith('/api/')) return undefined;
  const parsed = json(body);
  return typeof parsed === 'object' && parsed !== null
    ? undefined
    : `not a JSON error: ${body.slice(0, 300)}`;
}

function json(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export interface FuzzRun {
  runs: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  slowestMs: number;
}

/** How long each entry point is fuzzed: 2 s in npm test; FUZZ_MS=60000 for a longer hunt. */
const FUZZ_MS = Number(process.env.FUZZ_MS ?? 2_000);

/**
 * Throws generated requests at `base` for at most `timeMs` (or `numRuns`), one at a time; fails
 * with fast-check's shrunk counterexample on the first request that breaks the rules. A request
 * that gets no answer (a hang, a crash) is reported as it was: the runtime behind `base` is then
 * wedged or gone, so the later runs (shrinking included) pass without sending anything.
 */
export async function fuzz(
  base: string,
  shape: Shape,
  requests: fc.Arbitrary<RawRequest>,
  { numRuns = 3_000, timeMs = FUZZ_MS, boundMs = 5_000 } = {},
): Promise<FuzzRun> {
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
  let runs = 0;
  let slowestMs = 0;
  let unanswered = false;
  let first: string | undefined;
  let inFlight: Promise<unknown> = Promise.resolve();
  const fail = (req: RawRequest, why: string): never => {
    first ??= `${why}\nRequest: ${JSON.stringify(req)}`;
    throw new Error(why);
  };
  await fc.assert(
    fc.asyncProperty(requests, async (req) => {
      if (unanswered) return;
      runs += 1;
      const sent = send(base, req, boundMs);
      inFlight = sent.catch(() => undefined);
      const answer = await sent.catch((error: unknown) => {
        unanswered = true;
        return fail(req, (error as Error).message);
      });
      slowestMs = Math.max(slowestMs, answer.ms);
      const why = fault(shape, req, answer);
      if (why !== undefined) fail(req, why);
    }),
    { numRuns, interruptAfterTimeLimit: timeMs, markInterruptAsFailure: false, includeErrorInReport: true },
  );
  // The time limit can end the run while a request is still out (it has its own bound), and
  // fast-check then reports success: wait for it, and the first failure seen is the verdict.
  await inFlight;
  if (first !== undefined) throw new Error(`the first request that broke the rules: ${first}`);
  return { runs, rssBeforeMb, rssAfterMb: process.memoryUsage().rss / 2 ** 20, slowestMs };
}
