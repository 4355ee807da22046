import { LocalError } from '../errors.js';

/**
 * Why a GetMetricData-style query (a MetricStat, metric math, SEARCH) cannot be answered. The
 * message names the expression or id at fault; api/errors.ts's fromQuery is what the wire answers.
 */
export type QueryErrorCode =
  'InvalidExpression' | 'UnknownMetricId' | 'CircularReference' | 'UnsupportedStatistic';

export class QueryError extends LocalError<QueryErrorCode> {
  override readonly name = 'QueryError';
}

/**
 * Why a template's AWS::CloudWatch::Alarm cannot be evaluated locally: a property CloudFormation
 * would refuse (InvalidProperty), or one AWS evaluates and the local runtime does not
 * (anomaly detection). The message names the alarm and the property.
 */
export type AlarmConfigErrorCode = 'InvalidProperty' | 'NotEvaluatedLocally';

export class AlarmConfigError extends LocalError<AlarmConfigErrorCode> {
  override readonly name = 'AlarmConfigError';
}
