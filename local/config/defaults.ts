// Every default of the local runtime in one place (as elasticmq keeps its reference.conf): what
// `ferry up` and `ferry sqs` use when a flag is left out, and the identity every local resource
// is named with. Nothing else in local/ spells these values.

export const DEFAULTS = {
  /** Loopback only: the runtime is the developer's own tool. */
  host: '127.0.0.1',
  ports: { api: 3000, sqs: 9324, console: 9325 },
  /** `ferry up --inspect`: Node.js's own default inspector port, where debuggers look first. */
  inspectorPort: 9229,
  /** Lambda's longest timeout: under --inspect, the most an invocation (paused or not) may take. */
  debugCeilingMs: 15 * 60 * 1000,
  /**
   * Lambda's limit on a function's init phase; past it the init is retried within the first
   * invocation, bounded by the function's timeout:
   * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
   */
  initTimeoutMs: 10_000,
  /** The durable store's directory, relative to the working directory. */
  dataDir: '.ferry',
  template: 'cloudformation/template.yaml',
  region: 'us-east-1',
  /** The account id in every local ARN and queue URL (LocalStack and elasticmq use the same). */
  accountId: '000000000000',
  stackName: 'ferry',
  /**
   * Every server's guard against stalled requests: the headers must arrive within `headersMs` and
   * the whole request within `requestMs` (408, then closed); answering may take longer (a long
   * poll waits 20 s after its body). At most `bodyBudgetBytes` are held at once in bodies still
   * arriving, over all of a server's connections: past it a new body gets 503 and Retry-After.
   */
  serverLimits: { headersMs: 10_000, requestMs: 30_000, bodyBudgetBytes: 64 * 1024 * 1024 },
} as const;

/** The credentials the runtime signs with (its own SDK clients and the functions' environment). */
export const LOCAL_CREDENTIALS = {
  accessKeyId: 'AKIDFERRYLOCAL',
  secretAccessKey: 'ferry-local-secret',
} as const;
