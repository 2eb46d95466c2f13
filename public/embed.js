/*! Sportello embed 0.1.0 | MIT | docs/embed.md
 * Hand-written ES2017, no build step: a floating "talk to a human" button that opens the
 * Sportello customer chat in a popup or an in-page panel. Nothing of the chat loads
 * until the visitor (or window.Sportello.open) asks for it. */
(function () {
  'use strict';
  if (window.Sportello && window.Sportello.version) return; // snippet pasted twice

  var VERSION = '0.1.0';
  // Query strings past ~8 KB get refused by some proxies; this keeps the URL well under.
  var MAX_QUESTION = 1500;
  var POPUP_FEATURES = 'width=400,height=600,scrollbars=no,resizable=no';
  // Only ASCII in this file: host pages without <meta charset> would decode raw UTF-8
  // in a script served without a charset as windows-1252 and show mojibake.
  var TEXT = {
    it: { label: '\uD83D\uDCAC Parla con un operatore', name: 'Apri la chat con un operatore', close: 'Chiudi la chat', title: 'Chat con un operatore' },
    en: { label: '\uD83D\uDCAC Talk to an agent', name: 'Open the chat with an agent', close: 'Close the chat', title: 'Chat with an agent' }
  };

  // currentScript is null for module scripts; fall back to the last matching tag.
  var script = document.currentScript || lastScript();
  if (!script || !script.src) {
    if (window.console) console.warn('[sportello] embed.js: cannot find its own <script src>, giving up');
    return;
  }
  var ds = script.dataset;
  var origin = new URL(script.src, location.href).origin;
  var lang = ds.lang === 'en' || ds.lang === 'it' ? ds.lang : /^en\b/i.test(document.documentElement.lang) ? 'en' : 'it';
  var t = TEXT[lang];
  var color = ds.color || '#2563eb';
  var side = ds.position === 'left' ? 'left' : 'right';
  var defaultMode = ds.mode === 'panel' ? 'panel' : 'popup';
  var state = { email: ds.email || '', token: ds.token || '', question: '' };
  var host, root, button, panel, frame, frameIdentity, popup, lastFocus;

  function lastScript() {
    var all = document.querySelectorAll('script[src*="embed.js"]');
    return all[all.length - 1] || null;
  }

  /* ---------------------------------------------------------------- styles */

  // Black or white text, whichever contrasts more with the brand colour (WCAG luminance).
  function textOn(c) {
    var m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c);
    if (!m) return '#fff';
    var hex = m[1].length === 3 ? m[1].replace(/./g, '$&$&') : m[1];
    var l = [0, 2, 4].map(function (i) {
      var v = parseInt(hex.substr(i, 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2] > 0.179 ? '#111' : '#fff';
  }

  // The brand colour travels as a custom property set through the CSSOM, so a hostile
  // data-color can never break out of the stylesheet; an invalid one is simply ignored.
  var FONT = 'font:600 15px/1.2 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;';
  var RING = 'outline:2px solid transparent;box-shadow:0 0 0 2px #fff,0 0 0 5px #111;';
  var CSS_TEXT =
    ':host{all:initial}' +
    '.sp-b{position:fixed;bottom:20px;' + side + ':20px;z-index:2147483646;margin:0;padding:12px 18px;border:0;' +
    'border-radius:999px;background:#2563eb;background:var(--sp-c);color:var(--sp-t);' + FONT +
    'box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer}' +
    '.sp-b:hover{filter:brightness(1.08)}' +
    '.sp-b:focus-visible,.sp-x:focus-visible{' + RING + '}' +
    '.sp-p{position:fixed;bottom:84px;' + side + ':20px;z-index:2147483647;width:400px;height:600px;' +
    'max-height:calc(100vh - 104px);display:flex;flex-direction:column;background:#fff;border-radius:12px;' +
    'box-shadow:0 10px 40px rgba(0,0,0,.3);overflow:hidden}' +
    '.sp-p[hidden]{display:none}' +
    '.sp-h{display:flex;align-items:center;justify-content:space-between;padding:6px 6px 6px 14px;' +
    'background:#2563eb;background:var(--sp-c);color:var(--sp-t);' + FONT + '}' +
    '.sp-x{width:40px;height:40px;margin:0;padding:0;border:0;border-radius:8px;background:transparent;' +
    'color:inherit;font:400 26px/1 Arial,sans-serif;cursor:pointer}' +
    '.sp-f{flex:1;width:100%;border:0;display:block}' +
    '@media (max-width:480px){.sp-p{top:0;bottom:0;left:0;right:0;width:auto;height:auto;max-height:none;border-radius:0}}' +
    '@media print{.sp-b,.sp-p{display:none}}';

  /* ------------------------------------------------------------------- DOM */

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  // Shadow DOM keeps host-page CSS out; browsers without it get the prefixed classes.
  function ensureRoot() {
    if (root) return root;
    host = el('div', { 'data-sportello': VERSION });
    host.style.setProperty('--sp-c', color);
    host.style.setProperty('--sp-t', textOn(color));
    root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
    root.appendChild(el('style', {}, CSS_TEXT));
    document.body.appendChild(host);
    return root;
  }

  // The accessible name must contain the visible words (WCAG 2.5.3) but not the emoji.
  function spokenLabel(label) {
    var words = label.replace(/[\uD800-\uDFFF\u2190-\u2BFF]|\uFE0F|\u200D/g, '').trim();
    return words || t.name;
  }

  function renderButton() {
    var label = ds.label || t.label;
    button = el('button', { type: 'button', class: 'sp-b', 'aria-label': spokenLabel(label) }, label);
    button.addEventListener('click', function () { open(); });
    ensureRoot().appendChild(button);
  }

  function buildPanel() {
    panel = el('div', { class: 'sp-p', role: 'dialog', 'aria-label': t.title, id: 'sportello-panel', hidden: '' });
    var header = el('div', { class: 'sp-h' });
    var closeButton = el('button', { type: 'button', class: 'sp-x', 'aria-label': t.close }, '\u00D7');
    closeButton.addEventListener('click', close);
    header.appendChild(el('span', {}, t.title));
    header.appendChild(closeButton);
    panel.appendChild(header);
    ensureRoot().appendChild(panel);
    if (button) button.setAttribute('aria-controls', 'sportello-panel');
  }

  /* ------------------------------------------------------------------ chat */

  function chatUrl() {
    var q = new URLSearchParams();
    if (state.email) q.set('email', state.email);
    if (state.question) q.set('question', state.question);
    q.set('lang', lang);
    if (state.token) q.set('token', state.token);
    q.set('embed', '1');
    return origin + '/admin/customer-chat.html?' + q.toString();
  }

  function identityKey() {
    return state.email + '\n' + state.token;
  }

  function openPopup() {
    if (popup && !popup.closed) {
      popup.focus();
      return true;
    }
    try {
      popup = window.open(chatUrl(), 'sportello-chat', POPUP_FEATURES);
    } catch (e) {
      popup = null;
    }
    return !!popup && !popup.closed;
  }

  function openPanel() {
    if (!panel) buildPanel();
    // The iframe is created on first open, and again only if the visitor's identity changed,
    // so closing and reopening the panel keeps the conversation on screen.
    if (!frame || frameIdentity !== identityKey()) {
      if (frame) panel.removeChild(frame);
      frame = el('iframe', { class: 'sp-f', title: t.title, src: chatUrl() });
      frameIdentity = identityKey();
      panel.appendChild(frame);
    }
    // Focus inside our shadow root shows up as the host element; remember the real one.
    if (panel.hidden) lastFocus = document.activeElement === host ? root.activeElement : document.activeElement;
    panel.hidden = false;
    if (button) button.setAttribute('aria-expanded', 'true');
    panel.querySelector('.sp-x').focus();
  }

  function open(opts) {
    if (!opts || typeof opts !== 'object') opts = {};
    if ('email' in opts || 'token' in opts) setIdentity(opts);
    if ('question' in opts) setLastQuestion(opts.question);
    var mode = opts.mode === 'panel' || opts.mode === 'popup' ? opts.mode : defaultMode;
    if (!document.body) return null; // too early: the page has no <body> yet
    if (mode === 'popup' && openPopup()) return 'popup';
    openPanel(); // panel mode, or the popup was blocked
    return 'panel';
  }

  function close() {
    if (popup && !popup.closed) popup.close();
    popup = null;
    if (!panel || panel.hidden) return;
    panel.hidden = true;
    if (button) button.setAttribute('aria-expanded', 'false');
    var target = lastFocus && lastFocus !== document.body && lastFocus.focus ? lastFocus : button;
    if (target) target.focus();
  }

  function setIdentity(identity) {
    if (!identity || typeof identity !== 'object') return;
    if ('email' in identity) state.email = identity.email ? String(identity.email) : '';
    if ('token' in identity) state.token = identity.token ? String(identity.token) : '';
  }

  function setLastQuestion(text) {
    state.question = text ? String(text).trim().slice(0, MAX_QUESTION) : '';
  }

  /* ------------------------------------------------------------------ wiring */

  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && panel && !panel.hidden) close();
  });

  // Keys pressed inside the cross-origin iframe never reach this page, so the chat page
  // asks to be closed with postMessage({type: 'sportello:close'}) instead.
  window.addEventListener('message', function (e) {
    if (e.origin === origin && e.data && e.data.type === 'sportello:close') close();
  });

  function start() {
    if (ds.button !== 'none') renderButton();
  }

  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);

  window.Sportello = {
    version: VERSION,
    open: open,
    close: close,
    setIdentity: setIdentity,
    setLastQuestion: setLastQuestion
  };
})();
