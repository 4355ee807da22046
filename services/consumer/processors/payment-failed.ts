import type { Processor } from './types.js';

export interface PaymentFailed {
  paymentId: string;
  orderId: string;
  amount: number;
  currency: string;
  reason: 'card_declined' | 'insufficient_funds' | 'expired_card' | 'processing_error';
  attempt: number;
}

/** After this many failed attempts the order is cancelled instead of retried. */
export const MAX_PAYMENT_ATTEMPTS = 3;

/** Decides what follows a declined payment: retry with back-off, ask for a new card, or cancel the order. */
export const paymentFailed: Processor<PaymentFailed> = async (payment, _envelope, { now }) => {
  const { paymentId, orderId } = payment;
  if (payment.attempt >= MAX_PAYMENT_ATTEMPTS) {
    return { action: 'order-cancelled', paymentId, orderId, attempts: payment.attempt };
  }
  if (payment.reason === 'expired_card') {
    return { action: 'card-update-requested', paymentId, orderId };
  }
  const delayHours = 2 ** (payment.attempt - 1);
  return {
    action: 'payment-retry-scheduled',
    paymentId,
    orderId,
    nextAttempt: payment.attempt + 1,
    retryAt: new Date(now() + delayHours * 3_600_000).toISOString(),
  };
};
