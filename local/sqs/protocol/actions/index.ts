import type { Action } from '../context.js';
import { addPermission } from './add-permission.js';
import { cancelMessageMoveTask } from './cancel-message-move-task.js';
import { changeMessageVisibilityBatch } from './change-message-visibility-batch.js';
import { changeMessageVisibility } from './change-message-visibility.js';
import { createQueue } from './create-queue.js';
import { deleteMessageBatch } from './delete-message-batch.js';
import { deleteMessage } from './delete-message.js';
import { deleteQueue } from './delete-queue.js';
import { getQueueAttributes } from './get-queue-attributes.js';
import { getQueueUrl } from './get-queue-url.js';
import { listDeadLetterSourceQueues } from './list-dead-letter-source-queues.js';
import { listMessageMoveTasks } from './list-message-move-tasks.js';
import { listQueueTags } from './list-queue-tags.js';
import { listQueues } from './list-queues.js';
import { purgeQueue } from './purge-queue.js';
import { receiveMessage } from './receive-message.js';
import { removePermission } from './remove-permission.js';
import { sendMessageBatch } from './send-message-batch.js';
import { sendMessage } from './send-message.js';
import { setQueueAttributes } from './set-queue-attributes.js';
import { startMessageMoveTask } from './start-message-move-task.js';
import { tagQueue } from './tag-queue.js';
import { untagQueue } from './untag-queue.js';

/** Every SQS action, by the name both protocols use (X-Amz-Target suffix / Action=). */
export const ACTIONS: ReadonlyMap<string, Action> = new Map(
  [
    addPermission,
    cancelMessageMoveTask,
    changeMessageVisibility,
    changeMessageVisibilityBatch,
    createQueue,
    deleteMessage,
    deleteMessageBatch,
    deleteQueue,
    getQueueAttributes,
    getQueueUrl,
    listDeadLetterSourceQueues,
    listMessageMoveTasks,
    listQueueTags,
    listQueues,
    purgeQueue,
    receiveMessage,
    removePermission,
    sendMessage,
    sendMessageBatch,
    setQueueAttributes,
    startMessageMoveTask,
    tagQueue,
    untagQueue,
  ].map((a) => [a.name, a]),
);
