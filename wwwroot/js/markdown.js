import { Marked } from '../vendor/marked.esm.js';
import DOMPurify from '../vendor/purify.es.mjs';

const escapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => escapes[c]);

// HTML written inside a message is shown as the text it is, never as markup; DOMPurify then
// removes whatever markdown itself could smuggle in (javascript: links and the like).
const marked = new Marked({
  gfm: true,
  breaks: true,
  renderer: { html: ({ text }) => escapeHtml(text) },
});

export function renderMarkdown(element, source) {
  element.innerHTML = DOMPurify.sanitize(marked.parse(source));
}
