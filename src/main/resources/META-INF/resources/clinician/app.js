import { Api, ApiError, localIsoNow } from '/js/api.js';
import {
  h, field, input, select, showError, announce, render, formatDateTime, formatDate, number, saveBlob,
  DOMAINS, CATEGORY_WORDS,
} from '/js/dom.js';
import { trendChart } from '/js/chart.js';

// sessionStorage: a reload keeps the clinician signed in, but closing the tab or the browser forgets the tokens,
// which is what a shared clinic workstation needs. Tokens never reach a cookie, so the API needs no CSRF defence.
const api = new Api(sessionStorage, () => { location.hash = '#/sign-in'; route(); });
const main = document.getElementById('main');
const nav = document.getElementById('nav');
const urgent = document.getElementById('urgent');

const RULE_NAMES = {
  SELF_HARM_RISK: 'Self-harm risk', DEPRESSION_SEVERE: 'Severe depression', SEVERE_SIDE_EFFECT: 'Severe side effect',
  BLOOD_PRESSURE: 'High blood pressure', WORSENING: 'Worsening', MISSED_CHECK_INS: 'Missed check-ins',
};
const SIDE_EFFECTS = ['DISSOCIATION', 'NAUSEA', 'VOMITING', 'DIZZINESS', 'HEADACHE', 'HALLUCINATIONS', 'SEDATION',
  'ANXIETY', 'ELEVATED_BLOOD_PRESSURE', 'TACHYCARDIA', 'OTHER'];
const CONDITIONS = ['FIBROMYALGIA', 'NEUROPATHY', 'CRPS', 'MIGRAINE', 'OTHER'];
const words = (constant) => constant.charAt(0) + constant.slice(1).toLowerCase().replace(/_/g, ' ');

let patientNames = new Map();

async function names() {
  if (!patientNames.size) {
    patientNames = new Map((await api.all('/api/v1/patients')).map((p) => [p.id, p.displayName]));
  }
  return patientNames;
}

/** Open and acknowledged alerts (not resolved), most severe first, then oldest: the API's order. */
async function unresolvedAlerts() {
  return api.all('/api/v1/alerts?status=OPEN&status=ACKNOWLEDGED');
}

/** The self-harm banner sits above every page while such an alert is open: it cannot be scrolled past. */
async function refreshUrgentBanner() {
  try {
    const selfHarm = await api.all('/api/v1/alerts?status=OPEN&rule=SELF_HARM_RISK');
    urgent.replaceChildren();
    if (selfHarm.length) {
      const who = await names();
      urgent.append(h('div', { class: 'banner-urgent', role: 'alert' },
        `Self-harm risk: ${selfHarm.length} open alert${selfHarm.length > 1 ? 's' : ''} (`,
        selfHarm.map((a) => who.get(a.patientId) || 'a patient').join(', '), '). ',
        h('a', { href: '#/alerts' }, 'Open the alerts inbox')));
    }
  } catch { /* the page itself shows errors */ }
}

function signInPage() {
  nav.classList.add('hidden');
  urgent.replaceChildren();
  const errors = h('div');
  const username = input({ name: 'username', autocomplete: 'username', required: true });
  const password = input({ name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'landing' }, errors, field('Username', username), field('Password', password),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Sign in')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.signIn(username.value.trim(), password.value);
      if (api.role() !== 'CLINICIAN') {
        await api.signOut();
        throw new Error('This app is for clinicians. Patients use the patient app.');
      }
      if (!location.hash || location.hash === '#/sign-in') location.hash = '#/panel'; else route();
    } catch (error) {
      showError(errors, error.status === 401 ? new Error('The username or password is not right.') : error);
    }
  });
  render(main, 'Sign in', h('p', null, 'Sign in with your clinic account.'), form,
    h('p', null, 'Patients: use the ', h('a', { href: '/patient/' }, 'patient app'), '.'));
}

// ---------------------------------------------------------------- panel
const PANEL_COLUMNS = [
  { key: 'displayName', label: 'Patient', compare: (a, b) => a.displayName.localeCompare(b.displayName) },
  { key: 'openAlerts', label: 'Open alerts', num: true },
  { key: 'category', label: 'Category' },
  { key: 'baseline', label: 'Baseline', num: true },
  { key: 'current', label: 'Current', num: true },
  { key: 'improvementPercent', label: 'Improvement %', num: true },
  { key: 'lastCheckInAt', label: 'Last check-in' },
  { key: 'adherence', label: 'Adherence (30 days)', num: true },
  { key: 'completedSessions', label: 'Infusions', num: true },
  { key: 'lastDurabilityDays', label: 'Last relief (days)', num: true },
];
const panelState = { domain: 'pain', sort: 'openAlerts', descending: true };

function compareRows(column, descending) {
  const base = column.compare || ((a, b) => {
    const x = a[column.key];
    const y = b[column.key];
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
    if (y === null || y === undefined) return -1;
    return typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
  });
  return (a, b) => {
    const missing = (r) => r[column.key] === null || r[column.key] === undefined;
    if (missing(a) !== missing(b)) return missing(a) ? 1 : -1; // blanks last in either direction
    return (descending ? -base(a, b) : base(a, b)) || (a.improvementPercent ?? 1e9) - (b.improvementPercent ?? 1e9);
  };
}

async function panelPage() {
  const errors = h('div');
  const domainPicker = select({ id: 'domain' }, DOMAINS.map((d) => [d.key, d.name]), panelState.domain);
  const tableHolder = h('div', null, h('p', null, 'Loading the panel…'));
  const download = h('button', { type: 'button', class: 'secondary' }, 'Download the panel (CSV)');
  render(main, 'Panel', errors,
    h('div', { class: 'grid-fields' }, field('Domain', domainPicker)),
    h('div', { class: 'actions' }, download), tableHolder);
  domainPicker.addEventListener('change', () => { panelState.domain = domainPicker.value; panelPage(); });
  download.addEventListener('click', async () => {
    try {
      const { blob, disposition } = await api.file(`/api/v1/reports/panel?domain=${panelState.domain}`, 'text/csv');
      saveBlob(blob, `panel-${panelState.domain}.csv`, disposition);
    } catch (error) { showError(errors, error); }
  });
  let rows;
  try {
    rows = await api.all(`/api/v1/reports/panel?domain=${panelState.domain}`);
  } catch (error) { showError(errors, error); tableHolder.replaceChildren(); return; }
  const table = () => {
    const column = PANEL_COLUMNS.find((c) => c.key === panelState.sort);
    const sorted = [...rows].sort(compareRows(column, panelState.descending));
    const head = PANEL_COLUMNS.map((c) => {
      const active = c.key === panelState.sort;
      const button = h('button', { type: 'button', class: 'sort' }, c.label, active ? (panelState.descending ? ' ▼' : ' ▲') : '');
      button.addEventListener('click', () => {
        panelState.descending = active ? !panelState.descending : c.key === 'openAlerts';
        panelState.sort = c.key;
        tableHolder.replaceChildren(table());
        tableHolder.querySelector(`th[data-key="${c.key}"] button`).focus();
      });
      return h('th', { scope: 'col', class: c.num ? 'num' : null, 'data-key': c.key,
        'aria-sort': active ? (panelState.descending ? 'descending' : 'ascending') : 'none' }, button);
    });
    const body = sorted.map((r) => h('tr', null,
      h('th', { scope: 'row' }, h('a', { href: `#/patient/${r.patientId}` }, r.displayName)),
      h('td', { class: 'num' }, r.openAlerts ? h('strong', null, String(r.openAlerts)) : '0'),
      h('td', { class: `cat-${r.category}` }, words(r.category)),
      h('td', { class: 'num' }, number(r.baseline)),
      h('td', { class: 'num' }, number(r.current)),
      h('td', { class: 'num' }, number(r.improvementPercent)),
      h('td', null, formatDateTime(r.lastCheckInAt)),
      h('td', { class: 'num', 'data-adherence': r.patientId }, r.adherence === undefined ? '…' : number(r.adherence, ' %')),
      h('td', { class: 'num' }, String(r.completedSessions)),
      h('td', { class: 'num' }, number(r.lastDurabilityDays))));
    return h('div', { class: 'table-wrap' }, h('table', null,
      h('caption', { class: 'visually-hidden' }, `Caseload, ${panelState.domain} figures`),
      h('thead', null, h('tr', null, head)), h('tbody', null, body)));
  };
  tableHolder.replaceChildren(rows.length ? table() : h('p', null, 'No patients on your care team yet.'));
  // Adherence is the trend's: one request per patient, four at a time, filled in as they come.
  const from = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const queue = [...rows];
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      try {
        const trend = await api.get(`/api/v1/patients/${row.patientId}/trends/${panelState.domain}?from=${encodeURIComponent(from)}`);
        row.adherence = trend.adherence.rate === null ? null : Math.round(trend.adherence.rate * 100);
      } catch { row.adherence = null; }
      const cell = tableHolder.querySelector(`td[data-adherence="${row.patientId}"]`);
      if (cell) cell.textContent = number(row.adherence, ' %');
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

// ---------------------------------------------------------------- alerts
async function alertsPage() {
  const errors = h('div');
  const list = h('div', null, h('p', null, 'Loading alerts…'));
  render(main, 'Alerts', errors, list);
  let alerts;
  let who;
  try {
    [alerts, who] = await Promise.all([unresolvedAlerts(), names()]);
  } catch (error) { showError(errors, error); return; }
  if (!alerts.length) { list.replaceChildren(h('p', null, 'No open alerts.')); return; }
  list.replaceChildren(...alerts.map((alert) => alertCard(alert, who.get(alert.patientId) || 'Patient')));
  refreshUrgentBanner();
}

function alertCard(alert, patientName) {
  const rule = RULE_NAMES[alert.rule] || alert.rule;
  const errors = h('div');
  const note = h('textarea', { name: 'note', maxlength: 2000, required: true });
  const acknowledge = h('button', { type: 'button', 'aria-label': `Acknowledge ${rule} for ${patientName}` }, 'Acknowledge');
  const resolve = h('button', { type: 'submit', class: 'secondary', 'aria-label': `Resolve ${rule} for ${patientName}` }, 'Resolve');
  const resolveForm = h('form', null, field(`Resolution note (${rule}, ${patientName})`, note), resolve);
  acknowledge.addEventListener('click', async () => {
    try {
      await api.call('POST', `/api/v1/alerts/${alert.id}/acknowledge`);
      announce(`${rule} for ${patientName} acknowledged`);
      alertsPage();
    } catch (error) { showError(errors, error); }
  });
  resolveForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.call('POST', `/api/v1/alerts/${alert.id}/resolve`, { note: note.value.trim() });
      announce(`${rule} for ${patientName} resolved`);
      alertsPage();
    } catch (error) { showError(errors, error); }
  });
  return h('article', { class: `alert-card ${alert.severity}`, 'aria-label': `${alert.severity} alert: ${rule}, ${patientName}` },
    h('h3', null, h('span', { class: `badge ${alert.severity}` }, alert.severity), ' ', rule, ' · ',
      h('a', { href: `#/patient/${alert.patientId}` }, patientName)),
    h('p', null, alert.detail),
    h('p', { class: 'muted' }, `Raised ${formatDateTime(alert.raisedAt)}`,
      alert.triggerCount > 1 ? ` · triggered ${alert.triggerCount} times` : '',
      ` · ${alert.status === 'ACKNOWLEDGED' ? 'Acknowledged ' + formatDateTime(alert.acknowledgedAt) : 'Open'}`),
    errors,
    h('div', { class: 'actions' }, alert.status === 'OPEN' ? acknowledge : null),
    resolveForm);
}

// ---------------------------------------------------------------- patient
async function patientPage(patientId) {
  const errors = h('div');
  render(main, 'Patient', errors, h('p', null, 'Loading…'));
  let patient;
  let overview;
  let sessions;
  let alerts;
  try {
    [patient, overview, sessions, alerts] = await Promise.all([
      api.get(`/api/v1/patients/${patientId}`),
      api.get(`/api/v1/patients/${patientId}/trends?includeSeries=true`),
      api.all(`/api/v1/patients/${patientId}/sessions`),
      // the whole history in one list, the unresolved first
      api.all(`/api/v1/patients/${patientId}/alerts?status=OPEN&status=ACKNOWLEDGED&status=RESOLVED`),
    ]);
  } catch (error) { showError(errors, error); return; }
  const instruments = h('div', { class: 'cards wide' }, h('p', null, 'Loading questionnaire trends…'));
  const results = h('div', null, h('p', null, 'Loading questionnaire results…'));
  const alertHistory = h('div', null, h('p', null, 'Loading safety alerts…'));
  const checkIns = h('div', null, h('p', null, 'Loading check-ins…'));
  const actions = h('div', { class: 'actions' },
    h('a', { class: 'button', href: `#/patient/${patientId}/session` }, 'Record an infusion'),
    button('Open the printable report', 'secondary', () => openReport(patientId, errors)),
    button('Download check-ins (CSV)', 'secondary', async () => {
      try {
        const { blob, disposition } = await api.file(`/api/v1/patients/${patientId}/check-ins`, 'text/csv');
        saveBlob(blob, 'check-ins.csv', disposition);
      } catch (error) { showError(errors, error); }
    }),
    button('New enrollment code', 'secondary', () => enrollmentCode(patientId, codeHolder, errors)));
  const codeHolder = h('div');
  const openAlerts = alerts.filter((a) => a.status !== 'RESOLVED');
  render(main, patient.displayName, errors,
    h('p', { class: 'muted' }, [patient.externalId ? `MRN ${patient.externalId}` : null, patient.birthYear ? `born ${patient.birthYear}` : null,
      patient.conditions.map(words).join(', ') || null, `time zone ${patient.timezone}`, `enrolled ${formatDate(patient.enrolledAt)}`]
      .filter(Boolean).join(' · ')),
    openAlerts.length ? h('div', { class: 'error', role: 'alert' },
      `${openAlerts.length} unresolved alert${openAlerts.length > 1 ? 's' : ''}: `,
      openAlerts.map((a) => `${a.severity} ${RULE_NAMES[a.rule]}`).join(', '), '. ', h('a', { href: '#/alerts' }, 'Go to alerts')) : null,
    actions, codeHolder,
    h('h2', null, 'Trends'), summaryTable(overview.domains),
    h('div', { class: 'cards wide' }, overview.domains.map((trend) => {
      const domain = DOMAINS.find((d) => d.key === trend.domain);
      return h('figure', { class: 'card' }, h('h3', null, domain.name),
        trendChart(trend, `${domain.name} (0-10, ${domain.lowerIsBetter ? 'lower' : 'higher'} is better)`),
        h('figcaption', { class: 'legend' }, `0 ${domain.low}, 10 ${domain.high}. Dashed: baseline. #n: infusion n.`),
        boosterForecast(trend));
    })),
    h('h2', null, 'Each infusion: relief and how long it lasted'), infusionTable(overview.domains),
    h('h2', null, 'Questionnaires'), instruments, results,
    h('h2', null, 'Safety alerts'), alertHistory,
    h('h2', null, 'Infusion sessions'), sessionsTable(sessions),
    h('h2', null, 'Check-ins'), checkIns);
  loadInstruments(patientId, instruments);
  loadResults(patientId, results);
  loadAlertHistory(patientId, alerts, alertHistory);
  loadCheckIns(patientId, checkIns);
}

function button(label, kind, onClick) {
  const b = h('button', { type: 'button', class: kind || null }, label);
  b.addEventListener('click', onClick);
  return b;
}

async function openReport(patientId, errors) {
  // The report needs the bearer token, so it is fetched and shown from a blob: URL; it runs no script.
  const target = window.open('', '_blank');
  try {
    const { blob } = await api.file(`/api/v1/patients/${patientId}/report`, 'text/html');
    const url = URL.createObjectURL(new Blob([blob], { type: 'text/html' }));
    if (target) target.location.href = url; else location.href = url;
  } catch (error) {
    if (target) target.close();
    showError(errors, error);
  }
}

async function enrollmentCode(patientId, holder, errors) {
  try {
    const { data } = await api.call('POST', `/api/v1/patients/${patientId}/enrollment-code`);
    holder.replaceChildren(h('div', { class: 'notice', role: 'status' },
      h('p', null, 'Enrollment code for the patient app (works once, until ', formatDateTime(data.expiresAt), '):'),
      h('p', { class: 'big-code', 'aria-label': `Enrollment code ${data.code.split('').join(' ')}` }, data.code),
      h('p', null, 'The patient opens ', h('strong', null, `${location.origin}/patient/`), ', chooses “I have an enrollment code”, and picks a username and password.')));
  } catch (error) { showError(errors, error); }
}

function summaryTable(trends) {
  return h('div', { class: 'table-wrap' }, h('table', null,
    h('caption', { class: 'visually-hidden' }, 'Trend summary'),
    h('thead', null, h('tr', null, ['Domain', 'Baseline', 'Current', 'Change', 'Improvement %', 'Category', 'Slope / week', 'Adherence']
      .map((t, i) => h('th', { scope: 'col', class: i && i < 5 ? 'num' : null }, t)))),
    h('tbody', null, trends.map((t) => h('tr', null,
      h('th', { scope: 'row' }, DOMAINS.find((d) => d.key === t.domain)?.name || t.domain.toUpperCase()),
      h('td', { class: 'num' }, number(t.baseline?.value)), h('td', { class: 'num' }, number(t.current?.value)),
      h('td', { class: 'num' }, number(t.absoluteChange)), h('td', { class: 'num' }, number(t.improvementPercent)),
      h('td', { class: `cat-${t.category}` }, words(t.category)), h('td', null, number(t.slopePerWeek)),
      h('td', null, t.adherence.rate === null ? '—' : `${Math.round(t.adherence.rate * 100)} % (${t.adherence.reportedDays} of ${t.adherence.expectedDays} days)`))))));
}

/** Shows the booster forecast when the trend carries one; a plain list of its fields. */
function boosterForecast(trend) {
  const forecast = trend.boosterForecast;
  if (!forecast || typeof forecast !== 'object') return null;
  return h('div', { class: 'notice' }, h('strong', null, 'Booster forecast'),
    h('dl', null, Object.entries(forecast).filter(([, v]) => v !== null && typeof v !== 'object').map(([k, v]) => [
      h('dt', null, k.replace(/([A-Z])/g, ' $1').toLowerCase()),
      h('dd', null, /At$|Date$|On$/.test(k) ? formatDate(String(v)) : String(v))])));
}

function infusionTable(trends) {
  const numbers = [...new Set(trends.flatMap((t) => t.sessions.map((s) => s.number)))].sort((a, b) => a - b);
  if (!numbers.length) return h('p', null, 'No completed infusions yet.');
  const cells = (t, n) => {
    const e = t.sessions.find((s) => s.number === n);
    if (!e) return [h('td', null, '—'), h('td', null, '—')];
    return [h('td', null, `${number(e.pre)} → ${number(e.post)}`, e.acuteImprovementPercent !== null ? ` (${e.acuteImprovementPercent} %)` : ''),
      h('td', { class: 'num' }, e.durabilityDays === null ? '—' : `${e.durabilityDays}${e.durabilityCensored ? '+' : ''}`)];
  };
  return h('div', { class: 'table-wrap' }, h('table', null,
    h('caption', { class: 'visually-hidden' }, 'Relief and durability per infusion and domain'),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Infusion'), h('th', { scope: 'col' }, 'Date'),
      trends.map((t) => [h('th', { scope: 'col' }, `${DOMAINS.find((d) => d.key === t.domain).name}: before → after`),
        h('th', { scope: 'col', class: 'num' }, `${DOMAINS.find((d) => d.key === t.domain).name}: relief (days)`)]))),
    h('tbody', null, numbers.map((n) => h('tr', null, h('th', { scope: 'row' }, `#${n}`),
      h('td', null, formatDate(trends[0].sessions.find((s) => s.number === n)?.startedAt)),
      trends.map((t) => cells(t, n)))))),
  h('p', { class: 'legend' }, 'Relief: days until a value was no longer 30 % better than baseline; “+” means it had not ended yet.'));
}

async function loadInstruments(patientId, holder) {
  const codes = [['phq9', 'PHQ-9 (depression)', 27], ['gad7', 'GAD-7 (anxiety)', 21], ['peg', 'PEG (pain)', 10]];
  try {
    const trends = await Promise.all(codes.map(([code]) => api.get(`/api/v1/patients/${patientId}/trends/${code}`)));
    holder.replaceChildren(...trends.map((trend, i) => h('figure', { class: 'card' }, h('h3', null, codes[i][1]),
      h('p', null, `Baseline ${number(trend.baseline?.value)}, current ${number(trend.current?.value)}: ${words(trend.category)}`),
      trendChart(trend, codes[i][1], codes[i][2]))));
  } catch (error) { showError(holder, error); }
}

const INSTRUMENT_NAMES = { phq9: 'PHQ-9', gad7: 'GAD-7', peg: 'PEG', phq2: 'PHQ-2' };

/** Every questionnaire response, newest first, with its score and band (PHQ-2: the screen result). */
async function loadResults(patientId, holder) {
  try {
    const responses = await api.all(`/api/v1/patients/${patientId}/questionnaire-responses`);
    if (!responses.length) { holder.replaceChildren(h('p', null, 'No questionnaires answered yet.')); return; }
    holder.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { class: 'questionnaire-results' },
      h('caption', null, 'Questionnaire results'),
      h('thead', null, h('tr', null, ['Recorded', 'Questionnaire', 'Score', 'Band or screen']
        .map((t, i) => h('th', { scope: 'col', class: i === 2 ? 'num' : null }, t)))),
      h('tbody', null, responses.map((r) => h('tr', null,
        h('td', null, formatDateTime(r.recordedAt)), h('th', { scope: 'row' }, INSTRUMENT_NAMES[r.instrument] || r.instrument),
        h('td', { class: 'num' }, number(r.score)),
        h('td', null, r.positiveScreen === true ? 'Positive screen (follow with a PHQ-9)'
          : r.positiveScreen === false ? 'Negative screen' : r.band ? words(r.band) : '—')))))));
  } catch (error) { showError(holder, error); }
}

/**
 * Every alert of the patient, resolved ones included, unresolved first, with who acknowledged and resolved it and
 * when. Names come from the care team; someone no longer on it is named as such.
 */
async function loadAlertHistory(patientId, alerts, holder) {
  if (!alerts.length) { holder.replaceChildren(h('p', null, 'No safety alerts raised.')); return; }
  let team = [];
  try {
    team = await api.get(`/api/v1/patients/${patientId}/care-team`);
  } catch { /* names are a courtesy: the history stands without them */ }
  const members = new Map((Array.isArray(team) ? team : team.items || []).map((m) => [m.userId, m.displayName]));
  const who = (id) => members.get(id) || 'a former care-team member';
  holder.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { class: 'alert-history' },
    h('caption', null, 'Safety alert history'),
    h('thead', null, h('tr', null, ['Severity', 'Alert', 'Detail', 'Raised', 'Status', 'Acknowledged', 'Resolved']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, alerts.map((a) => h('tr', { class: a.status === 'RESOLVED' ? 'resolved' : null },
      h('td', null, a.severity), h('th', { scope: 'row' }, RULE_NAMES[a.rule] || a.rule),
      h('td', null, a.detail, a.conditionClearedAt
        ? h('span', { class: 'muted' }, ` (condition no longer holds since ${formatDateTime(a.conditionClearedAt)})`) : null),
      h('td', null, formatDateTime(a.raisedAt)), h('td', null, words(a.status)),
      h('td', null, a.acknowledgedAt ? `${formatDateTime(a.acknowledgedAt)} by ${who(a.acknowledgedBy)}` : '—'),
      h('td', null, a.resolvedAt ? `${formatDateTime(a.resolvedAt)} by ${who(a.resolvedBy)}: ${a.resolutionNote}` : '—')))))));
}

async function loadCheckIns(patientId, holder) {
  try {
    const page = await api.get(`/api/v1/patients/${patientId}/check-ins?limit=50`);
    if (!page.items.length) { holder.replaceChildren(h('p', null, 'No check-ins yet.')); return; }
    holder.replaceChildren(h('div', { class: 'table-wrap' }, h('table', null,
      h('caption', { class: 'visually-hidden' }, 'Latest 50 check-ins'),
      h('thead', null, h('tr', null, ['Recorded', 'Context', 'Pain', 'Sleep', 'Mobility', 'Mood', 'Note', 'Status', 'Actions']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, page.items.map((c) => checkInRow(patientId, c, holder))))),
    page.nextCursor ? h('p', { class: 'muted' }, 'The latest 50 are shown; download the CSV for all.') : null);
  } catch (error) { showError(holder, error); }
}

function checkInRow(patientId, checkIn, holder) {
  const when = formatDateTime(checkIn.recordedAt);
  const actions = h('td');
  if (checkIn.status !== 'entered-in-error') {
    actions.append(
      button('Correct', 'secondary', () => correctionForm(patientId, checkIn, holder)),
      ' ',
      button('Entered in error', 'danger', async () => {
        if (!confirm(`Withdraw the check-in of ${when}? It stays in its history and leaves every trend.`)) return;
        try {
          await api.call('PATCH', `/api/v1/patients/${patientId}/check-ins/${checkIn.id}`, { status: 'entered-in-error' },
            { 'If-Match': `"${checkIn.version}"`, 'Content-Type': 'application/merge-patch+json' });
          loadCheckIns(patientId, holder);
        } catch (error) { showError(holder, error); }
      }));
    actions.querySelectorAll('button').forEach((b) => b.setAttribute('aria-label', `${b.textContent}: check-in of ${when}`));
  }
  return h('tr', { class: checkIn.status === 'entered-in-error' ? 'withdrawn' : null },
    h('td', null, when), h('td', null, words(checkIn.context)),
    DOMAINS.map((d) => h('td', { class: 'num' }, number(checkIn.scores[d.key]))),
    h('td', null, checkIn.note || ''), h('td', null, checkIn.status === 'final' ? 'as reported' : checkIn.status.replace(/-/g, ' ')),
    actions);
}

function correctionForm(patientId, checkIn, holder) {
  const errors = h('div');
  const inputs = DOMAINS.map((d) => input({ type: 'number', min: 0, max: 10, step: 1, value: checkIn.scores[d.key] ?? '' }));
  const note = h('textarea', { maxlength: 2000 }, checkIn.note || '');
  const form = h('form', { class: 'card' }, h('h3', null, `Correct the check-in of ${formatDateTime(checkIn.recordedAt)}`), errors,
    h('div', { class: 'grid-fields' }, DOMAINS.map((d, i) => field(`${d.name} (0-10)`, inputs[i]))), field('Note', note),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save correction'),
      button('Cancel', 'secondary', () => loadCheckIns(patientId, holder))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const scores = {};
    DOMAINS.forEach((d, i) => { scores[d.key] = inputs[i].value === '' ? null : Number(inputs[i].value); });
    try {
      await api.call('PATCH', `/api/v1/patients/${patientId}/check-ins/${checkIn.id}`, { scores, note: note.value || null },
        { 'If-Match': `"${checkIn.version}"`, 'Content-Type': 'application/merge-patch+json' });
      loadCheckIns(patientId, holder);
    } catch (error) { showError(errors, error); }
  });
  holder.prepend(form);
  form.querySelector('input').focus();
}

function sessionsTable(sessions) {
  if (!sessions.length) return h('p', null, 'No infusion sessions yet.');
  return h('div', { class: 'table-wrap' }, h('table', null,
    h('caption', { class: 'visually-hidden' }, 'Infusion sessions'),
    h('thead', null, h('tr', null, ['#', 'Status', 'When', 'Dose', 'Vitals', 'Side effects', 'Notes'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, sessions.map((s) => h('tr', null,
      h('td', null, s.number ? `#${s.number}` : ''), h('td', null, words(s.status)),
      h('td', null, formatDateTime(s.startedAt || s.scheduledAt)),
      h('td', null, s.doseMgPerKg ? `${s.doseMgPerKg} mg/kg (${number(s.totalDoseMg)} mg)` : '—'),
      h('td', null, s.vitals.map((v) => `${v.systolic ?? '?'}/${v.diastolic ?? '?'} mmHg, HR ${v.heartRate ?? '?'}, SpO2 ${v.spo2 ?? '?'} %`).join('; ') || '—'),
      h('td', null, s.sideEffects.map((e) => `${words(e.type)} (${e.severity.toLowerCase()})`).join(', ') || 'none'),
      h('td', null, s.notes || ''))))));
}

// ---------------------------------------------------------------- record an infusion
function localInput(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
const toIso = (value) => (value ? localIsoNow(new Date(value)) : null);
const num = (el) => (el.value === '' ? null : Number(el.value));

async function sessionPage(patientId) {
  const errors = h('div');
  let patient;
  try { patient = await api.get(`/api/v1/patients/${patientId}`); } catch (error) { render(main, 'Record an infusion', errors); showError(errors, error); return; }
  const now = new Date();
  const started = input({ type: 'datetime-local', value: localInput(new Date(now.getTime() - 60 * 60_000)), required: true });
  const ended = input({ type: 'datetime-local', value: localInput(new Date(now.getTime() - 10 * 60_000)), required: true });
  const weight = input({ type: 'number', min: 20, max: 400, step: 0.1, inputmode: 'decimal' });
  const dose = input({ type: 'number', min: 0.01, max: 10, step: 0.01, inputmode: 'decimal' });
  const rate = input({ type: 'number', min: 0.01, max: 10, step: 0.01, inputmode: 'decimal' });
  const vitals = ['Systolic (mmHg)', 'Diastolic (mmHg)', 'Heart rate (per minute)', 'SpO2 (%)'].map((label) => [label, input({ type: 'number', inputmode: 'numeric' })]);
  const effects = SIDE_EFFECTS.map((type) => ({ type, box: input({ type: 'checkbox', value: type }),
    severity: select({ 'aria-label': `Severity of ${words(type).toLowerCase()}` }, [['MILD', 'Mild'], ['MODERATE', 'Moderate'], ['SEVERE', 'Severe']], 'MILD') }));
  const notes = h('textarea', { maxlength: 4000 });
  const next = input({ type: 'datetime-local' });
  const form = h('form', null, errors,
    h('fieldset', null, h('legend', null, 'Infusion'),
      h('div', { class: 'grid-fields' }, field('Started', started), field('Ended', ended), field('Weight (kg)', weight),
        field('Dose (mg/kg)', dose), field('Rate (mg/kg/h)', rate))),
    h('fieldset', null, h('legend', null, 'Vital signs during the infusion'),
      h('div', { class: 'grid-fields' }, vitals.map(([label, el]) => field(label, el)))),
    h('fieldset', null, h('legend', null, 'Side effects'),
      effects.map((e) => h('div', { class: 'checks' }, h('label', null, e.box, words(e.type)), e.severity))),
    field('Notes', notes),
    h('fieldset', null, h('legend', null, 'Next infusion'), field('Schedule the next infusion (optional)', next)),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Save the infusion'),
      h('a', { class: 'button secondary', href: `#/patient/${patientId}` }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const measured = vitals.map(([, el]) => num(el));
    const body = {
      status: 'COMPLETED', startedAt: toIso(started.value), endedAt: toIso(ended.value),
      weightKg: num(weight), doseMgPerKg: num(dose), rateMgPerKgPerHour: num(rate),
      vitals: measured.some((v) => v !== null) ? [{ at: toIso(started.value), systolic: measured[0], diastolic: measured[1], heartRate: measured[2], spo2: measured[3] }] : [],
      sideEffects: effects.filter((e) => e.box.checked).map((e) => ({ type: e.type, severity: e.severity.value })),
      notes: notes.value.trim() || null,
    };
    try {
      await api.call('POST', `/api/v1/patients/${patientId}/sessions`, body);
      if (next.value) await api.call('POST', `/api/v1/patients/${patientId}/sessions`, { status: 'SCHEDULED', scheduledAt: toIso(next.value) });
      announce('Infusion saved');
      location.hash = `#/patient/${patientId}`;
    } catch (error) { showError(errors, error); errors.scrollIntoView(); }
  });
  render(main, `Record an infusion: ${patient.displayName}`, form);
}

// ---------------------------------------------------------------- enroll
function enrollPage() {
  const errors = h('div');
  const result = h('div');
  const name = input({ required: true, maxlength: 200, autocomplete: 'off' });
  const mrn = input({ maxlength: 64, autocomplete: 'off' });
  const birthYear = input({ type: 'number', min: 1900, max: 2100 });
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const timezone = select({}, (Intl.supportedValuesOf ? Intl.supportedValuesOf('timeZone') : [zone]).map((z) => [z, z]), zone);
  const conditions = CONDITIONS.map((c) => input({ type: 'checkbox', value: c }));
  const form = h('form', null, errors,
    field('Name', name), field('Medical record number (optional)', mrn), field('Birth year (optional)', birthYear),
    field('Time zone', timezone, 'The patient’s days are counted in it.'),
    h('fieldset', null, h('legend', null, 'Conditions'), h('div', { class: 'checks' }, conditions.map((box, i) => h('label', null, box, words(CONDITIONS[i]))))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Enroll and create a code')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const { data: patient } = await api.call('POST', '/api/v1/patients', {
        displayName: name.value.trim(), externalId: mrn.value.trim() || null, birthYear: num(birthYear),
        timezone: timezone.value, conditions: conditions.filter((c) => c.checked).map((c) => c.value),
      });
      patientNames = new Map();
      form.replaceWith(h('p', null, h('a', { href: `#/patient/${patient.id}` }, `Open ${patient.displayName}’s page`)));
      await enrollmentCode(patient.id, result, errors);
    } catch (error) { showError(errors, error); }
  });
  render(main, 'Enroll a patient', form, result);
}

// ---------------------------------------------------------------- routing
async function route() {
  const path = location.hash.replace(/^#/, '') || '/panel';
  if (!api.tokens || api.role() !== 'CLINICIAN') { signInPage(); return; }
  nav.classList.remove('hidden');
  nav.querySelectorAll('a').forEach((a) => a.toggleAttribute('aria-current', false));
  const current = nav.querySelector(`a[href="#${path.split('/').slice(0, 2).join('/')}"]`);
  if (current) current.setAttribute('aria-current', 'page');
  refreshUrgentBanner();
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'alerts') return alertsPage();
  if (parts[0] === 'enroll') return enrollPage();
  if (parts[0] === 'patient' && parts[2] === 'session') return sessionPage(parts[1]);
  if (parts[0] === 'patient' && parts[1]) return patientPage(parts[1]);
  return panelPage();
}

document.getElementById('sign-out').addEventListener('click', async () => {
  await api.signOut();
  patientNames = new Map();
  location.hash = '#/sign-in';
});
window.addEventListener('hashchange', route);
route();
