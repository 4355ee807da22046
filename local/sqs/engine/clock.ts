import type { Clock } from './types.js';

/** The wall clock, with timers on setTimeout (clamped: setTimeout overflows past ~24.8 days). */
export const systemClock: Clock = {
  now: () => Date.now(),
  at(at, fn) {
    const delay = Math.min(Math.max(0, at - Date.now()), 2 ** 31 - 1);
    const timer = setTimeout(fn, delay);
    return () => clearTimeout(timer);
  },
};
