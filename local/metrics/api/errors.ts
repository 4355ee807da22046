import type { HttpResponse } from '../../http/types.js';

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
  InternalServiceError: { type: 'InternalServiceFault', status: 500 },
} as const;

export type CloudWatchErrorCode = keyof typeof SHAPES;

export class CloudWatchError extends Error {
  override readonly name = 'CloudWatchError';
  constructor(
    readonly code: CloudWatchErrorCode,
    message: string,
  ) {
    super(message);
  }
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

export function errorResponse(e: CloudWatchError): HttpResponse {
  const shape = SHAPES[e.code];
  const fault = shape.status >= 500 ? 'Receiver' : 'Sender';
  return {
    status: shape.status,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': `${e.code};${fault}` },
    body: JSON.stringify({ __type: `com.amazonaws.cloudwatch#${shape.type}`, message: e.message }),
  };
}
