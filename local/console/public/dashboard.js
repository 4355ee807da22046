/* global window, uPlot, ResizeObserver */
import { api } from './api.js';
import { h, status, time } from './dom.js';
import { markdown } from './markdown.js';

// The template's DashboardBody on CloudWatch's 24-column grid: metric widgets as uPlot charts (or
// single values), alarm widgets as state lists, text widgets as markdown. Refreshed every 10 s.

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];
const REFRESH_MS = 10_000;
let minutes = 15;

const alarmName = (arnOrName) => arnOrName.slice(arnOrName.lastIndexOf(':') + 1);
const badge = (a) => h('span', { class: `alarm ${a.state}`, title: a.reason }, a.name, ' ', a.state);
const fmt = (v) =>
  v === null || v === undefined ? '–' : Math.abs(v) >= 100 ? Math.round(v).toLocaleString() : +v.toFixed(2);

export async function show(root) {
  const { name, widgets } = await api('/api/dashboard');
  // The view: the alarm strip and each widget's cell (its element, body and chart).
  const view = { alarmStrip: h('div', { class: 'alarms', 'data-testid': 'alarm-strip' }), cells: [] };
  const range = h(
    'select',
    { 'aria-label': 'time range', onchange: (e) => ((minutes = Number(e.target.value)), refresh(view)) },
    [15, 60, 180, 720].map((m) =>
      h('option', { value: m, selected: m === minutes }, m < 60 ? `${m} min` : `${m / 60} h`),
    ),
  );
  const grid = h('div', { class: 'grid' });
  root.append(h('div', { class: 'toolbar' }, h('h2', {}, name), range), view.alarmStrip, grid);
  view.cells = widgets.map((w) => cellOf(w, grid));
  const resize = new ResizeObserver(() => {
    for (const c of view.cells) if (c.chart) fit(c);
  });
  view.cells.forEach((c) => resize.observe(c.body));
  await refresh(view);
  const timer = window.setInterval(() => refresh(view), REFRESH_MS);
  return () => {
    window.clearInterval(timer);
    resize.disconnect();
    for (const c of view.cells) c.chart?.destroy();
  };
}

/** A widget's section, placed where CloudWatch's grid puts it (x and y are 0-based there, 1-based in CSS). */
function cellOf(w, grid) {
  const body = h('div', { class: 'body' });
  const el = h(
    'section',
    { class: `widget kind-${w.type}`, 'data-type': w.type, 'data-widget': w.index },
    w.title ? h('h3', {}, w.title) : '',
    body,
  );
  el.style.gridColumn = `${w.x === undefined ? 'auto' : w.x + 1} / span ${Math.min(24, w.width)}`;
  el.style.gridRow = `${w.y === undefined ? 'auto' : w.y + 1} / span ${w.height}`;
  el.style.setProperty('--rows', String(w.height));
  if (w.type === 'text') body.innerHTML = markdown(w.markdown);
  grid.append(el);
  return { w, el, body, chart: undefined, labels: '' };
}

async function refresh(view) {
  try {
    const { alarms } = await api('/api/alarms');
    view.alarmStrip.replaceChildren(...alarms.map(badge));
    await Promise.all(view.cells.map((cell) => draw(cell, alarms)));
    status(`updated ${time(Date.now())}`);
  } catch (error) {
    status(error.message, true);
  }
}

async function draw(cell, alarms) {
  if (cell.w.type === 'alarm') drawAlarms(cell, alarms);
  else if (cell.w.type === 'metric') await drawMetrics(cell);
}

function drawAlarms(cell, alarms) {
  const { w } = cell;
  const mine = w.alarms.map((arn) => alarms.find((a) => a.arn === arn || a.name === alarmName(arn)));
  cell.body.replaceChildren(
    ...mine.map((a, i) => (a ? badge(a) : h('span', { class: 'alarm' }, alarmName(w.alarms[i]), ' unknown'))),
  );
  cell.el.dataset.points = String(mine.filter(Boolean).length);
}

async function drawMetrics(cell) {
  const { w } = cell;
  const { series } = await api(`/api/widget?index=${w.index}&minutes=${minutes}`);
  cell.el.dataset.points = String(series.reduce((n, s) => n + s.values.length, 0));
  if (w.view === 'singleValue') {
    cell.body.replaceChildren(
      ...series.map((s) =>
        h('div', { class: 'single' }, h('b', {}, fmt(s.values.at(-1))), h('small', {}, s.label)),
      ),
    );
    return;
  }
  const data = align(series);
  const labels = series.map((s) => s.label).join('\n');
  if (cell.chart && cell.labels === labels) {
    cell.chart.setData(data);
    return;
  }
  cell.chart?.destroy();
  cell.labels = labels;
  cell.chart = new uPlot(chartOptions(cell.body, series, w), data, cell.body);
  fit(cell);
}

// The legend sits under the plot, in at most 40% of the widget (it scrolls beyond); the plot gets
// what is left.
function fit(cell) {
  window.requestAnimationFrame(() => {
    const legend = cell.body.querySelector('.u-legend');
    if (legend) legend.style.maxHeight = `${Math.floor(cell.body.clientHeight * 0.4)}px`;
    const width = Math.max(200, cell.body.clientWidth);
    const height = Math.max(60, cell.body.clientHeight - (legend?.offsetHeight ?? 0) - 4);
    if (cell.chart && (cell.chart.width !== width || cell.chart.height !== height))
      cell.chart.setSize({ width, height });
  });
}

/** uPlot wants one x array and y arrays aligned to it (null where a series has no point). */
function align(series) {
  const xs = [...new Set(series.flatMap((s) => s.timestamps))].sort((a, b) => a - b);
  const at = new Map(xs.map((x, i) => [x, i]));
  const ys = series.map((s) => {
    const y = new Array(xs.length).fill(null);
    s.timestamps.forEach((t, i) => (y[at.get(t)] = s.values[i]));
    return y;
  });
  return [xs.map((x) => x / 1000), ...ys];
}

function chartOptions(body, series, w) {
  return {
    width: Math.max(200, body.clientWidth),
    height: Math.max(60, body.clientHeight - 40),
    cursor: { drag: { x: false, y: false } },
    // The whole chosen range, as CloudWatch draws it, not just the span that has data.
    scales: { x: { time: true, range: () => [Date.now() / 1000 - minutes * 60, Date.now() / 1000] } },
    axes: [{ stroke: '#555' }, { stroke: '#555', size: 48 }],
    legend: { live: false },
    series: [
      {},
      ...series.map((s, i) => ({
        label: s.label,
        stroke: COLORS[i % COLORS.length],
        width: 1.5,
        spanGaps: true,
        fill: w.stacked ? `${COLORS[i % COLORS.length]}33` : undefined,
        points: { size: 4 },
      })),
    ],
  };
}
