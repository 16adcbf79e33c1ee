/* Repairline web chat. Plain JavaScript: no framework, no build step.
 *
 * Talks to POST /api/chat. The conversation id is kept in localStorage so
 * the conversation carries on across visits. The transcript is kept in
 * sessionStorage so a reload of this tab shows it again.
 *
 * Message text is only ever set with textContent, never innerHTML, so a
 * message cannot inject markup or script. Line breaks ("\n") show because
 * bubbles use `white-space: pre-wrap` (see chat.css).
 */
(function () {
  'use strict';

  const API_URL = '/api/chat';
  const CONVERSATION_KEY = 'repairline.conversation'; // localStorage
  const TRANSCRIPT_KEY = 'repairline.transcript';     // sessionStorage
  const MAX_CHARS = 2000;       // same as maxlength on the textarea
  const COUNTER_FROM = 1800;    // show the counter from this many characters
  const TIMEOUT_MS = 45000;     // give up waiting for a reply after this
  const BOT_NAME = 'Brookfield Community Housing';
  // Keep in step with demo/landlord.yml (landlord.phone).
  const FALLBACK_TEXT =
    'Sorry, something went wrong — please try again. In an emergency ring ' +
    BOT_NAME + ' on 0306 999 0000. If you smell gas, ring the National Gas ' +
    'Emergency Service on 0800 111 999. If anyone is in danger, ring 999.';

  const form = document.getElementById('chat-form');
  const input = document.getElementById('message');
  const sendButton = document.getElementById('send');
  const newButton = document.getElementById('new-conversation');
  const log = document.getElementById('log');
  const empty = document.getElementById('empty');
  const typing = document.getElementById('typing');
  const counter = document.getElementById('char-count');
  const announcer = document.getElementById('char-announce');

  let transcript = [];     // [{from: 'you' | 'bot' | 'error', text: '...'}]
  let busy = false;        // a request is in flight
  let controller = null;   // AbortController for the request in flight
  let epoch = 0;           // bumped by "Start a new conversation"; stale replies are dropped
  let lastThreshold = null;

  // Storage can be blocked (private browsing, strict settings): the chat
  // must still work, it just will not remember anything.
  function storageGet(area, key) {
    try { return window[area].getItem(key); } catch (e) { return null; }
  }
  function storageSet(area, key, value) {
    try { window[area].setItem(key, value); } catch (e) { /* carry on */ }
  }
  function storageRemove(area, key) {
    try { window[area].removeItem(key); } catch (e) { /* carry on */ }
  }

  // Draw one message. `dir="auto"` lets Arabic or Urdu text run right to left.
  function render(entry) {
    const wrapper = document.createElement('div');
    wrapper.className = 'msg msg--' + entry.from;
    const who = document.createElement('p');
    who.className = 'who';
    who.textContent = entry.from === 'you' ? 'You' : BOT_NAME;
    const bubble = document.createElement('p');
    bubble.className = 'bubble';
    bubble.dir = 'auto';
    bubble.textContent = entry.text;
    wrapper.append(who, bubble);
    log.appendChild(wrapper);
    empty.hidden = true;
    log.scrollTop = log.scrollHeight;
  }

  function addMessage(from, text) {
    const entry = { from: from, text: String(text) };
    transcript.push(entry);
    storageSet('sessionStorage', TRANSCRIPT_KEY, JSON.stringify(transcript));
    render(entry);
  }

  // Pull the texts out of a `messages` array, ignoring anything malformed.
  function textsOf(messages) {
    if (!Array.isArray(messages)) return [];
    return messages
      .map(function (m) { return m && typeof m.text === 'string' ? m.text : ''; })
      .filter(function (t) { return t.trim() !== ''; });
  }

  function setBusy(on) {
    busy = on;
    sendButton.disabled = on;
    typing.textContent = on ? BOT_NAME + ' is typing…' : '';
  }

  async function send() {
    const text = input.value.trim();
    if (busy) return;
    if (text === '') { input.focus(); return; }

    const myEpoch = epoch;
    addMessage('you', text);
    input.value = '';
    updateCounter();
    setBusy(true);

    const body = { text: text };
    const conversationId = storageGet('localStorage', CONVERSATION_KEY);
    if (conversationId) body.conversation_id = conversationId;

    controller = new AbortController();
    const timer = setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    let replies = [];
    let failed = false;
    try {
      const response = await fetch(API_URL, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      const data = await response.json().catch(function () { return null; });
      if (response.ok && data) {
        if (typeof data.conversation_id === 'string' && data.conversation_id) {
          storageSet('localStorage', CONVERSATION_KEY, data.conversation_id);
        }
        replies = textsOf(data.messages);
      } else {
        // Error: show the messages if any, else the detail (when it is plain
        // text: FastAPI validation errors give a list), else the fallback.
        failed = true;
        replies = textsOf(data && data.messages);
        if (!replies.length && data && typeof data.detail === 'string' && data.detail.trim()) {
          replies = [data.detail];
        }
      }
    } catch (e) {
      failed = true; // network error, timeout or abort
    } finally {
      clearTimeout(timer);
    }

    if (myEpoch !== epoch) return; // the user started again meanwhile: drop this reply
    controller = null;
    if (failed && !replies.length) replies = [FALLBACK_TEXT];
    replies.forEach(function (t) { addMessage(failed ? 'error' : 'bot', t); });
    // Give the text back so "please try again" needs no retyping.
    if (failed && input.value === '') { input.value = text; updateCounter(); }
    setBusy(false);
    // Disabling the button can drop focus to <body>: put it back in the box,
    // unless the user has moved somewhere else on purpose.
    const active = document.activeElement;
    if (!active || active === document.body || active === sendButton) input.focus();
  }

  // Counter near the limit. The visible text updates on every key; the
  // screen reader announcement only when a threshold is crossed.
  function updateCounter() {
    const used = input.value.length;
    const left = Math.max(0, MAX_CHARS - used);
    counter.textContent = used >= COUNTER_FROM
      ? (left === 0 ? 'Character limit reached (2,000)' : left + ' characters left')
      : '';
    counter.classList.toggle('counter--limit', left === 0);
    const threshold = left === 0 ? 0 : left <= 100 ? 100 : left <= 200 ? 200 : null;
    if (threshold !== lastThreshold) {
      lastThreshold = threshold;
      announcer.textContent = threshold === null ? '' : counter.textContent;
    }
  }

  function startNewConversation() {
    epoch += 1;
    if (controller) controller.abort();
    controller = null;
    setBusy(false);
    storageRemove('localStorage', CONVERSATION_KEY);
    storageRemove('sessionStorage', TRANSCRIPT_KEY);
    transcript = [];
    log.querySelectorAll('.msg').forEach(function (el) { el.remove(); });
    empty.textContent = 'Your conversation will appear here.';
    empty.hidden = false;
    input.value = '';
    updateCounter();
    input.focus();
  }

  // Show this tab's earlier messages after a reload.
  function restore() {
    try {
      const saved = JSON.parse(storageGet('sessionStorage', TRANSCRIPT_KEY) || '[]');
      if (Array.isArray(saved)) {
        transcript = saved.filter(function (e) {
          return e && typeof e.text === 'string' && ['you', 'bot', 'error'].indexOf(e.from) !== -1;
        });
      }
    } catch (e) {
      transcript = [];
    }
    transcript.forEach(render);
    // New tab, but the conversation still goes on (id in localStorage).
    if (!transcript.length && storageGet('localStorage', CONVERSATION_KEY)) {
      empty.textContent = 'You have a conversation in progress. Carry on below, ' +
        'or start a new conversation.';
    }
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    send();
  });

  // Enter sends, Shift+Enter makes a new line. Leave Enter alone while an
  // input method (e.g. for Chinese or Japanese) is composing text.
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      send();
    }
  });

  input.addEventListener('input', updateCounter);
  newButton.addEventListener('click', startNewConversation);

  restore();
  updateCounter();
}());
