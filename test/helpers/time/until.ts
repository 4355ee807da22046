// The one wait of the tests: for an effect someone can observe (a log line, a queue's depth, a
// ready text), polled, never a sleep of a guessed length.

/**
 * Polls `probe` every 10 ms until it answers something other than undefined or false, and
 * resolves with that answer; fails after `timeoutMs`, naming `what` it waited for.
 */
export async function until<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<Exclude<T, undefined | false>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value as Exclude<T, undefined | false>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
