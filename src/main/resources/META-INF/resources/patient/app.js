import { Api, ApiError, isNetworkError, newId, localIsoNow } from '/js/api.js';
import { h, field, input, showError, announce, render, formatDateTime, formatDate, DOMAINS, CATEGORY_WORDS } from '/js/dom.js';
import { trendChart } from '/js/chart.js';
import * as outbox from '/js/outbox.js';

// localStorage: the patient app is installed on the patient's own phone and must work after a restart without a
// connection, and send what waited as soon as the connection returns, without asking for the password first.
// So the tokens outlive the tab. Signing out forgets them (and the cached copies of the patient's data).
const api = new Api(localStorage, () => { location.hash = '#/sign-in'; route(); });
const main = document.getElementById('main');
const nav = document.getElementById('nav');
const statusBar = document.getElementById('outbox-status');
const CACHE_PREFIX = 'infusion-outcomes.cache.';
const FALLBACK_CLINIC = {
  name: 'Your clinic',
  crisisContact: 'If you are thinking about harming yourself, call your local emergency number now.',
  crisisPhone: null,
};

const patientId = () => api.claims()?.patient_id;

/** A GET answered from the last good copy when there is no connection. */
async function cachedGet(path) {
  try {
    const data = path === '/api/v1/clinic'
      ? await fetch(path, { headers: { Accept: 'application/json' } }).then((r) => { if (!r.ok) throw new ApiError(r.status); return r.json(); })
      : await api.get(path);
    localStorage.setItem(CACHE_PREFIX + path, JSON.stringify(data));
    return data;
  } catch (error) {
    const copy = localStorage.getItem(CACHE_PREFIX + path);
    if (isNetworkError(error) && copy) return JSON.parse(copy);
    throw error;
  }
}

function forgetCache() {
  Object.keys(localStorage).filter((k) => k.startsWith(CACHE_PREFIX) && k !== CACHE_PREFIX + '/api/v1/clinic')
    .forEach((k) => localStorage.removeItem(k));
}

// ---------------------------------------------------------------- outbox: nothing lost, nothing twice
let flushing = null;

/** Sends what waits. One flush at a time (across tabs too); the service stores each client id once anyway. */
function flush() {
  if (!patientId()) return Promise.resolve();
  if (!flushing) {
    const run = () => sendWaiting().finally(showStatus);
    flushing = (navigator.locks ? navigator.locks.request('infusion-outcomes.outbox', run) : run())
      .finally(() => { flushing = null; });
  }
  return flushing;
}

async function reject(item, problem) {
  await outbox.keep({ ...item, rejected: problem || { title: 'Not accepted' } });
}

/** Answers that will never change by sending again: the item is set aside, shown in History, not resent. */
const final = (status) => status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429;

async function sendWaiting() {
  const pending = (await outbox.items(patientId())).filter((item) => !item.rejected);
  const checkIns = pending.filter((item) => item.kind === 'check-in');
  const questionnaires = pending.filter((item) => item.kind === 'questionnaire');
  try {
    if (checkIns.length === 1) {
      await sendSingle(checkIns[0], `/api/v1/patients/${patientId()}/check-ins`);
    } else {
      for (let i = 0; i < checkIns.length; i += 500) await sendBatch(checkIns.slice(i, i + 500));
    }
    for (const item of questionnaires) await sendSingle(item, `/api/v1/patients/${patientId()}/questionnaire-responses`);
  } catch (error) {
    if (!isNetworkError(error) && !(error instanceof ApiError)) throw error;
    // Offline, signed out or the service is down: everything not yet confirmed stays in the outbox.
  }
}

async function sendSingle(item, path) {
  const response = await api.fetch(path, {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(item.body),
  });
  if (response.ok) { await outbox.remove(item.id); return; }
  const problem = await response.json().catch(() => null);
  if (final(response.status)) { await reject(item, problem); return; }
  throw new ApiError(response.status, problem);
}

async function sendBatch(items) {
  const { data } = await api.call('POST', `/api/v1/patients/${patientId()}/check-ins:batch`, { checkIns: items.map((i) => i.body) });
  for (let i = 0; i < items.length; i += 1) {
    const result = data.results[i];
    if (result.status === 'created' || result.status === 'duplicate') await outbox.remove(items[i].id);
    else await reject(items[i], result.problem);
  }
}

async function showStatus() {
  if (!patientId()) { statusBar.classList.add('hidden'); return; }
  const items = await outbox.items(patientId());
  const waiting = items.filter((i) => !i.rejected).length;
  const rejected = items.length - waiting;
  statusBar.classList.remove('hidden');
  statusBar.classList.toggle('ok', waiting === 0 && rejected === 0);
  statusBar.replaceChildren(...[
    waiting ? `Waiting to send: ${waiting} ${waiting === 1 ? 'report' : 'reports'}. They are kept on this device and sent when you are online.` : 'All your reports are sent.',
    rejected ? h('span', null, ` ${rejected} could not be accepted: `, h('a', { href: '#/history' }, 'see History')) : null,
  ].filter(Boolean));
}

/** Keeps the report on the device first, then tries to send it: a crash or a lost connection loses nothing. */
async function submit(kind, body) {
  await outbox.keep({ id: body.id, patientId: patientId(), kind, body, savedAt: new Date().toISOString() });
  await flush();
  const left = (await outbox.items(patientId())).find((item) => item.id === body.id);
  return left ? (left.rejected ? 'rejected' : 'waiting') : 'sent';
}

function sentMessage(outcome) {
  if (outcome === 'sent') return h('p', { class: 'notice', role: 'status' }, 'Thank you. Your report reached your care team.');
  if (outcome === 'waiting') return h('p', { class: 'notice', role: 'status' }, 'Thank you. Saved on this device; it will be sent when you are online again.');
  return h('p', { class: 'error', role: 'alert' }, 'Your report was not accepted. See History for the reason.');
}

// ---------------------------------------------------------------- sign in and enrollment
function signInPage() {
  nav.classList.add('hidden');
  statusBar.classList.add('hidden');
  const errors = h('div');
  const username = input({ autocomplete: 'username', required: true, autocapitalize: 'none' });
  const password = input({ type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', null, errors, field('Username', username), field('Password', password),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Sign in')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.signIn(username.value.trim(), password.value);
      if (!patientId()) { await api.signOut(); throw new Error('This app is for patients. Clinicians use the clinician app.'); }
      location.hash = '#/home';
      route();
    } catch (error) {
      showError(errors, error.status === 401 ? new Error('The username or password is not right.') : error);
    }
  });
  render(main, 'Sign in', form,
    h('p', null, 'New here? ', h('a', { href: '#/enroll' }, 'I have an enrollment code')),
    h('p', { class: 'muted' }, 'Clinicians: use the ', h('a', { href: '/clinician/' }, 'clinician app'), '.'));
}

function enrollPage() {
  nav.classList.add('hidden');
  const errors = h('div');
  const code = input({ required: true, maxlength: 32, autocomplete: 'one-time-code', autocapitalize: 'characters' });
  const username = input({ required: true, pattern: '[A-Za-z0-9._@-]{3,64}', autocomplete: 'username', autocapitalize: 'none' });
  const password = input({ type: 'password', required: true, minlength: 12, maxlength: 72, autocomplete: 'new-password' });
  const again = input({ type: 'password', required: true, minlength: 12, maxlength: 72, autocomplete: 'new-password' });
  const form = h('form', null, errors,
    field('Enrollment code', code, 'The 10-character code your clinic gave you.'),
    field('Choose a username', username, '3 to 64 letters, digits or . _ @ -'),
    field('Choose a password', password, 'At least 12 characters. A few words you will remember work well.'),
    field('Type the password again', again),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Create my login')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (password.value !== again.value) { showError(errors, new Error('The two passwords are not the same.')); return; }
    try {
      const response = await fetch('/api/v1/auth/enroll', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: code.value.trim(), username: username.value.trim(), password: password.value }),
      });
      if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
      await api.signIn(username.value.trim(), password.value);
      location.hash = '#/home';
    } catch (error) {
      showError(errors, error.status === 409 ? new Error('That code was used already or the username is taken.') : error);
    }
  });
  render(main, 'Create your login', form, h('p', null, h('a', { href: '#/sign-in' }, 'I already have a login')));
}

// ---------------------------------------------------------------- today
function localDay(iso) {
  return new Date(iso).toLocaleDateString('en-CA');
}

async function todaysSession() {
  const page = await cachedGet(`/api/v1/patients/${patientId()}/sessions?limit=500`);
  const today = localDay(new Date().toISOString());
  return page.items.find((s) => s.status !== 'CANCELLED' && (s.startedAt || s.scheduledAt) && localDay(s.startedAt || s.scheduledAt) === today);
}

async function homePage() {
  const menu = h('div', { class: 'menu' }, h('a', { class: 'button', href: '#/check-in/DAILY' }, 'Daily check-in'));
  const errors = h('div');
  render(main, 'Today', errors, h('p', null, 'How are you doing? A check-in takes a minute.'), menu,
    h('h2', null, 'More'),
    h('div', { class: 'menu' }, h('a', { class: 'button secondary', href: '#/questionnaires' }, 'Questionnaires'),
      h('a', { class: 'button secondary', href: '#/progress' }, 'My progress'),
      h('a', { class: 'button secondary', href: '#/history' }, 'What I reported')));
  try {
    const session = await todaysSession();
    if (session) {
      menu.append(h('a', { class: 'button', href: `#/check-in/PRE_INFUSION/${session.id}` }, 'Before my infusion'),
        h('a', { class: 'button', href: `#/check-in/POST_INFUSION/${session.id}` }, 'After my infusion'));
    }
  } catch (error) { if (!isNetworkError(error)) showError(errors, error); }
}

// ---------------------------------------------------------------- check-ins
function scale(domain) {
  const name = `score-${domain.key}`;
  return h('fieldset', { class: 'scale' },
    h('legend', null, `${domain.name}: ${domain.question}`),
    h('p', { class: 'hint', id: `${name}-anchors` }, `0 means ${domain.low.toLowerCase()}, 10 means ${domain.high.toLowerCase()}.`),
    h('div', { class: 'options' }, Array.from({ length: 11 }, (_, value) => h('label', null,
      h('input', { type: 'radio', name, value, 'aria-describedby': `${name}-anchors` }), h('span', null, String(value))))),
    h('div', { class: 'anchors', 'aria-hidden': 'true' }, h('span', null, `0 · ${domain.low}`), h('span', null, `10 · ${domain.high}`)));
}

const CONTEXT_TITLES = { DAILY: 'Daily check-in', PRE_INFUSION: 'Before my infusion', POST_INFUSION: 'After my infusion' };

function checkInPage(context, sessionId) {
  const domains = context === 'DAILY' ? DOMAINS : DOMAINS.filter((d) => d.key === 'pain' || d.key === 'mood');
  const errors = h('div');
  const note = h('textarea', { maxlength: 2000 });
  const form = h('form', null, errors, domains.map(scale), field('Anything else to tell your care team? (optional)', note),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Send check-in')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const scores = {};
    for (const d of domains) {
      const chosen = form.querySelector(`input[name="score-${d.key}"]:checked`);
      if (chosen) scores[d.key] = Number(chosen.value);
    }
    if (!Object.keys(scores).length) { showError(errors, new Error('Choose a number on at least one scale.')); return; }
    const body = { id: newId(), context, recordedAt: localIsoNow(), scores, note: note.value.trim() || null };
    if (sessionId) body.sessionId = sessionId;
    const outcome = await submit('check-in', body);
    render(main, 'Check-in saved', sentMessage(outcome), h('div', { class: 'actions' }, h('a', { class: 'button', href: '#/home' }, 'Back to today')));
  });
  render(main, CONTEXT_TITLES[context], form);
}

// ---------------------------------------------------------------- questionnaires
async function questionnairesPage() {
  const errors = h('div');
  render(main, 'Questionnaires', errors);
  try {
    const instruments = await cachedGet('/api/v1/instruments');
    main.append(h('div', { class: 'menu' }, instruments.filter((i) => i.code !== 'phq2')
      .map((i) => h('a', { class: 'button secondary', href: `#/questionnaire/${i.code}` }, i.title))));
  } catch (error) { showError(errors, error); }
}

async function questionnairePage(code) {
  const errors = h('div');
  let instrument;
  try {
    instrument = (await cachedGet('/api/v1/instruments')).find((i) => i.code === code);
  } catch (error) { render(main, 'Questionnaire', errors); showError(errors, error); return; }
  if (!instrument) { render(main, 'Questionnaire', h('p', null, 'No such questionnaire.')); return; }
  const form = h('form', null, h('p', null, instrument.stem), h('p', { class: 'muted' }, `Think of: ${instrument.recallPeriod}.`), errors,
    instrument.items.map((item) => h('fieldset', { class: 'choice' }, h('legend', null, `${item.number}. ${item.text}`),
      item.options.map((o) => h('label', null, h('input', { type: 'radio', name: `item-${item.number}`, value: o.value, required: true }),
        o.label ? (item.options.length > 4 ? `${o.value} · ${o.label}` : o.label) : String(o.value))))),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Send answers')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answers = instrument.items.map((item) => Number(form.querySelector(`input[name="item-${item.number}"]:checked`).value));
    const body = { id: newId(), instrument: code, answers, recordedAt: localIsoNow() };
    const outcome = await submit('questionnaire', body);
    const done = () => render(main, 'Answers saved', sentMessage(outcome),
      h('div', { class: 'actions' }, h('a', { class: 'button', href: '#/home' }, 'Back to today')));
    // PHQ-9 item 9 asks about thoughts of self-harm: any answer above 0 gets the crisis contact before anything else.
    if (code === 'phq9' && answers[8] > 0) safetyPage(outcome, done); else done();
  });
  render(main, instrument.title, form);
}

async function safetyPage(outcome, next) {
  let clinic = FALLBACK_CLINIC;
  try { clinic = await cachedGet('/api/v1/clinic'); } catch { /* the fallback names the emergency number */ }
  const heading = render(main, 'Please reach out now',
    h('div', { class: 'safety', role: 'alert' },
      h('p', null, 'You told us you have had thoughts of being better off dead or of hurting yourself. You do not have to carry this alone.'),
      h('p', null, h('strong', null, clinic.crisisContact)),
      clinic.crisisPhone ? h('p', null, h('a', { class: 'button danger', href: `tel:${clinic.crisisPhone}` }, `Call ${clinic.crisisPhone}`)) : null,
      h('p', null, outcome === 'sent'
        ? 'Your care team has been told and will contact you. Do not wait for them if you feel unsafe.'
        : 'Your answers will reach your care team when your device is online again. Do not wait: call now if you feel unsafe.')),
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'safety-read' }, 'I have read this')));
  heading.parentElement.querySelector('#safety-read').addEventListener('click', next);
}

// ---------------------------------------------------------------- my progress
function progressSentence(trend, domain) {
  if (trend.category === 'INSUFFICIENT_DATA' || !trend.baseline || !trend.current) {
    return `${domain.name}: there are not enough reports yet to tell how it is going.`;
  }
  const change = trend.improvementPercent === null ? '' : ` (${Math.abs(trend.improvementPercent)} % ${trend.improvementPercent >= 0 ? 'better' : 'worse'})`;
  return `${domain.name} is ${CATEGORY_WORDS[trend.category]} than before your treatment${change}: it was about ${trend.baseline.value} out of 10 and lately is about ${trend.current.value}.`;
}

async function progressPage() {
  const errors = h('div');
  render(main, 'My progress', errors);
  try {
    const overview = await cachedGet(`/api/v1/patients/${patientId()}/trends?includeSeries=true`);
    main.append(h('div', { class: 'cards wide' }, overview.domains.map((trend) => {
      const domain = DOMAINS.find((d) => d.key === trend.domain);
      return h('section', { class: 'card' }, h('h2', null, domain.name), h('p', null, progressSentence(trend, domain)),
        trendChart(trend, `My ${domain.name.toLowerCase()} (0 ${domain.low.toLowerCase()}, 10 ${domain.high.toLowerCase()})`),
        h('p', { class: 'legend' }, `0 ${domain.low}, 10 ${domain.high}. The dashed line is where you started; #1, #2 are your infusions.`),
        trend.adherence.expectedDays ? h('p', { class: 'muted' }, `You reported on ${trend.adherence.reportedDays} of ${trend.adherence.expectedDays} days.`) : null);
    })));
  } catch (error) { showError(errors, isNetworkError(error) ? new Error('You are offline and this page was not opened before.') : error); }
}

// ---------------------------------------------------------------- history
async function historyPage() {
  const errors = h('div');
  render(main, 'What I reported', errors);
  const items = await outbox.items(patientId());
  if (items.length) {
    main.append(h('h2', null, 'On this device, not sent yet'), h('ul', null, items.map((item) => h('li', null,
      `${formatDateTime(item.body.recordedAt)}: ${item.kind === 'check-in' ? CONTEXT_TITLES[item.body.context] + ' ' + scoresText(item.body.scores) : item.body.instrument.toUpperCase()}`,
      item.rejected ? h('strong', null, ` — not accepted: ${item.rejected.detail || item.rejected.title}`) : ' — waiting to send'))));
  }
  try {
    const [checkIns, responses] = await Promise.all([
      cachedGet(`/api/v1/patients/${patientId()}/check-ins?limit=50`),
      cachedGet(`/api/v1/patients/${patientId()}/questionnaire-responses?limit=50`)]);
    main.append(h('h2', null, 'Check-ins'), checkIns.items.length ? h('ul', null, checkIns.items.map((c) => h('li', null,
      `${formatDateTime(c.recordedAt)}: ${CONTEXT_TITLES[c.context]} ${scoresText(c.scores)}`, c.note ? ` “${c.note}”` : '',
      c.status === 'amended' ? ' (corrected)' : '', c.status === 'entered-in-error' ? ' (withdrawn by your care team)' : ''))) : h('p', null, 'None yet.'),
    h('h2', null, 'Questionnaires'), responses.items.length ? h('ul', null, responses.items.map((r) => h('li', null,
      `${formatDate(r.recordedAt)}: ${r.instrument.toUpperCase()} score ${r.score}${r.band ? ' (' + r.band.toLowerCase().replace(/_/g, ' ') + ')' : ''}`))) : h('p', null, 'None yet.'));
  } catch (error) { showError(errors, isNetworkError(error) ? new Error('You are offline; your sent reports show when you are online.') : error); }
}

function scoresText(scores) {
  return DOMAINS.filter((d) => scores[d.key] !== null && scores[d.key] !== undefined).map((d) => `${d.name.toLowerCase()} ${scores[d.key]}`).join(', ');
}

// ---------------------------------------------------------------- routing
async function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'enroll' && !patientId()) return enrollPage();
  if (!api.tokens || !patientId()) return signInPage();
  nav.classList.remove('hidden');
  nav.querySelectorAll('a').forEach((a) => a.toggleAttribute('aria-current', false));
  nav.querySelector(`a[href="#/${parts[0] || 'home'}"]`)?.setAttribute('aria-current', 'page');
  showStatus();
  if (parts[0] === 'check-in' && CONTEXT_TITLES[parts[1]]) return checkInPage(parts[1], parts[2]);
  if (parts[0] === 'questionnaires') return questionnairesPage();
  if (parts[0] === 'questionnaire') return questionnairePage(parts[1]);
  if (parts[0] === 'progress') return progressPage();
  if (parts[0] === 'history') return historyPage();
  return homePage();
}

document.getElementById('sign-out').addEventListener('click', async () => {
  const waiting = patientId() ? (await outbox.items(patientId())).filter((i) => !i.rejected).length : 0;
  if (waiting && !confirm(`${waiting} reports have not been sent yet. They stay on this device and are sent when you sign in again. Sign out?`)) return;
  await api.signOut();
  forgetCache();
  announce('Signed out');
  location.hash = '#/sign-in';
  route();
});
window.addEventListener('hashchange', route);
window.addEventListener('online', flush);
// A connection can come back without an online event (a captive portal, a server restart): try now and then.
setInterval(() => { if (navigator.onLine) flush(); }, 30_000);
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/patient/sw.js', { scope: '/patient/' }).catch(() => {});
cachedGet('/api/v1/clinic').catch(() => {});
route();
flush();
