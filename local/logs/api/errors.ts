import { LocalError } from '../../errors.js';

// The closed set of errors the Logs API answers, with CloudWatch Logs' codes; handler.ts alone
// turns them into HTTP. https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/CommonErrors.html

export type LogsErrorCode =
  | 'InvalidParameterException'
  | 'ResourceNotFoundException'
  | 'ResourceAlreadyExistsException'
  | 'UnknownOperationException'
  | 'SerializationException'
  | 'ServiceUnavailableException';

export class LogsError extends LocalError<LogsErrorCode> {
  override readonly name = 'LogsError';
}

export const noGroup = () =>
  new LogsError('ResourceNotFoundException', 'The specified log group does not exist.');
export const noStream = () =>
  new LogsError('ResourceNotFoundException', 'The specified log stream does not exist.');
export const invalidParameter = (message: string) => new LogsError('InvalidParameterException', message);
export const badToken = () => invalidParameter('The specified nextToken is invalid.');
