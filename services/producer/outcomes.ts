import type { Logger } from '../lib/logger.js';
import { count, emf } from '../lib/metrics.js';
import type { MetricsContext } from '../lib/metrics.js';
import type { FailureCause } from './publish.js';
import type { Rejection } from './rejection.js';
import { STATUS } from './responses.js';

/** One request's logger (awsRequestId and correlationId bound) and metrics context. */
export interface RequestScope {
  log: Logger;
  metrics: MetricsContext;
  correlationId: string;
}

/** Batch entries carry their index so a line can be matched to the entry it reports. */
type Where = { index?: number };

export function logAccepted(
  scope: RequestScope,
  messageId: string,
  type: string,
  bytes: number,
  where: Where = {},
) {
  scope.log.info(
    {
      ...where,
      messageId,
      type,
      outcome: 'accepted',
      bytes,
      ...emf(scope.metrics, [count('MessagesAccepted')]),
    },
    'message accepted',
  );
}

export function logRejected(
  scope: RequestScope,
  rejection: Rejection,
  type: string | null,
  where: Where & { cause?: FailureCause } = {},
) {
  const { reason, message, ...details } = rejection;
  const fields = {
    ...where,
    messageId: null,
    type,
    outcome: 'rejected',
    reason,
    status: STATUS[reason],
    detail: message,
    ...details,
    ...emf(scope.metrics, [count('MessagesRejected')], reason),
  };
  if (reason === 'queue-unavailable') scope.log.error(fields, 'message rejected: queue unavailable');
  else scope.log.warn(fields, 'message rejected');
}

/** The type a rejected document claims to be, when it says. */
export function claimedType(value: unknown): string | null {
  const type = (value as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : null;
}
