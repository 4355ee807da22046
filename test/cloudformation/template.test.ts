import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { INVARIANTS } from '../helpers/infra/invariants.js';
import { getAtt, loadTemplate, parseTemplate, ref } from '../helpers/infra/template.js';
import type { Resource, Template } from '../helpers/infra/template.js';

const TEMPLATE = fileURLToPath(new URL('../../cloudformation/template.yaml', import.meta.url));
const original = loadTemplate(TEMPLATE);

type Invariant = keyof typeof INVARIANTS;

const copy = (): Template => structuredClone(original);
const p = (t: Template, id: string): Record<string, unknown> => (t.Resources[id] as Resource).Properties!;
const esm = (t: Template): Record<string, unknown> =>
  Object.values(t.Resources).find((r) => r.Type === 'AWS::Lambda::EventSourceMapping')!.Properties!;
const statements = (t: Template, role: string) =>
  (p(t, role).Policies as { PolicyDocument: { Statement: Record<string, unknown>[] } }[])[0]!.PolicyDocument
    .Statement;

/** Edits that a careless change could make, and the invariant each one must trip. */
const WRONG_EDITS: [Invariant, string, (t: Template) => void][] = [
  [
    'visibilityCoversRetries',
    'consumer timeout raised to 60 s',
    (t) => {
      t.Parameters!.ConsumerTimeout!.Default = 60;
    },
  ],
  [
    'visibilityCoversRetries',
    'visibility lowered to 30 s',
    (t) => {
      p(t, 'MessagesQueue').VisibilityTimeout = 30;
    },
  ],
  [
    'visibilityCoversRetries',
    'batching window raised to 300 s',
    (t) => {
      t.Parameters!.MaximumBatchingWindowInSeconds!.Default = 300;
    },
  ],
  [
    'mappingReportsBatchItemFailures',
    'ReportBatchItemFailures removed',
    (t) => {
      delete esm(t).FunctionResponseTypes;
    },
  ],
  [
    'mappingReportsBatchItemFailures',
    'mapping reads the DLQ',
    (t) => {
      esm(t).EventSourceArn = getAtt('DeadLetterQueue', 'Arn');
    },
  ],
  [
    'mappingReportsBatchItemFailures',
    'batch size hard-coded',
    (t) => {
      esm(t).BatchSize = 10;
    },
  ],
  [
    'dlqOutlivesQueue',
    'DLQ retention cut to 4 days',
    (t) => {
      p(t, 'DeadLetterQueue').MessageRetentionPeriod = 345600;
    },
  ],
  [
    'dlqOutlivesQueue',
    'queue retention may reach 14 days',
    (t) => {
      t.Parameters!.QueueMessageRetentionPeriod!.MaxValue = 1209600;
    },
  ],
  [
    'redriveBetweenTheQueues',
    'RedrivePolicy removed',
    (t) => {
      delete p(t, 'MessagesQueue').RedrivePolicy;
    },
  ],
  [
    'redriveBetweenTheQueues',
    'maxReceiveCount default 1',
    (t) => {
      t.Parameters!.MaxReceiveCount!.Default = 1;
    },
  ],
  [
    'redriveBetweenTheQueues',
    'DLQ open to any queue',
    (t) => {
      p(t, 'DeadLetterQueue').RedriveAllowPolicy = { redrivePermission: 'allowAll' };
    },
  ],
  [
    'redriveBetweenTheQueues',
    'SSE off on the DLQ',
    (t) => {
      p(t, 'DeadLetterQueue').SqsManagedSseEnabled = false;
    },
  ],
  [
    'alarmOnDlqVisibleMessages',
    'alarm on NumberOfMessagesSent instead',
    (t) => {
      p(t, 'DlqMessagesVisibleAlarm').MetricName = 'NumberOfMessagesSent';
    },
  ],
  [
    'alarmOnDlqVisibleMessages',
    'alarm watches the main queue',
    (t) => {
      p(t, 'DlqMessagesVisibleAlarm').Dimensions = [
        { Name: 'QueueName', Value: getAtt('MessagesQueue', 'QueueName') },
      ];
    },
  ],
  [
    'alarmOnDlqVisibleMessages',
    'alarm notifies nobody',
    (t) => {
      delete p(t, 'DlqMessagesVisibleAlarm').AlarmActions;
    },
  ],
  [
    'functionsOwnRoleAndLogGroup',
    'consumer reuses the producer role',
    (t) => {
      p(t, 'ConsumerFunction').Role = getAtt('ProducerRole', 'Arn');
    },
  ],
  [
    'functionsOwnRoleAndLogGroup',
    'consumer logs to the producer group',
    (t) => {
      p(t, 'ConsumerFunction').LoggingConfig = { LogGroup: ref('ProducerLogGroup'), LogFormat: 'Text' };
    },
  ],
  [
    'functionsOwnRoleAndLogGroup',
    'log group without retention',
    (t) => {
      delete p(t, 'ProducerLogGroup').RetentionInDays;
    },
  ],
  [
    'functionsOwnRoleAndLogGroup',
    'logs allowed everywhere',
    (t) => {
      statements(t, 'ConsumerRole')[0]!.Resource = '*';
    },
  ],
  [
    'producerMaySendOnly',
    'producer may also receive',
    (t) => {
      statements(t, 'ProducerRole')[1]!.Action = ['sqs:SendMessage', 'sqs:ReceiveMessage'];
    },
  ],
  [
    'producerMaySendOnly',
    'producer may send anywhere',
    (t) => {
      statements(t, 'ProducerRole')[1]!.Resource = '*';
    },
  ],
  [
    'producerMaySendOnly',
    'producer may send to the DLQ',
    (t) => {
      statements(t, 'ProducerRole').push({
        Effect: 'Allow',
        Action: 'sqs:SendMessage',
        Resource: getAtt('DeadLetterQueue', 'Arn'),
      });
    },
  ],
  [
    'consumerPermissions',
    'consumer loses send on the DLQ',
    (t) => {
      statements(t, 'ConsumerRole').pop();
    },
  ],
  [
    'producerRoutes',
    'batch route dropped',
    (t) => {
      delete t.Resources.PostBatchRoute;
    },
  ],
  [
    'producerRoutes',
    'payload format 1.0',
    (t) => {
      p(t, 'ProducerIntegration').PayloadFormatVersion = '1.0';
    },
  ],
  [
    'outputsPresent',
    'ConsumerLogGroupName output dropped',
    (t) => {
      delete t.Outputs!.ConsumerLogGroupName;
    },
  ],
  [
    'functionEnvironment',
    'producer loses MAX_MESSAGE_BYTES',
    (t) => {
      delete (p(t, 'ProducerFunction').Environment as { Variables: Record<string, unknown> }).Variables
        .MAX_MESSAGE_BYTES;
    },
  ],
  [
    'functionEnvironment',
    'consumer on x86_64',
    (t) => {
      p(t, 'ConsumerFunction').Architectures = ['x86_64'];
    },
  ],
  [
    'functionEnvironment',
    'deprecated runtime',
    (t) => {
      p(t, 'ProducerFunction').Runtime = 'nodejs18.x';
    },
  ],
];

const holds = suite('template.yaml invariants');

for (const [name, check] of Object.entries(INVARIANTS)) {
  holds(`${name} holds`, () => {
    check(original);
  });
}

holds('every invariant has an edit that breaks it', () => {
  const broken = new Set(WRONG_EDITS.map(([name]) => name));
  assert.equal(
    Object.keys(INVARIANTS).filter((name) => !broken.has(name as Invariant)),
    [],
  );
});

holds.run();

const breaks = suite('template.yaml edited the wrong way');

for (const [name, edit, apply] of WRONG_EDITS) {
  breaks(`${edit} breaks ${name}`, () => {
    const template = copy();
    apply(template);
    // A rule's own Error, not a TypeError from a check that tripped over the edit.
    assert.throws(
      () => INVARIANTS[name](template),
      (error: unknown) => error instanceof Error && error.constructor === Error,
    );
  });
}

breaks('short-form tags parse to their long form', () => {
  const parsed = parseTemplate(
    'Resources:\n  A:\n    Type: X\n    Properties:\n      B: !GetAtt Q.Arn\n      C: !Sub [ "x${Y}", { Y: !Ref Z } ]\n      D: !If [C, !Ref E, !Ref "AWS::NoValue"]\n',
  );
  assert.equal(parsed.Resources.A!.Properties, {
    B: { 'Fn::GetAtt': ['Q', 'Arn'] },
    C: { 'Fn::Sub': ['x${Y}', { Y: { Ref: 'Z' } }] },
    D: { 'Fn::If': ['C', { Ref: 'E' }, { Ref: 'AWS::NoValue' }] },
  });
});

breaks.run();
