// Browser tests that the views tell the truth about what they show: each rule of the
// matrix-layer lesson's step holds on the numbers the view prints (recomputed here from the
// printed strings, to the last digit each result shows); after Update the W nodes hold the new
// weights; a graph or layer lesson ticks no check before the passes it measures have run, on
// the algorithm shown; the notation card opens, in the page's language and in the mirror.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { withPlayground, frames } = require('./harness.js');

// Waits (frame by frame, no clock) until fn() in the page is true.
const until = (page, fn, arg) => page.waitForFunction(fn, arg, { polling: 'raf', timeout: 0 });

const NET = '#dataset=circle&layers=3&activation=sigmoid&optimizer=sgd&lr=0.1&seed=1&autoplay=0&view=layers';
const byLabel = (s, label) => s.nodes.find((n) => n.label === label);

// Half a unit of the last digit a printed number shows: "0.360" 0.0005, "12" 0.5, "1.2e-5" 5e-7.
function halfUnit(printed) {
  const [mantissa, exponent = '0'] = printed.split('e');
  const dot = mantissa.indexOf('.');
  const decimals = dot < 0 ? 0 : mantissa.length - dot - 1;
  return 0.5 * 10 ** (Number(exponent) - decimals);
}
const checksOut = (fromPrinted, printed) => Math.abs(fromPrinted - Number(printed)) <= halfUnit(printed) * (1 + 1e-9);
const sigmoid = (v) => 1 / (1 + Math.exp(-v));

// Every rule of the step, each from the printed numbers of its operands: [where, by hand, printed].
function ruleResults(s) {
  const out = [];
  const P = (n) => n.printedValue.map(Number), G = (n) => n.printedGrad.map(Number);
  const node = (id) => s.nodes[id];
  const push = (where, byHand, printed) => out.push([where, byHand, printed]);
  for (const n of s.nodes) {
    if (!n.inputs.length) continue;
    const [R, C] = n.shape, a = node(n.inputs[0]), b = node(n.inputs[1]);
    for (let i = 0; i < R; ++i)
      for (let j = 0; j < C; ++j) {
        const k = i * C + j;
        if (n.op === 'matmul') {  // x W: rows of a times columns of b
          const K = a.shape[1];
          let sum = 0;
          for (let q = 0; q < K; ++q) sum += P(a)[i * K + q] * P(b)[q * C + j];
          push(`${n.label}[${i},${j}]`, sum, n.printedValue[k]);
          // dW = z_prev^T dh: column q of a times column j of this node's gradient
          for (let q = 0; q < K; ++q) {
            let dW = 0;
            for (let r = 0; r < R; ++r) dW += P(a)[r * K + q] * G(n)[r * C + j];
            if (i === 0) push(`d${b.label}[${q},${j}]`, dW, b.printedGrad[q * C + j]);
          }
          if (a.printedGrad) {  // dz_prev = dh W^T
            for (let q = 0; q < K && j === 0; ++q) {
              let d = 0;
              for (let c = 0; c < C; ++c) d += G(n)[i * C + c] * P(b)[q * C + c];
              push(`d${a.label}[${i},${q}]`, d, a.printedGrad[i * K + q]);
            }
          }
        } else if (n.op === 'add_bias') {
          push(`${n.label}[${i},${j}]`, P(a)[k] + P(b)[j], n.printedValue[k]);
          push(`d(${a.label})[${i},${j}]`, G(n)[k], a.printedGrad[k]);
          if (i === 0) {
            let db = 0;
            for (let r = 0; r < R; ++r) db += G(n)[r * C + j];
            push(`d${b.label}[${j}]`, db, b.printedGrad[j]);
          }
        } else if (n.op === 'activation') {  // sigmoid here: z = sigma(h), dh = dz o z o (1 - z)
          assert.match(n.formula, /sigma/);
          push(`${n.label}[${i},${j}]`, sigmoid(P(a)[k]), n.printedValue[k]);
          const z = P(n)[k];
          push(`d${a.label}[${i},${j}]`, G(n)[k] * z * (1 - z), a.printedGrad[k]);
        } else if (n.op === 'bce_with_logits' && k === 0) {  // Loss = softplus(z) - y z;  dz = sigma(z) - y (batch 1)
          const z = P(a)[0], y = P(b)[0];
          push('Loss', Math.log1p(Math.exp(z)) - y * z, n.printedValue[0]);
          push(`d${a.label}`, sigmoid(z) - y, a.printedGrad[0]);
        }
      }
  }
  return out;
}

test('the matrix-layer step: every edge\'s rule holds on the numbers the view prints, and the update\'s too', async () => {
  await withPlayground({ hash: '#autoplay=0' }, async ({ page, errors }) => {
    assert.strictEqual(await page.evaluate(() => window.bp.lessons.open('matrix-layer')), '');
    const s = await page.evaluate(() => { window.bp.layers.runAll(); return window.bp.layers.state(); });
    assert.strictEqual(s.batch, 1);
    for (const n of s.nodes) assert.ok(Array.isArray(n.printedValue), `${n.label}: its printed numbers`);
    const results = ruleResults(s);
    assert.ok(results.length >= 30, `${results.length} rules`);
    const failing = results.filter(([, byHand, printed]) => !checksOut(byHand, printed))
      .map(([where, byHand, printed]) => `${where}: ${byHand} by hand, ${printed} printed`);
    assert.deepStrictEqual(failing, []);
    const u = await page.evaluate(() => { window.bp.layers.sgdStep(); return window.bp.layers.state().update; });
    const lr = u.lr.toPrecision(4);
    for (const l of u.layers)
      l.printedAfter.forEach((after, k) => {
        const byHand = Number(l.printedBefore[k]) - Number(lr) * Number(l.printedGrad[k]);
        assert.ok(checksOut(byHand, after), `W${l.layer}[${k}]: ${l.printedBefore[k]} - ${lr} x ${l.printedGrad[k]} = ${byHand}, printed ${after}`);
      });
    await frames(page, 2);
    assert.deepStrictEqual(errors, []);
  });
});

test('after Update the view holds the new weights: each W node is update.after, the loss the loss after', async () => {
  await withPlayground({ hash: NET }, async ({ page, errors }) => {
    assert.strictEqual(await page.evaluate(() => window.bp.layers.open(4)), '');
    const s = await page.evaluate(() => { window.bp.layers.runAll(); window.bp.layers.sgdStep(); return window.bp.layers.state(); });
    assert.strictEqual(s.phase, 'updated');
    for (const l of s.update.layers) {
      assert.notDeepStrictEqual(l.after, l.before);
      assert.deepStrictEqual(byLabel(s, `W${l.layer}`).value, l.after, `W${l.layer} shows the new weights`);
    }
    assert.ok(Math.abs(byLabel(s, 'Loss').value[0] - s.update.lossAfter) <= 1e-6 * s.update.lossAfter, 'the loss after the step');
    assert.deepStrictEqual(byLabel(s, 'W1').grad, [0, 0, 0, 0, 0, 0], 'the next step\'s gradients zeroed');
    assert.strictEqual(s.stale, false);
    await frames(page, 2);
    assert.deepStrictEqual(errors, []);
  });
});

test('graph and layer lessons tick no check before the passes it measures have run, on the algorithm shown', async () => {
  await withPlayground({ hash: '#autoplay=0' }, async ({ page, errors }) => {
    const open = (id) => page.evaluate((lesson) => { window.bp.lessons.open(lesson); return window.bp.lessons.checks().checks; }, id);
    const ticked = (checks) => checks.filter((c) => c.passed).map((c) => c.sentence);
    for (const id of ['chain-two-paths', 'matrix-layer', 'recursive-iterative']) {
      const checks = await open(id);
      assert.deepStrictEqual(ticked(checks), [], `${id} before its passes`);
      assert.ok(checks.every((c) => c.pending && /^Not yet/.test(c.sentence)), `${id}: ${checks.map((c) => c.sentence)}`);
    }
    // the graph lessons after their passes: all ticked; on the iterative algorithm, memo hits not
    await open('chain-two-paths');
    const chain = await page.evaluate(() => { window.bp.graph.runAll(); return window.bp.lessons.checks().checks; });
    assert.deepStrictEqual(chain.filter((c) => !c.passed).map((c) => c.text), []);
    await open('recursive-iterative');
    const iterative = await page.evaluate(() => {
      window.bp.graph.setAlgorithm('iterative');
      window.bp.graph.runAll();
      return window.bp.lessons.checks().checks;
    });
    const memo = iterative.find((c) => c.metric === 'memo_hits');
    assert.strictEqual(memo.passed, false);
    assert.strictEqual(memo.pending, true);
    assert.ok(iterative.filter((c) => c.metric !== 'memo_hits').every((c) => c.passed));
    // the layer lesson: the rules once the backward pass ran, the update's once Update was pressed
    await open('matrix-layer');
    const layers = await page.evaluate(() => { window.bp.layers.runAll(); return window.bp.lessons.checks().checks; });
    assert.deepStrictEqual(layers.filter((c) => !c.passed).map((c) => c.metric), ['update_error:W1', 'loss_drop']);
    const status = await page.evaluate(() => window.bp.lessons.status());
    assert.ok(status.checks.some((c) => c.pending), 'the panel shows them as not yet');
    await frames(page, 2);
    assert.deepStrictEqual(errors, []);
  });
});

test('the notation card: h and z as the lectures write them, in the page\'s language, in the mirror too', async () => {
  await withPlayground({ hash: '#autoplay=0&view=layers' }, async ({ page, errors }) => {
    const en = await page.evaluate(() => window.bp.notation(true));
    assert.strictEqual(en.title, 'Notation');
    const text = en.lines.join('\n');
    for (const part of ['h = z_prev W + b', 'z = f(h)', 'dW = z_prev^T dh', 'dW1 = x^T dh1', 'u = alpha^T z'])
      assert.ok(text.includes(part), part);
    await until(page, () => window.bp.notation().open);
    await until(page, () => [...document.querySelectorAll('#bp-mirror li')].some((li) => li.textContent.includes('z = f(h)')));
    await page.focus('#canvas');  // keys reach the app through its canvas; ImGui reads a key held for a frame
    await page.keyboard.down('Escape');
    await frames(page, 1);
    await page.keyboard.up('Escape');
    await until(page, () => !window.bp.notation().open);
    await page.evaluate(() => window.bp.setState({ lang: 'es' }));
    const es = await page.evaluate(() => window.bp.notation());
    assert.strictEqual(es.title, 'Notación');
    assert.ok(es.lines.some((l) => l.includes('preactivación')));
    await frames(page, 2);
    assert.deepStrictEqual(errors, []);
  });
});
