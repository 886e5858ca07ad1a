// The playground in each browser engine a class brings: BP_ENGINE=firefox|webkit|chromium
// (default chromium) runs this file through engines.js (ctest browser_engines_<engine>). In
// that engine: the page loads and draws; the keyboard reaches the canvas and Space plays and
// pauses while the accessible mirror's live region follows; the graph lab steps the lecture's
// (x+y)z; lesson 1 reaches its budget with its checks passed; seven configs (every optimizer;
// tanh, relu, sigmoid; classification and regression) train the same bits, weights and every
// loss, as Chromium and as the native `bp train`; the phone layout has nothing cut off or
// overlapping; a browser without WebGL2 or WebAssembly SIMD is told so in its language.
// The first five tests run in order on one page.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { launchEngine } = require('./engines.js');
const { pictureStats } = require('./png.js');

const ENGINE = process.env.BP_ENGINE || 'chromium';
const BP = process.env.BP_BIN || path.resolve(__dirname, '../../build/native/bin/bp');
const ARTIFACTS = process.env.BP_ARTIFACTS || path.resolve(__dirname, '../../build/test-artifacts');
const EPOCHS = 20;
// Each optimizer once; tanh, relu and sigmoid units; two-class, softmax and regression sets;
// a batch of 600 (Eigen blocks the dW product's depth), a schedule, clipping, a penalty.
const CONFIGS = {
  sgd_tanh_circle: 'dataset=circle&layers=8,8&activation=tanh&optimizer=sgd',
  momentum_relu_xor: 'dataset=xor&layers=8,8&activation=relu&optimizer=momentum&reg=l2&reg_rate=0.001',
  nesterov_sigmoid_spiral: 'dataset=spiral&layers=8,8,8&activation=sigmoid&optimizer=nesterov&lr=0.1&head=tanh-mse' +
    '&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2',
  rmsprop_relu_spiral3: 'dataset=spiral-k&classes=3&points=600&layers=16,16&activation=relu&optimizer=rmsprop&lr=0.01' +
    '&schedule=cosine&batch=16',
  adagrad_tanh_sine: 'dataset=sine&layers=8,8&activation=tanh&optimizer=adagrad&lr=0.05',
  adam_sigmoid_gauss: 'dataset=multi-gauss&layers=8,8&activation=sigmoid&optimizer=adam&lr=0.01&schedule=exp&clip=1',
  adamw_relu_batch600: 'dataset=circle&points=2000&train_ratio=0.9&layers=64,64&activation=relu&init=he&optimizer=adamw' +
    '&lr=0.01&batch=600',
};

let engine, page;
test.before(async () => {
  engine = await launchEngine(ENGINE);
  console.log(`# ${engine.version}`);
  page = await engine.open({ hash: '#autoplay=0' });
});
test.after(async () => {
  if (page) await page.close();
  if (engine) await engine.close();
});

async function frames(p, n) {
  const target = (await p.evaluate(() => window.bp.updates())) + n;
  await p.waitFor((t) => window.bp.updates() >= t, target);
}

test(`${ENGINE}: the page loads and draws: frames advance, a screenshot is not blank, the default panels`, async () => {
  await frames(page, 3);
  const png = await page.screenshot();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(path.join(ARTIFACTS, `engines-${ENGINE}.png`), png);
  const stats = pictureStats(png);
  assert.ok(stats.differFraction > 0.2 && stats.colours > 50, `looks blank: ${JSON.stringify(stats)}`);
  const names = (await page.evaluate(() => window.bp.panels())).map((p) => p.panel).sort();
  for (const want of ['boundary', 'callouts', 'data', 'features', 'gradients', 'loss', 'network', 'training'])
    assert.ok(names.includes(want), `${want} missing from ${names}`);
  assert.deepStrictEqual(page.errors(), []);
});

test(`${ENGINE}: Tab reaches the canvas, Space plays and pauses, the live region follows`, async () => {
  const live = (re) => page.waitFor((re) => {
    const text = document.getElementById('bp-status-live').textContent;
    return new RegExp(re).test(text) && text;
  }, re);
  const before = await live('^Epoch 0,.*paused\\.$');
  await page.press('Tab');
  assert.strictEqual(await page.evaluate(() => document.activeElement.id), 'canvas');
  await page.press('Space');
  await page.waitFor(() => window.bp.playing() && window.bp.metrics().epoch >= 2);
  const during = await live('^Epoch [1-9]\\d*, train loss \\d.*training\\.$');
  assert.notStrictEqual(during, before);
  await page.press('Space');
  await page.waitFor(() => !window.bp.playing());
  await live('paused\\.$');
  assert.deepStrictEqual(page.errors(), []);
});

// The lecture's example: f = (x + y) z at x = -2, y = 5, z = -4; by hand q = x + y = 3, f = -12,
// df/dz = q = 3, df/dq = z = -4, so df/dx = df/dy = -4.
test(`${ENGINE}: the graph lab steps the lecture's (x+y)z node by node to its gradients`, async () => {
  const r = await page.evaluate(() => {
    const g = window.bp.graph;
    window.bp.setState({ view: 'graph' });
    const problems = g.set('(x+y)*z', { x: -2, y: 5, z: -4 });
    let forward = 0, backward = 0;
    while (g.forwardStep()) ++forward;
    const afterForward = g.state();
    while (g.backwardStep()) ++backward;
    return { problems, forward, backward, afterForward, state: g.state() };
  });
  assert.deepStrictEqual(r.problems, []);
  const out = r.state.nodes.find((n) => n.id === r.state.output);
  const sum = r.state.nodes.find((n) => n.op === '+');
  assert.strictEqual(r.afterForward.nodes.find((n) => n.id === r.state.output).value, -12);
  assert.ok(r.afterForward.nodes.every((n) => n.grad === null), 'no gradient before the backward pass');
  assert.strictEqual(sum.value, 3);
  assert.strictEqual(out.value, -12);
  assert.strictEqual(sum.grad, -4);
  assert.deepStrictEqual(r.state.gradients, { x: -4, y: -4, z: 3 });
  assert.ok(r.forward >= 1 && r.backward >= 1, `${r.forward} forward and ${r.backward} backward steps`);
  await frames(page, 2);
  const view = await page.evaluate(() => window.bp.graph.view());
  assert.strictEqual(view.nodes.length, r.state.nodes.length, 'every node drawn');
  await page.evaluate(() => window.bp.setState({ view: 'playground' }));
  assert.deepStrictEqual(page.errors(), []);
});

test(`${ENGINE}: lesson 1 runs to its epoch budget and its checks pass`, async () => {
  const r = await page.evaluate(() => {
    const bp = window.bp;
    const id = bp.lessons.list()[0].id;
    const problem = bp.lessons.open(id, -1);
    bp.pause();
    for (let m = bp.metrics(); m.epoch < bp.lessons.checks().epochs && !m.diverged;) {
      bp.step(500);
      const next = bp.metrics();
      if (next.steps === m.steps) break;  // stopped at its stop epoch
      m = next;
    }
    return { id, problem, epoch: bp.metrics().epoch, ...bp.lessons.checks() };
  });
  assert.strictEqual(r.problem, '');
  assert.ok(r.epoch >= r.epochs, `${r.id} reached epoch ${r.epoch} of ${r.epochs}`);
  assert.ok(r.checks.length > 0);
  assert.deepStrictEqual(r.checks.filter((c) => !c.passed).map((c) => c.text), [], r.id);
  assert.deepStrictEqual(page.errors(), []);
});

// In the page: each config from the page's defaults, its initial weights (reset), paused,
// stepped to EPOCHS; the loss history CSV, the weights JSON and the per-layer statistics.
function trainInPage([defaults, configs, epochs]) {
  const bp = window.bp;
  const out = {};
  for (const [name, hash] of configs) {
    bp.setState(defaults);
    const warnings = bp.setState(hash);
    bp.reset();
    bp.pause();
    while (bp.metrics().epoch < epochs && !bp.metrics().diverged) bp.step(1);
    out[name] = { warnings, history: bp.exportHistory(), weights: JSON.parse(bp.exportWeights()), layers: bp.metrics().layers };
  }
  return out;
}

// On a page of its own (a lesson or the graph lab before would leave their state behind).
async function trainIn(eng) {
  const p = await eng.open({ hash: '#autoplay=0' });
  try {
    const defaults = await p.evaluate(() => window.bp.getState());
    const runs = await p.evaluate(trainInPage, [defaults, Object.entries(CONFIGS), EPOCHS]);
    for (const r of Object.values(runs)) r.history = historyRows(r.history);
    assert.deepStrictEqual(p.errors(), []);
    return runs;
  } finally {
    await p.close();
  }
}

// The CSV's numbers (shortest exact form) as bp train --json names them; empty = null.
function historyRows(csv) {
  const [head, ...lines] = csv.trim().split('\n');
  const keys = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i], v === '' ? null : Number(v)])));
}

// First place where a and b differ (bits: Object.is), as a path and the two values; null when equal.
function firstDifference(a, b, where = '') {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b)) return { where, a, b };
  if (a === null || typeof a !== 'object') return Object.is(a, b) ? null : { where, a, b };
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference(a[k], b[k], `${where}/${k}`);
    if (d) return d;
  }
  return null;
}

const snakeLayers = (layers) => layers.map((l) => ({ grad_norm: l.gradNorm, saturated_frac: l.saturatedFrac,
  dead_frac: l.deadFrac, update_ratio: l.updateRatio }));

test(`${ENGINE}: ${Object.keys(CONFIGS).length} configs train the same bits as Chromium and as bp train natively`, async () => {
  const here = await trainIn(engine);
  let chromium = here;
  if (ENGINE !== 'chromium') {
    const ref = await launchEngine('chromium');
    try {
      chromium = await trainIn(ref);
    } finally {
      await ref.close();
    }
  }
  const problems = [];
  for (const [name, hash] of Object.entries(CONFIGS)) {
    const native = JSON.parse(execFileSync(BP, ['train', '--hash', hash, '--epochs', String(EPOCHS), '--json'],
      { encoding: 'utf8', maxBuffer: 64 << 20 }));
    const run = here[name];
    assert.deepStrictEqual(run.warnings, [], name);
    assert.strictEqual(native.history.length, EPOCHS + 1, `${name}: trained ${EPOCHS} epochs natively`);
    const mine = { history: run.history, weights: run.weights, layers: snakeLayers(run.layers) };
    const theirs = { history: chromium[name].history, weights: chromium[name].weights, layers: snakeLayers(chromium[name].layers) };
    const d1 = firstDifference(mine, { history: native.history, weights: native.weights, layers: native.layers });
    const d2 = firstDifference(mine, theirs);
    if (d1) problems.push(`${name}: ${ENGINE} and native bp differ first at ${d1.where}: ${d1.a} vs ${d1.b}`);
    if (d2) problems.push(`${name}: ${ENGINE} and Chromium differ first at ${d2.where}: ${d2.a} vs ${d2.b}`);
    if (!d1 && !d2) console.log(`# ${name}: ${EPOCHS} epochs, weights and losses bit-identical (final train loss ${native.final.train_loss})`);
  }
  assert.deepStrictEqual(problems, []);
});

test(`${ENGINE}: on a 390 x 844 phone viewport one column, nothing cut off or overlapping (bp.clipped())`, async () => {
  const phone = await engine.open({ hash: '#autoplay=0', width: 390, height: 844, dpr: 3 });
  try {
    await frames(phone, 3);
    const { width, clipped, panels } = await phone.evaluate(() =>
      ({ width: window.innerWidth, clipped: window.bp.clipped(), panels: window.bp.panels() }));
    assert.strictEqual(width, 390);
    assert.deepStrictEqual(clipped, []);
    assert.ok(panels.length >= 8, panels.map((p) => p.panel).join());
    for (const p of panels) assert.ok(p.rect[2] >= 0.9 * 390, `${p.panel} is ${p.rect[2]} px wide: one column`);
    assert.deepStrictEqual(phone.errors(), []);
  } finally {
    await phone.close();
  }
});

// What a browser without WebGL2 or WebAssembly SIMD shows: the loader's message in the page's
// language (the browser's, or lang= in the link), window.bpReady rejects, the app is not
// fetched. WebGL2 is turned off in every engine; WebAssembly only in Firefox
// (javascript.options.wasm): no switch reaches Chromium's or WebKit's, and a browser without
// WebAssembly is the extreme of one without SIMD. WebKitGTK's language is the system locale
// (only C here), so there the link names it.
const WITHOUT = [
  { missing: 'WebGL2', option: 'noWebgl2', locale: 'es', engines: ['chromium', 'firefox', 'webkit'],
    want: /^El laboratorio necesita WebGL2, y este navegador no lo ofrece: /, lang: 'es' },
  { missing: 'WebAssembly SIMD', option: 'noWasm', hash: '#lang=ru', engines: ['firefox'],
    want: /^Лаборатории нужен WebAssembly с SIMD, а этот браузер его не поддерживает\. .*Firefox 89, Safari 16\.4/, lang: 'ru' },
];
for (const { missing, option, locale, hash = '', engines, want, lang } of WITHOUT) {
  const viaLink = hash || ENGINE === 'webkit';
  test(`${ENGINE}: without ${missing} the page says so in its language (${viaLink ? 'lang= in the link' : 'the browser\'s'}: ${lang})`,
    { skip: !engines.includes(ENGINE) && `no switch turns ${missing} off in ${ENGINE}` }, async () => {
      const bare = await launchEngine(ENGINE, { [option]: true, ...(locale && ENGINE !== 'webkit' ? { locale } : {}) });
      try {  // closing the engine closes its page
        const p = await bare.open({ hash: hash || (ENGINE === 'webkit' ? `#lang=${lang}` : ''), ready: false });
        const r = await p.evaluate(() => window.bpReady.then(() => ({ status: 'the app started' }), (e) => ({
          error: e.message, status: document.getElementById('status').textContent,
          shown: getComputedStyle(document.getElementById('status')).display !== 'none', lang: document.documentElement.lang,
          fetched: performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /playground\.(js|wasm)$/.test(n)) })));
        assert.match(r.status, want);
        assert.deepStrictEqual(r.fetched, [], 'the app is not downloaded');
        assert.ok(r.shown);
        assert.strictEqual(r.lang, lang);
      } finally {
        await bare.close();
      }
    });
}
