/** Base of every error the services raise on purpose; `name` survives minification. */
export class FerryError extends Error {
  override name = 'FerryError';
}

/** A missing or malformed environment variable, found at cold start. */
export class ConfigError extends FerryError {
  override name = 'ConfigError';
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable} ${problem}`);
  }
}

/** A failure that may pass on a later attempt: the consumer leaves the record to be retried. */
export class TransientError extends FerryError {
  override name = 'TransientError';
}
