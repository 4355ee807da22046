import { ConsoleError } from './errors.js';
import type { MetricQuery, MetricStatQuery } from './types.js';

// A CloudWatch DashboardBody, read into the plain widgets the page draws. The metric rows keep
// CloudWatch's shorthand rules: "." repeats the previous row's value at that position, "..." the
// previous row's values up to where the row's own values resume.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html

export interface WidgetBase {
  index: number;
  /** CloudWatch's 24-column grid; absent x/y are placed by the page, left to right. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  title: string;
}

export interface MetricWidget extends WidgetBase {
  type: 'metric';
  view: 'timeSeries' | 'singleValue' | 'bar' | 'pie' | 'gauge';
  stacked: boolean;
  period: number;
  queries: MetricQuery[];
  /** Alarm ARNs drawn on the chart (`annotations.alarms`). */
  alarms: string[];
}

export interface AlarmWidget extends WidgetBase {
  type: 'alarm';
  alarms: string[];
}

export interface TextWidget extends WidgetBase {
  type: 'text';
  markdown: string;
}

export type Widget = MetricWidget | AlarmWidget | TextWidget;

/** A DashboardBody the console cannot draw, with where it is wrong. */
const invalid = (message: string) => new ConsoleError('DashboardBody', message);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readDashboard(body: string | object): Widget[] {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      throw invalid(`DashboardBody is not JSON: ${(error as Error).message}`);
    }
  }
  if (!isObject(parsed) || !Array.isArray(parsed.widgets)) {
    throw invalid('DashboardBody must be an object with a "widgets" array');
  }
  const widgets: Widget[] = [];
  parsed.widgets.forEach((raw: unknown, index) => {
    const widget = readWidget(raw, index);
    if (widget) widgets.push(widget);
  });
  return widgets;
}

function readWidget(raw: unknown, index: number): Widget | undefined {
  if (!isObject(raw)) throw invalid(`widgets[${index}] must be an object`);
  const props = isObject(raw.properties) ? raw.properties : {};
  const base: WidgetBase = {
    index,
    ...(typeof raw.x === 'number' ? { x: raw.x } : {}),
    ...(typeof raw.y === 'number' ? { y: raw.y } : {}),
    width: typeof raw.width === 'number' ? raw.width : 6,
    height: typeof raw.height === 'number' ? raw.height : 6,
    title: typeof props.title === 'string' ? props.title : '',
  };
  switch (raw.type) {
    case 'metric': {
      const period = typeof props.period === 'number' ? props.period : 300;
      const stat = typeof props.stat === 'string' ? props.stat : 'Average';
      const annotations = isObject(props.annotations) ? props.annotations : {};
      return {
        ...base,
        type: 'metric',
        view: (typeof props.view === 'string' ? props.view : 'timeSeries') as MetricWidget['view'],
        stacked: props.stacked === true,
        period,
        queries: expandMetrics(props.metrics, { stat, period }, index),
        alarms: strings(annotations.alarms),
      };
    }
    case 'alarm':
      return { ...base, type: 'alarm', alarms: strings(props.alarms) };
    case 'text':
      return { ...base, type: 'text', markdown: typeof props.markdown === 'string' ? props.markdown : '' };
    default:
      // log, explorer and custom widgets have no local counterpart; CloudWatch still shows them.
      return undefined;
  }
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s) => typeof s === 'string') : []);

/** The widget's metric rows as queries, with shorthand expanded and defaults applied. */
export function expandMetrics(
  rows: unknown,
  defaults: { stat: string; period: number },
  widget = 0,
): MetricQuery[] {
  if (rows === undefined) return [];
  if (!Array.isArray(rows)) throw invalid(`widgets[${widget}].properties.metrics must be an array`);
  const queries: MetricQuery[] = [];
  let previous: string[] = [];
  rows.forEach((row: unknown, i) => {
    const where = `widgets[${widget}].properties.metrics[${i}]`;
    if (!Array.isArray(row)) throw invalid(`${where} must be an array`);
    const last: unknown = row[row.length - 1];
    const options = isObject(last) ? last : {};
    const tokens = (isObject(last) ? row.slice(0, -1) : row) as unknown[];
    const period = typeof options.period === 'number' ? options.period : defaults.period;
    const label = typeof options.label === 'string' ? { label: options.label } : {};
    const id = typeof options.id === 'string' ? options.id : `m${i + 1}`;
    if (tokens.length === 0 && typeof options.expression === 'string') {
      queries.push({ id, expression: options.expression, period, ...label });
      return;
    }
    const values = expandRow(tokens, previous, where);
    previous = values;
    const [namespace, metricName, ...pairs] = values;
    if (namespace === undefined || metricName === undefined || pairs.length % 2 !== 0) {
      throw invalid(`${where} must be [namespace, metricName, (dimension, value)...]`);
    }
    const dimensions: Record<string, string> = {};
    for (let p = 0; p < pairs.length; p += 2) dimensions[pairs[p]!] = pairs[p + 1]!;
    const stat = typeof options.stat === 'string' ? options.stat : defaults.stat;
    queries.push({ id, namespace, metricName, dimensions, stat, period, ...label });
  });
  return labelled(queries);
}

function expandRow(tokens: unknown[], previous: string[], where: string): string[] {
  const out: string[] = [];
  const ellipsis = tokens.indexOf('...');
  const after = ellipsis >= 0 ? tokens.length - ellipsis - 1 : 0;
  tokens.forEach((token, position) => {
    if (typeof token !== 'string') throw invalid(`${where}[${position}] must be a string`);
    if (token === '...') {
      out.push(...previous.slice(out.length, previous.length - after));
    } else if (token === '.') {
      const value = previous[out.length];
      if (value === undefined) throw invalid(`${where}[${position}] "." has no value above it`);
      out.push(value);
    } else {
      out.push(token);
    }
  });
  return out;
}

/** A legend like CloudWatch's: the metric name, plus what tells equal names apart (dimension values, stat). */
function labelled(queries: MetricQuery[]): MetricQuery[] {
  const stats = queries.filter((q): q is MetricStatQuery => 'metricName' in q);
  return queries.map((q) => {
    if (q.label !== undefined || !('metricName' in q)) return q;
    const twins = stats.filter((o) => o.metricName === q.metricName);
    if (twins.length === 1) return { ...q, label: q.metricName };
    const parts = [q.metricName];
    for (const [name, value] of Object.entries(q.dimensions)) {
      if (twins.some((o) => o.dimensions[name] !== value)) parts.push(value);
    }
    if (twins.some((o) => o.stat !== q.stat)) parts.push(q.stat);
    return { ...q, label: parts.join(' ') };
  });
}
