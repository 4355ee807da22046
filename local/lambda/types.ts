import type { WorkerPauses } from './pauses.js';

/** The error shape Lambda reports for a failed invocation. */
export interface LambdaError {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

/**
 * What `invoke` resolves to: never rejects, whatever the handler does. The one declaration of it:
 * the gateway and the event source mapping read it too.
 */
export type InvokeOutcome = { ok: true; result: unknown } | { ok: false; error: LambdaError };

/** One line of a function's log, as CloudWatch Logs would store it (local/logs and local/metrics read it). */
export interface LogRecord {
  logGroup: string;
  logStream: string;
  timestamp: number;
  message: string;
  functionName: string;
  /** The invocation the line belongs to; undefined for lines written outside any (init). */
  requestId: string | undefined;
}

export type LogSink = (record: LogRecord) => void;

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface FunctionConfig {
  functionName: string;
  /** Absolute path of the handler module (local/template's resolveFunctionCode gives it). */
  handlerFile: string;
  /** The export to call: 'handler' in 'index.handler'. */
  exportName: string;
  /** The Handler setting, for _HANDLER: 'index.handler'. */
  handler: string;
  /** LAMBDA_TASK_ROOT: the code directory. */
  codeDir: string;
  /** MB; default 128 as in Lambda. Also caps the environment's V8 old space unless `limitMemory` is false. */
  memorySize?: number;
  /** Seconds; default 3 as in Lambda. */
  timeout?: number;
  /** 'nodejs22.x': AWS_EXECUTION_ENV is AWS_Lambda_<runtime>. */
  runtime?: string;
  region?: string;
  accountId?: string;
  /** The function's LoggingConfig.LogGroup; default /aws/lambda/<name>. */
  logGroup?: string;
  /** The template's Environment.Variables. */
  environment?: Record<string, string>;
  /** Added by the runtime after the template's (AWS_ENDPOINT_URL_SQS and such). */
  extraEnvironment?: Record<string, string>;
  /** Put in the function's environment; default LOCAL_CREDENTIALS, which the local SQS accepts. */
  credentials?: Credentials;
  /** Most environments at once: the reserved concurrency. Default 10. */
  maxConcurrency?: number;
  /** When every environment is busy at the cap: wait for one (default), or answer Lambda's throttle error. */
  whenBusy?: 'wait' | 'throttle';
  limitMemory?: boolean;
  /** Milliseconds the init phase may take; default Lambda's 10 s (tests shorten it). */
  initTimeoutMs?: number;
  onLog?: LogSink;
  /** Set when a debugger may attach (`ferry up --inspect`): a paused thread's timeout waits. */
  pauses?: WorkerPauses;
}

export interface InvokeOptions {
  /** Default: a new uuid. */
  requestId?: string;
}

export interface FunctionStats {
  environments: number;
  busy: number;
  idle: number;
  invocations: number;
  coldStarts: number;
  errors: number;
  throttles: number;
}

export interface LambdaFunction {
  readonly functionName: string;
  readonly functionArn: string;
  invoke(event: unknown, options?: InvokeOptions): Promise<InvokeOutcome>;
  /** Starts environments ahead of the first invocations (their init runs now). */
  prewarm(count?: number): Promise<void>;
  /**
   * Its code changed on disk: running invocations finish on the old code, and every invocation
   * after this call is a cold start on the new (idle environments end at once).
   */
  refresh(): void;
  stats(): FunctionStats;
  /** Waits for running invocations (each ends by its timeout at the latest), then ends every environment. */
  stop(): Promise<void>;
}

/** A FunctionConfig with Lambda's defaults filled in (resolved-config.ts), checked once. */
export interface ResolvedConfig {
  functionName: string;
  functionArn: string;
  handlerFile: string;
  exportName: string;
  handler: string;
  codeDir: string;
  region: string;
  memorySize: number;
  timeoutMs: number;
  runtime: string;
  logGroup: string;
  environment: Record<string, string> | undefined;
  extraEnvironment: Record<string, string> | undefined;
  credentials: Credentials;
  maxConcurrency: number;
  whenBusy: 'wait' | 'throttle';
  limitMemory: boolean;
  initTimeoutMs: number;
  /**
   * NODE_OPTIONS asks for --enable-source-maps. A worker thread does not read NODE_OPTIONS, so
   * worker.mjs turns them on itself.
   */
  sourceMaps: boolean;
  onLog: LogSink;
  pauses: WorkerPauses | undefined;
}
