import { LocalError } from '../errors.js';

/**
 * What the mapping refuses when it is created, as Lambda's CreateEventSourceMapping does: an
 * option out of range (InvalidMapping) or a FilterCriteria pattern it cannot read (InvalidFilter).
 * Each message names the option or the place in the pattern. Nothing here reaches a wire: the
 * runtime reports the message when it starts.
 */
export type EventSourceErrorCode = 'InvalidMapping' | 'InvalidFilter';

export class EventSourceError extends LocalError<EventSourceErrorCode> {
  override readonly name = 'EventSourceError';
}

export const invalidMapping = (message: string): EventSourceError =>
  new EventSourceError('InvalidMapping', message);

export const invalidFilter = (message: string): EventSourceError =>
  new EventSourceError('InvalidFilter', message);
