import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { formatStatus, readStatus, type StatusTarget } from './status-report.js';

const USAGE = `Usage: scripts/status [options]

Prints the pipeline's health over the last N minutes from CloudWatch: messages accepted,
rejected, processed and failed, queue depth, in flight, DLQ depth, age of the oldest message,
and every alarm's state. With AWS_ENDPOINT_URL set it asks the local runtime, which answers the
same CloudWatch calls. Exits 1 on an error, 3 with --fail-on-alarm when an alarm is in ALARM.

Options (each also read from the environment variable named after it):
  --minutes N            MINUTES            window length (default: 15)
  --end TIME             END_TIME           end of the window, ISO 8601 (default: now)
  --stack-name NAME      STACK_NAME         stack (default: ferry-dev; ferry with AWS_ENDPOINT_URL,
                                            the local runtime's stack)
  --queue-name NAME      QUEUE_NAME         queue (default: the stack's QueueUrl output; locally
                                            <stack>-messages, as the template names it)
  --dlq-name NAME        DLQ_NAME           dead-letter queue (default: the DlqUrl output; locally
                                            <stack>-messages-dlq)
  --namespace NS         METRICS_NAMESPACE  namespace of the services' metrics (default: Ferry)
  --producer-service S   PRODUCER_SERVICE   Service dimension of the producer (default: ferry-producer)
  --consumer-service S   CONSUMER_SERVICE   Service dimension of the consumer (default: ferry-consumer)
  --alarm-prefix P       ALARM_PREFIX       alarms whose names start with P (default: <stack>-)
  --region REGION        AWS_REGION         (default: AWS_DEFAULT_REGION, else us-east-1)
  --fail-on-alarm                           exit 3 when any alarm is in ALARM
  -h, --help                                show this help

Stack outputs are read with the AWS CLI (AWS_CLI, default aws): aws cloudformation describe-stacks.`;

const OPTIONS = {
  minutes: { type: 'string' },
  end: { type: 'string' },
  'stack-name': { type: 'string' },
  'queue-name': { type: 'string' },
  'dlq-name': { type: 'string' },
  namespace: { type: 'string' },
  'producer-service': { type: 'string' },
  'consumer-service': { type: 'string' },
  'alarm-prefix': { type: 'string' },
  region: { type: 'string' },
  'fail-on-alarm': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

class UsageError extends Error {
  override readonly name = 'UsageError';
}

const env = (name: string): string | undefined => {
  const v = process.env[name];
  return v === undefined || v === '' ? undefined : v;
};

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help === true) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const minutesText = values.minutes ?? env('MINUTES') ?? '15';
  const minutes = Number(minutesText);
  if (!/^\d+$/.test(minutesText) || minutes < 1 || minutes > 1440) {
    throw new UsageError(`--minutes must be a whole number from 1 to 1440, got '${minutesText}'`);
  }
  const endText = values.end ?? env('END_TIME');
  const end = endText === undefined ? new Date() : new Date(endText);
  if (Number.isNaN(end.getTime())) throw new UsageError(`--end must be an ISO 8601 time, got '${endText}'`);
  const region = values.region ?? env('AWS_REGION') ?? env('AWS_DEFAULT_REGION') ?? 'us-east-1';
  const local = env('AWS_ENDPOINT_URL') !== undefined;
  const stackName = values['stack-name'] ?? env('STACK_NAME') ?? (local ? 'ferry' : 'ferry-dev');
  let queueName = values['queue-name'] ?? env('QUEUE_NAME');
  let dlqName = values['dlq-name'] ?? env('DLQ_NAME');
  if (queueName === undefined || dlqName === undefined) {
    if (local) {
      // At a local endpoint the queues are named as the template names them, without reading the
      // stack (moto reports no outputs for a stack deployed through a change set). A wrong stack
      // name then shows as no data.
      queueName ??= `${stackName}-messages`;
      dlqName ??= `${stackName}-messages-dlq`;
    } else {
      const outputs = await stackOutputs(stackName, region);
      queueName ??= nameFromUrl(outputs.QueueUrl, 'QueueUrl', stackName);
      dlqName ??= nameFromUrl(outputs.DlqUrl, 'DlqUrl', stackName);
    }
  }
  const target: StatusTarget = {
    stackName,
    queueName,
    dlqName,
    namespace: values.namespace ?? env('METRICS_NAMESPACE') ?? 'Ferry',
    producerService: values['producer-service'] ?? env('PRODUCER_SERVICE') ?? 'ferry-producer',
    consumerService: values['consumer-service'] ?? env('CONSUMER_SERVICE') ?? 'ferry-consumer',
    alarmPrefix: values['alarm-prefix'] ?? process.env.ALARM_PREFIX ?? `${stackName}-`,
  };
  // The SDK reads AWS_ENDPOINT_URL (and AWS_ENDPOINT_URL_CLOUDWATCH) itself.
  const cw = new CloudWatchClient({ region, maxAttempts: 2 });
  try {
    const report = await readStatus(cw, target, end, minutes);
    process.stdout.write(formatStatus(target, report));
    return values['fail-on-alarm'] === true && report.alarms.some((a) => a.state === 'ALARM') ? 3 : 0;
  } finally {
    cw.destroy();
  }
}

async function stackOutputs(stackName: string, region: string): Promise<Record<string, string>> {
  const cli = env('AWS_CLI') ?? 'aws';
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)(cli, [
      '--region',
      region,
      'cloudformation',
      'describe-stacks',
      '--stack-name',
      stackName,
      '--query',
      'Stacks[0].Outputs',
      '--output',
      'json',
    ]));
  } catch (e) {
    const detail = ((e as { stderr?: string }).stderr ?? (e as Error).message).trim();
    throw new Error(
      `cannot read the outputs of stack ${stackName} with ${cli}: ${detail}; pass --queue-name and --dlq-name`,
    );
  }
  const list = (JSON.parse(stdout || 'null') ?? []) as { OutputKey: string; OutputValue: string }[];
  return Object.fromEntries(list.map((o) => [o.OutputKey, o.OutputValue]));
}

function nameFromUrl(url: string | undefined, output: string, stackName: string): string {
  const name = url?.split('/').pop();
  if (name === undefined || name === '')
    throw new Error(`stack ${stackName} has no ${output} output; pass it by flag`);
  return name;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    const err = e as Error & { $metadata?: unknown };
    process.stderr.write(
      `status: error: ${err.name === 'UsageError' || err.name === 'Error' ? '' : `${err.name}: `}${err.message}\n`,
    );
    if (err.name === 'UsageError') process.stderr.write('Run scripts/status --help for the options.\n');
    process.exitCode = err.name === 'UsageError' ? 2 : 1;
  },
);
