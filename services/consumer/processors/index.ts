import { orderCreated } from './order-created.js';
import { paymentFailed } from './payment-failed.js';
import type { Processor } from './types.js';
import { userSignedUp } from './user-signed-up.js';

/**
 * Processors by message type. A type with no entry here (one only added as a schema file) is still
 * validated and recorded by `recordOnly`; add an entry only when a type needs special handling.
 */
const processors = new Map<string, Processor>([
  ['order.created', orderCreated as Processor],
  ['payment.failed', paymentFailed as Processor],
  ['user.signed_up', userSignedUp as Processor],
]);

export const recordOnly: Processor = async () => ({ action: 'recorded' });

export function processorFor(type: string): Processor {
  return processors.get(type) ?? recordOnly;
}
