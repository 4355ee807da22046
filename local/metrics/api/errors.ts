import { LocalError } from '../../errors.js';
import type { HttpResponse } from '../../http/types.js';
import type { QueryError } from '../errors.js';

/**
 * CloudWatch's errors on the AWS JSON 1.0 wire. The client is "awsQueryCompatible": it takes the
 * error code from the x-amzn-query-error header ("Code;Sender") and the name from `__type`.
 */
const SHAPES = {
  InvalidParameterValue: { type: 'InvalidParameterValueException', status: 400 },
  MissingParameter: { type: 'MissingRequiredParameterException', status: 400 },
  InvalidParameterCombination: { type: 'InvalidParameterCombinationException', status: 400 },
  InvalidNextToken: { type: 'InvalidNextToken', status: 400 },
  InvalidAction: { type: 'InvalidAction', status: 400 },
  SerializationException: { type: 'SerializationException', status: 400 },
  RequestEntityTooLarge: { type: 'RequestEntityTooLarge', status: 413 },
  InternalServiceError: { type: 'InternalServiceFault', status: 500 },
} as const;

export type CloudWatchErrorCode = keyof typeof SHAPES;

/** A request that fails: thrown by the readers and actions, turned into a response by errorResponse. */
export class CloudWatchError extends LocalError<CloudWatchErrorCode> {
  override readonly name = 'CloudWatchError';
}

export function invalid(message: string): CloudWatchError {
  return new CloudWatchError('InvalidParameterValue', message);
}

export function missing(parameter: string): CloudWatchError {
  return new CloudWatchError('MissingParameter', `The parameter ${parameter} is required.`);
}

export function combination(message: string): CloudWatchError {
  return new CloudWatchError('InvalidParameterCombination', message);
}

/** A query that cannot be answered is an invalid parameter value, whatever the reason; its message says which. */
export function fromQuery(error: QueryError): CloudWatchError {
  return invalid(error.message);
}

export function errorResponse(e: CloudWatchError): HttpResponse {
  const shape = SHAPES[e.code];
  const fault = shape.status >= 500 ? 'Receiver' : 'Sender';
  return {
    status: shape.status,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': `${e.code};${fault}` },
    body: JSON.stringify({ __type: `com.amazonaws.cloudwatch#${shape.type}`, message: e.message }),
  };
}
