/**
 * The setup page's only script. Values go into the page with textContent, never innerHTML. The admin token, when
 * one is needed (away from the service PC), stays in this tab's sessionStorage under the dashboard's key. The
 * checklist is asked for again every few seconds, so it turns green while the person works through the steps.
 * Plain ES2020, no build step.
 */
export const SETUP_JS = String.raw`
'use strict';
(function () {
  var KEY = 'qbb24.adminToken';
  var POLL_MS = 3000;
  var $ = function (id) { return document.getElementById(id); };
  var base = document.body.getAttribute('data-base') || '';
  var timer = null;

  function headers(json) {
    var h = {};
    var t = sessionStorage.getItem(KEY);
    if (t) h.authorization = 'Bearer ' + t;
    if (json) h['content-type'] = 'application/json';
    return h;
  }
  function call(method, path, body) {
    return fetch(base + path, { method: method, headers: headers(body !== undefined), body: body === undefined ? undefined : JSON.stringify(body) });
  }
  function text(id, value) { $(id).textContent = value; }

  function fill(s) {
    $('token-section').hidden = true;
    $('setup-body').hidden = false;
    text('qwc-app-url', s.qwc.appUrl);
    text('qwc-minutes', String(s.qwc.runEveryMinutes));
    text('qbwc-password', s.qbwc.password);
    text('qbwc-username', s.qbwc.username);
    text('webhook-current', s.bitrix24.webhookUrl || 'none yet');
    var envUrl = s.bitrix24.webhookUrlSource === 'env';
    $('webhook-env').hidden = !envUrl;
    $('webhook-url').disabled = envUrl; $('save-webhook').disabled = envUrl;
    var envToken = s.bitrix24.applicationTokenSource === 'env';
    $('app-token-env').hidden = !envToken;
    $('app-token-saved').hidden = s.bitrix24.applicationTokenSource !== 'saved';
    $('application-token').disabled = envToken; $('save-app-token').disabled = envToken;
    text('handler-url', s.outbound.handlerUrl);
    var events = $('event-names');
    if (events.childElementCount !== s.outbound.events.length) {
      events.replaceChildren();
      s.outbound.events.forEach(function (name) { var li = document.createElement('li'); var c = document.createElement('code'); c.textContent = name; li.appendChild(c); events.appendChild(li); });
    }
    var list = $('checklist');
    list.replaceChildren();
    s.checklist.forEach(function (c) {
      var li = document.createElement('li');
      li.setAttribute('data-check', c.key);
      li.setAttribute('data-done', c.done ? 'true' : 'false');
      var badge = document.createElement('span');
      badge.className = 'badge ' + (c.done ? 'badge-ok' : 'badge-degraded');
      badge.textContent = c.done ? 'Done' : 'Not yet';
      var label = document.createElement('strong'); label.textContent = ' ' + c.label + ' ';
      var detail = document.createElement('span'); detail.className = 'hint'; detail.textContent = '(' + c.detail + ')';
      li.appendChild(badge); li.appendChild(label); li.appendChild(detail);
      list.appendChild(li);
    });
    $('setup-complete').hidden = !s.complete;
  }

  function load() {
    return call('GET', '/setup/state').then(function (res) {
      if (res.status === 401) {
        stop();
        $('setup-body').hidden = true;
        $('token-section').hidden = false;
        text('setup-status', sessionStorage.getItem(KEY) ? 'The admin token was refused. Check it and enter it again.' : 'Away from the service PC this page needs the admin token.');
        return;
      }
      if (!res.ok) { text('setup-status', 'The service answered ' + res.status + '; trying again.'); return; }
      return res.json().then(function (s) { text('setup-status', ''); fill(s); start(); });
    }, function () { text('setup-status', 'The service does not answer; trying again.'); });
  }
  function start() { if (timer === null) timer = setInterval(load, POLL_MS); }
  function stop() { if (timer !== null) { clearInterval(timer); timer = null; } }

  function answer(res, target) {
    return res.json().then(function (body) {
      text(target, (res.ok ? '' : 'Not saved: ') + (body && body.message ? body.message : 'HTTP ' + res.status));
      if (res.ok) load();
      return res.ok;
    });
  }

  $('setup-token-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    sessionStorage.setItem(KEY, $('setup-admin-token').value.trim());
    $('setup-admin-token').value = '';
    load();
  });
  $('download-qwc').addEventListener('click', function () {
    call('GET', '/setup/connector.qwc').then(function (res) {
      if (!res.ok) { text('setup-status', 'The .qwc could not be downloaded (HTTP ' + res.status + ').'); return; }
      return res.blob().then(function (blob) {
        var a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = 'connector.qwc';
        document.body.appendChild(a); a.click(); a.remove();
        setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
      });
    });
  });
  $('test-webhook').addEventListener('click', function () {
    text('webhook-result', 'Testing…');
    call('POST', '/setup/bitrix24/test', { webhookUrl: $('webhook-url').value }).then(function (res) {
      return res.json().then(function (body) { text('webhook-result', (res.ok ? '' : 'Does not work: ') + (body.message || 'HTTP ' + res.status)); });
    });
  });
  $('webhook-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    text('webhook-result', 'Testing and saving…');
    call('POST', '/setup/bitrix24/webhook-url', { webhookUrl: $('webhook-url').value }).then(function (res) {
      return answer(res, 'webhook-result').then(function (ok) { if (ok) $('webhook-url').value = ''; });
    });
  });
  $('app-token-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    call('POST', '/setup/bitrix24/application-token', { applicationToken: $('application-token').value }).then(function (res) {
      return answer(res, 'app-token-result').then(function (ok) { if (ok) $('application-token').value = ''; });
    });
  });
  load();
})();
`;
