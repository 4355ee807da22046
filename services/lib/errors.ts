/**
 * Base of every error the services raise on purpose. Each class sets `name` on its prototype, so
 * the name survives minification and is already right when the stack is captured (it heads the
 * stack trace, and Lambda reports it as errorType).
 */
export class FerryError extends Error {
  static {
    this.prototype.name = 'FerryError';
  }
}

/** A missing or malformed environment variable, found at cold start. */
export class ConfigError extends FerryError {
  static {
    this.prototype.name = 'ConfigError';
  }

  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable} ${problem}`);
  }
}

/** A failure that may pass on a later attempt: the consumer leaves the record to be retried. */
export class TransientError extends FerryError {
  static {
    this.prototype.name = 'TransientError';
  }
}
