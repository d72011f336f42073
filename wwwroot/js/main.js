import { request, session, stream, whenSessionExpires } from './api.js';
import { INTERRUPTED, messageBubble, pendingBubble, streamingBubble } from './messages.js';
import { SCENARIOS } from './scenarios.js';

const $ = (id) => document.getElementById(id);
const PAGE = { conversations: 20, groups: 20, messages: 50 };

const state = {
  models: [],
  bots: [],
  thread: null, // { kind: 'conversation' | 'group', data }
  earliestPage: 1,
  conversations: { page: 0, totalPages: 0, tag: '' },
  groups: { page: 0, totalPages: 0 },
  running: null, // the AbortController of the reply being waited for
  loading: false, // a thread is being opened
};

// ---- feedback -------------------------------------------------------------------------

function showAlert(message) { $('alert').textContent = message; }
function clearAlert() { $('alert').textContent = ''; }

/** Runs an action of the UI; a failure the server explains is shown to the user. */
async function attempt(action) {
  try {
    return await action();
  } catch (error) {
    if (error.name !== 'AbortError' && !error.sessionExpired) showAlert(error.message);
    return undefined;
  }
}

// ---- login ----------------------------------------------------------------------------

function showLogin(message = '') {
  stopRunning();
  state.thread = null;
  $('chat-view').hidden = true;
  $('logout').hidden = true;
  $('whoami').hidden = true;
  $('login-view').hidden = false;
  $('password').value = '';
  showAlert(message);
  $('email').focus();
}

whenSessionExpires(() => {
  session.clear();
  showLogin('Your session has expired: log in again.');
});

async function authenticate(path, body) {
  clearAlert();
  await attempt(async () => {
    const { body: envelope } = await request('POST', path, { body });
    session.save(envelope.data.token);
    await showChat(envelope.data.user);
  });
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  authenticate('/api/auth/login', { email: $('email').value.trim(), password: $('password').value });
});

$('register').addEventListener('click', () => authenticate('/api/auth/register', {
  username: $('username').value.trim(),
  email: $('email').value.trim(),
  password: $('password').value,
}));

$('logout').addEventListener('click', () => {
  session.clear();
  history.replaceState(null, '', location.pathname);
  showLogin();
});

// ---- the chat view --------------------------------------------------------------------

async function showChat(user) {
  $('login-view').hidden = true;
  $('chat-view').hidden = false;
  $('logout').hidden = false;
  $('whoami').hidden = false;
  $('whoami').textContent = `Signed in as ${user.username}`;
  const [models, bots] = await Promise.all([request('GET', '/api/models'), request('GET', '/api/bots')]);
  state.models = models.body.data;
  state.bots = bots.body.data;
  $('model').replaceChildren(...state.models.map((m) => new Option(`${m.name} (${m.provider})`, m.id)));
  $('bot-choices').replaceChildren(...state.bots.map(botChoice));
  await Promise.all([loadTags(), loadConversations(), loadGroups()]);
  await openFromLocation();
}

function botChoice(bot) {
  const label = document.createElement('label');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.value = bot.id;
  label.append(box, ` ${bot.name}`);
  const note = document.createElement('span');
  note.className = 'bot-note';
  note.textContent = ` ${bot.personality}`;
  const wrapper = document.createElement('div');
  wrapper.append(label, note);
  return wrapper;
}

function threadLink(kind, item, meta) {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = `#${kind}/${item.id}`;
  a.dataset.id = item.id;
  a.append(kind === 'group' ? item.name : item.title);
  const detail = document.createElement('span');
  detail.className = 'meta';
  detail.textContent = meta;
  a.append(detail);
  li.append(a);
  return li;
}

const conversationMeta = (c) => [c.model_id, ...c.tags.map((t) => `#${t}`)].join(' · ');
const groupMeta = (g) => g.bots.map((b) => b.name).join(', ');

function markCurrent() {
  for (const a of document.querySelectorAll('.threads a')) {
    const current = state.thread && a.getAttribute('href') === `#${state.thread.kind}/${state.thread.data.id}`;
    if (current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function loadConversations({ more = false } = {}) {
  const list = state.conversations;
  const page = more ? list.page + 1 : 1;
  const tag = list.tag ? `&tag=${encodeURIComponent(list.tag)}` : '';
  const { body } = await request('GET', `/api/conversations?page=${page}&limit=${PAGE.conversations}${tag}`);
  const items = body.data.map((c) => threadLink('conversation', c, conversationMeta(c)));
  if (more) $('conversation-list').append(...items);
  else $('conversation-list').replaceChildren(...items);
  list.page = page;
  list.totalPages = body.pagination.totalPages;
  $('more-conversations').hidden = page >= list.totalPages;
  markCurrent();
}

async function loadGroups({ more = false } = {}) {
  const list = state.groups;
  const page = more ? list.page + 1 : 1;
  const { body } = await request('GET', `/api/group-conversations?page=${page}&limit=${PAGE.groups}`);
  const items = body.data.map((g) => threadLink('group', g, groupMeta(g)));
  if (more) $('group-list').append(...items);
  else $('group-list').replaceChildren(...items);
  list.page = page;
  list.totalPages = body.pagination.totalPages;
  $('more-groups').hidden = page >= list.totalPages;
  markCurrent();
}

async function loadTags() {
  const { body } = await request('GET', '/api/tags');
  const filter = $('tag-filter');
  const chosen = state.conversations.tag;
  filter.replaceChildren(new Option('All tags', ''),
    ...body.data.map((t) => new Option(`${t.tag} (${t.count})`, t.tag)));
  filter.value = body.data.some((t) => t.tag === chosen) ? chosen : '';
  state.conversations.tag = filter.value;
}

/** The newest thread first, as the server orders them, after a change to one of them. */
function refreshLists() {
  return attempt(() => (state.thread?.kind === 'group' ? loadGroups() : loadConversations()));
}

$('more-conversations').addEventListener('click', () => attempt(() => loadConversations({ more: true })));
$('more-groups').addEventListener('click', () => attempt(() => loadGroups({ more: true })));
$('tag-filter').addEventListener('change', () => {
  state.conversations.tag = $('tag-filter').value;
  attempt(() => loadConversations());
});

$('new-conversation').addEventListener('click', () => attempt(async () => {
  clearAlert();
  const { body } = await request('POST', '/api/conversations', { body: {} });
  $('conversation-list').prepend(threadLink('conversation', body.data, conversationMeta(body.data)));
  location.hash = `conversation/${body.data.id}`;
}));

// ---- groups ---------------------------------------------------------------------------

$('new-group').addEventListener('click', () => {
  $('group-form').reset();
  $('group-dialog').showModal();
  $('group-name').focus();
});
$('cancel-group').addEventListener('click', () => $('group-dialog').close());

$('group-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const name = $('group-name').value.trim();
  const boxes = [...$('bot-choices').querySelectorAll('input')];
  const botIds = boxes.filter((b) => b.checked).map((b) => b.value);
  $('group-name').setCustomValidity(name ? '' : 'Give the group a name.');
  boxes[0]?.setCustomValidity(botIds.length ? '' : 'Pick at least one bot.');
  if (!$('group-form').reportValidity()) return;
  attempt(async () => {
    const { body } = await request('POST', '/api/group-conversations', { body: { name, botIds } });
    $('group-dialog').close();
    $('group-list').prepend(threadLink('group', body.data, groupMeta(body.data)));
    location.hash = `group/${body.data.id}`;
  });
});
$('bot-choices').addEventListener('change', () => $('bot-choices').querySelector('input')?.setCustomValidity(''));
$('group-name').addEventListener('input', () => $('group-name').setCustomValidity(''));

// ---- one thread -----------------------------------------------------------------------

function threadPath() {
  const { kind, data } = state.thread;
  return kind === 'group' ? `/api/group-conversations/${data.id}` : `/api/conversations/${data.id}`;
}

async function openFromLocation() {
  const match = /^#(conversation|group)\/(.+)$/.exec(location.hash);
  stopRunning();
  state.thread = null;
  $('thread-view').hidden = true;
  $('empty-thread').hidden = false;
  markCurrent();
  if (!match) return;
  const [, kind, id] = match;
  state.loading = true; // a reply sent now would land in the history about to be replaced
  updateComposer();
  await attempt(async () => {
    const path = kind === 'group' ? `/api/group-conversations/${id}` : `/api/conversations/${id}`;
    const { body } = await request('GET', path);
    state.thread = { kind, data: body.data };
    showThreadHeader();
    markCurrent();
    await loadHistory();
  });
  state.loading = false;
  updateComposer();
  if (state.thread) $('message').focus();
}

window.addEventListener('hashchange', () => { clearAlert(); openFromLocation(); });

function showThreadHeader() {
  const { kind, data } = state.thread;
  $('empty-thread').hidden = true;
  $('thread-view').hidden = false;
  $('thread-title').textContent = kind === 'group' ? data.name : data.title;
  $('conversation-settings').hidden = kind === 'group';
  $('thread-bots').hidden = kind !== 'group';
  if (kind === 'group') {
    $('thread-bots').textContent = `Bots, answering in this order: ${groupMeta(data)}`;
  } else {
    $('title').value = data.title;
    $('tags').value = data.tags.join(', ');
    $('model').value = data.model_id;
  }
}

function updateConversation(conversation) {
  state.thread.data = conversation;
  showThreadHeader();
  const link = document.querySelector(`#conversation-list a[data-id="${conversation.id}"]`);
  link?.parentElement.replaceWith(threadLink('conversation', conversation, conversationMeta(conversation)));
  markCurrent();
}

async function loadHistory() {
  const path = `${threadPath()}/messages`;
  const first = await request('GET', `${path}?page=1&limit=${PAGE.messages}`);
  const last = first.body.pagination.totalPages;
  const page = last > 1 ? await request('GET', `${path}?page=${last}&limit=${PAGE.messages}`) : first;
  state.earliestPage = Math.max(last, 1);
  $('messages').replaceChildren(...bubblesOf(page.body.data));
  $('earlier-messages').hidden = state.earliestPage <= 1;
  scrollToEnd(true);
}

$('earlier-messages').addEventListener('click', () => attempt(async () => {
  const page = state.earliestPage - 1;
  const { body } = await request('GET', `${threadPath()}/messages?page=${page}&limit=${PAGE.messages}`);
  $('messages').prepend(...bubblesOf(body.data));
  state.earliestPage = page;
  $('earlier-messages').hidden = page <= 1;
}));

/** Bubbles for stored messages: a bot's turn counts from the user message it answers. */
function bubblesOf(messages) {
  const bots = state.thread.kind === 'group' ? state.thread.data.bots.length : 0;
  let turn = 0;
  let asked = '';
  return messages.map((message) => {
    if (message.sender_type === 'user') {
      turn = 0;
      asked = message.content;
      return messageBubble(message, { retry: message.content }).item;
    }
    turn += 1;
    return messageBubble(message, { turn: bots ? `${turn} of ${bots}` : undefined, retry: asked }).item;
  });
}

function scrollToEnd(always = false) {
  const log = $('messages');
  if (always || log.scrollHeight - log.scrollTop - log.clientHeight < 120) log.scrollTop = log.scrollHeight;
}

function append(item) {
  $('messages').append(item);
  scrollToEnd();
}

// ---- settings of a conversation --------------------------------------------------------

$('rename-form').addEventListener('submit', (event) => {
  event.preventDefault();
  attempt(async () => {
    const { body } = await request('PATCH', threadPath(), { body: { title: $('title').value } });
    updateConversation(body.data);
    await loadConversations();
  });
});

$('tags-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const tags = $('tags').value.split(',').map((t) => t.trim()).filter(Boolean);
  attempt(async () => {
    const { body } = await request('PATCH', `${threadPath()}/tags`, { body: { tags } });
    updateConversation(body.data);
    await loadTags();
    await loadConversations();
  });
});

$('model').addEventListener('change', () => {
  const modelId = $('model').value;
  attempt(async () => {
    try {
      await request('PUT', `${threadPath()}/model`, { body: { modelId } });
    } catch (error) {
      $('model').value = state.thread.data.model_id;
      throw error;
    }
    updateConversation({ ...state.thread.data, model_id: modelId });
  });
});

$('delete-thread').addEventListener('click', () => {
  const { kind, data } = state.thread;
  const name = kind === 'group' ? data.name : data.title;
  if (!confirm(`Delete “${name}” and all its messages?`)) return;
  attempt(async () => {
    await request('DELETE', threadPath());
    state.thread = null;
    location.hash = '';
    await (kind === 'group' ? loadGroups() : Promise.all([loadConversations(), loadTags()]));
  });
});

// ---- composer -------------------------------------------------------------------------

$('scenario').replaceChildren(...SCENARIOS.map((s) => new Option(s.label, s.value)));
const scenarioHint = document.createElement('span');
scenarioHint.id = 'scenario-hint';
scenarioHint.className = 'hint';
$('scenario').setAttribute('aria-describedby', scenarioHint.id);
$('scenario').after(scenarioHint);
const describeScenario = () => {
  scenarioHint.textContent = SCENARIOS.find((s) => s.value === $('scenario').value)?.hint ?? '';
};
$('scenario').addEventListener('change', describeScenario);
describeScenario();

$('message').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $('composer').requestSubmit();
  }
});

$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const content = $('message').value.trim();
  if (!content || $('send').disabled || !state.thread) return;
  send(content);
});

$('messages').addEventListener('click', (event) => {
  const retry = event.target.closest('button[data-retry]');
  if (retry && !$('send').disabled) send(retry.dataset.retry);
});

$('stop').addEventListener('click', stopRunning);

function stopRunning() { state.running?.abort(); }

function updateComposer() {
  $('send').disabled = Boolean(state.running || state.loading);
  $('stop').disabled = !state.running;
  if (state.running) $('messages').setAttribute('aria-busy', 'true');
  else $('messages').removeAttribute('aria-busy');
}

function setRunning(controller) {
  state.running = controller;
  updateComposer();
}

async function send(content) {
  clearAlert();
  const controller = new AbortController();
  setRunning(controller);
  $('message').value = '';
  const options = { scenario: $('scenario').value, signal: controller.signal };
  try {
    if ($('stream').checked) await streamReply(content, options);
    else await postReply(content, options);
  } catch (error) {
    if (error.name !== 'AbortError' && !error.sessionExpired) {
      if (!$('message').value) $('message').value = content; // nothing was sent: keep what was typed
      showAlert(error.message);
    }
  } finally {
    if (state.running === controller) setRunning(null);
  }
  if (state.thread) await refreshLists();
}

/** The reply as it streams: one bubble per AI or bot message, filled chunk by chunk. */
async function streamReply(content, options) {
  const thread = state.thread;
  const bots = thread.kind === 'group' ? thread.data.bots : [];
  const model = state.models.find((m) => m.id === thread.data.model_id);
  let user = null;
  let pending = null;
  let current = null;
  let turn = 0;
  const waitFor = () => {
    pending = pendingBubble(bots.length ? bots[turn].name : (model?.name ?? 'the model'));
    append(pending);
  };
  try {
    await stream(`${threadPath()}/messages/stream`, content, {
      ...options,
      onEvent(event, payload) {
        if (event === 'error') {
          pending?.remove();
          current?.end(undefined, payload.message);
          current = null;
          user?.mark(payload.message);
          showAlert(`The reply failed: ${payload.message}`);
          return;
        }
        if (event !== 'message') return;
        const { type, data } = payload;
        if (type === 'userMessage') {
          user = messageBubble(data, { retry: data.content });
          append(user.item);
          waitFor();
        } else if (type === 'aiMessageStart') {
          pending?.remove();
          turn += 1;
          current = streamingBubble(data, {
            senderName: data.sender_name ?? model?.name ?? thread.data.model_id,
            turn: bots.length ? `${turn} of ${bots.length}` : undefined,
            retry: content,
          });
          append(current.item);
        } else if (type === 'aiMessageChunk') {
          current.append(data.content);
          scrollToEnd();
        } else if (type === 'aiMessageEnd') {
          current.end(data.content);
          current = null;
          if (turn < bots.length) waitFor();
          else pending = null;
        }
      },
    });
  } catch (error) {
    if (error.name === 'AbortError') {
      // What the server stores for a reply cut short (docs/API.md): the partial reply, or the
      // user message when no reply had started.
      pending?.remove();
      if (current?.text) {
        current.end(undefined, INTERRUPTED);
      } else {
        current?.item.remove();
        user?.mark(INTERRUPTED);
      }
    }
    throw error;
  } finally {
    pending?.remove();
  }
}

/** Without streaming: 201 with the replies, or 202 when the message was saved but the AI failed. */
async function postReply(content, options) {
  const thread = state.thread;
  const bots = thread.kind === 'group' ? thread.data.bots.length : 0;
  const pending = pendingBubble('the reply');
  append(pending);
  try {
    const { status, body } = await request('POST', `${threadPath()}/messages`, { ...options, body: { content } });
    const { userMessage } = body.data;
    const replies = body.data.botMessages ?? (body.data.aiMessage ? [body.data.aiMessage] : []);
    append(messageBubble(userMessage, { retry: content }).item);
    replies.forEach((reply, i) => append(messageBubble(reply, {
      turn: bots ? `${i + 1} of ${bots}` : undefined, retry: content,
    }).item));
    if (status === 202) showAlert(`The reply failed: ${body.error}`);
  } finally {
    pending.remove();
  }
}

// ---- start ----------------------------------------------------------------------------

async function start() {
  if (!session.token) { showLogin(); return; }
  try {
    const { body } = await request('GET', '/api/auth/me');
    await showChat(body.data);
  } catch (error) {
    if (!error.sessionExpired) showLogin(error.message);
  }
}

start();
