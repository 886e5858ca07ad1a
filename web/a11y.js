// The accessible mirror of the canvas: a visually hidden part of the page, kept in step with
// the app's state (polled twice a second, the DOM touched only when something changed), with
// headings per panel, the training state in a polite live region (at most every 5 s while
// training), callouts and rejected settings in an assertive one, the lesson, the graph lab's
// last step as a sentence, the notation card, and real buttons that act on the app. Its focused controls show.
'use strict';
(function () {
  // Every string the mirror shows, per language (the app's language: bp.getState().lang).
  const TEXT = {
    en: {
      title: 'Backprop Playground', training: 'Training', play: 'Play', pause: 'Pause', step: 'Step',
      reset: 'Reset', lessons: 'Lesson', noLesson: '(no lesson)', boundary: 'Decision boundary',
      callouts: 'Callouts', noCallouts: 'No callouts.', messages: 'Settings that could not be used',
      lesson: 'Lesson', graph: 'Graph lab', forward: 'Forward step', backward: 'Backward step',
      graphReset: 'Start the graph again', openGraph: 'Open the graph lab', openPlayground: 'Open the playground',
      status: (m) => `Epoch ${m.epoch}, train loss ${num(m.trainLoss)}, test loss ${num(m.testLoss)}` +
        (m.testAcc === null ? '' : `, test accuracy ${pct(m.testAcc)}`) +
        (m.diverged ? '. The training diverged.' : m.playing ? ', training.' : ', paused.'),
      output: (m) => m.classCounts.length
        ? `${m.points} points: ` + m.classCounts.map((n, k) => `${n} of class ${k}`).join(', ') +
          `. The boundary classifies ${pct(m.trainAcc)} of the training points and ${pct(m.testAcc)} of the test points correctly.`
        : `${m.points} points, a regression: train loss ${num(m.trainLoss)}, test loss ${num(m.testLoss)}.`,
      think: 'Think:',
      checks: (c) => (c.pending ? c.sentence : `${c.passed ? 'Seen' : 'Not seen yet'}: ${c.sentence}`),
      formula: (f) => `Formula: ${f}`,
      forwardSentence: (k, n, v) => `Forward step ${k}: node ${n.id}, ${n.op}, computes ${num(v)}.`,
      backwardSentence: (k, n, parts) => `Backward step ${k}: node ${n.id}, ${n.op}, gradient ${num(n.grad)}` +
        (parts.length ? ', ' + parts.map((p) => `sends ${num(n.grad)} times ${num(p.local)} into node ${p.to}; ` +
          `node ${p.to}'s gradient is now ${p.sum}`).join('; ') : ', sends nothing further') + '.',
    },
    es: {
      title: 'Laboratorio de retropropagación', training: 'Entrenamiento', play: 'Reproducir', pause: 'Pausa',
      step: 'Paso', reset: 'Reiniciar', lessons: 'Lección', noLesson: '(sin lección)', boundary: 'Frontera de decisión',
      callouts: 'Avisos', noCallouts: 'Sin avisos.', messages: 'Ajustes que no se pudieron usar',
      lesson: 'Lección', graph: 'Laboratorio de grafos', forward: 'Paso hacia delante', backward: 'Paso hacia atrás',
      graphReset: 'Empezar el grafo de nuevo', openGraph: 'Abrir el laboratorio de grafos', openPlayground: 'Abrir el laboratorio',
      status: (m) => `Época ${m.epoch}, pérdida de entrenamiento ${num(m.trainLoss)}, pérdida de prueba ${num(m.testLoss)}` +
        (m.testAcc === null ? '' : `, exactitud de prueba ${pct(m.testAcc)}`) +
        (m.diverged ? '. El entrenamiento divergió.' : m.playing ? ', entrenando.' : ', en pausa.'),
      output: (m) => m.classCounts.length
        ? `${m.points} puntos: ` + m.classCounts.map((n, k) => `${n} de la clase ${k}`).join(', ') +
          `. La frontera clasifica bien el ${pct(m.trainAcc)} de los puntos de entrenamiento y el ${pct(m.testAcc)} de los de prueba.`
        : `${m.points} puntos, una regresión: pérdida de entrenamiento ${num(m.trainLoss)}, de prueba ${num(m.testLoss)}.`,
      think: 'Piensa:',
      checks: (c) => (c.pending ? c.sentence : `${c.passed ? 'Se ve' : 'Aún no se ve'}: ${c.sentence}`),
      formula: (f) => `Fórmula: ${f}`,
      forwardSentence: (k, n, v) => `Paso hacia delante ${k}: el nodo ${n.id}, ${n.op}, calcula ${num(v)}.`,
      backwardSentence: (k, n, parts) => `Paso hacia atrás ${k}: el nodo ${n.id}, ${n.op}, gradiente ${num(n.grad)}` +
        (parts.length ? ', ' + parts.map((p) => `envía ${num(n.grad)} por ${num(p.local)} al nodo ${p.to}; ` +
          `el gradiente del nodo ${p.to} es ahora ${p.sum}`).join('; ') : ', no envía nada más') + '.',
    },
    ru: {
      title: 'Лаборатория обратного распространения ошибки', training: 'Обучение', play: 'Пуск', pause: 'Пауза',
      step: 'Шаг', reset: 'Сброс', lessons: 'Урок', noLesson: '(без урока)', boundary: 'Граница решений',
      callouts: 'Подсказки', noCallouts: 'Подсказок нет.', messages: 'Настройки, которые не удалось применить',
      lesson: 'Урок', graph: 'Лаборатория графов', forward: 'Шаг вперёд', backward: 'Шаг назад',
      graphReset: 'Начать граф заново', openGraph: 'Открыть лабораторию графов', openPlayground: 'Открыть обучение сети',
      status: (m) => `Эпоха ${m.epoch}, потери на обучении ${num(m.trainLoss)}, на тесте ${num(m.testLoss)}` +
        (m.testAcc === null ? '' : `, точность на тесте ${pct(m.testAcc)}`) +
        (m.diverged ? '. Обучение разошлось.' : m.playing ? ', идёт обучение.' : ', пауза.'),
      output: (m) => m.classCounts.length
        ? `${m.points} точек: ` + m.classCounts.map((n, k) => `класс ${k}: ${n}`).join(', ') +
          `. Граница верно классифицирует ${pct(m.trainAcc)} обучающих точек и ${pct(m.testAcc)} тестовых.`
        : `${m.points} точек, регрессия: потери на обучении ${num(m.trainLoss)}, на тесте ${num(m.testLoss)}.`,
      think: 'Подумайте:',
      checks: (c) => (c.pending ? c.sentence : `${c.passed ? 'Видно' : 'Пока не видно'}: ${c.sentence}`),
      formula: (f) => `Формула: ${f}`,
      forwardSentence: (k, n, v) => `Шаг вперёд ${k}: узел ${n.id}, ${n.op}, вычисляет ${num(v)}.`,
      backwardSentence: (k, n, parts) => `Шаг назад ${k}: узел ${n.id}, ${n.op}, градиент ${num(n.grad)}` +
        (parts.length ? ', ' + parts.map((p) => `передаёт ${num(n.grad)} умножить на ${num(p.local)} в узел ${p.to}; ` +
          `градиент узла ${p.to} теперь ${p.sum}`).join('; ') : ', дальше ничего не передаёт') + '.',
    },
  };
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
    ui.toGraph = el('button', { type: 'button', id: 'bp-m-view', onclick: () =>
      window.bp.setState({ view: ui.view === 'graph' ? 'playground' : 'graph' }) });
    ui.trainSec.append(ui.status, ui.play, ui.step, ui.reset, ui.lessonLabel, ui.lessonSelect, ui.toGraph);
    [ui.outSec, ui.outH] = section('boundary');
    ui.output = el('p');
    ui.outSec.append(ui.output);
    [ui.alertSec, ui.alertH] = section('callouts');
    ui.alerts = el('div', { id: 'bp-alerts-live' });
    ui.alerts.setAttribute('aria-live', 'assertive');
    ui.alertSec.append(ui.alerts);
    [ui.lessonSec, ui.lessonH] = section('lesson');
    ui.lesson = el('div');
    ui.lessonSec.append(ui.lesson);
    [ui.graphSec, ui.graphH] = section('graph');
    ui.formula = el('p');
    ui.forward = el('button', { type: 'button', id: 'bp-m-forward', onclick: () => { window.bp.graph.forwardStep(); refresh(); } });
    ui.backward = el('button', { type: 'button', id: 'bp-m-backward', onclick: () => { window.bp.graph.backwardStep(); refresh(); } });
    ui.graphReset = el('button', { type: 'button', id: 'bp-m-graph-reset', onclick: () => { window.bp.graph.reset(); refresh(); } });
    ui.graphStep = el('p', { id: 'bp-graph-live' });
    ui.graphStep.setAttribute('aria-live', 'polite');
    ui.graphSec.append(ui.formula, ui.forward, ui.backward, ui.graphReset, ui.graphStep);
    [ui.notationSec, ui.notationH] = section('notation');
    ui.notation = el('ul');
    ui.notationSec.append(ui.notation);
    return ui;
  }

  // The graph lab's last step as a sentence, from bp.graph.state().
  function stepSentence(t, g) {
    const forward = g.forwardDone, backward = g.backwardDone;
    if (!g.nodes || (forward === 0 && backward === 0)) return '';
    const node = g.nodes[g.current];
    if (!node) return '';
    if (backward === 0) return t.forwardSentence(forward, node, node.value);
    const parts = [];
    for (const other of g.nodes) {
      const c = other.contributions.find((x) => x.from === node.id);
      if (c) parts.push({ to: other.id, local: c.local, sum: other.contributions.map((x) => num(x.amount)).join(' + ') });
    }
    return t.backwardSentence(backward, node, parts);
  }

  let ui = null, lastStatusAt = 0, lessonsLang = '';
  function refresh() {
    const bp = window.bp;
    const state = bp.getState();
    const lang = TEXT[state.lang] ? state.lang : 'en';
    const t = TEXT[lang];
    ui.view = state.view;
    setText(ui.h1, t.title);
    setText(ui.trainH, t.training);
    setText(ui.outH, t.boundary);
    setText(ui.alertH, t.callouts);
    setText(ui.lessonH, t.lesson);
    setText(ui.graphH, t.graph);
    const m = bp.metrics();
    setText(ui.play, m.playLabel);
    setText(ui.step, t.step);
    setText(ui.reset, t.reset);
    setText(ui.lessonLabel, t.lessons);
    setText(ui.toGraph, state.view === 'graph' ? t.openPlayground : t.openGraph);
    const now = Date.now();
    const status = t.status(m);
    if (status !== ui.status.textContent && (!m.playing || now - lastStatusAt >= 5000)) {
      ui.status.textContent = status;
      lastStatusAt = now;
    }
    setText(ui.output, t.output(m));
    const calls = bp.callouts().map((c) => c.text);
    const msgs = bp.messages();
    setText(ui.alerts, [...(msgs.length ? [t.messages + ': ' + msgs.join('; ')] : []),
      ...(calls.length ? calls : [t.noCallouts])].join(' '));
    refreshLesson(t, lang, state.lesson || '');
    const g = bp.graph.state();
    setText(ui.formula, t.formula(g.formula));
    setText(ui.forward, t.forward);
    setText(ui.backward, t.backward);
    setText(ui.graphReset, t.graphReset);
    setText(ui.graphStep, stepSentence(t, g));
    const n = bp.notation();  // the notation card, in the app's words (assets/messages)
    setText(ui.notationH, n.title);
    if (ui.notation.dataset.text !== n.lines.join('\n')) {
      ui.notation.dataset.text = n.lines.join('\n');
      ui.notation.replaceChildren(...n.lines.map((line) => el('li', { textContent: line })));
    }
  }

  function refreshLesson(t, lang, current) {
    const list = window.bp.lessons.list();
    if (lessonsLang !== lang + list.length) {  // the options: once, and again in another language
      lessonsLang = lang + list.length;
      ui.lessonSelect.replaceChildren(el('option', { value: '', textContent: t.noLesson }),
        ...list.map((l) => el('option', { value: l.id, textContent: l.title })));
    }
    if (ui.lessonSelect.value !== current) ui.lessonSelect.value = current;
    const l = list.find((x) => x.id === current);
    const st = l ? window.bp.lessons.status() : null;
    const text = l ? [l.title, l.text, `${t.think} ${l.question}`, st.note, ...st.checks.map(t.checks)].join('\n') : t.noLesson;
    if (ui.lesson.dataset.text === text) return;
    ui.lesson.dataset.text = text;
    ui.lesson.replaceChildren(...text.split('\n').filter(Boolean).map((line) => el('p', { textContent: line })));
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
