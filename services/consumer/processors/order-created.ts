import { TransientError } from '../../lib/errors.js';
import type { Processor } from './types.js';

export interface OrderCreated {
  orderId: string;
  customerId: string;
  currency: string;
  items: { sku: string; quantity: number; unitPrice: number }[];
  shippingAddress?: { country: string };
  simulateTransientFailures?: number;
}

/** Reserves stock for every line and prices the order. */
export const orderCreated: Processor<OrderCreated> = async (order, _envelope, { receiveCount }) => {
  const failures = order.simulateTransientFailures ?? 0;
  if (receiveCount <= failures) {
    throw new TransientError(
      `simulated transient failure: inventory service unavailable (receive ${receiveCount} of ${failures} set to fail)`,
    );
  }
  const cents = order.items.reduce((sum, item) => sum + Math.round(item.unitPrice * 100) * item.quantity, 0);
  return {
    action: 'stock-reserved',
    orderId: order.orderId,
    customerId: order.customerId,
    reservations: order.items.map(({ sku, quantity }) => ({ sku, quantity })),
    total: cents / 100,
    currency: order.currency,
  };
};
