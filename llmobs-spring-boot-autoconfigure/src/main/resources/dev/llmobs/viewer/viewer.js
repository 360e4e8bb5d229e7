// llmobs trace viewer: everything user-controlled is written with textContent, never as HTML.
// Routes live in the URL's fragment (#/traces, #/traces/{id}, #/sessions/{id}) so back and forward work.
(function () {
  'use strict';
  var base = document.body.getAttribute('data-base');
  var traces = [];
  var signature = '';
  var liveTimer = null;
  var timings = window.__llmobsTimings = {};

  function $(id) { return document.getElementById(id); }
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
  function cost(value) { return value === null || value === undefined ? '' : '$' + Number(value).toFixed(6); }
  function token(value) { return String(value).toLowerCase().replace(/[^a-z0-9_-]/g, ''); }
  function measure(name, render) {
    var start = performance.now();
    var count = render();
    void document.body.offsetHeight; // include layout in the figure
    timings[name] = { millis: performance.now() - start, count: count };
  }
  function show(id) {
    ['traces-view', 'sessions-view', 'prompts-view', 'trace-view'].forEach(function (v) { $(v).hidden = v !== id; });
    $('show-prompts').classList.toggle('active', id === 'prompts-view');
    $('show-traces').classList.toggle('active', id === 'traces-view');
    $('show-sessions').classList.toggle('active', id === 'sessions-view');
  }

  // ---- trace list ----
  function loadTraces() {
    $('traces').dataset.loading = 'true';
    return get('/api/traces').then(function (data) {
      delete $('traces').dataset.loading;
      traces = data;
      fillChoices();
      var next = JSON.stringify(data.map(function (t) { return [t.traceId, (t.feedback || []).length, (t.evaluations || []).length]; }));
      if (next !== signature || !$('traces').dataset.rendered) { signature = next; renderTraces(); }
      return data;
    }, function (error) {
      delete $('traces').dataset.loading;
      $('trace-count').textContent = 'could not load the traces: ' + error.message;
    });
  }
  function verdicts(t) { return t.evaluations || []; }
  function fillSelect(id, values, label) {
    var select = $(id);
    var current = select.value;
    var options = [el('option', label)];
    options[0].value = '';
    values.forEach(function (v) { var o = el('option', v.text); o.value = v.value; options.push(o); });
    select.replaceChildren.apply(select, options);
    select.value = values.some(function (v) { return v.value === current; }) ? current : '';
  }
  function distinct(list) { return list.filter(function (v, i) { return v && list.indexOf(v) === i; }).sort(); }
  function fillChoices() {
    var names = distinct([].concat.apply([], traces.map(function (t) { return verdicts(t).map(function (e) { return e.name; }); })));
    var choices = [{ value: 'fail', text: 'any failed' }, { value: 'pass', text: 'any passed' }];
    names.forEach(function (n) {
      choices.push({ value: 'fail:' + n, text: n + ': fail' });
      choices.push({ value: 'pass:' + n, text: n + ': pass' });
    });
    fillSelect('filter-verdict', choices, 'any verdict');
    fillSelect('filter-model', distinct([].concat.apply([], traces.map(function (t) { return t.models || []; })))
      .map(function (m) { return { value: m, text: m }; }), 'any model');
    fillSelect('filter-prompt', distinct([].concat.apply([], traces.map(function (t) { return t.promptVersions || []; })))
      .map(function (p) { return { value: p, text: p }; }), 'any prompt version');
  }
  function matches(t) {
    var text = $('filter-text').value.trim().toLowerCase();
    var session = $('filter-session').value.trim();
    var user = $('filter-user').value.trim();
    var verdict = $('filter-verdict').value;
    var model = $('filter-model').value;
    var prompt = $('filter-prompt').value;
    if (!$('show-all').checked && !t.llm) { return false; }
    if (text && ((t.inputPreview || '') + '\n' + (t.outputPreview || '') + '\n' + (t.workflowName || '')).toLowerCase().indexOf(text) < 0) { return false; }
    if (session && t.sessionId !== session) { return false; }
    if (user && t.userId !== user) { return false; }
    if ($('filter-failed').checked && !(t.evaluationsFailed > 0)) { return false; }
    if ($('filter-error').checked && !t.error) { return false; }
    if (model && (t.models || []).indexOf(model) < 0) { return false; }
    if (prompt && (t.promptVersions || []).indexOf(prompt) < 0) { return false; }
    if (verdict) {
      var wanted = verdict.split(':')[0];
      var name = verdict.indexOf(':') > 0 ? verdict.substring(verdict.indexOf(':') + 1) : null;
      if (!verdicts(t).some(function (e) { return e.verdict === wanted && (name === null || e.name === name); })) { return false; }
    }
    return true;
  }
  function verdictChip(e) {
    var chip = el('span', e.name + ': ' + (e.verdict || e.label || '?'), 'chip verdict-chip verdict-' + token(e.verdict || 'none'));
    chip.title = e.name + (e.score !== null && e.score !== undefined ? ' score ' + e.score : '') + (e.label ? ' · ' + e.label : '');
    return chip;
  }
  function renderTraces() {
    var body = document.querySelector('#traces tbody');
    var shown = traces.filter(matches);
    measure('list', function () {
      var fragment = document.createDocumentFragment();
      shown.forEach(function (t) { fragment.appendChild(traceRow(t)); });
      body.replaceChildren(fragment);
      return shown.length;
    });
    $('traces').dataset.rendered = 'true';
    $('trace-count').textContent = shown.length + ' of ' + traces.length;
  }
  function traceRow(t) {
    var row = el('tr');
    row.dataset.traceId = t.traceId;
    row.appendChild(el('td', new Date(t.startEpochMillis).toLocaleTimeString()));
    var name = el('td');
    name.appendChild(el('div', t.workflowName || t.rootName, 'workflow'));
    if (t.workflowName) { name.appendChild(el('div', t.rootName, 'root-name')); }
    row.appendChild(name);
    row.appendChild(el('td', t.inputPreview || '', 'preview input-preview'));
    row.appendChild(el('td', t.outputPreview || '', 'preview output-preview'));
    row.appendChild(el('td', ms(t.durationMillis)));
    row.appendChild(el('td', t.totalTokens || ''));
    row.appendChild(el('td', cost(t.costUsd)));
    var evals = el('td', null, 'evaluations');
    verdicts(t).forEach(function (e) { evals.appendChild(verdictChip(e)); });
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
    return row;
  }

  // ---- one trace ----
  function flatten(nodes, depth, out) {
    nodes.forEach(function (node) { out.push({ node: node, depth: depth }); flatten(node.children, depth + 1, out); });
    return out;
  }
  function spanTokens(a) {
    if (a['llm.token_count.total'] !== undefined) { return a['llm.token_count.total']; }
    var sum = (a['gen_ai.usage.input_tokens'] || 0) + (a['gen_ai.usage.output_tokens'] || 0);
    return sum || null;
  }
  function spanCost(a) { return a['llm.cost.total'] !== undefined ? a['llm.cost.total'] : a['gen_ai.usage.cost']; }
  function renderTrace(traceId) {
    return get('/api/traces/' + encodeURIComponent(traceId)).then(function (trace) {
      if (currentRoute().traceId !== traceId) { return; }
      show('trace-view');
      measure('trace', function () { return drawTrace(traceId, trace); });
    });
  }
  function drawTrace(traceId, trace) {
    $('trace-title').textContent = (trace.summary.workflowName || trace.summary.rootName) + ' · ' + traceId;
    $('copy-trace-id').dataset.traceId = traceId;
    $('copy-status').textContent = '';
    var download = $('download-json');
    download.href = base + '/api/traces/' + encodeURIComponent(traceId);
    download.setAttribute('download', 'trace-' + token(traceId) + '.json');
    var rows = flatten(trace.spans, 0, []);
    var start = Math.min.apply(null, rows.map(function (r) { return r.node.startEpochMicros; }));
    var end = Math.max.apply(null, rows.map(function (r) { return r.node.startEpochMicros + r.node.durationMillis * 1000; }));
    var total = Math.max(end - start, 1);
    var waterfall = $('waterfall');
    var fragment = document.createDocumentFragment();
    var first = null;
    rows.forEach(function (r) {
      var span = r.node;
      var row = el('div', null, 'span-row' + (span.status === 'ERROR' ? ' span-error' : ''));
      row.dataset.spanName = span.name;
      var label = el('div', null, 'span-label');
      label.style.paddingLeft = (4 + r.depth * 14) + 'px';
      if (span.kind) { label.appendChild(el('span', span.kind, 'kind kind-' + token(span.kind))); }
      label.appendChild(el('span', span.name + ' · ' + ms(span.durationMillis)));
      var tokens = spanTokens(span.attributes);
      if (tokens) { label.appendChild(el('span', ' · ' + tokens + ' tok', 'span-tokens')); }
      var spent = spanCost(span.attributes);
      if (spent !== undefined && spent !== null) { label.appendChild(el('span', ' · ' + cost(spent), 'span-cost')); }
      var track = el('div', null, 'span-track');
      var bar = el('div', null, 'span-bar' + (span.kind ? ' bar-' + token(span.kind) : ''));
      bar.style.left = ((span.startEpochMicros - start) / total * 100) + '%';
      bar.style.width = Math.max(span.durationMillis * 1000 / total * 100, 0.2) + '%';
      track.appendChild(bar);
      row.appendChild(label);
      row.appendChild(track);
      row.addEventListener('click', function () { select(row, span); });
      fragment.appendChild(row);
      if (!first && span.kind) { first = { row: row, span: span }; }
    });
    waterfall.replaceChildren(fragment);
    if (!first && rows.length) { first = { row: waterfall.firstChild, span: rows[0].node }; }
    if (first) { select(first.row, first.span); }
    return rows.length;
  }
  function select(row, span) {
    Array.prototype.forEach.call($('waterfall').querySelectorAll('.selected'), function (n) { n.classList.remove('selected'); });
    row.classList.add('selected');
    renderDetails(span);
  }

  function pretty(value, mime) {
    if (mime === 'application/json' || (typeof value === 'string' && /^\s*[[{]/.test(value))) {
      try { return JSON.stringify(JSON.parse(value), null, 2); } catch (e) { return value; }
    }
    return value;
  }
  function indexed(attributes, prefix, fields) {
    var items = [];
    for (var i = 0; i < 10000; i++) {
      var item = {}; var found = false;
      fields.forEach(function (f) {
        var key = prefix + i + f.suffix;
        if (attributes[key] !== undefined) { item[f.name] = attributes[key]; found = true; }
      });
      if (!found) { return items; }
      items.push(item);
    }
    return items;
  }
  function section(parent, title) { parent.appendChild(el('h3', title)); }
  function fact(facts, label, value) {
    if (value !== undefined && value !== null && value !== '') { facts.push(label + ' ' + (Array.isArray(value) ? value.join(', ') : value)); }
  }
  function messages(a, prefix) {
    var list = indexed(a, prefix, [{ name: 'role', suffix: '.message.role' }, { name: 'content', suffix: '.message.content' },
      { name: 'toolCallId', suffix: '.message.tool_call_id' }, { name: 'name', suffix: '.message.name' }]);
    list.forEach(function (m, i) {
      m.toolCalls = indexed(a, prefix + i + '.message.tool_calls.', [{ name: 'id', suffix: '.tool_call.id' },
        { name: 'name', suffix: '.tool_call.function.name' }, { name: 'arguments', suffix: '.tool_call.function.arguments' }]);
    });
    return list;
  }
  function bubble(m) {
    var box = el('div', null, 'msg msg-' + token(m.role || 'unknown'));
    var head = el('div', null, 'msg-head');
    head.appendChild(el('strong', m.role || ''));
    if (m.toolCallId) { head.appendChild(el('span', ' result of ' + m.toolCallId, 'muted')); }
    if (m.name) { head.appendChild(el('span', ' ' + m.name, 'muted')); }
    box.appendChild(head);
    if (m.content !== undefined && m.content !== '') { box.appendChild(el('div', m.content, 'msg-content')); }
    m.toolCalls.forEach(function (call) {
      var card = el('div', null, 'tool-call');
      card.appendChild(el('div', '→ ' + (call.name || 'tool') + (call.id ? ' (' + call.id + ')' : ''), 'tool-call-name'));
      if (call.arguments !== undefined) { card.appendChild(el('pre', pretty(call.arguments), 'tool-call-arguments')); }
      box.appendChild(card);
    });
    return box;
  }
  function evaluationsOf(span) {
    // results recorded after the span ended (background or async evaluators) are on its
    // EVALUATOR children
    var list = ownEvaluationsOf(span);
    (span.children || []).forEach(function (child) {
      if (child.kind === 'evaluator') { list = list.concat(ownEvaluationsOf(child)); }
    });
    return list;
  }
  function ownEvaluationsOf(span) {
    var a = span.attributes;
    var list = indexed(a, 'evaluations.', [{ name: 'name', suffix: '.evaluation.name' }, { name: 'score', suffix: '.evaluation.score' }, { name: 'label', suffix: '.evaluation.label' }, { name: 'verdict', suffix: '.evaluation.verdict' }, { name: 'explanation', suffix: '.evaluation.explanation' }]);
    var fromAttributes = list.length;
    (span.events || []).forEach(function (event) {
      if (!fromAttributes && event.name === 'gen_ai.evaluation.result') { // else a copy of the attributes
        var e = event.attributes;
        var label = e['gen_ai.evaluation.score.label'];
        list.push({ name: e['gen_ai.evaluation.name'], score: e['gen_ai.evaluation.score.value'], label: label,
          verdict: e['gen_ai.evaluation.verdict'] || (label === 'pass' || label === 'fail' ? label : undefined),
          explanation: e['gen_ai.evaluation.explanation'] });
      }
    });
    return list;
  }
  function renderDetails(span) {
    var a = span.attributes;
    var details = $('details');
    details.replaceChildren();
    details.appendChild(el('h2', span.name));
    var facts = [];
    fact(facts, 'model', a['llm.model_name'] || a['gen_ai.response.model'] || a['gen_ai.request.model']);
    fact(facts, 'prompt tokens', a['llm.token_count.prompt'] !== undefined ? a['llm.token_count.prompt'] : a['gen_ai.usage.input_tokens']);
    fact(facts, 'completion tokens', a['llm.token_count.completion'] !== undefined ? a['llm.token_count.completion'] : a['gen_ai.usage.output_tokens']);
    fact(facts, 'total tokens', a['llm.token_count.total']);
    if (spanCost(a) !== undefined) { facts.push('cost ' + cost(spanCost(a))); }
    if (a['llmobs.trace.cost'] !== undefined) { facts.push('trace cost ' + cost(a['llmobs.trace.cost'])); }
    fact(facts, 'finish reason', a['gen_ai.response.finish_reasons'] || a['llm.finish_reason']);
    var ttft = a['gen_ai.response.time_to_first_chunk'] !== undefined ? a['gen_ai.response.time_to_first_chunk'] : a['llmobs.time_to_first_element'];
    if (ttft !== undefined) { facts.push('time to first token ' + ms(ttft * 1000)); }
    fact(facts, 'prompt version', a['llm.prompt_template.version']);
    facts.push('duration ' + ms(span.durationMillis));
    if (span.status === 'ERROR') { facts.push('error: ' + (span.statusMessage || '')); }
    details.appendChild(el('p', facts.join(' · '), 'facts'));
    if (a['llm.invocation_parameters'] !== undefined) { section(details, 'Parameters'); details.appendChild(el('pre', pretty(a['llm.invocation_parameters']), 'parameters')); }
    var input = messages(a, 'llm.input_messages.');
    var output = messages(a, 'llm.output_messages.');
    if (input.length) { section(details, 'Input messages'); input.forEach(function (m) { details.appendChild(bubble(m)); }); }
    if (output.length) { section(details, 'Output messages'); output.forEach(function (m) { details.appendChild(bubble(m)); }); }
    var tool = span.kind === 'tool';
    if (!input.length && a['input.value'] !== undefined) { section(details, tool ? 'Arguments' : 'Input'); details.appendChild(el('pre', pretty(a['input.value'], a['input.mime_type']), 'input')); }
    if (!output.length && a['output.value'] !== undefined) { section(details, tool ? 'Result' : 'Output'); details.appendChild(el('pre', pretty(a['output.value'], a['output.mime_type']), 'output')); }
    var docs = indexed(a, 'retrieval.documents.', [{ name: 'id', suffix: '.document.id' }, { name: 'content', suffix: '.document.content' }, { name: 'score', suffix: '.document.score' }]);
    if (docs.length) {
      section(details, 'Retrieved documents');
      var cards = el('div', null, 'doc-cards');
      docs.forEach(function (d) {
        var box = el('div', null, 'doc');
        var head = el('div', null, 'doc-head');
        head.appendChild(el('strong', d.id || '(no id)'));
        if (d.score !== undefined) { head.appendChild(el('span', 'score ' + Number(d.score).toFixed(3), 'doc-score')); }
        box.appendChild(head);
        box.appendChild(el('div', d.content || '', 'doc-content'));
        cards.appendChild(box);
      });
      details.appendChild(cards);
    }
    var evals = evaluationsOf(span);
    if (evals.length) {
      section(details, 'Evaluations');
      evals.forEach(function (e) {
        var box = el('div', null, 'eval');
        box.appendChild(el('strong', e.name + ': ' + (e.verdict || '') + (e.score !== undefined ? ' (' + Number(e.score).toFixed(2) + ')' : '') + (e.label ? ' · ' + e.label : ''), e.verdict === 'fail' ? 'fail' : 'pass'));
        if (e.explanation) { box.appendChild(el('div', e.explanation)); }
        details.appendChild(box);
      });
    }
    var all = el('details', null, 'all-attributes');
    all.appendChild(el('summary', 'All attributes (' + Object.keys(a).length + ')'));
    var table = el('table', null, 'attrs');
    Object.keys(a).sort().forEach(function (key) {
      var row = el('tr');
      row.appendChild(el('td', key));
      row.appendChild(el('td', Array.isArray(a[key]) ? a[key].join(', ') : a[key]));
      table.appendChild(row);
    });
    all.appendChild(table);
    details.appendChild(all);
  }

  // ---- sessions ----
  function renderSession(sessionId) {
    show('sessions-view');
    $('session-id').value = sessionId;
    var list = $('turns');
    list.replaceChildren();
    $('session-totals').textContent = '';
    return loadTraces().then(function () {
      if (currentRoute().sessionId !== sessionId) { return; }
      if (!sessionId) { listSessions(list); return; }
      var turns = traces.filter(function (t) { return t.sessionId === sessionId; })
        .sort(function (x, y) { return x.startEpochMillis - y.startEpochMillis; });
      var tokens = 0; var spent = 0; var priced = false; var failed = 0;
      turns.forEach(function (t) {
        tokens += t.totalTokens || 0;
        if (t.costUsd !== null && t.costUsd !== undefined) { spent += t.costUsd; priced = true; }
        failed += t.evaluationsFailed || 0;
        var item = el('li', null, 'turn');
        item.dataset.traceId = t.traceId;
        item.appendChild(el('strong', new Date(t.startEpochMillis).toLocaleTimeString() + ' · ' + (t.question || t.inputPreview || t.rootName), 'turn-question'));
        item.appendChild(el('div', t.answer || t.outputPreview || '', 'turn-answer'));
        var meta = el('div', null, 'turn-meta');
        verdicts(t).forEach(function (e) { meta.appendChild(verdictChip(e)); });
        meta.appendChild(el('span', ' ' + (t.totalTokens || 0) + ' tokens ' + cost(t.costUsd) + ' · ', 'muted'));
        var link = el('a', 'open trace', 'trace-link');
        link.href = '#/traces/' + encodeURIComponent(t.traceId);
        meta.appendChild(link);
        item.appendChild(meta);
        list.appendChild(item);
      });
      $('session-totals').textContent = turns.length + ' turn(s) · ' + tokens + ' tokens' + (priced ? ' · ' + cost(spent) : '')
        + ' · ' + failed + ' failed evaluation(s)';
    });
  }

  function listSessions(list) {
    var sessions = {};
    traces.forEach(function (t) {
      if (!t.sessionId) { return; }
      var s = sessions[t.sessionId] || (sessions[t.sessionId] = { turns: 0, last: 0, failed: 0 });
      s.turns++;
      s.last = Math.max(s.last, t.startEpochMillis);
      s.failed += t.evaluationsFailed || 0;
    });
    var ids = Object.keys(sessions).sort(function (x, y) { return sessions[y].last - sessions[x].last; });
    $('session-totals').textContent = ids.length + ' session(s) in the recent traces';
    ids.forEach(function (id) {
      var item = el('li', null, 'session');
      var link = el('a', id, 'session-link');
      link.href = '#/sessions/' + encodeURIComponent(id);
      item.appendChild(link);
      item.appendChild(el('span', ' · ' + sessions[id].turns + ' turn(s) · last ' + new Date(sessions[id].last).toLocaleTimeString()
        + (sessions[id].failed ? ' · ' + sessions[id].failed + ' failed evaluation(s)' : ''), 'muted'));
      list.appendChild(item);
    });
  }

  // ---- prompts ----
  function renderPrompts(name) {
    show('prompts-view');
    return loadTraces().then(function () {
      if (currentRoute().prompt !== name) { return; }
      var names = distinct([].concat.apply([], traces.map(function (t) { return (t.prompts || []).map(function (p) { return p.name; }); })));
      var links = $('prompt-list');
      links.replaceChildren();
      if (!names.length) { links.appendChild(el('span', 'No prompt templates in the recent traces.', 'muted')); }
      names.forEach(function (n) {
        var link = el('a', n, 'prompt-link chip' + (n === name ? ' active' : ''));
        link.href = '#/prompts/' + encodeURIComponent(n);
        links.appendChild(link);
      });
      var selected = name || names[0] || '';
      $('prompt-title').textContent = selected;
      var versions = {};
      traces.forEach(function (t) {
        (t.prompts || []).forEach(function (p) {
          if (p.name !== selected) { return; }
          var v = versions[p.version] || (versions[p.version] = { traces: 0, tokens: 0, cost: 0, priced: 0, millis: 0, passed: 0, failed: 0, errors: 0 });
          v.traces++;
          v.tokens += t.totalTokens || 0;
          if (t.costUsd !== null && t.costUsd !== undefined) { v.cost += t.costUsd; v.priced++; }
          v.millis += t.durationMillis;
          v.passed += t.evaluationsPassed || 0;
          v.failed += t.evaluationsFailed || 0;
          if (t.error) { v.errors++; }
        });
      });
      var body = document.querySelector('#prompt-versions tbody');
      body.replaceChildren();
      Object.keys(versions).sort().forEach(function (version) {
        var v = versions[version];
        var row = el('tr');
        row.dataset.version = version;
        row.appendChild(el('td', version));
        row.appendChild(el('td', v.traces));
        row.appendChild(el('td', Math.round(v.tokens / v.traces)));
        row.appendChild(el('td', v.priced ? cost(v.cost / v.priced) : ''));
        row.appendChild(el('td', ms(v.millis / v.traces)));
        var judged = v.passed + v.failed;
        row.appendChild(el('td', judged ? Math.round(v.passed / judged * 100) + ' % of ' + judged : '', judged && v.failed ? 'fail' : 'pass'));
        row.appendChild(el('td', v.errors || ''));
        body.appendChild(row);
      });
    });
  }

  // ---- routing ----
  function decode(part) { try { return decodeURIComponent(part); } catch (e) { return part; } }
  function currentRoute() {
    var parts = location.hash.replace(/^#\/?/, '').split('/');
    if (parts[0] === 'traces' && parts[1]) { return { traceId: decode(parts.slice(1).join('/')) }; }
    if (parts[0] === 'sessions') { return { sessionId: parts[1] ? decode(parts.slice(1).join('/')) : '' }; }
    if (parts[0] === 'prompts') { return { prompt: parts[1] ? decode(parts.slice(1).join('/')) : '' }; }
    return {};
  }
  function route() {
    var r = currentRoute();
    if (r.traceId !== undefined) { return renderTrace(r.traceId); }
    if (r.sessionId !== undefined) { return renderSession(r.sessionId); }
    if (r.prompt !== undefined) { return renderPrompts(r.prompt); }
    show('traces-view');
    return loadTraces();
  }
  function navigate(hash) {
    if (location.hash === hash) { return route(); }
    location.hash = hash;
    return Promise.resolve();
  }
  function openTrace(traceId) { return navigate('#/traces/' + encodeURIComponent(traceId)); }
  function loadSession(sessionId) { return navigate('#/sessions/' + encodeURIComponent(sessionId)); }

  function copyTraceId() {
    var id = $('copy-trace-id').dataset.traceId;
    var status = $('copy-status');
    function fallback() {
      var field = el('textarea');
      field.value = id;
      document.body.appendChild(field);
      field.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      field.remove();
      status.textContent = ok ? 'copied' : 'copy this id: ' + id;
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(id).then(function () { status.textContent = 'copied'; }, fallback);
    }
    else { fallback(); }
  }
  function setLive(on) {
    if (liveTimer) { clearInterval(liveTimer); liveTimer = null; }
    if (on) { liveTimer = setInterval(function () { if (!$('traces-view').hidden) { loadTraces(); } }, 3000); }
  }

  $('refresh').addEventListener('click', loadTraces);
  ['filter-text', 'filter-session', 'filter-user'].forEach(function (id) { $(id).addEventListener('input', renderTraces); });
  ['filter-failed', 'filter-error', 'show-all', 'filter-verdict', 'filter-model', 'filter-prompt'].forEach(function (id) { $(id).addEventListener('change', renderTraces); });
  $('live').addEventListener('change', function () { setLive($('live').checked); });
  $('copy-trace-id').addEventListener('click', copyTraceId);
  $('load-session').addEventListener('click', function () { loadSession($('session-id').value.trim()); });
  window.addEventListener('hashchange', route);
  route();
  window.llmobsViewer = { openTrace: openTrace, loadSession: loadSession, reload: loadTraces, timings: timings };
})();
