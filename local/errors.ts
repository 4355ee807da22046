// The one base of local/'s errors. Each part throws its own subclass with a code from a closed
// set (SqsError's, LogsError's, TemplateError's...), and one function per part turns those codes
// into what its wire answers (an HTTP status, an AWS error code, a message), as local/sqs does.
// Code that catches them can tell a part's refusal from a bug: a bug is not a LocalError.

export abstract class LocalError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
