// The console's only script, served as /console/assets/console.js. Plain ES2020, no dependencies: card
// buttons call the JSON API with the session's CSRF token, the editor lints as you type, and server-sent
// events refresh the cards that changed. Kept as a string so the compiled service ships it without a copy step.

export const CONSOLE_JS = String.raw`'use strict';
(function () {
  var meta = function (name) { var m = document.querySelector('meta[name="' + name + '"]'); return m ? m.getAttribute('content') : ''; };
  var csrf = meta('csrf-token');
  var lang = meta('ui-language') || 'en';
  var zh = lang === 'zh-CN';
  var L = {
    send: zh ? '发送回复' : 'Send reply', cancel: zh ? '取消' : 'Cancel', via: zh ? '发送方式' : 'Send via',
    ok: zh ? '未发现合规问题。' : 'No compliance findings.', block: zh ? '禁止发送' : 'Blocks sending', warn: zh ? '警告' : 'Warning',
    confirmWarn: zh ? '回复存在警告，仍要发送吗？' : 'The reply has warnings. Send anyway?',
    reason: zh ? '升级原因？' : 'Why escalate?', rejectReason: zh ? '驳回原因？' : 'Why reject?',
    queued: zh ? '已排队发送' : 'Reply queued', waiting: zh ? '等待主管审批' : 'Waiting for a manager\'s approval',
    failed: zh ? '操作失败' : 'Failed'
  };

  function commandId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function api(path, body) {
    return fetch(path, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, accept: 'application/json' },
      body: JSON.stringify(body || {})
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) { return { ok: res.ok, status: res.status, data: data }; });
    });
  }

  function say(card, text, isError) {
    var box = card.querySelector('.card-message');
    if (!box) return;
    box.textContent = text || '';
    box.className = 'card-message' + (isError ? ' error' : '');
  }

  function messageOf(result) {
    var d = result.data || {};
    if (d.note && d.note[zh ? 'zh' : 'en']) return d.note[zh ? 'zh' : 'en'];
    return d.message || (L.failed + ' (' + result.status + ')');
  }

  // keepNote: the refresh right after an action keeps its result line; a live update replaces the card whole.
  function refreshCard(id, keepNote) {
    var card = document.getElementById('card-' + id);
    var link = card && card.closest('.detail') ? '0' : '1';
    return fetch('/console/api/conversations/' + id + '/card?link=' + link, { credentials: 'same-origin' }).then(function (res) {
      if (!res.ok) return;
      return res.text().then(function (markup) {
        var holder = document.createElement('div');
        holder.innerHTML = markup;
        var fresh = holder.firstElementChild;
        var current = document.getElementById('card-' + id);
        if (!fresh) return;
        if (current) {
          var editor = current.querySelector('.editor');
          if (editor && !editor.hidden) return; // never wipe a reply being written
          var note = current.querySelector('.card-message');
          current.replaceWith(fresh);
          if (keepNote && note && note.textContent) say(fresh, note.textContent, note.classList.contains('error'));
        } else if (document.body.dataset.live === 'list' && !location.search.replace(/[?&]lang=[^&]*/, '')) {
          var list = document.getElementById('cards');
          if (list) { var empty = list.querySelector('.empty'); if (empty) empty.remove(); list.prepend(fresh); }
        }
      });
    });
  }

  function renderFindings(target, findings) {
    target.textContent = '';
    if (!findings.length) { var p = document.createElement('p'); p.className = 'lint-ok'; p.textContent = L.ok; target.appendChild(p); return; }
    var ul = document.createElement('ul'); ul.className = 'findings';
    findings.forEach(function (f) {
      var li = document.createElement('li'); li.className = 'finding ' + f.severity; li.dataset.rule = f.ruleId;
      var strong = document.createElement('strong'); strong.textContent = f.severity === 'block' ? L.block : L.warn;
      li.appendChild(strong); li.appendChild(document.createTextNode(' ' + (zh ? f.message_zh : f.message_en)));
      ul.appendChild(li);
    });
    target.appendChild(ul);
  }

  function openEditor(card, prepared) {
    var editor = card.querySelector('.editor');
    editor.textContent = '';
    editor.hidden = false;
    editor.dataset.templateId = prepared.templateId || '';
    var area = document.createElement('textarea');
    area.className = 'reply-text'; area.rows = 10; area.value = prepared.text || '';
    area.setAttribute('aria-label', L.send);
    var pathLabel = document.createElement('label'); pathLabel.textContent = L.via + ' ';
    var path = document.createElement('select'); path.className = 'reply-path';
    (prepared.availablePaths && prepared.availablePaths.length ? prepared.availablePaths : [prepared.path]).forEach(function (p) {
      var o = document.createElement('option'); o.value = p; o.textContent = p; if (p === prepared.path) o.selected = true; path.appendChild(o);
    });
    pathLabel.appendChild(path);
    var findings = document.createElement('div'); findings.className = 'lint';
    var send = document.createElement('button'); send.type = 'button'; send.className = 'btn primary editor-send'; send.textContent = L.send;
    var cancel = document.createElement('button'); cancel.type = 'button'; cancel.className = 'btn editor-cancel'; cancel.textContent = L.cancel;
    var buttons = document.createElement('p'); buttons.className = 'actions'; buttons.appendChild(send); buttons.appendChild(cancel);
    [area, pathLabel, findings, buttons].forEach(function (el) { editor.appendChild(el); });
    renderFindings(findings, prepared.findings || []);
    send.disabled = prepared.sendable === false;
    var timer = null;
    var lint = function () {
      api('/console/api/lint', { conversationId: card.dataset.id, text: area.value, path: path.value, templateId: editor.dataset.templateId || undefined }).then(function (r) {
        if (!r.ok) { say(card, messageOf(r), true); return; }
        renderFindings(findings, r.data.findings); send.disabled = !r.data.sendable;
      });
    };
    area.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(lint, 300); });
    path.addEventListener('change', lint);
    cancel.addEventListener('click', function () { editor.hidden = true; editor.textContent = ''; refreshCard(card.dataset.id, false); });
    send.addEventListener('click', function () { sendReply(card, area.value, path.value, editor.dataset.templateId, commandId(), false); });
    area.focus();
  }

  function sendReply(card, text, path, templateId, id, confirmed) {
    var body = { text: text, path: path, commandId: id, confirmWarnings: confirmed };
    if (templateId) body.templateId = templateId;
    api('/console/api/conversations/' + card.dataset.id + '/send', body).then(function (r) {
      if (r.status === 409 && r.data.error === 'NEEDS_CONFIRMATION') {
        if (window.confirm(L.confirmWarn)) sendReply(card, text, path, templateId, id, true);
        return;
      }
      if (!r.ok) { say(card, messageOf(r), true); if (r.data.findings) renderFindings(card.querySelector('.lint'), r.data.findings); return; }
      var editor = card.querySelector('.editor'); editor.hidden = true; editor.textContent = '';
      say(card, r.data.result === 'awaiting-approval' ? L.waiting : r.data.result === 'duplicate' ? r.data.message : L.queued, false);
      refreshCard(card.dataset.id, true);
    });
  }

  function prepare(card, templateId) {
    api('/console/api/conversations/' + card.dataset.id + '/prepare', templateId ? { templateId: templateId } : {}).then(function (r) {
      if (!r.ok) { say(card, messageOf(r), true); return; }
      openEditor(card, r.data);
    });
  }

  function command(card, action) {
    var body = { action: action, commandId: commandId() };
    if (action === 'bb.escalate') { var reason = window.prompt(L.reason); if (reason === null) return; if (reason) body.reason = reason; }
    api('/console/api/conversations/' + card.dataset.id + '/commands', body).then(function (r) {
      say(card, messageOf(r), !r.ok);
      refreshCard(card.dataset.id, true);
    });
  }

  document.addEventListener('change', function (event) {
    var select = event.target.closest && event.target.closest('select.template-pick');
    if (select && select.value) prepare(select.closest('.card'), select.value);
  });

  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button[data-action]');
    if (button) {
      var card = button.closest('.card');
      var action = button.dataset.action;
      if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
      if (action === 'bb.edit' || action === 'bb.send') {
        var editor = card.querySelector('.editor');
        if (action === 'bb.send' && editor && !editor.hidden) { editor.querySelector('.editor-send').click(); return; }
        var pick = card.querySelector('select.template-pick');
        prepare(card, pick && pick.value ? pick.value : null);
        return;
      }
      command(card, action);
      return;
    }
    var decision = event.target.closest && event.target.closest('button[data-reply-action]');
    if (decision) {
      var item = decision.closest('[data-reply-id]');
      var body = { commandId: commandId() };
      if (decision.dataset.replyAction === 'reject') { var why = window.prompt(L.rejectReason); if (!why) return; body.reason = why; }
      api('/console/api/replies/' + item.dataset.replyId + '/' + decision.dataset.replyAction, body).then(function (r) {
        if (!r.ok) { window.alert(messageOf(r)); return; }
        location.reload();
      });
    }
  });

  if (document.body.dataset.live && window.EventSource) {
    var indicator = document.querySelector('.live-indicator');
    var stream = new EventSource('/console/events');
    stream.addEventListener('open', function () { if (indicator) indicator.hidden = false; });
    stream.addEventListener('error', function () { if (indicator) indicator.hidden = true; });
    stream.addEventListener('conversation', function (event) {
      var id = JSON.parse(event.data).id;
      var detail = document.querySelector('.detail');
      if (detail) {
        if (detail.dataset.conversationId !== id) return;
        var open = detail.querySelector('.editor:not([hidden])');
        if (!open && !document.querySelector('.card-message.error')) location.reload();
        return;
      }
      refreshCard(id, false);
    });
  }
})();
`
