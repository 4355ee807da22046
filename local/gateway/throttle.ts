// Stage throttling: a token bucket holding up to `burstLimit` tokens, refilled at `rateLimit`
// tokens per second; a request that finds it empty is answered 429 before reaching the function.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html
import type { Throttling } from './types.js';

export function createTokenBucket({ burstLimit, rateLimit }: Throttling, now: () => number): () => boolean {
  let tokens = burstLimit;
  let last = now();
  return () => {
    const t = now();
    tokens = Math.min(burstLimit, tokens + ((t - last) / 1000) * rateLimit);
    last = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
