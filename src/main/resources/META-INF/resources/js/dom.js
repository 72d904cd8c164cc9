// Small DOM helpers: every element is built with createElement and text nodes, never from HTML strings, so
// nothing a user typed can become markup, and the strict Content-Security-Policy needs no exception.

const SVG_NS = 'http://www.w3.org/2000/svg';

function apply(el, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'text') el.textContent = value;
    else el.setAttribute(name === 'className' ? 'class' : name, value === true ? '' : String(value));
  }
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  apply(el, attrs);
  return append(el, children);
}

export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, attrs);
  return append(el, children);
}

let fieldCount = 0;

/** A labelled form field: the label is visible and tied to the control. */
export function field(label, control, hint) {
  const id = control.id || `f${++fieldCount}`;
  control.id = id;
  const hintEl = hint ? h('p', { class: 'hint', id: id + '-hint' }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: id }, label), hintEl, control);
}

export function input(attrs) {
  return h('input', attrs);
}

export function select(attrs, options, selected) {
  return h('select', attrs, options.map(([value, text]) => h('option', { value, selected: value === selected }, text)));
}

/** Shows an error (role=alert, read out at once) or clears it. */
export function showError(container, error) {
  container.replaceChildren();
  if (!error) return;
  const problem = error.problem;
  container.append(h('div', { class: 'error', role: 'alert' },
    h('p', null, error.message || String(error)),
    problem && problem.errors ? h('ul', null, problem.errors.map((e) => h('li', null, `${e.pointer || e.parameter}: ${e.detail}`))) : null));
}

/** Says something to screen-reader users without moving focus. */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (region) { region.textContent = ''; setTimeout(() => { region.textContent = text; }, 50); }
}

/** Replaces the main content with a page and moves focus to its heading. */
export function render(main, title, ...content) {
  const heading = h('h1', { tabindex: '-1' }, title);
  main.replaceChildren(heading, ...content.flat());
  document.title = `${title} · Infusion outcomes`;
  heading.focus();
  return heading;
}

export function formatDateTime(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDate(iso) {
  if (!iso) return '—';
  const date = iso.length === 10 ? new Date(iso + 'T12:00:00') : new Date(iso);
  return date.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

export function number(value, suffix = '') {
  return value === null || value === undefined ? '—' : `${value}${suffix}`;
}

/** Saves a Blob under its file name (from Content-Disposition when the service names it). */
export function saveBlob(blob, fallbackName, disposition) {
  const match = disposition && /filename="([^"]+)"/.exec(disposition);
  const link = h('a', { href: URL.createObjectURL(blob), download: match ? match[1] : fallbackName, class: 'hidden' });
  document.body.append(link);
  link.click();
  setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
}

export const DOMAINS = [
  { key: 'pain', name: 'Pain', question: 'Your average pain over the last 24 hours', low: 'No pain', high: 'Worst pain imaginable', lowerIsBetter: true },
  { key: 'sleep', name: 'Sleep', question: "The quality of last night's sleep", low: 'Worst possible sleep', high: 'Best possible sleep' },
  { key: 'mobility', name: 'Mobility', question: 'How well you could move and do daily activities today', low: 'Unable', high: 'No limitation' },
  { key: 'mood', name: 'Mood', question: 'Your overall mood today', low: 'Worst possible mood', high: 'Best possible mood' },
];

export const CATEGORY_WORDS = {
  SUBSTANTIAL: 'much better', MODERATE: 'clearly better', MINIMAL: 'a little better', NO_CHANGE: 'about the same',
  WORSENED: 'worse', INSUFFICIENT_DATA: 'not enough reports yet', RESPONSE: 'much better', REMISSION: 'much better, in the normal range',
  IMPROVED: 'better',
};
