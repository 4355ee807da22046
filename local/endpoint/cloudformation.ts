import { randomUUID } from 'node:crypto';
import type { HttpHandler, HttpResponse } from '../http/types.js';

// Just enough of CloudFormation for the scripts: DescribeStacks (query protocol) with the local
// stack's outputs and parameters, so that `aws cloudformation describe-stacks --query
// "Stacks[0].Outputs..."` finds the API URL and log group names locally as on AWS, and
// scripts/send.sh reads the batching window from the parameters (there is no Lambda API here).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStacks.html

export interface LocalStack {
  stackName: string;
  /** The stack's ARN, as the template's AWS::StackId gives it. */
  stackId: string;
  outputs: Record<string, string>;
  /** The parameters' values after defaults, the parameter file and overrides (lists joined by commas). */
  parameters: Record<string, string>;
  /** Epoch milliseconds. */
  creationTime: number;
}

const NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

/** `stacks` is read on every request, so outputs may change while the runtime runs. */
export function createStacksHandler(stacks: () => LocalStack[]): HttpHandler {
  return (req) => {
    const q = req.url.indexOf('?');
    const form = new URLSearchParams(`${q === -1 ? '' : req.url.slice(q + 1)}&${req.body.toString('utf8')}`);
    const action = form.get('Action') ?? '';
    if (action !== 'DescribeStacks') {
      return Promise.resolve(
        error(
          'InvalidAction',
          `Ferry's local endpoint answers only DescribeStacks for CloudFormation, not ${action || 'a request without an Action'}.`,
        ),
      );
    }
    const name = form.get('StackName');
    const all = stacks();
    const chosen = name === null ? all : all.filter((s) => s.stackName === name || s.stackId === name);
    if (name !== null && chosen.length === 0) {
      return Promise.resolve(error('ValidationError', `Stack with id ${name} does not exist`));
    }
    const members = chosen.map(member).join('');
    return Promise.resolve(
      xml(
        200,
        `<DescribeStacksResponse xmlns="${NS}"><DescribeStacksResult><Stacks>${members}</Stacks></DescribeStacksResult>` +
          `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></DescribeStacksResponse>`,
      ),
    );
  };
}

function member(s: LocalStack): string {
  const outputs = Object.entries(s.outputs)
    .map(([k, v]) => `<member><OutputKey>${esc(k)}</OutputKey><OutputValue>${esc(v)}</OutputValue></member>`)
    .join('');
  const parameters = Object.entries(s.parameters)
    .map(
      ([k, v]) =>
        `<member><ParameterKey>${esc(k)}</ParameterKey><ParameterValue>${esc(v)}</ParameterValue></member>`,
    )
    .join('');
  return (
    `<member><StackId>${esc(s.stackId)}</StackId><StackName>${esc(s.stackName)}</StackName>` +
    `<Parameters>${parameters}</Parameters>` +
    `<CreationTime>${new Date(s.creationTime).toISOString()}</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus>` +
    `<Outputs>${outputs}</Outputs></member>`
  );
}

function error(code: string, message: string): HttpResponse {
  return xml(
    400,
    `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${esc(message)}</Message></Error>` +
      `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}

function xml(status: number, body: string): HttpResponse {
  return { status, headers: { 'content-type': 'text/xml' }, body };
}

function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
