import { LocalError } from '../../errors.js';
import type { EngineError, EngineErrorCode } from '../engine/types.js';

// The one table from an error to what SQS puts on the wire.
//
// - status: the HTTP status SQS answers with.
// - type: the JSON protocol's `__type` (AWS JSON 1.0, since SQS moved to it in 2023).
// - query: the legacy query-protocol code. SQS sends it on the JSON protocol as well, in the
//   `x-amzn-query-error: <code>;<Sender|Receiver>` header, so that query-era SDKs keep their codes.
//
// Codes and statuses come from the SQS API reference and the awsQueryError traits of the
// SQS Smithy model (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/CommonErrors.html);
// texts follow responses recorded from real SQS.

export type SqsErrorCode =
  | EngineErrorCode
  | 'EmptyBatchRequest'
  | 'TooManyEntriesInBatchRequest'
  | 'BatchEntryIdsNotDistinct'
  | 'InvalidBatchEntryId'
  | 'BatchRequestTooLong'
  | 'InvalidMessageContents'
  | 'InvalidAddress'
  | 'UnknownOperation'
  | 'MalformedRequest'
  | 'MalformedInput'
  | 'RequestTooLarge'
  | 'MissingAuthenticationToken'
  | 'IncompleteSignature'
  | 'InvalidClientTokenId'
  | 'SignatureDoesNotMatch'
  | 'InternalFailure';

export interface WireError {
  status: number;
  type: string;
  query: string;
  sender: boolean;
}

const SQS = 'com.amazonaws.sqs#';
const CORAL = 'com.amazon.coral.service#';

function e(status: number, type: string, query: string, sender = true): WireError {
  return { status, type, query, sender };
}

export const ERRORS: Readonly<Record<SqsErrorCode, WireError>> = {
  QueueDoesNotExist: e(400, `${SQS}QueueDoesNotExist`, 'AWS.SimpleQueueService.NonExistentQueue'),
  QueueNameExists: e(400, `${SQS}QueueNameExists`, 'QueueAlreadyExists'),
  QueueDeletedRecently: e(400, `${SQS}QueueDeletedRecently`, 'AWS.SimpleQueueService.QueueDeletedRecently'),
  InvalidAttributeName: e(400, `${SQS}InvalidAttributeName`, 'InvalidAttributeName'),
  InvalidAttributeValue: e(400, `${SQS}InvalidAttributeValue`, 'InvalidAttributeValue'),
  InvalidParameterValue: e(400, `${SQS}InvalidParameterValueException`, 'InvalidParameterValue'),
  MissingParameter: e(400, `${SQS}MissingRequiredParameterException`, 'MissingParameter'),
  ReceiptHandleIsInvalid: e(404, `${SQS}ReceiptHandleIsInvalid`, 'ReceiptHandleIsInvalid'),
  MessageNotInflight: e(400, `${SQS}MessageNotInflight`, 'AWS.SimpleQueueService.MessageNotInflight'),
  PurgeQueueInProgress: e(403, `${SQS}PurgeQueueInProgress`, 'AWS.SimpleQueueService.PurgeQueueInProgress'),
  OverLimit: e(403, `${SQS}OverLimit`, 'OverLimit'),
  ResourceNotFound: e(404, `${SQS}ResourceNotFoundException`, 'ResourceNotFoundException'),
  UnsupportedOperation: e(400, `${SQS}UnsupportedOperation`, 'AWS.SimpleQueueService.UnsupportedOperation'),
  EmptyBatchRequest: e(400, `${SQS}EmptyBatchRequest`, 'AWS.SimpleQueueService.EmptyBatchRequest'),
  TooManyEntriesInBatchRequest: e(
    400,
    `${SQS}TooManyEntriesInBatchRequest`,
    'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  ),
  BatchEntryIdsNotDistinct: e(
    400,
    `${SQS}BatchEntryIdsNotDistinct`,
    'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
  ),
  InvalidBatchEntryId: e(400, `${SQS}InvalidBatchEntryId`, 'AWS.SimpleQueueService.InvalidBatchEntryId'),
  BatchRequestTooLong: e(400, `${SQS}BatchRequestTooLong`, 'AWS.SimpleQueueService.BatchRequestTooLong'),
  InvalidMessageContents: e(400, `${SQS}InvalidMessageContents`, 'InvalidMessageContents'),
  InvalidAddress: e(404, `${SQS}InvalidAddress`, 'InvalidAddress'),
  // JSON: coral's own exception for an X-Amz-Target it does not know; query: InvalidAction.
  UnknownOperation: e(400, `${CORAL}UnknownOperationException`, 'InvalidAction'),
  MalformedRequest: e(400, `${CORAL}SerializationException`, 'MalformedQueryString'),
  /** A query-protocol list index that is not 1, 2, 3...: "0 is not a valid index". */
  MalformedInput: e(400, `${CORAL}SerializationException`, 'MalformedInput'),
  RequestTooLarge: e(413, `${CORAL}SerializationException`, 'RequestEntityTooLarge'),
  MissingAuthenticationToken: e(
    403,
    `${CORAL}MissingAuthenticationTokenException`,
    'MissingAuthenticationToken',
  ),
  IncompleteSignature: e(400, `${CORAL}IncompleteSignatureException`, 'IncompleteSignature'),
  InvalidClientTokenId: e(403, `${CORAL}InvalidClientTokenId`, 'InvalidClientTokenId'),
  SignatureDoesNotMatch: e(403, `${CORAL}SignatureDoesNotMatch`, 'SignatureDoesNotMatch'),
  InternalFailure: e(500, `${CORAL}InternalFailure`, 'InternalFailure', false),
};

/** A request that fails: thrown by decoders and actions, turned into a response in one place. */
export class SqsError extends LocalError<SqsErrorCode> {
  override readonly name = 'SqsError';
}

export function fromEngine(error: EngineError): SqsError {
  return new SqsError(error.code, error.message);
}

/** Query-protocol texts that differ from the JSON protocol's (recorded from real SQS). */
export function queryMessage(error: SqsError): string {
  if (error.code === 'QueueDoesNotExist') return 'The specified queue does not exist for this wsdl version.';
  return error.message;
}

// Texts shared by several actions.
export const missing = (name: string): SqsError =>
  new SqsError('MissingParameter', `The request must contain the parameter ${name}.`);

export const invalidValue = (name: string, value: unknown, reason: string): SqsError =>
  new SqsError(
    'InvalidParameterValue',
    `Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`,
  );

/** The code a failed batch entry carries: SQS's legacy (query) code for the engine's error. */
export function batchEntryCode(code: EngineErrorCode): string {
  return ERRORS[code].query;
}
