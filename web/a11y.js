// The accessible mirror of the canvas: a visually hidden part of the page, kept in step with
// the app's state (polled twice a second, the DOM touched only when something changed), with
// headings per panel, the training state in a polite live region (at most every 5 s while
// training), callouts and rejected settings in an assertive one, the lesson (its set-ups to
// compare as buttons), the graph lab's last step and the layer view's step as sentences, the
// notation card, and real buttons that act on the app. Its focused controls show.
'use strict';
(function () {
  // Every word the mirror says comes from the app's message tables in the page's language
  // (bp.text(key, args): the canvas's own texts, and the mirror.* sentences), so the two agree.
  // Keys are in double quotes, as in the C++ sources, for the doctest that finds every key used.
  const T = (key, args = {}) => window.bp.text(key, args);
  const status = (m) => T("mirror.status", { epoch: m.epoch, train: num(m.trainLoss), test: num(m.testLoss) }) +
    (m.testAcc === null ? '' : T("mirror.status_accuracy", { accuracy: pct(m.testAcc) })) +
    T(m.diverged ? "mirror.status_diverged" : m.playing ? "mirror.status_training" : "mirror.status_paused");
  const output = (m) => (m.classCounts.length
    ? T("mirror.output_classes", { points: m.points, counts: m.classCounts.map((n, k) => T("mirror.class_count", { n, k })).join(', '),
      train: pct(m.trainAcc), test: pct(m.testAcc) })
    : T("mirror.output_regression", { points: m.points, train: num(m.trainLoss), test: num(m.testLoss) }));
  const num = (v) => (v === null || v === undefined ? '-' : Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3)
    ? Number(v).toExponential(2) : String(Number(Number(v).toPrecision(4))));
  const pct = (v) => (v === null || v === undefined ? '-' : `${(100 * v).toFixed(1)}%`);

  const el = (tag, props = {}, ...kids) => {
    const e = Object.assign(document.createElement(tag), props);
    kids.forEach((k) => e.append(k));
    return e;
  };
  const setText = (node, text) => { if (node.textContent !== text) node.textContent = text; };

  function build(root) {
    const ui = {};
    const section = (key) => {
      const h = el('h2', { id: 'bp-m-' + key });
      const s = el('section', {}, h);
      s.setAttribute('aria-labelledby', h.id);
      root.append(s);
      return [s, h];
    };
    const button = (id, onclick) => el('button', { type: 'button', id, onclick: () => { onclick(); refresh(); } });
    ui.h1 = el('h1');
    root.append(ui.h1);
    [ui.trainSec, ui.trainH] = section('training');
    ui.status = el('p', { id: 'bp-status-live' });
    ui.status.setAttribute('role', 'status');  // polite
    ui.play = el('button', { type: 'button', id: 'bp-m-play', onclick: () => window.bp.play() });
    ui.step = el('button', { type: 'button', id: 'bp-m-step', onclick: () => window.bp.step(1) });
    ui.reset = el('button', { type: 'button', id: 'bp-m-reset', onclick: () => window.bp.reset() });
    ui.lessonLabel = el('label', { htmlFor: 'bp-m-lessons' });
    ui.lessonSelect = el('select', { id: 'bp-m-lessons', onchange: () => {
      const id = ui.lessonSelect.value;
      if (id) window.bp.lessons.open(id);
      else window.bp.setState({ lesson: 'none' });
    } });
    ui.views = ['playground', 'graph', 'layers', 'landscape'].map((view) => button('bp-m-view-' + view, () => window.bp.setState({ view })));
    ui.trainSec.append(ui.status, ui.play, ui.step, ui.reset, ui.lessonLabel, ui.lessonSelect, ...ui.views);
    [ui.outSec, ui.outH] = section('boundary');
    ui.output = el('p');
    ui.outSec.append(ui.output);
    [ui.alertSec, ui.alertH] = section('callouts');
    ui.alerts = el('div', { id: 'bp-alerts-live' });
    ui.alerts.setAttribute('aria-live', 'assertive');
    ui.alertSec.append(ui.alerts);
    [ui.lessonSec, ui.lessonH] = section('lesson');
    ui.lesson = el('div');
    ui.variantLabel = el('p');
    ui.variants = el('div', { id: 'bp-m-variants' });  // one button per set-up to compare
    ui.lessonSec.append(ui.lesson, ui.variantLabel, ui.variants);
    [ui.graphSec, ui.graphH] = section('graph');
    ui.formula = el('p');
    ui.forward = button('bp-m-forward', () => window.bp.graph.forwardStep());
    ui.backward = button('bp-m-backward', () => window.bp.graph.backwardStep());
    ui.graphReset = button('bp-m-graph-reset', () => window.bp.graph.reset());
    ui.graphStep = el('p', { id: 'bp-graph-live' });
    ui.graphStep.setAttribute('aria-live', 'polite');
    ui.graphSec.append(ui.formula, ui.forward, ui.backward, ui.graphReset, ui.graphStep);
    [ui.notationSec, ui.notationH] = section('notation');
    ui.notation = el('ul');
    ui.notationSec.append(ui.notation);
    [ui.layerSec, ui.layerH] = section('layers');
    ui.layerOpen = button('bp-m-layers-open', () => window.bp.layers.open(0));
    ui.layerForward = button('bp-m-layers-forward', () => window.bp.layers.forwardStep());
    ui.layerBackward = button('bp-m-layers-backward', () => window.bp.layers.backwardStep());
    ui.layerUpdate = button('bp-m-layers-update', () => window.bp.layers.sgdStep());
    ui.layerReset = button('bp-m-layers-reset', () => window.bp.layers.reset());
    ui.layerStep = el('p', { id: 'bp-layers-live' });
    ui.layerStep.setAttribute('aria-live', 'polite');
    ui.layerSec.append(ui.layerStep, ui.layerOpen, ui.layerForward, ui.layerBackward, ui.layerUpdate, ui.layerReset);
    [ui.keptSec, ui.keptH] = section('kept');  // the loss panel's kept runs (playground view)
    ui.keep = button('bp-m-keep', () => window.bp.records.keep());
    ui.keptRows = el('ul', { id: 'bp-m-kept-runs' });
    ui.keptSaid = el('p', { id: 'bp-kept-live' });
    ui.keptSaid.setAttribute('aria-live', 'polite');
    ui.keptSec.append(ui.keep, ui.keptRows, ui.keptSaid);
    [ui.landSec, ui.landH] = section('landscape');  // the Landscape tab's numbers (view=landscape only)
    ui.landSaid = el('p', { id: 'bp-landscape-live' });
    ui.landSec.append(ui.landSaid);
    [ui.classSec, ui.classH] = section('class');  // the teacher's table of records (view=class only)
    ui.classRows = el('ul', { id: 'bp-class-live' });
    ui.classRows.setAttribute('aria-live', 'polite');
    ui.classSec.append(ui.classRows);
    return ui;
  }

  // The graph lab's last step as a sentence, from bp.graph.state().
  function stepSentence(g) {
    const forward = g.forwardDone, backward = g.backwardDone;
    if (!g.nodes || (forward === 0 && backward === 0)) return '';
    const node = g.nodes[g.current];
    if (!node) return '';
    if (backward === 0) return T("mirror.graph_forward", { k: forward, id: node.id, op: node.op, value: num(node.value) });
    const parts = [];
    for (const other of g.nodes) {
      const c = other.contributions.find((x) => x.from === node.id);
      if (c) parts.push(T("mirror.graph_sends", { grad: num(node.grad), local: num(c.local), to: other.id,
        sum: other.contributions.map((x) => num(x.amount)).join(' + ') }));
    }
    return T("mirror.graph_backward", { k: backward, id: node.id, op: node.op, grad: num(node.grad),
      sends: parts.length ? parts.join('; ') : T("mirror.graph_sends_nothing") });
  }

  // The layer view's step as sentences, from bp.layers.state(): the phase of the SGD step, the
  // node just computed and the rule that computed it.
  function layerSentences(st) {
    if (!st.open) return [T("layers.nothing_open")];
    const phase = { zeroed: "layers.order_0", forward: "layers.order_1", backward: "layers.order_2", updated: "layers.order_3" }[st.phase];
    const lines = [T("mirror.layers_phase", { phase: T(phase), forward: st.forwardDone,
      backward: st.backwardDone, nodes: st.nodes.length })];
    const node = st.nodes[st.current];
    if (node && st.phase === 'forward')
      lines.push(T("mirror.layers_forward", { node: node.label, rule: node.formula || node.label, shape: node.shape.join(' x ') }));
    if (node && st.phase === 'backward')
      lines.push(T("mirror.layers_backward", { node: node.label, rule: node.rule || node.edgeRules.join('; ') }));
    if (st.update) lines.push(T("mirror.layers_update", { before: num(st.update.lossBefore), after: num(st.update.lossAfter) }));
    return lines;
  }

  let ui = null, lastStatusAt = 0, lessonsLang = '';
  function refresh() {
    const bp = window.bp;
    const state = bp.getState();
    const lang = state.lang;
    ui.view = state.view;
    setText(ui.h1, T("mirror.title"));
    setText(ui.trainH, T("panel.training"));
    setText(ui.outH, T("panel.output"));
    setText(ui.alertH, T("panel.callouts"));
    setText(ui.lessonH, T("mirror.lesson"));
    setText(ui.graphH, T("tab.graph"));
    setText(ui.layerH, T("tab.layers"));
    const m = bp.metrics();
    setText(ui.play, m.playLabel);
    setText(ui.step, T("controls.step"));
    setText(ui.reset, T("controls.reset"));
    setText(ui.lessonLabel, T("lessons.picker"));
    ['playground', 'graph', 'layers', 'landscape'].forEach((view, i) => {
      setText(ui.views[i], T("mirror.open_view", { view: T("tab." + view) }));
      ui.views[i].hidden = state.view === view;
    });
    const now = Date.now();
    const said = status(m);
    if (said !== ui.status.textContent && (!m.playing || now - lastStatusAt >= 5000)) {
      ui.status.textContent = said;
      lastStatusAt = now;
    }
    setText(ui.output, output(m));
    const calls = bp.callouts().map((c) => c.text);
    const msgs = bp.messages();
    setText(ui.alerts, [...(msgs.length ? [T("mirror.messages", { list: msgs.join('; ') })] : []),
      ...(calls.length ? calls : [T("mirror.no_callouts")])].join(' '));
    refreshLesson(lang, state.lesson || '');
    const g = bp.graph.state();
    setText(ui.formula, T("mirror.formula", { formula: g.formula }));
    setText(ui.forward, T("graph.forward_step"));
    setText(ui.backward, T("graph.backward_step"));
    setText(ui.graphReset, T("graph.reset"));
    setText(ui.graphStep, stepSentence(g));
    const layers = bp.layers.state();
    setText(ui.layerStep, layerSentences(layers).join(' '));
    setText(ui.layerOpen, T("layers.open_point"));
    setText(ui.layerForward, T("layers.forward"));
    setText(ui.layerBackward, T("layers.backward"));
    setText(ui.layerUpdate, T("layers.sgd"));
    setText(ui.layerReset, T("layers.reset"));
    [ui.layerForward, ui.layerBackward, ui.layerUpdate, ui.layerReset].forEach((b) => { b.hidden = !layers.open; });
    refreshClass(state.view === 'class');
    refreshLandscape(state.view === 'landscape');
    refreshKept(state.view === 'playground');
    const n = bp.notation();  // the notation card, in the app's words (assets/messages)
    setText(ui.notationH, n.title);
    if (ui.notation.dataset.text !== n.lines.join('\n')) {
      ui.notation.dataset.text = n.lines.join('\n');
      ui.notation.replaceChildren(...n.lines.map((line) => el('li', { textContent: line })));
    }
  }

  // A task's limits as the lesson panel says them, each with where the run is now, and the last refused edit.
  function taskLines(st) {
    if (!st.task) return [];
    const layers = window.bp.getState().layers;
    const now = { maxUnits: layers.reduce((a, b) => a + b, 0), maxLayers: layers.length, maxEpochs: st.epoch };
    const keys = { maxUnits: "lessons.task_units", maxLayers: "lessons.task_layers", maxEpochs: "lessons.task_epochs" };
    const words = (key) => {  // as the lesson panel names a setting: "learning rate (lr)"
      const k = key === 'layers' ? 'lessons.task_layers_word' : 'controls.' + key;
      const t = T(k);
      return t === k ? key : `${t} (${key})`;
    };
    return [T("lessons.task"), T("lessons.task_allow", { keys: st.task.allow.map(words).join(', ') || '-' }),
      ...Object.keys(keys).filter((k) => st.task[k]).map((k) => T(keys[k], { max: st.task[k], now: now[k] })),
      st.refused ? T("lessons.task_refused", { problem: st.refused }) : ''];
  }

  // The kept runs as the loss panel lists them: a box to compare each (its row as the label,
  // with how it differs from the run now), Open and Remove; then what is compared and the last outcome.
  function refreshKept(shown) {
    ui.keptSec.hidden = !shown;
    if (!shown) return;
    const runs = window.bp.records.list();
    const compared = window.bp.records.compared();
    setText(ui.keptH, T("kept.title", { n: runs.length }));
    setText(ui.keep, T("kept.keep"));
    const rows = runs.map((r) => T("kept.row", { id: r.id, epoch: r.epoch, loss: num(r.trainLoss) }) + '; ' +
      (r.differsFromNow.length ? T("kept.row_now", { list: r.differsFromNow.join('; ') }) : T("kept.row_same")));
    const key = rows.join('\n') + '|' + compared.ids.join(',') + '|' + T("kept.open");
    if (ui.keptRows.dataset.text !== key) {
      ui.keptRows.dataset.text = key;
      ui.keptRows.replaceChildren(...runs.map((r, i) => {
        const box = el('input', { type: 'checkbox', id: `bp-m-kept-${r.id}`, checked: compared.ids.includes(r.id), onchange: () => {
          const ids = compared.ids.filter((x) => x !== r.id);
          window.bp.records.compare(box.checked ? [...ids, r.id] : ids);
          refresh();
        } });
        const act = (word, fn) => el('button', { type: 'button', textContent: `${T(word)} #${r.id}`, onclick: () => { fn(); refresh(); } });
        return el('li', {}, box, el('label', { htmlFor: box.id, textContent: rows[i] }),
          act("kept.open", () => window.bp.records.open(r.id)), act("kept.remove", () => window.bp.records.remove(r.id)));
      }));
    }
    const what = compared.ids.length ? T("mirror.kept_compared", { list: compared.labels.join(', ') }) + ' ' +
      (compared.differences.length ? T("kept.differences", { list: compared.differences.join('; ') }) : T("kept.same_settings")) +
      (compared.curves.some((c) => c.edited) ? ' ' + T("kept.edited") : '')
      : runs.length ? T("kept.compare_hint") : '';
    setText(ui.keptSaid, [what, window.bp.records.message()].filter(Boolean).join(' '));
  }

  // The Landscape tab in the sentences under its pictures: the slice's centre and progress, the
  // learning-rate line's marks.
  function refreshLandscape(shown) {
    ui.landSec.hidden = !shown;
    if (!shown) return;
    setText(ui.landH, T("tab.landscape"));
    // What the tab shows: brief (no grid or directions), the line as drawn (never computed here).
    const s = window.bp.landscape.state({ brief: true }), l = window.bp.landscape.lrMarks({ now: false });
    const slice = T("landscape.caption", { centre: num(s.centreLoss), done: String(Math.round(100 * s.progress)) });
    const line = l.ready ? T("landscape.lr_line_caption", { lr: num(l.lr), loss: num(l.lossAtLr), loss0: num(l.loss0) }) + ' ' +
      T(l.bestSays, { best: num(l.bestEta) })
      : T("landscape.lr_line_paused");
    setText(ui.landSaid, slice + ' ' + line);
  }

  // The class view's rows as sentences: each file, verified or not and why, or still replaying.
  function refreshClass(shown) {
    ui.classSec.hidden = !shown;
    if (!shown) return;
    setText(ui.classH, T("tab.class"));
    const rows = window.bp.class.table().map((r) => (r.verified === null ? T("mirror.class_replaying", { file: r.file })
      : r.verified ? T("mirror.class_verified", { file: r.file, acc: pct(r.test_acc) })
        : T("mirror.class_refused", { file: r.file, reason: r.reason })));
    if (ui.classRows.dataset.text === rows.join('\n')) return;
    ui.classRows.dataset.text = rows.join('\n');
    ui.classRows.replaceChildren(...rows.map((line) => el('li', { textContent: line })));
  }

  function refreshLesson(lang, current) {
    const list = window.bp.lessons.list();
    if (lessonsLang !== lang + list.length) {  // the options: once, and again in another language
      lessonsLang = lang + list.length;
      ui.lessonSelect.replaceChildren(el('option', { value: '', textContent: T("lessons.none") }),
        ...list.map((l) => el('option', { value: l.id, textContent: l.title })));
    }
    if (ui.lessonSelect.value !== current) ui.lessonSelect.value = current;
    const l = list.find((x) => x.id === current);
    const st = l ? window.bp.lessons.status() : null;
    const said = (c) => (c.pending ? c.sentence : T(c.passed ? "mirror.check_seen" : "mirror.check_not_yet", { sentence: c.sentence }));
    const text = l ? [l.title, l.text, T("lessons.think", { question: l.question }), ...taskLines(st), st.note,
      ...st.checks.map(said)].join('\n') : T("lessons.none");
    const variants = l && l.variants.length ? [T("lessons.own_setup"), ...l.variants] : [];
    const key = text + '\n' + variants.join('\n') + (st ? st.variant : '');
    if (ui.lesson.dataset.text === key) return;
    ui.lesson.dataset.text = key;
    ui.lesson.replaceChildren(...text.split('\n').filter(Boolean).map((line) => el('p', { textContent: line })));
    setText(ui.variantLabel, variants.length ? T("lessons.compare") : '');
    ui.variants.replaceChildren(...variants.map((label, i) => {
      const b = el('button', { type: 'button', textContent: label, onclick: () => { window.bp.lessons.open(l.id, i - 1); refresh(); } });
      b.setAttribute('aria-pressed', String(st.variant === i - 1));
      return b;
    }));
  }

  // Tab leaves the canvas for the next control of the page (no keyboard trap): the app
  // never sees it.
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Tab' && e.target && e.target.id === 'canvas') e.stopPropagation();
  }, true);

  window.bpReady.then(() => {
    ui = build(document.getElementById('bp-mirror'));
    refresh();
    setInterval(refresh, 500);
  }, () => {});
})();
