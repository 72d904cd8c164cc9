// The one way the web apps talk to the service: the public API under /api/v1, with a bearer token that is
// refreshed before it expires. Nothing here is private to these apps; any other client could do the same.

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `The service answered ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** True when fetch failed without an answer (offline, connection refused): the request may be retried. */
export function isNetworkError(error) {
  return error instanceof TypeError;
}

function decodeClaims(jwt) {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(Array.from(atob(part), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
  return JSON.parse(json);
}

async function body(response) {
  const type = response.headers.get('Content-Type') || '';
  if (response.status === 204) return null;
  if (type.includes('json')) return response.json();
  return response.text();
}

/** Refreshes this long before the access token expires, so a request never carries an expired one. */
const REFRESH_MARGIN_MS = 60_000;

export class Api {
  /**
   * @param storage where the tokens live (sessionStorage or localStorage; each app says why it chose one)
   * @param onSignedOut called when the service no longer accepts this sign-in (refresh refused)
   */
  constructor(storage, onSignedOut) {
    this.storage = storage;
    this.key = 'infusion-outcomes.tokens';
    this.onSignedOut = onSignedOut;
    this.refreshing = null;
    this.timer = null;
    // Another tab may refresh (localStorage is shared); follow it rather than refresh a spent token again.
    window.addEventListener('storage', (event) => { if (event.key === this.key) this.schedule(); });
    this.schedule();
  }

  get tokens() {
    try { return JSON.parse(this.storage.getItem(this.key)); } catch { return null; }
  }

  set tokens(value) {
    if (value) this.storage.setItem(this.key, JSON.stringify(value));
    else this.storage.removeItem(this.key);
    this.schedule();
  }

  /** The access token's claims (sub, groups, exp, patient_id), or null when signed out. */
  claims() {
    const tokens = this.tokens;
    return tokens ? decodeClaims(tokens.accessToken) : null;
  }

  role() {
    const claims = this.claims();
    return claims && claims.groups ? claims.groups[0] : null;
  }

  schedule() {
    clearTimeout(this.timer);
    const tokens = this.tokens;
    if (!tokens) return;
    const wait = Math.max(0, tokens.expiresAt - REFRESH_MARGIN_MS - Date.now());
    this.timer = setTimeout(() => this.refresh().catch(() => { /* retried on the next request */ }), wait);
  }

  keep(answer) {
    this.tokens = {
      accessToken: answer.accessToken,
      refreshToken: answer.refreshToken,
      expiresAt: Date.now() + answer.expiresIn * 1000,
    };
  }

  async signIn(username, password) {
    const response = await fetch('/api/v1/auth/token', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }),
    });
    const answer = await body(response);
    if (!response.ok) throw new ApiError(response.status, answer);
    this.keep(answer);
    return this.claims();
  }

  /**
   * Trades the refresh token for a new pair. A refresh token works once, so only one refresh runs at a time,
   * across tabs too (Web Locks); a tab that waited finds the pair another tab fetched and keeps it.
   */
  refresh() {
    if (this.refreshing) return this.refreshing;
    const seen = this.tokens && this.tokens.refreshToken;
    const run = async () => {
      const tokens = this.tokens;
      if (!tokens) throw new ApiError(401, null);
      if (tokens.refreshToken !== seen && tokens.expiresAt - Date.now() > REFRESH_MARGIN_MS) return;
      const response = await fetch('/api/v1/auth/refresh', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: tokens.refreshToken }),
      });
      const answer = await body(response);
      if (response.ok) {
        this.keep(answer);
      } else if (response.status >= 400 && response.status < 500 && response.status !== 429) {
        this.forget();
        throw new ApiError(response.status, answer);
      } else {
        throw new ApiError(response.status, answer);
      }
    };
    const locked = navigator.locks ? navigator.locks.request('infusion-outcomes.refresh', run) : run();
    this.refreshing = locked.finally(() => { this.refreshing = null; });
    return this.refreshing;
  }

  forget() {
    const hadTokens = !!this.tokens;
    this.tokens = null;
    if (hadTokens && this.onSignedOut) this.onSignedOut();
  }

  /**
   * Signs out: the service revokes the refresh token, and this device forgets both tokens. The device forgets
   * them whatever the service answers (an older service without the operation answers 404; offline, nothing).
   */
  async signOut() {
    const tokens = this.tokens;
    this.tokens = null;
    if (!tokens) return;
    try {
      await fetch('/api/v1/auth/sign-out', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: tokens.refreshToken }),
      });
    } catch {
      // Offline: the refresh token expires on its own; it is gone from this device already.
    }
  }

  /** A fetch with the bearer token; one refresh and retry when the service says the token is no longer good. */
  async fetch(path, init = {}) {
    const tokens = this.tokens;
    if (!tokens) throw new ApiError(401, null);
    if (tokens.expiresAt - Date.now() < REFRESH_MARGIN_MS / 2) {
      await this.refresh().catch((error) => { if (!(error instanceof ApiError) || error.status === 401) throw error; });
    }
    const send = () => {
      const current = this.tokens;
      if (!current) throw new ApiError(401, null);
      return fetch(path, { ...init, headers: { ...(init.headers || {}), Authorization: 'Bearer ' + current.accessToken } });
    };
    let response = await send();
    if (response.status === 401) {
      await this.refresh();
      response = await send();
      if (response.status === 401) this.forget();
    }
    return response;
  }

  /** JSON in, JSON out; a problem document becomes an ApiError. Answers {status, data, etag}. */
  async call(method, path, data, headers = {}) {
    const init = { method, headers: { Accept: 'application/json', ...headers } };
    if (data !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(data);
    }
    const response = await this.fetch(path, init);
    const answer = await body(response);
    if (!response.ok) throw new ApiError(response.status, answer);
    return { status: response.status, data: answer, etag: response.headers.get('ETag') };
  }

  async get(path) {
    return (await this.call('GET', path)).data;
  }

  /** Every item of a keyset-paged list. */
  async all(path, limit = 500) {
    const items = [];
    let cursor = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page = await this.get(`${path}${sep}limit=${limit}${cursor ? '&cursor=' + encodeURIComponent(cursor) : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  /** Fetches a file (CSV, the HTML report) with the token, as a Blob. */
  async file(path, accept) {
    const response = await this.fetch(path, { headers: { Accept: accept } });
    if (!response.ok) throw new ApiError(response.status, await body(response));
    return { blob: await response.blob(), disposition: response.headers.get('Content-Disposition') };
  }
}

/** A version 4 UUID, also where crypto.randomUUID is missing (it needs a secure context). */
export function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Now as RFC 3339 with the device's offset, as the API wants times (it answers in UTC). */
export function localIsoNow(date = new Date()) {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:`
    + `${pad(date.getMinutes())}:${pad(date.getSeconds())}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}
