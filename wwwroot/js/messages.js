import { renderMarkdown } from './markdown.js';

const INTERRUPTED = 'interrupted';

const timeFormat = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' });

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * One message bubble. The user's own words are plain text; replies are markdown. `turn` is
 * "2 of 3" for a bot of a group; `retry` is the content to send again if the message failed.
 */
export function messageBubble(message, { turn, retry } = {}) {
  const isUser = message.sender_type === 'user';
  const item = element('article', `msg ${isUser ? 'user' : 'bot'}`);
  item.dataset.id = message.id;

  const who = element('div', 'who');
  who.append(element('strong', '', message.sender_name || (isUser ? 'You' : 'Assistant')));
  if (turn) who.append(element('span', 'turn', `turn ${turn}`));
  if (message.created_at) {
    const time = element('time', '', timeFormat.format(new Date(message.created_at)));
    time.dateTime = message.created_at;
    who.append(time);
  }
  item.append(who);

  const body = element('div', isUser ? 'text' : 'body');
  item.append(body);
  const bubble = {
    item,
    text: message.content ?? '',
    render() {
      if (isUser) body.textContent = this.text;
      else renderMarkdown(body, this.text);
    },
    /** Marks the message in words: "interrupted", or "failed: why"; with a Retry button. */
    mark(errorMessage, retryContent = retry) {
      item.querySelector('.status-line')?.remove();
      const line = element('div', 'status-line');
      line.append(element('span', 'status', errorMessage === INTERRUPTED ? INTERRUPTED : `failed: ${errorMessage}`));
      if (retryContent) {
        const button = element('button', 'secondary', 'Retry');
        button.type = 'button';
        button.dataset.retry = retryContent;
        line.append(button);
      }
      item.append(line);
    },
  };
  bubble.render();
  if (message.ai_error) bubble.mark(message.error_message || 'no reply', retry);
  return bubble;
}

/** A bubble that fills as chunks arrive, re-rendered at most once a frame. */
export function streamingBubble(start, { senderName, turn, retry }) {
  const bubble = messageBubble({ ...start, sender_name: senderName, content: '' }, { turn, retry });
  bubble.item.classList.add('streaming');
  bubble.item.setAttribute('aria-busy', 'true');
  let scheduled = false;
  const flush = () => { scheduled = false; bubble.render(); };
  return Object.assign(bubble, {
    append(chunk) {
      bubble.text += chunk;
      if (!scheduled) { scheduled = true; requestAnimationFrame(flush); }
    },
    end(content, errorMessage) {
      if (content !== undefined) bubble.text = content;
      bubble.render();
      bubble.item.classList.remove('streaming');
      bubble.item.removeAttribute('aria-busy');
      if (errorMessage) bubble.mark(errorMessage);
    },
  });
}

/** "Waiting for …" until the reply starts (scenarios can make that take a while). */
export function pendingBubble(what) {
  const item = element('article', 'msg bot pending');
  item.append(element('div', 'who', `Waiting for ${what}…`));
  return item;
}

export { INTERRUPTED };
