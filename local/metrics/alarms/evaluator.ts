import { metricSeries, runQueries } from '../query.js';
import type { MetricStore } from '../store.js';
import type { Clock, StateValue } from '../types.js';
import type { AlarmDefinition } from './definition.js';
import { evaluateSlots, type Slot, type Verdict } from './verdict.js';

export interface AlarmState {
  definition: AlarmDefinition;
  stateValue: StateValue;
  stateReason: string;
  stateReasonData?: string;
  /** ms: last change of state or reason / last change of state. */
  stateUpdatedTimestamp: number;
  stateTransitionedTimestamp: number;
  /** ms: the period boundary of the last evaluation (0 before the first). */
  evaluatedAt: number;
  /** ms: when the alarm was added. */
  configuredTimestamp: number;
}

export interface AlarmChange {
  alarmName: string;
  oldState: StateValue;
  newState: StateValue;
  reason: string;
  timestamp: number;
}

export interface AlarmEvaluatorOptions {
  store: MetricStore;
  now?: Clock;
  /** Called on every change of state (the runtime logs it; the console shows it). */
  onChange?: (change: AlarmChange) => void;
  /** Changes kept for history(); 1000 by default. */
  historySize?: number;
}

/** Evaluates alarms over the metric store once per period of each alarm, on the injected clock. */
export class AlarmEvaluator {
  private readonly alarms = new Map<string, AlarmState>();
  private readonly changes: AlarmChange[] = [];
  private readonly now: Clock;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: AlarmEvaluatorOptions) {
    this.now = options.now ?? options.store.now;
  }

  add(definition: AlarmDefinition): void {
    const now = this.now();
    this.alarms.set(definition.alarmName, {
      definition,
      stateValue: 'INSUFFICIENT_DATA',
      stateReason: 'Unchecked: Initial alarm creation',
      stateUpdatedTimestamp: now,
      stateTransitionedTimestamp: now,
      evaluatedAt: 0,
      configuredTimestamp: now,
    });
  }

  /**
   * The alarms become `definitions` (the template changed): an alarm whose definition is the
   * same keeps its state and history, a changed one starts again as a new alarm would, and one no
   * longer defined is gone.
   */
  replace(definitions: readonly AlarmDefinition[]): void {
    const kept = new Map(this.alarms);
    this.alarms.clear();
    for (const definition of definitions) {
      const old = kept.get(definition.alarmName);
      if (old !== undefined && JSON.stringify(old.definition) === JSON.stringify(definition))
        this.alarms.set(definition.alarmName, old);
      else this.add(definition);
    }
  }

  /** Every alarm, in the order added. */
  states(): AlarmState[] {
    return [...this.alarms.values()];
  }

  get(alarmName: string): AlarmState | undefined {
    return this.alarms.get(alarmName);
  }

  /** State changes, oldest first. */
  history(): AlarmChange[] {
    return [...this.changes];
  }

  /** Evaluates each alarm whose period has ended since its last evaluation; returns the changes. */
  tick(now: number = this.now()): AlarmChange[] {
    const out: AlarmChange[] = [];
    for (const a of this.alarms.values()) {
      const periodMs = a.definition.period * 1000;
      const boundary = now - (now % periodMs);
      if (boundary <= a.evaluatedAt) continue;
      a.evaluatedAt = boundary;
      const verdict = evaluateSlots(a.definition, this.slots(a.definition, boundary), now);
      const change = this.applyVerdict(a, verdict, now);
      if (change !== undefined) out.push(change);
    }
    return out;
  }

  /** Runs tick() every `intervalMs` of real time (the clock still decides what is due). */
  start(intervalMs = 1000): void {
    this.stop();
    this.tick();
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The last EvaluationPeriods complete periods before `end`, oldest first. */
  private slots(def: AlarmDefinition, end: number): Slot[] {
    const periodMs = def.period * 1000;
    const start = end - def.evaluationPeriods * periodMs;
    let series;
    if (def.metrics !== undefined) {
      const returned = runQueries(this.options.store, def.metrics, start, end).find((r) => r.returnData);
      series = returned ?? { timestamps: [], values: [] };
    } else {
      series = metricSeries(
        this.options.store,
        {
          Metric: { Namespace: def.namespace!, MetricName: def.metricName!, Dimensions: def.dimensions },
          Period: def.period,
          Stat: def.statistic ?? def.extendedStatistic!,
          Unit: def.unit,
        },
        start,
        end,
      );
    }
    const at = new Map(series.timestamps.map((t, i) => [t, series.values[i]]));
    const slots: Slot[] = [];
    for (let t = start; t < end; t += periodMs) slots.push({ timestamp: t, value: at.get(t) });
    return slots;
  }

  /** Records the verdict on the alarm; the change of state, if it is one. */
  private applyVerdict(a: AlarmState, v: Verdict | undefined, now: number): AlarmChange | undefined {
    if (v === undefined) return undefined;
    if (v.state === a.stateValue) {
      // CloudWatch keeps the reason of the last transition, except the creation placeholder.
      if (a.stateReason.startsWith('Unchecked:')) {
        a.stateReason = v.reason;
        a.stateReasonData = v.reasonData;
        a.stateUpdatedTimestamp = now;
      }
      return undefined;
    }
    const change: AlarmChange = {
      alarmName: a.definition.alarmName,
      oldState: a.stateValue,
      newState: v.state,
      reason: v.reason,
      timestamp: now,
    };
    a.stateValue = v.state;
    a.stateReason = v.reason;
    a.stateReasonData = v.reasonData;
    a.stateUpdatedTimestamp = now;
    a.stateTransitionedTimestamp = now;
    this.changes.push(change);
    if (this.changes.length > (this.options.historySize ?? 1000)) this.changes.shift();
    this.options.onChange?.(change);
    return change;
  }
}
