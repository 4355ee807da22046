import { LocalError } from '../errors.js';

/**
 * What the console refuses. api.ts alone turns a code into an HTTP status. DashboardBody is met
 * when the console starts (the template's dashboard does not read), not by a request.
 */
export type ConsoleErrorCode =
  'InvalidParameter' | 'InvalidBody' | 'BodyTooLarge' | 'NotFound' | 'DashboardBody' | 'CrossOrigin';

export class ConsoleError extends LocalError<ConsoleErrorCode> {
  override readonly name = 'ConsoleError';
}
