/**
 * Who the portal is talking to (`GET /api/session`) and the CSRF token its changes carry.
 * In `local` mode nobody logs in; in `oidc` mode the server set a session cookie at login and an
 * `XSRF-TOKEN` cookie whose value must come back as the `X-XSRF-TOKEN` header on every POST.
 */
export interface Session {
  mode: 'local' | 'oidc';
  authenticated: boolean;
  writer: boolean;
  name?: string;
  email?: string | null;
  /** The handle of the person whose email the login carries; null when the directory lacks it. */
  person?: string | null;
  logout?: string;
}

/** The header that proves a change comes from the portal's own pages; empty when there is no token. */
export function csrfHeaders(cookies: string = document.cookie): Record<string, string> {
  const token = cookies
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith('XSRF-TOKEN='));
  return token ? { 'X-XSRF-TOKEN': decodeURIComponent(token.slice('XSRF-TOKEN='.length)) } : {};
}

/**
 * fetch for the API: adds the CSRF header, and when the login has expired (401) opens the page
 * again, which sends the browser through the issuer's login and back.
 */
export async function apiFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  for (const [name, value] of Object.entries(csrfHeaders())) headers.set(name, value);
  const response = await fetch(input, { ...init, headers, credentials: 'same-origin' });
  if (response.status === 401 && sessionMode === 'oidc') window.location.reload();
  return response;
}

let sessionMode: Session['mode'] | undefined;

export async function fetchSession(): Promise<Session> {
  const response = await fetch('/api/session', { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`GET /api/session answered ${response.status}`);
  const session = (await response.json()) as Session;
  sessionMode = session.mode;
  return session;
}

/** Ends the appgraph session, then the issuer's (the server says where that is). */
export async function logOut(): Promise<void> {
  const response = await apiFetch('/logout', { method: 'POST', headers: { Accept: 'application/json' } });
  const next = response.ok ? ((await response.json()) as { next?: string }).next : undefined;
  window.location.assign(next ?? '/');
}
