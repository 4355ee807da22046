import { alarmFromProperties, type AlarmDefinition } from '../metrics/index.js';
import type { ResourceModel } from '../template/index.js';

/**
 * The template's AWS::CloudWatch::Alarm resources, checked. Their names and ARNs are the local
 * identities the template loader gave them (Ref = the alarm name, GetAtt Arn).
 * Throws AlarmConfigError naming the alarm and the property when one cannot be evaluated.
 */
export function alarmsFromTemplate(resources: readonly ResourceModel[]): AlarmDefinition[] {
  return resources
    .filter((r) => r.type === 'AWS::CloudWatch::Alarm')
    .map((r) =>
      alarmFromProperties(
        { alarmName: r.ref, alarmArn: typeof r.attributes.Arn === 'string' ? r.attributes.Arn : r.ref },
        r.properties,
      ),
    );
}
