// The contract between the queue engine (no HTTP) and the wire protocols.
//
// The engine knows queues by name and messages by id; it never sees a URL, a
// header or a wire format. Every operation resolves to a Result: errors are a
// closed set of values (EngineErrorCode), never thrown, and only the protocol
// layer turns them into AWS error codes and HTTP statuses (one table there).
//
// Who validates what:
// - the protocol/action layer checks the request's own shape: required
//   parameters, types, ranges that do not depend on a queue (VisibilityTimeout
//   0-43200, DelaySeconds 0-900, MaxNumberOfMessages 1-10, WaitTimeSeconds
//   0-20, batch entry ids and counts, attribute-name syntax, message attribute
//   count/types, characters allowed in a body);
// - the engine checks everything that depends on queue state or queue
//   attributes: existence, attribute values on create/set, the queue's
//   MaximumMessageSize, FIFO rules (group id required, dedup), receipt handles,
//   redrive policies and move tasks.

import type { DataDir } from '../../config/index.js';
/** Milliseconds since the epoch, and timers that follow the same clock. */
export interface Clock {
  now(): number;
  /** Calls fn once the clock has reached at least `at`. Returns a cancel function. */
  at(at: number, fn: () => void): () => void;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: EngineError };

export interface EngineError {
  code: EngineErrorCode;
  /** Human text naming what was wrong and what was expected (becomes the AWS error message). */
  message: string;
}

export type EngineErrorCode =
  | 'QueueDoesNotExist'
  | 'QueueNameExists' // CreateQueue with the same name and different attributes
  | 'QueueDeletedRecently' // CreateQueue within 60 s of DeleteQueue of that name
  | 'InvalidAttributeName'
  | 'InvalidAttributeValue'
  | 'InvalidParameterValue'
  | 'MissingParameter'
  | 'ReceiptHandleIsInvalid'
  | 'MessageNotInflight' // ChangeMessageVisibility on a message that is not in flight
  | 'PurgeQueueInProgress' // a second purge within 60 s
  | 'OverLimit'
  | 'ResourceNotFound' // move tasks: unknown source ARN or task handle
  | 'UnsupportedOperation' // e.g. a move task on a queue that is not a DLQ
  | 'BatchRequestTooLong'; // SendMessageBatch: the entries' sizes add up to more than 1 MiB

export interface MessageAttributeValue {
  /** 'String' | 'Number' | 'Binary', optionally followed by '.customType'. */
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}

export type MessageAttributes = Record<string, MessageAttributeValue>;

export interface SendInput {
  body: string;
  delaySeconds?: number;
  messageAttributes?: MessageAttributes;
  /** Only AWSTraceHeader is allowed by SQS. */
  messageSystemAttributes?: MessageAttributes;
  messageGroupId?: string;
  messageDeduplicationId?: string;
  /** The caller's identity for the SenderId attribute (access key id, or a default). */
  senderId: string;
}

export interface SendOutput {
  messageId: string;
  /** FIFO queues only. */
  sequenceNumber?: string;
}

export interface ReceiveInput {
  maxNumberOfMessages: number; // 1-10, checked by the caller
  visibilityTimeout?: number; // seconds; queue default when absent
  waitTimeSeconds?: number; // seconds; queue's ReceiveMessageWaitTimeSeconds when absent
  receiveRequestAttemptId?: string; // FIFO only
}

/** One received message. The protocol layer filters attributes and computes MD5s. */
export interface ReceivedMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  messageAttributes: MessageAttributes;
  messageSystemAttributes: MessageAttributes;
  /**
   * Every system attribute SQS can return, as SQS spells them, as strings:
   * ApproximateReceiveCount, ApproximateFirstReceiveTimestamp, SentTimestamp,
   * SenderId, and when they apply MessageGroupId, MessageDeduplicationId,
   * SequenceNumber, AWSTraceHeader, DeadLetterQueueSourceArn.
   */
  attributes: Record<string, string>;
}

export interface BatchOutcome<T> {
  successful: ({ id: string } & T)[];
  failed: { id: string; senderFault: boolean; code: EngineErrorCode; message: string }[];
}

export interface MoveTask {
  taskHandle: string;
  status: 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';
  sourceArn: string;
  destinationArn?: string;
  maxNumberOfMessagesPerSecond?: number;
  approximateNumberOfMessagesMoved: number;
  approximateNumberOfMessagesToMove?: number;
  failureReason?: string;
  startedTimestamp: number;
}

export interface QueueEngine {
  readonly region: string;
  readonly accountId: string; // DEFAULTS.accountId unless given

  createQueue(
    name: string,
    attributes: Record<string, string>,
    tags: Record<string, string>,
  ): Promise<Result<void>>;
  deleteQueue(name: string): Promise<Result<void>>;
  /** Names in creation order; prefix filter applied; pagination is the caller's. */
  listQueues(prefix?: string): string[];
  queueExists(name: string): boolean;
  /** names may contain 'All'; unknown names fail with InvalidAttributeName. */
  getQueueAttributes(name: string, names: string[]): Result<Record<string, string>>;
  setQueueAttributes(name: string, attributes: Record<string, string>): Promise<Result<void>>;
  purgeQueue(name: string): Promise<Result<void>>;
  listDeadLetterSourceQueues(name: string): Result<string[]>;

  tagQueue(name: string, tags: Record<string, string>): Promise<Result<void>>;
  untagQueue(name: string, keys: string[]): Promise<Result<void>>;
  listQueueTags(name: string): Result<Record<string, string>>;
  addPermission(name: string, label: string, accountIds: string[], actions: string[]): Promise<Result<void>>;
  removePermission(name: string, label: string): Promise<Result<void>>;

  /** Resolves once the message is durable (when the store is). */
  sendMessage(name: string, input: SendInput): Promise<Result<SendOutput>>;
  sendMessageBatch(
    name: string,
    entries: ({ id: string } & SendInput)[],
  ): Promise<Result<BatchOutcome<SendOutput>>>;
  /** Long-polls up to waitTimeSeconds; resolves early as soon as a message is available. */
  receiveMessage(name: string, input: ReceiveInput, signal?: AbortSignal): Promise<Result<ReceivedMessage[]>>;
  deleteMessage(name: string, receiptHandle: string): Promise<Result<void>>;
  deleteMessageBatch(
    name: string,
    entries: { id: string; receiptHandle: string }[],
  ): Promise<Result<BatchOutcome<object>>>;
  changeMessageVisibility(
    name: string,
    receiptHandle: string,
    visibilityTimeout: number,
  ): Promise<Result<void>>;
  changeMessageVisibilityBatch(
    name: string,
    entries: { id: string; receiptHandle: string; visibilityTimeout: number }[],
  ): Promise<Result<BatchOutcome<object>>>;

  startMessageMoveTask(input: {
    sourceArn: string;
    destinationArn?: string;
    maxNumberOfMessagesPerSecond?: number;
  }): Promise<Result<{ taskHandle: string }>>;
  cancelMessageMoveTask(taskHandle: string): Promise<Result<{ approximateNumberOfMessagesMoved: number }>>;
  listMessageMoveTasks(sourceArn: string, maxResults: number): Result<MoveTask[]>;

  /**
   * For the ApproximateAgeOfOldestMessage metric: when the message that has been
   * longest in queue `name` entered it (ms; its send, or its move there), counting
   * visible, in-flight and delayed messages. Undefined when the queue is empty or
   * missing. O(1). (Optional so that stand-ins need not provide it.)
   */
  oldestMessageTimestamp?(name: string): number | undefined;

  /**
   * Up to `max` messages of queue `name` (visible, delayed or in flight) whose String message
   * attribute `key` is `value`, oldest sent first, as a receive would show them, without receiving
   * them: their receive count and visibility stay as they are. For tools (the console's message
   * story). O(messages in the queue). Empty for a missing queue. (Optional for stand-ins.)
   */
  findByAttribute?(name: string, key: string, value: string, max: number): ReceivedMessage[];

  /**
   * Sets (or clears) the observer told of messages sent, received and deleted per queue, for
   * the AWS/SQS counters. Optional so that stand-ins need not provide it.
   */
  observe?(observer: EngineObserver | undefined): void;

  /** Stops timers and closes the store; pending long polls resolve empty. */
  close(): Promise<void>;
}

/**
 * Told, synchronously and after the change is accepted, how many messages a call sent, received
 * or deleted, counted where SQS counts NumberOfMessagesSent/Received/Deleted: SendMessage(Batch)
 * entries stored, messages one ReceiveMessage returned, DeleteMessage(Batch) entries that deleted.
 * Moves to a DLQ after maxReceiveCount and redrive moves are not sends, as in SQS.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html
 */
export interface EngineObserver {
  sent?(queueName: string, count: number): void;
  received?(queueName: string, count: number): void;
  deleted?(queueName: string, count: number): void;
}

export interface EngineOptions {
  clock?: Clock; // defaults to the system clock
  region?: string; // default DEFAULTS.region
  accountId?: string; // default DEFAULTS.accountId
  /** The opened data directory of a durable store; absent (or memory) keeps everything in memory. */
  data?: DataDir;
  observer?: EngineObserver;
}
