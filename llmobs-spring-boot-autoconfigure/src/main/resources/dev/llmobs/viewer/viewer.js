// llmobs trace viewer: everything user-controlled is written with textContent, never as HTML.
(function () {
  'use strict';
  var base = document.body.getAttribute('data-base');
  var traces = [];

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }
  function get(path) {
    return fetch(base + path, { headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) { throw new Error('HTTP ' + r.status); }
      return r.json();
    });
  }
  function ms(value) { return value < 10 ? value.toFixed(2) + ' ms' : value.toFixed(0) + ' ms'; }
  function cost(value) { return value === null || value === undefined ? '' : '$' + value.toFixed(6); }
  function show(id) {
    ['traces-view', 'sessions-view', 'trace-view'].forEach(function (v) { document.getElementById(v).hidden = v !== id; });
    document.getElementById('show-traces').classList.toggle('active', id === 'traces-view');
    document.getElementById('show-sessions').classList.toggle('active', id === 'sessions-view');
  }

  function loadTraces() {
    return get('/api/traces').then(function (data) { traces = data; renderTraces(); });
  }
  function renderTraces() {
    var session = document.getElementById('filter-session').value.trim();
    var user = document.getElementById('filter-user').value.trim();
    var failed = document.getElementById('filter-failed').checked;
    var errors = document.getElementById('filter-error').checked;
    var body = document.querySelector('#traces tbody');
    body.replaceChildren();
    traces.filter(function (t) {
      return (!session || t.sessionId === session) && (!user || t.userId === user)
        && (!failed || t.evaluationsFailed > 0) && (!errors || t.error);
    }).forEach(function (t) {
      var row = el('tr');
      row.dataset.traceId = t.traceId;
      row.appendChild(el('td', new Date(t.startEpochMillis).toLocaleTimeString()));
      var name = el('td');
      name.appendChild(el('div', t.workflowName || t.rootName, 'workflow'));
      if (t.workflowName) { name.appendChild(el('div', t.rootName, 'root-name')); }
      row.appendChild(name);
      var preview = el('td', '', 'preview');
      if (t.inputPreview) { preview.appendChild(el('div', t.inputPreview, 'input-preview')); }
      if (t.outputPreview) { preview.appendChild(el('div', t.outputPreview, 'output-preview')); }
      row.appendChild(preview);
      row.appendChild(el('td', ms(t.durationMillis)));
      row.appendChild(el('td', t.totalTokens || ''));
      row.appendChild(el('td', cost(t.costUsd)));
      var evals = el('td');
      if (t.evaluationsPassed) { evals.appendChild(el('span', t.evaluationsPassed + ' pass ', 'pass')); }
      if (t.evaluationsFailed) { evals.appendChild(el('span', t.evaluationsFailed + ' fail', 'fail')); }
      row.appendChild(evals);
      var feedback = el('td');
      (t.feedback || []).forEach(function (f) {
        var text = f.name + ': ' + (f.label !== null && f.label !== undefined ? f.label : (f.score === 1 && f.verdict === 'PASS' ? '👍' : f.score === 0 && f.verdict === 'FAIL' ? '👎' : f.score));
        var chip = el('span', text, f.verdict === 'FAIL' ? 'fail feedback-chip' : 'pass feedback-chip');
        if (f.comment) { chip.title = f.comment; }
        feedback.appendChild(chip);
      });
      row.appendChild(feedback);
      var sessionCell = el('td', t.sessionId || '', t.sessionId ? 'session-link' : '');
      if (t.sessionId) {
        sessionCell.addEventListener('click', function (event) { event.stopPropagation(); loadSession(t.sessionId); });
      }
      row.appendChild(sessionCell);
      row.appendChild(el('td', t.userId || ''));
      row.appendChild(el('td', t.error ? 'error' : '', t.error ? 'fail' : ''));
      row.addEventListener('click', function () { openTrace(t.traceId); });
      body.appendChild(row);
    });
  }

  function flatten(nodes, depth, out) {
    nodes.forEach(function (node) { out.push({ node: node, depth: depth }); flatten(node.children, depth + 1, out); });
    return out;
  }
  function openTrace(traceId) {
    return get('/api/traces/' + encodeURIComponent(traceId)).then(function (trace) {
      show('trace-view');
      document.getElementById('trace-title').textContent = (trace.summary.workflowName || trace.summary.rootName) + ' · ' + traceId;
      var rows = flatten(trace.spans, 0, []);
      var start = Math.min.apply(null, rows.map(function (r) { return r.node.startEpochMicros; }));
      var end = Math.max.apply(null, rows.map(function (r) { return r.node.startEpochMicros + r.node.durationMillis * 1000; }));
      var total = Math.max(end - start, 1);
      var waterfall = document.getElementById('waterfall');
      waterfall.replaceChildren();
      var fragment = document.createDocumentFragment();
      rows.forEach(function (r) {
        var span = r.node;
        var row = el('div', null, 'span-row' + (span.status === 'ERROR' ? ' span-error' : ''));
        row.dataset.spanName = span.name;
        var label = el('div', null, 'span-label');
        label.style.paddingLeft = (4 + r.depth * 14) + 'px';
        if (span.kind) { label.appendChild(el('span', span.kind, 'kind kind-' + span.kind)); }
        label.appendChild(el('span', span.name + ' · ' + ms(span.durationMillis)));
        var track = el('div', null, 'span-track');
        var bar = el('div', null, 'span-bar' + (span.kind ? ' bar-' + span.kind : ''));
        bar.style.left = ((span.startEpochMicros - start) / total * 100) + '%';
        bar.style.width = Math.max(span.durationMillis * 1000 / total * 100, 0.2) + '%';
        track.appendChild(bar);
        row.appendChild(label);
        row.appendChild(track);
        row.addEventListener('click', function () {
          Array.prototype.forEach.call(waterfall.querySelectorAll('.selected'), function (n) { n.classList.remove('selected'); });
          row.classList.add('selected');
          renderDetails(span);
        });
        fragment.appendChild(row);
      });
      waterfall.appendChild(fragment);
      if (rows.length) { renderDetails(rows[0].node); }
    });
  }

  function pretty(value, mime) {
    if (mime === 'application/json') {
      try { return JSON.stringify(JSON.parse(value), null, 2); } catch (e) { return value; }
    }
    return value;
  }
  function indexed(attributes, prefix, fields) {
    var items = [];
    for (var i = 0; ; i++) {
      var item = {}; var found = false;
      fields.forEach(function (f) {
        var key = prefix + i + f.suffix;
        if (attributes[key] !== undefined) { item[f.name] = attributes[key]; found = true; }
      });
      if (!found) { return items; }
      items.push(item);
    }
  }
  function section(parent, title) { parent.appendChild(el('h3', title)); }
  function renderDetails(span) {
    var a = span.attributes;
    var details = document.getElementById('details');
    details.replaceChildren();
    details.appendChild(el('h2', span.name));
    var facts = [];
    if (a['llm.model_name']) { facts.push('model ' + a['llm.model_name']); }
    if (a['llm.token_count.prompt'] !== undefined) { facts.push('prompt tokens ' + a['llm.token_count.prompt']); }
    if (a['llm.token_count.completion'] !== undefined) { facts.push('completion tokens ' + a['llm.token_count.completion']); }
    if (a['llm.token_count.total'] !== undefined) { facts.push('total tokens ' + a['llm.token_count.total']); }
    if (a['llm.cost.total'] !== undefined) { facts.push('cost ' + cost(a['llm.cost.total'])); }
    if (a['llmobs.trace.cost'] !== undefined) { facts.push('trace cost ' + cost(a['llmobs.trace.cost'])); }
    facts.push('duration ' + ms(span.durationMillis));
    if (span.status === 'ERROR') { facts.push('error: ' + (span.statusMessage || '')); }
    details.appendChild(el('p', facts.join(' · '), 'facts'));
    if (a['input.value'] !== undefined) { section(details, 'Input'); details.appendChild(el('pre', pretty(a['input.value'], a['input.mime_type']), 'input')); }
    if (a['output.value'] !== undefined) { section(details, 'Output'); details.appendChild(el('pre', pretty(a['output.value'], a['output.mime_type']), 'output')); }
    var docs = indexed(a, 'retrieval.documents.', [{ name: 'id', suffix: '.document.id' }, { name: 'content', suffix: '.document.content' }, { name: 'score', suffix: '.document.score' }]);
    if (docs.length) {
      section(details, 'Retrieved documents');
      docs.forEach(function (d) {
        var box = el('div', null, 'doc');
        box.appendChild(el('strong', (d.id || '(no id)') + (d.score !== undefined ? ' · score ' + Number(d.score).toFixed(3) : '')));
        box.appendChild(el('div', d.content || ''));
        details.appendChild(box);
      });
    }
    [['llm.input_messages.', 'Input messages'], ['llm.output_messages.', 'Output messages']].forEach(function (m) {
      var messages = indexed(a, m[0], [{ name: 'role', suffix: '.message.role' }, { name: 'content', suffix: '.message.content' }]);
      if (messages.length) {
        section(details, m[1]);
        messages.forEach(function (msg) {
          var box = el('div', null, 'msg');
          box.appendChild(el('strong', msg.role || ''));
          box.appendChild(el('div', msg.content || ''));
          details.appendChild(box);
        });
      }
    });
    var evals = indexed(a, 'evaluations.', [{ name: 'name', suffix: '.evaluation.name' }, { name: 'score', suffix: '.evaluation.score' }, { name: 'label', suffix: '.evaluation.label' }, { name: 'verdict', suffix: '.evaluation.verdict' }, { name: 'explanation', suffix: '.evaluation.explanation' }]);
    if (evals.length) {
      section(details, 'Evaluations');
      evals.forEach(function (e) {
        var box = el('div', null, 'eval');
        box.appendChild(el('strong', e.name + ': ' + (e.verdict || '') + (e.score !== undefined ? ' (' + Number(e.score).toFixed(2) + ')' : '') + (e.label ? ' · ' + e.label : ''), e.verdict === 'fail' ? 'fail' : 'pass'));
        if (e.explanation) { box.appendChild(el('div', e.explanation)); }
        details.appendChild(box);
      });
    }
    section(details, 'All attributes');
    var table = el('table', null, 'attrs');
    Object.keys(a).sort().forEach(function (key) {
      var row = el('tr');
      row.appendChild(el('td', key));
      row.appendChild(el('td', Array.isArray(a[key]) ? a[key].join(', ') : a[key]));
      table.appendChild(row);
    });
    details.appendChild(table);
  }

  function loadSession(sessionId) {
    show('sessions-view');
    document.getElementById('session-id').value = sessionId;
    var list = document.getElementById('turns');
    list.replaceChildren();
    traces.filter(function (t) { return t.sessionId === sessionId; })
      .sort(function (x, y) { return x.startEpochMillis - y.startEpochMillis; })
      .forEach(function (t) {
        var item = el('li');
        item.appendChild(el('strong', new Date(t.startEpochMillis).toLocaleTimeString() + ' · ' + (t.question || t.rootName)));
        item.appendChild(el('div', t.answer || ''));
        item.appendChild(el('div', t.evaluationsFailed ? t.evaluationsFailed + ' failed evaluation(s)' : (t.evaluationsPassed ? 'evaluations passed' : ''), t.evaluationsFailed ? 'fail' : 'pass'));
        item.addEventListener('click', function () { openTrace(t.traceId); });
        list.appendChild(item);
      });
  }

  document.getElementById('refresh').addEventListener('click', loadTraces);
  ['filter-session', 'filter-user'].forEach(function (id) { document.getElementById(id).addEventListener('input', renderTraces); });
  ['filter-failed', 'filter-error'].forEach(function (id) { document.getElementById(id).addEventListener('change', renderTraces); });
  document.getElementById('show-traces').addEventListener('click', function () { show('traces-view'); });
  document.getElementById('show-sessions').addEventListener('click', function () { show('sessions-view'); });
  document.getElementById('load-session').addEventListener('click', function () {
    loadTraces().then(function () { loadSession(document.getElementById('session-id').value.trim()); });
  });
  loadTraces();
  window.llmobsViewer = { openTrace: openTrace, loadSession: loadSession, reload: loadTraces };
})();
