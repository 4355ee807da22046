import { LocalError } from '../../errors.js';

/** The one way a filter pattern fails: CloudWatch Logs would refuse it. */
export type FilterPatternErrorCode = 'InvalidFilterPattern';

/** A filter pattern that CloudWatch Logs would refuse; the API answers InvalidParameterException. */
export class FilterPatternError extends LocalError<FilterPatternErrorCode> {
  override readonly name = 'FilterPatternError';
}

export function invalid(detail: string): FilterPatternError {
  return new FilterPatternError('InvalidFilterPattern', `Invalid filter pattern: ${detail}`);
}
