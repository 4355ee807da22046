// What startRuntime takes, and the defaults it settles them with (from local/config alone).
import { DEFAULTS, LOCAL_CREDENTIALS, type StoreSpec } from '../config/index.js';
import type { AccessRecord } from '../gateway/index.js';
import type { LogRecord } from '../lambda/index.js';
import type { AlarmChange } from '../metrics/index.js';

export interface Ports {
  /** The first HTTP API's port (others take free ones). */
  api: number;
  /** The AWS endpoint: SQS, CloudWatch Logs, CloudWatch, CloudFormation. */
  sqs: number;
  console: number;
}

export interface RuntimeOptions {
  templatePath: string;
  /**
   * A parameter file (local.parameters.json): values for the template's parameters, read at each
   * plan (so a re-plan sees its edits); parameterOverrides win over it.
   */
  parametersFile?: string;
  /** Like the AWS CLI's --parameter-overrides, parsed (local/config's parseOverrides). */
  parameterOverrides?: Record<string, string>;
  /** Default DEFAULTS.host. */
  host?: string;
  /** Host names every port answers besides loopback, IP literals and `host` (`--allow-host`). */
  allowHosts?: string[];
  /**
   * With keys, the AWS endpoint (every service on it) requires requests signed (SigV4) with them,
   * and the runtime's own clients, the pollers and the functions sign with them. Without, it
   * accepts any request, and they sign with LOCAL_CREDENTIALS.
   */
  auth?: KeyPair;
  /** Each defaults to DEFAULTS.ports; 0 picks a free one. */
  ports?: Partial<Ports>;
  /** Where the queues and logs are kept. */
  store: StoreSpec;
  stackName?: string;
  region?: string;
  /** Execution environments per function when the template sets no ReservedConcurrentExecutions. */
  functionConcurrency?: number;
  /** Starts this many environments per function before ready (default 1): init errors show at once. */
  prewarm?: number;
  /** Every line a function logs (START/END/REPORT included). */
  onLog?: (record: LogRecord) => void;
  /** One access record per HTTP request, with the Api's logical id. */
  onAccess?: (api: string, record: AccessRecord) => void;
  /** Each state change of a template alarm, as the runtime evaluates them. */
  onAlarm?: (change: AlarmChange) => void;
  /** Errors that do not stop the runtime (an SQS call of a poller that failed and is retried). */
  onError?: (where: string, error: unknown) => void;
  /** The metrics' and alarms' clock (default Date.now); tests move it instead of waiting a minute. */
  metricsClock?: () => number;
  /** AWS/SQS gauges sampling interval, ms (default 10 s). */
  sampleIntervalMs?: number;
  /** Size cap of the log store (logs.db), bytes; default 64 MiB. */
  logMaxBytes?: number;
  /** Opens the process's inspector there (`ferry up --inspect`); a function's timeout waits while paused. */
  inspect?: { host: string; port: number };
  /** false records no logs, metrics or alarms: only to measure what capture costs. Default true. */
  capture?: boolean;
}

export interface KeyPair {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The options with every default settled. */
export interface Settings extends RuntimeOptions {
  host: string;
  /** What the runtime's clients and the functions sign with: the auth keys, else LOCAL_CREDENTIALS. */
  credentials: KeyPair;
  ports: Ports;
  stackName: string;
  region: string;
  parameterOverrides: Record<string, string>;
}

export function settle(options: RuntimeOptions): Settings {
  return {
    ...options,
    host: options.host ?? DEFAULTS.host,
    credentials: options.auth ?? LOCAL_CREDENTIALS,
    ports: { ...DEFAULTS.ports, ...options.ports },
    stackName: options.stackName ?? DEFAULTS.stackName,
    region: options.region ?? DEFAULTS.region,
    parameterOverrides: options.parameterOverrides ?? {},
  };
}
