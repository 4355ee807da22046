// The one builder of each local name that several parts must agree on: a queue's URL (the
// template's Ref, the SQS protocol's answers, the console's links) and the ARNs.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html

export function arn(
  service: string,
  region: string,
  accountId: string,
  resource: string,
  partition = 'aws',
): string {
  return `arn:${partition}:${service}:${region}:${accountId}:${resource}`;
}

/** `http://127.0.0.1:9324/000000000000/orders`: the endpoint, the account, the queue name. */
export function queueUrl(endpoint: string, accountId: string, name: string): string {
  return `${endpoint}/${accountId}/${name}`;
}

/** The queue name of a queue URL (its last path segment). */
export function queueNameOf(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}

export function queueArn(region: string, accountId: string, name: string, partition = 'aws'): string {
  return arn('sqs', region, accountId, name, partition);
}

/** The log group Lambda gives a function that names none (`LoggingConfig.LogGroup`). */
export function lambdaLogGroup(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

export function functionArn(region: string, accountId: string, name: string, partition = 'aws'): string {
  return arn('lambda', region, accountId, `function:${name}`, partition);
}

export function logGroupArn(region: string, accountId: string, group: string): string {
  return arn('logs', region, accountId, `log-group:${group}`);
}
