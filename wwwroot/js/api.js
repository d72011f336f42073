// The public API, as any frontend calls it: JSON envelopes, a bearer token kept in
// localStorage, and the SSE reply read with fetch + ReadableStream (EventSource cannot POST).

const TOKEN_KEY = 'chatfake.token';

export const session = {
  get token() { return localStorage.getItem(TOKEN_KEY); },
  save(token) { localStorage.setItem(TOKEN_KEY, token); },
  clear() { localStorage.removeItem(TOKEN_KEY); },
};

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

let onSessionExpired = () => {};

/** Called when the server refuses the stored token (expired, or signed by another secret). */
export function whenSessionExpires(handler) { onSessionExpired = handler; }

function headersFor(scenario, hasBody) {
  const headers = hasBody ? { 'Content-Type': 'application/json' } : {};
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  if (scenario) headers['X-Fake-Scenario'] = scenario;
  return headers;
}

async function failure(response) {
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    if (body.error) message = body.error;
    const fields = body.errors && Object.values(body.errors).flat();
    if (fields?.length && !message.includes(fields[0])) message += `: ${fields.join(' ')}`;
  } catch { /* a body that is not the envelope keeps the status line */ }
  const retryAfter = response.headers.get('Retry-After');
  if (retryAfter) message += ` (retry after ${retryAfter} s)`;
  const error = new ApiError(response.status, message);
  // A 401 with a token is the token refused; without one (logging in) it is the credentials.
  error.sessionExpired = response.status === 401 && Boolean(session.token);
  if (error.sessionExpired) onSessionExpired();
  return error;
}

/**
 * One JSON request. Resolves to { status, body } for 2xx (a 202 is a message saved whose
 * reply failed: body.success is false and body.error says why); rejects with ApiError otherwise.
 */
export async function request(method, path, { body, scenario, signal } = {}) {
  const response = await fetch(path, {
    method,
    headers: headersFor(scenario, body !== undefined),
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  if (!response.ok) throw await failure(response);
  return { status: response.status, body: await response.json() };
}

/**
 * Posts a message to a .../messages/stream route and calls onEvent(event, payload) for every
 * frame as it arrives (event is "message", "error" or "done"). Aborting the signal closes the
 * connection: the server then stores the partial reply as interrupted.
 */
export async function stream(path, content, { scenario, signal, onEvent }) {
  const response = await fetch(path, {
    method: 'POST',
    headers: headersFor(scenario, true),
    body: JSON.stringify({ content }),
    signal,
  });
  if (!response.ok) throw await failure(response); // checks fail before the stream starts, as JSON
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) { // a frame ends with a blank line
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      let data = '';
      for (const line of frame.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      if (data) onEvent(event, JSON.parse(data));
    }
  }
}
