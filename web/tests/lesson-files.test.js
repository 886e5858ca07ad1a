// Browser tests of lessons loaded at run time and of tasks (README "For teachers"): a lesson
// file from lesson_src= (served beside the page, and one that is missing), from
// bp.lessons.load and a file dropped on the page, and from a course page of another origin
// through BpEmbed; a broken file refused with the reader's message and nothing changed; a
// task's limits refusing a setting (in the page's language) and its goal met within them;
// and the postMessage bridge's allowlist for pages of another origin.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const { openPlayground, withCoursePage, IN_FIGURE } = require('./harness.js');

const TASK = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../docs/tasks/spiral-24.json'), 'utf8'));
// A lesson of the teacher's own, plain English texts but a Spanish title: XOR with a hidden layer.
const OWN = {
  id: 'own-xor', order: 1, title: { en: 'My XOR', es: 'Mi XOR' }, text: 'A hidden layer bends the boundary.', question: 'Why?',
  config: { dataset: 'xor', layers: [4], seed: 2, stop_epoch: 50, lr: 0.1 }, epochs: 50,
  variants: [{ label: 'No hidden layer', config: { layers: [] } }],
  expect: [{ metric: 'test_acc', min: 0.8 }, { variant: 'No hidden layer', metric: 'test_acc', max: 0.75 }],
};
const ANSWER = { layers: [12, 12], activation: "relu", optimizer: "adam", lr: 0.01 };  // tests/test_lesson_task.cpp's answer

// Waits until the page has opened lesson `id` or its message bar says something, and returns both.
async function opened(page, id) {
  await page.waitForFunction((id) => window.bp.lessons.status().lesson === id || window.bp.messages().length > 0, id);
  return page.evaluate(() => ({ status: window.bp.lessons.status(), messages: window.bp.messages(), state: window.bp.getState() }));
}

test('lesson_src: a task file served beside the page opens as a lesson, with its limits; a missing one is named in the message bar', async () => {
  const { page, errors, close } = await openPlayground({ hash: '#lesson_src=tasks/spiral-24.json&autoplay=0' });
  try {
    const { status, messages, state } = await opened(page, 'spiral-24');
    assert.deepStrictEqual(messages, []);
    assert.strictEqual(status.lesson, 'spiral-24');
    assert.deepStrictEqual(status.task, { allow: TASK.task.allow, maxUnits: 24, maxLayers: 3, maxEpochs: 300 });
    assert.strictEqual(state.dataset, 'spiral');
    assert.deepStrictEqual(state.layers, [4]);
    assert.strictEqual(state.lesson_src, 'tasks/spiral-24.json');
    await page.waitForFunction(() => location.hash.includes('lesson_src=tasks/spiral-24.json') && location.hash.includes('lesson=spiral-24'));
    const list = await page.evaluate(() => window.bp.lessons.list());
    assert.deepStrictEqual(list.filter((l) => l.loaded).map((l) => [l.id, l.title]), [['spiral-24', TASK.title.en]]);
    // A shipped lesson from the picker: the link no longer names the file.
    await page.evaluate(() => window.bp.lessons.open('xor-hidden'));
    assert.strictEqual(await page.evaluate(() => window.bp.getState().lesson_src), '');

    const before = await page.evaluate(() => window.bp.getHash());
    await page.evaluate(() => window.bp.setState({ lesson_src: 'tasks/missing.json' }));
    await page.waitForFunction(() => window.bp.messages().length > 0);
    assert.deepStrictEqual(await page.evaluate(() => window.bp.messages()),
      ["lesson_src 'tasks/missing.json': the file could not be read (HTTP 404 Not Found)"]);
    assert.strictEqual(await page.evaluate(() => window.bp.lessons.status().lesson), 'xor-hidden');
    assert.strictEqual((await page.evaluate(() => window.bp.getHash())).replace('&lesson_src=tasks%2Fmissing.json', '')
      .replace('&lesson_src=tasks/missing.json', ''), before);
    // The browser's own line for the missing file, and nothing else.
    assert.deepStrictEqual(errors, ['console.error: Failed to load resource: the server responded with a status of 404 (Not Found)']);
  } finally {
    await close();
  }
});

test('bp.lessons.load and a dropped file: a teacher\'s lesson opens like a shipped one, English where the page\'s language has no text', async () => {
  const { page, errors, close } = await openPlayground({ hash: '#autoplay=0&lang=ru' });
  try {
    const shipped = await page.evaluate(() => window.bp.lessons.list().length);
    assert.strictEqual(await page.evaluate((l) => window.bp.lessons.load(l), OWN), '');
    const r = await page.evaluate(() => {
      const bp = window.bp;
      const lesson = bp.lessons.list().find((l) => l.id === 'own-xor');
      const first = bp.lessons.status();
      bp.lessons.open('own-xor', 0);  // its variant, then its own set-up to the budget
      const variant = bp.getState().layers;
      bp.lessons.open('own-xor', -1);
      bp.pause();
      while (bp.metrics().epoch < 50) bp.step(100);
      return { lesson, first, variant, status: bp.lessons.status(), state: bp.getState(), count: bp.lessons.list().length };
    });
    assert.strictEqual(r.count, shipped + 1);
    assert.deepStrictEqual([r.lesson.title, r.lesson.text, r.lesson.loaded, r.lesson.task], ['My XOR', OWN.text, true, null]);
    assert.strictEqual(r.first.lesson, 'own-xor');
    assert.deepStrictEqual(r.variant, []);
    assert.strictEqual(r.state.dataset, 'xor');
    assert.deepStrictEqual([r.status.epoch, r.status.checked, r.status.checks.length, r.status.checks[0].passed], [50, true, 1, true]);
    await page.evaluate(() => window.bp.setState({ lang: 'es' }));
    assert.strictEqual(await page.evaluate(() => window.bp.lessons.list().find((l) => l.id === 'own-xor').title), 'Mi XOR');

    // The same file dropped on the page, a new id: it opens.
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }));
    }, JSON.stringify({ ...OWN, id: 'dropped-xor' }));
    await page.waitForFunction(() => window.bp.lessons.status().lesson === 'dropped-xor');
    assert.deepStrictEqual(errors, []);
  } finally {
    await close();
  }
});

test('a broken lesson file is refused with the reader\'s message, in the call and the message bar, and nothing changes', async () => {
  const { page, errors, close } = await openPlayground({ hash: '#autoplay=0&lesson=xor-hidden' });
  try {
    const snapshot = () => page.evaluate(() => ({ hash: window.bp.getHash(), lessons: window.bp.lessons.list().length,
      status: window.bp.lessons.status().lesson, metrics: window.bp.metrics().steps }));
    const before = await snapshot();
    const cases = [
      [{ ...OWN, expect: [{ metric: 'acc', min: 0.8 }] }, "lesson 'own-xor': expect[0]: unknown metric 'acc'; the metrics are train_loss, test_loss, " +
        'train_acc, test_acc, loss_gap, saturated, dead, grad_ratio, diverged, saturated_start, train_loss_peak, loss_rises, test_loss_rise, ' +
        'lr_step_ratio, lr_best, slice_rise, grad_norm:, update_ratio:, weight_norm:'],
      [{ ...OWN, config: { ...OWN.config, learning_rate: 1 } }, "lesson 'own-xor': config: unknown setting 'learning_rate' (ignored)"],
      [{ ...TASK, task: { ...TASK.task, max_units: 0 } }, "lesson 'spiral-24': task: max_units: expected a whole number from 1 to 512"],
      [{ ...OWN, id: 'xor-hidden' }, "lesson 'xor-hidden': id: a shipped lesson has it; choose another"],
    ];
    for (const [lesson, message] of cases) {
      assert.strictEqual(await page.evaluate((l) => window.bp.lessons.load(l), lesson), message);
      assert.deepStrictEqual(await page.evaluate(() => window.bp.messages()), [message]);
      assert.deepStrictEqual(await snapshot(), before);
    }
    const text = await page.evaluate(() => window.bp.lessons.load('{"id": "own-xor", "order": '));
    assert.ok(text.startsWith('lesson: '), text);
    assert.deepStrictEqual(await snapshot(), before);
    assert.deepStrictEqual(errors, []);
  } finally {
    await close();
  }
});

test('a task refuses a setting outside its limits, naming the limit in the page\'s language, and its goal is met within them', async () => {
  const { page, errors, close } = await openPlayground({ hash: '#autoplay=0' });
  try {
    assert.strictEqual(await page.evaluate((l) => window.bp.lessons.load(l), TASK), '');
    const refusals = await page.evaluate(() => [
      window.bp.setState({ layers: [32, 32] }), window.bp.setState({ layers: [8, 8, 4, 4] }), window.bp.setState({ seed: 7 }),
      window.bp.setState({ lang: 'es' }).concat(window.bp.setState({ layers: [20, 20] })), window.bp.lessons.status().refused]);
    assert.deepStrictEqual(refusals, [['layers 32,32 exceeds max_units 24'], ['layers 8,8,4,4 exceeds max_layers 3'],
      ['seed 7: the task keeps it at 1 (it lets you change layers, activation, optimizer, lr, batch)'], ['layers 20,20 supera max_units 24'],
      'layers 20,20 supera max_units 24']);
    assert.deepStrictEqual(await page.evaluate(() => [window.bp.getState().layers, window.bp.getState().seed]), [[4], 1]);
    const r = await page.evaluate((answer) => {
      const bp = window.bp;
      const warnings = bp.setState(answer);
      bp.pause();
      const start = bp.lessons.status();
      while (bp.metrics().epoch < 300) {
        const steps = bp.metrics().steps;
        bp.step(500);
        if (bp.metrics().steps === steps) break;  // the stop epoch: the task's max_epochs
      }
      bp.step(100);  // past it: nothing trains
      return { warnings, start, status: bp.lessons.status(), metrics: bp.metrics() };
    }, ANSWER);
    assert.deepStrictEqual(r.warnings, []);
    assert.strictEqual(r.start.goalMet, false);
    assert.strictEqual(r.metrics.epoch, 300);
    assert.ok(r.metrics.testAcc >= 0.95, JSON.stringify(r.metrics));
    assert.strictEqual(r.status.goalMet, true);
    assert.strictEqual(r.status.checks[0].value, r.metrics.testAcc);
    assert.deepStrictEqual(errors, []);
  } finally {
    await close();
  }
});

test('a page of another origin is refused records, the class table and downloads (existing or not), and still drives setState and play', () =>
  withCoursePage(async ({ page, parentOrigin, appOrigin, frameUrl }) => {
    const verbs = ['records.export', 'class.table', 'savePng', 'exportWeights', 'importConfig', 'graph.downloadSvg'];
    const r = await page.evaluate(IN_FIGURE, [frameUrl, (async (fig, verbs) => {
      const refused = {};
      for (const verb of verbs) {
        try { refused[verb] = ['answered', await fig.call(verb)]; } catch (e) { refused[verb] = e.message; }
      }
      const warnings = await fig.call('setState', { lr: 0.2, dataset: 'xor' });
      await fig.call('play');
      while ((await fig.call('metrics')).epoch < 2) await new Promise((resolve) => setTimeout(resolve, 50));
      return { refused, warnings, state: await fig.call('getState'), playing: await fig.call('playing') };
    }).toString(), verbs]);
    const refusal = (verb) => `method '${verb}' is not open to a page of another origin (${parentOrigin})`;
    assert.deepStrictEqual(r.refused, Object.fromEntries(verbs.map((v) => [v, refusal(v)])));
    assert.deepStrictEqual(r.warnings, []);
    assert.deepStrictEqual([r.state.lr, r.state.dataset, r.playing], [0.2, 'xor', true]);

    // A course page of the playground's own origin keeps every verb.
    await page.goto(`${appOrigin}/embed-example.html`);
    const same = await page.evaluate(IN_FIGURE, [frameUrl.replace('#', '#dataset=gauss&'), (async (fig) =>
      ({ config: JSON.parse(await fig.call('exportConfig')).dataset, weights: typeof JSON.parse(await fig.call('exportWeights')) })).toString()]);
    assert.deepStrictEqual(same, { config: 'gauss', weights: 'object' });
  }));

test('a course page of another origin sends a lesson through BpEmbed: it opens, and a broken one is refused with the reader\'s message', () =>
  withCoursePage(async ({ page, frameUrl }) => {
    const r = await page.evaluate(IN_FIGURE, [frameUrl, (async (fig, own) => {
      const loaded = await fig.call('lessons.load', JSON.stringify(own));
      const status = await fig.call('lessons.status');
      let broken = '';
      try { broken = await fig.call('lessons.load', JSON.stringify({ ...own, epochs: 0 })); } catch (e) { broken = 'threw ' + e.message; }
      return { loaded, status, broken, messages: await fig.call('messages'), state: await fig.call('getState') };
    }).toString(), OWN]);
    assert.strictEqual(r.loaded, '');
    assert.deepStrictEqual([r.status.lesson, r.state.lesson, r.state.dataset], ['own-xor', 'own-xor', 'xor']);
    assert.strictEqual(r.broken, "lesson 'own-xor': epochs: expected a whole number from 1 to 100000");
    assert.deepStrictEqual(r.messages, [r.broken]);
  }));
