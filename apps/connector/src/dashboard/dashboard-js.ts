/**
 * The dashboard's only script: keeps the admin token in sessionStorage (this tab only) and talks to the
 * existing /admin API with it. Data is put into the page with textContent, never innerHTML, so record
 * fields from the API cannot inject markup. Plain ES2020, no build step.
 */
export const DASHBOARD_JS = String.raw`
'use strict';
(function () {
  var KEY = 'qbb24.adminToken';
  var $ = function (id) { return document.getElementById(id); };
  function token() { return sessionStorage.getItem(KEY) || ''; }
  function say(text) { $('op-status').textContent = text; }
  function el(tag, text, attrs) {
    var n = document.createElement(tag);
    if (text !== undefined && text !== null) n.textContent = String(text);
    if (attrs) Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    return n;
  }
  function api(method, path, body) {
    var headers = { authorization: 'Bearer ' + token() };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetch((document.body.getAttribute('data-base') || '') + path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        if (res.status === 401) throw new Error('The admin token was refused. Check it and enter it again.');
        if (!res.ok) throw new Error((data && data.message) || ('Request failed with HTTP ' + res.status));
        return data;
      });
    });
  }
  function table(caption, head, rows) {
    var t = el('table'); t.appendChild(el('caption', caption));
    var tr = el('tr'); head.forEach(function (h) { tr.appendChild(el('th', h, { scope: 'col' })); });
    var thead = el('thead'); thead.appendChild(tr); t.appendChild(thead);
    var tb = el('tbody');
    rows.forEach(function (cells) {
      var r = el('tr');
      cells.forEach(function (c) { var td = el('td'); if (c instanceof Node) td.appendChild(c); else td.textContent = String(c); r.appendChild(td); });
      tb.appendChild(r);
    });
    t.appendChild(tb); return t;
  }
  function fill(id, node) { var box = $(id); box.textContent = ''; box.appendChild(node); }
  function button(text, onClick, cls) { var b = el('button', text, { type: 'button' }); if (cls) b.className = cls; b.addEventListener('click', onClick); return b; }
  function fail(err) { say(err && err.message ? err.message : String(err)); }

  function loadDeadLetters() {
    return api('GET', '/admin/dead-letters?limit=100').then(function (rows) {
      if (rows.length === 0) return fill('dead-letters', el('p', 'No dead letters.', { class: 'empty' }));
      fill('dead-letters', table('Rows that failed permanently', ['Row', 'Bitrix24 record', 'Operation', 'Attempts', 'Error', 'Action'], rows.map(function (r) {
        var actions = el('span');
        actions.appendChild(button('Requeue row ' + r.id, function () { act('POST', '/admin/queue/' + r.id + '/requeue', undefined, 'Row ' + r.id + ' is back in the queue.'); }));
        actions.appendChild(button('Timeline', function () { showTimeline('b24', r.b24Entity, r.b24Id); }, 'link'));
        return [r.id, r.b24Entity + ' ' + r.b24Id, r.operation + ' ' + r.qbEntity, r.attempts, (r.lastErrorCode || '') + ' ' + (r.lastError || ''), actions];
      })));
    });
  }
  function loadConflicts() {
    return api('GET', '/admin/conflicts?limit=100').then(function (rows) {
      if (rows.length === 0) return fill('conflicts', el('p', 'No conflicts.', { class: 'empty' }));
      fill('conflicts', table('Records changed in both systems', ['Row', 'Bitrix24 record', 'QuickBooks record', 'Action'], rows.map(function (r) {
        var actions = el('span');
        actions.appendChild(button('Keep QuickBooks for row ' + r.id, function () { act('POST', '/admin/conflicts/' + r.id + '/resolve', { winner: 'qb' }, 'Row ' + r.id + ': QuickBooks wins.'); }));
        actions.appendChild(button('Keep Bitrix24 for row ' + r.id, function () { act('POST', '/admin/conflicts/' + r.id + '/resolve', { winner: 'b24' }, 'Row ' + r.id + ': Bitrix24 wins.'); }, 'secondary'));
        return [r.id, r.b24Entity + ' ' + r.b24Id, r.qbEntity + ' ' + (r.qbId || '(new)'), actions];
      })));
    });
  }
  function act(method, path, body, done) {
    say('Working...');
    return api(method, path, body).then(function () { say(done); return loadAll(); }).catch(fail);
  }
  function loadAll() { return Promise.all([loadDeadLetters(), loadConflicts()]).catch(fail); }

  function showTimeline(system, entity, id) {
    $('tl-system').value = system; $('tl-entity').value = entity; $('tl-id').value = id;
    if (!token()) { say('Enter the admin token to see the timeline.'); $('admin-token').focus(); return; }
    // Replace the previous record's timeline at once, so it is never read as this record's while the request runs.
    fill('timeline', el('p', 'Loading the timeline of ' + entity + ' ' + id + '…', { class: 'empty' }));
    api('GET', '/admin/records/' + encodeURIComponent(system) + '/' + encodeURIComponent(entity) + '/' + encodeURIComponent(id) + '/history').then(function (h) {
      var entries = h.entries || [];
      if (entries.length === 0) return fill('timeline', el('p', 'Nothing recorded for this record.', { class: 'empty' }));
      fill('timeline', table('Timeline of ' + entity + ' ' + id + ', newest first', ['When', 'Source', 'What'], entries.map(function (x) {
        var what = [x.direction, x.event, x.action, x.status, x.operation, x.lastErrorCode, x.note].filter(function (v) { return v; }).join(' · ');
        return [el('time', x.at, { datetime: x.at }), x.source, what];
      })));
      localizeTimes($('timeline'));
      $('timeline').scrollIntoView();
    }).catch(fail);
  }
  // Times arrive as ISO 8601 UTC; people read them in this PC's local time, with how long ago that was.
  var relative = typeof Intl !== 'undefined' && Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }) : null;
  function ago(ms) {
    var s = Math.round((ms - Date.now()) / 1000);
    var abs = Math.abs(s);
    if (!relative) return '';
    if (abs < 60) return relative.format(s, 'second');
    if (abs < 3600) return relative.format(Math.round(s / 60), 'minute');
    if (abs < 172800) return relative.format(Math.round(s / 3600), 'hour');
    return relative.format(Math.round(s / 86400), 'day');
  }
  function hourLabel(d) { return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }); }
  function localizeTimes(root) {
    Array.prototype.forEach.call(root.querySelectorAll('time[datetime]'), function (t) {
      var d = new Date(t.getAttribute('datetime'));
      if (isNaN(d.getTime())) return;
      t.title = t.getAttribute('datetime');
      t.textContent = t.getAttribute('data-format') === 'hour' ? hourLabel(d) : d.toLocaleString() + ' (' + ago(d.getTime()) + ')';
    });
    Array.prototype.forEach.call(root.querySelectorAll('svg text[data-hour]'), function (t) {
      var d = new Date(t.getAttribute('data-hour'));
      if (!isNaN(d.getTime())) t.textContent = hourLabel(d);
    });
  }
  function search(q) {
    if (!token()) { say('Enter the admin token under Operator actions to search.'); $('admin-token').focus(); return; }
    fill('search-results', el('p', 'Searching...', { class: 'hint' }));
    api('GET', '/admin/search?q=' + encodeURIComponent(q)).then(function (hits) {
      if (hits.length === 0) return fill('search-results', el('p', 'Nothing found for "' + q + '".', { class: 'empty' }));
      var list = el('ul');
      hits.forEach(function (h) {
        var li = el('li');
        li.appendChild(button('Open timeline of ' + h.b24Entity + ' ' + h.b24Id, function () { showTimeline('b24', h.b24Entity, h.b24Id); }, 'link'));
        li.appendChild(el('span', ' ' + h.label));
        list.appendChild(li);
      });
      fill('search-results', list);
    }).catch(function (err) { fill('search-results', el('p', err && err.message ? err.message : String(err), { class: 'empty' })); });
  }
  function runReconcile() {
    say('Reconciling...');
    api('GET', '/admin/reconcile').then(function (r) {
      var box = el('div');
      box.appendChild(table('Linked in the connector vs present in Bitrix24', ['Bitrix24 entity', 'Linked', 'In Bitrix24', 'Made by the connector', 'Linked but missing', 'Amount total'], r.entities.map(function (x) {
        return [x.b24Entity, x.linked, x.b24Total, x.b24FromQuickBooks, x.missingInB24, x.b24AmountTotal === null ? '' : x.b24AmountTotal];
      })));
      if (r.missing.length > 0) {
        box.appendChild(table('Linked records missing in Bitrix24', ['QuickBooks record', 'Bitrix24 record', 'Timeline'], r.missing.map(function (m) {
          return [m.qbEntity + ' ' + m.qbId, m.b24Entity + ' ' + m.b24Id, button('Timeline', function () { showTimeline('qb', m.qbEntity, m.qbId); }, 'link')];
        })));
      }
      fill('reconcile', box);
      say(r.missing.length === 0 ? 'Reconciled: every linked record exists in Bitrix24.' : r.missing.length + ' linked record(s) are missing in Bitrix24.');
    }).catch(fail);
  }

  document.addEventListener('DOMContentLoaded', function () {
    localizeTimes(document);
    $('search-form').addEventListener('submit', function (ev) { ev.preventDefault(); search($('search-q').value.trim()); });
    $('token-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      sessionStorage.setItem(KEY, $('admin-token').value.trim());
      $('admin-token').value = '';
      say('Token saved for this tab.');
      loadAll();
    });
    $('forget-token').addEventListener('click', function () { sessionStorage.removeItem(KEY); say('Token forgotten.'); });
    $('run-reconcile').addEventListener('click', runReconcile);
    $('timeline-form').addEventListener('submit', function (ev) {
      ev.preventDefault(); showTimeline($('tl-system').value, $('tl-entity').value, $('tl-id').value);
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-timeline-id]'), function (b) {
      b.addEventListener('click', function () { showTimeline(b.getAttribute('data-timeline-system'), b.getAttribute('data-timeline-entity'), b.getAttribute('data-timeline-id')); });
    });
    if (token()) loadAll();
  });
})();
`;
