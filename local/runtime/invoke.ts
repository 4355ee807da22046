// The template's functions, running (local/lambda), and the one way the gateways and the event
// source mappings invoke them: by logical id, each invocation counted in AWS/Lambda.
import {
  createFunction,
  type InvokeOutcome,
  type LambdaFunction,
  type LogRecord,
  type WorkerPauses,
} from '../lambda/index.js';
import type { Capture } from './capture.js';
import type { FunctionSpec } from './functions.js';

export class Functions {
  private readonly byId = new Map<string, LambdaFunction>();
  /** Invocations from the gateways not answered yet: stop drains them first. */
  inFlight = 0;

  constructor(
    private readonly capture: Capture,
    private readonly pauses?: WorkerPauses,
  ) {}

  start(specs: readonly FunctionSpec[], onLog: (record: LogRecord) => void): void {
    for (const spec of specs)
      this.byId.set(spec.logicalId, createFunction({ ...spec.config, onLog, pauses: this.pauses }));
  }

  /** Starts `count` environments of each function, so that an init error shows before ready. */
  prewarm(count: number): Promise<void[]> {
    return Promise.all([...this.byId.values()].map((fn) => fn.prewarm(count)));
  }

  invoke(logicalId: string, event: unknown): Promise<InvokeOutcome> {
    const fn = this.byId.get(logicalId);
    // Spec resolution checked every target; a miss is a wiring bug, answered as Lambda would.
    if (fn === undefined)
      return Promise.resolve({
        ok: false,
        error: { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${logicalId}` },
      });
    return this.capture.track(fn.functionName, () => fn.invoke(event));
  }

  /** An invocation a gateway waits for, counted in `inFlight`. */
  async invokeFromGateway(logicalId: string, event: unknown): Promise<InvokeOutcome> {
    this.inFlight++;
    try {
      return await this.invoke(logicalId, event);
    } finally {
      this.inFlight--;
    }
  }

  /** Their code changed on disk: each function's next invocation is a cold start on it. */
  refresh(): string[] {
    for (const fn of this.byId.values()) fn.refresh();
    return [...this.byId.values()].map((fn) => fn.functionName);
  }

  /** Waits for running invocations (each ends by its timeout at the latest), then ends every environment. */
  async stop(): Promise<void> {
    await Promise.all([...this.byId.values()].map((fn) => fn.stop()));
  }
}
