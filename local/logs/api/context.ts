import { logGroupArn } from '../../config/index.js';
import type { LogStore, ScanBudget } from '../store/types.js';
import type { Input } from './params.js';

export interface LogsContext {
  store: LogStore;
  region: string;
  accountId: string;
  now: () => number;
  /** A fresh budget for each FilterLogEvents call. */
  filterBudget: () => ScanBudget;
}

export type LogsAction = (ctx: LogsContext, input: Input) => Record<string, unknown>;

export function groupArn(ctx: LogsContext, group: string): string {
  return logGroupArn(ctx.region, ctx.accountId, group);
}
