// Course-ready access: axe-core finds no serious or critical violation on the page, the graph
// lab, an embed and the course-page example; the keyboard alone reaches and leaves the canvas,
// plays, opens a lesson and steps the graph lab; the accessible mirror announces the training
// and its buttons act on the app; reduced motion stops autoplay; a second visit works offline.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { openPlayground, withPlayground, launch, frames } = require('./harness.js');

const AXE = require.resolve('axe-core/axe.min.js');

async function seriousViolations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// Dear ImGui 1.86 reads which keys are down once a frame: a key pressed and released within
// one frame (as keyboard.press does) is never seen down, so a nav key is held for a frame.
async function tap(page, key) {
  await page.keyboard.down(key);
  await frames(page, 1);
  await page.keyboard.up(key);
  await frames(page, 1);
}

// Waits (frame by frame, no clock) until fn() in the page is true.
const until = (page, fn, arg) => page.waitForFunction(fn, arg, { polling: 'raf', timeout: 0 });

test('axe-core: no serious or critical violations on the page, the graph lab, an embed, the course example', async () => {
  const { browser, close } = await launch();
  try {
    for (const hash of ['', '#view=graph', '#embed=1&panels=boundary,loss&controls=play,reset']) {
      const { page, errors, close: closePage } = await openPlayground({ hash, browser });
      await until(page, () => document.querySelector('#bp-mirror h1'));
      assert.deepStrictEqual(await seriousViolations(page), [], `index.html${hash}`);
      assert.deepStrictEqual(errors, []);
      await closePage();
    }
    const { page, close: closeExample } = await openPlayground({ browser, path: 'embed-example.html' });
    await page.waitForLoadState('load');
    assert.deepStrictEqual(await seriousViolations(page), [], 'embed-example.html');
    await closeExample();
  } finally {
    await close();
  }
});

test('keyboard only: Tab into the canvas, Space plays, L and the arrow keys open a lesson, G and F/B step the graph lab, Tab leaves', async () => {
  await withPlayground({ hash: '#autoplay=0' }, async ({ page, errors }) => {
    await page.keyboard.press('Tab');
    assert.strictEqual(await page.evaluate(() => document.activeElement.id), 'canvas');
    assert.strictEqual(await page.evaluate(() => bp.metrics().steps), 0);
    await page.keyboard.press('Space');
    await until(page, () => bp.metrics().epoch >= 2);
    await page.keyboard.press('Space');  // pauses again
    await frames(page, 3);
    assert.strictEqual(await page.evaluate(() => bp.playing()), false);
    await page.keyboard.press('l');  // the list of lessons; the arrow keys move in it, Space opens one
    await frames(page, 3);
    await tap(page, 'ArrowDown');
    await tap(page, 'Space');
    await until(page, () => bp.getState().lesson !== '');
    await tap(page, 'Escape');  // leave the controls' focus ring
    await page.keyboard.press('g');
    await until(page, () => bp.getState().view === 'graph');
    await page.keyboard.press('f');
    await until(page, () => bp.graph.state().forwardDone === 1);
    await page.keyboard.press('b');  // finishes the forward pass, then one backward step
    await until(page, () => bp.graph.state().backwardDone === 1);
    await page.keyboard.press('Tab');
    assert.strictEqual(await page.evaluate(() => document.activeElement.id), 'bp-m-play', 'no keyboard trap');
    assert.deepStrictEqual(errors, []);
  });
});

test('the live region names the epoch and the loss as training runs; mirror buttons act on the app', async () => {
  await withPlayground({ hash: '#autoplay=0' }, async ({ page, errors }) => {
    await until(page, () => /Epoch 0,/.test(document.getElementById('bp-status-live').textContent));
    await page.focus('#bp-m-step');
    await page.keyboard.press('Enter');
    await until(page, () => bp.metrics().steps === 1);
    await page.keyboard.press('Shift+Tab');  // back to Play, the button before Step
    assert.strictEqual(await page.evaluate(() => document.activeElement.id), 'bp-m-play');
    await page.keyboard.press('Space');
    await until(page, () => bp.playing());
    const first = await page.evaluate(() => document.getElementById('bp-status-live').textContent);
    await until(page, (first) => document.getElementById('bp-status-live').textContent !== first, first);
    const text = await page.evaluate(() => document.getElementById('bp-status-live').textContent);
    assert.match(text, /^Epoch [1-9]\d*, train loss \d/);
    assert.match(text, /test loss \d/);
    assert.strictEqual(await page.evaluate(() => document.getElementById('bp-status-live').getAttribute('role')), 'status');
    assert.deepStrictEqual(errors, []);
  });
});

test('the graph lab step as a sentence: (x+y)z at (-2, 5, -4), the lecture example', async () => {
  await withPlayground({ hash: '#view=graph&formula=(x%2By)*z&values=x:-2,y:5,z:-4' }, async ({ page }) => {
    await page.evaluate(() => { while (bp.graph.forwardStep()); });
    await page.focus('#bp-m-backward');  // a mirror button shows once it has the focus
    await page.keyboard.press('Enter');
    const out = await page.evaluate(() => bp.graph.state().output);
    await until(page, (out) => document.getElementById('bp-graph-live').textContent.startsWith(`Backward step 1: node ${out}, `), out);
    const s = await page.evaluate(() => document.getElementById('bp-graph-live').textContent);
    // d f/d(x+y) = z = -4 and d f/dz = x + y = 3 (by hand): the output node sends 1 times each.
    assert.match(s, /gradient 1, sends 1 times -4 into node \d+; node \d+'s gradient is now -4/);
    assert.match(s, /sends 1 times 3 into node \d+; node \d+'s gradient is now 3\.$/);
  });
});

test('reduced motion: no autoplay, unless the link asks for it', async () => {
  const { browser, close } = await launch();
  try {
    const calm = await openPlayground({ browser, context: { reducedMotion: 'reduce' } });
    await frames(calm.page, 30);
    assert.strictEqual(await calm.page.evaluate(() => bp.metrics().steps), 0);
    assert.strictEqual(await calm.page.evaluate(() => bp.playing()), false);
    await calm.close();
    const asked = await openPlayground({ browser, hash: '#autoplay=1', context: { reducedMotion: 'reduce' } });
    await until(asked.page, () => bp.metrics().steps > 0);
    await asked.close();
  } finally {
    await close();
  }
});

test('offline: after one visit the page opens without a network', async () => {
  const { page, context, close } = await openPlayground();
  try {
    await page.evaluate(() => navigator.serviceWorker.ready);
    await context.setOffline(true);
    await page.reload();
    await page.evaluate(() => window.bpReady);
    assert.ok(await page.evaluate(() => bp.frames() > 0));
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null));
  } finally {
    await context.setOffline(false);
    await close();
  }
});

test('mirror: a Layers section says the SGD step\'s stage, the node just computed and its rule, as sentences', async () => {
  await withPlayground({ hash: '#view=layers&autoplay=0' }, async ({ page, errors }) => {
    assert.strictEqual(await page.evaluate(() => bp.layers.open(0)), '');
    await page.evaluate(() => { bp.layers.forwardStep(); bp.layers.forwardStep(); });
    const st = await page.evaluate(() => bp.layers.state());
    const node = st.nodes[st.current];
    await until(page, (label) => (document.getElementById('bp-layers-live') || {}).textContent.includes(label), node.label);
    let said = await page.evaluate(() => document.getElementById('bp-layers-live').textContent);
    assert.ok(said.includes('2 forward') && said.includes(node.formula || node.label), said);
    await page.focus('#bp-m-layers-backward');
    await page.keyboard.press('Enter');  // the mirror's own button: finishes the forward pass, one node back
    await until(page, () => bp.layers.state().backwardDone === 1);
    const back = await page.evaluate(() => { const s = bp.layers.state(); return s.nodes[s.current]; });
    await until(page, (rule) => document.getElementById('bp-layers-live').textContent.includes(rule), back.rule || back.edgeRules[0]);
    said = await page.evaluate(() => document.getElementById('bp-layers-live').textContent);
    assert.match(said, /3 backward/);
    assert.deepStrictEqual(errors, []);
  });
});

test('keyboard: Enter opens a lesson in the L list, as Space does', async () => {
  await withPlayground({ hash: '#autoplay=0' }, async ({ page }) => {
    await page.keyboard.press('Tab');
    await page.keyboard.press('l');
    await frames(page, 3);
    await tap(page, 'ArrowDown');
    await tap(page, 'Enter');
    await until(page, () => bp.getState().lesson !== '');
  });
});

test('mirror: its words are the app\'s (es: the canvas\'s "Restablecer", not a word list of its own); a lesson\'s set-ups are buttons', async () => {
  const es = JSON.parse(require('fs').readFileSync(require('path').resolve(__dirname, '../../assets/messages/es.json'), 'utf8'));
  await withPlayground({ hash: '#autoplay=0&lang=es&lesson=dying-relu' }, async ({ page, errors }) => {
    await until(page, (want) => (document.getElementById('bp-m-reset') || {}).textContent === want, es['controls.reset']);
    assert.strictEqual(await page.evaluate(() => document.getElementById('bp-m-step').textContent), es['controls.step']);
    const lesson = await page.evaluate(() => bp.lessons.list().find((l) => l.id === 'dying-relu'));
    assert.ok(lesson.variants.length >= 1);
    await until(page, (n) => document.querySelectorAll('#bp-m-variants button').length === n, lesson.variants.length + 1);
    const labels = await page.evaluate(() => [...document.querySelectorAll('#bp-m-variants button')].map((b) => b.textContent));
    assert.deepStrictEqual(labels, [es['lessons.own_setup'], ...lesson.variants]);
    await page.focus('#bp-m-variants button:nth-child(2)');
    await page.keyboard.press('Enter');
    await until(page, () => bp.lessons.status().variant === 0);
    assert.deepStrictEqual(errors, []);
  });
});
