/* global document */
// What every view builds its part of the page with.

/** Builds an element: h('div', { class: 'x', onclick }, child, 'text', ...). */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (value !== undefined && value !== false)
      el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== undefined && child !== null) el.append(child);
  return el;
}

export const time = (ms) => new Date(ms).toLocaleTimeString();

/** The header's status line: what the page last did, or why it failed. */
export function status(text, isError) {
  const el = document.getElementById('status');
  el.textContent = text;
  el.className = isError ? 'error' : '';
}
