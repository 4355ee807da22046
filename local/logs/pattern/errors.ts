/** A filter pattern that CloudWatch Logs would refuse; the API answers InvalidParameterException. */
export class FilterPatternError extends Error {
  override readonly name = 'FilterPatternError';
}

export function invalid(detail: string): FilterPatternError {
  return new FilterPatternError(`Invalid filter pattern: ${detail}`);
}
