// A template change under watch mode: the template is read and resolved again with the same
// ports, and what it runs is restarted on the same stores, so queues, messages, logs and metrics
// stay. Nothing is lost on the way: the old pollers finish their batches before the new ones
// start, the gateways switch to the new functions in one step, and the old functions finish the
// invocations they hold. A template that cannot be played leaves everything as it was.
import { performance } from 'node:perf_hooks';
import { launchMappingThread } from '../event-source/index.js';
import type { ResourceModel, TemplateModel } from '../template/index.js';
import { alarmsFromTemplate } from './alarms.js';
import { plan, type Plan } from './plan.js';
import { StackParts } from './stack-parts.js';
import { resolveStack } from './stack.js';
import type { Parts } from './stop.js';
import { templateLogGroups } from './stores.js';

export interface Replanned {
  /** Milliseconds from reading the template to the new stack serving. */
  ms: number;
  /** Logical ids of the resources added, removed, and changed (type or properties). */
  added: string[];
  removed: string[];
  changed: string[];
}

export async function replan(planned: Plan, parts: Parts): Promise<Replanned> {
  const started = performance.now();
  const old = parts.current!;
  const { shared } = old;
  // Everything that can refuse the template runs before anything stops.
  const stack = resolveStack(await plan(planned.settings), parts.ports);
  const alarms = alarmsFromTemplate(stack.model.resources);
  templateLogGroups(stack.model, shared.stores.logs);
  shared.stores.metrics.alarms.replace(alarms);
  await old.stopPollers();
  const next = new StackParts(stack, shared, launchMappingThread(), old.status.counts());
  try {
    await next.start();
  } catch (error) {
    // The new stack failed to start (a queue SQS refused...): the old one runs again.
    await next.stop();
    const back = new StackParts(old.stack, shared, launchMappingThread(), old.status.counts());
    await back.start();
    parts.current = back;
    await old.stop();
    throw error;
  }
  parts.current = next;
  await old.stop();
  return { ms: performance.now() - started, ...diff(old.stack.model, stack.model) };
}

function diff(before: TemplateModel, after: TemplateModel): Omit<Replanned, 'ms'> {
  const byId = (model: TemplateModel) => new Map(model.resources.map((r) => [r.logicalId, r]));
  const was = byId(before);
  const now = byId(after);
  const same = (a: ResourceModel, b: ResourceModel) =>
    a.type === b.type && JSON.stringify(a.properties) === JSON.stringify(b.properties);
  return {
    added: [...now.keys()].filter((id) => !was.has(id)),
    removed: [...was.keys()].filter((id) => !now.has(id)),
    changed: [...now.values()]
      .filter((r) => was.has(r.logicalId) && !same(was.get(r.logicalId)!, r))
      .map((r) => r.logicalId),
  };
}
