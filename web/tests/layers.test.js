// Browser tests of the layer view through window.bp.layers, on a 2-3-1 sigmoid network: the
// nodes' shapes in the notes' row convention; dW1 = x^T dh1, the outer product computed
// here from state()'s own x and dh1 (the gradient of x W1); one sgdStep moves W1 by exactly
// -lr dW1 in float arithmetic and the run counts the step; bad input changes nothing; the
// tape's mode switch moves the counters; the graph and layer lessons pass in the browser.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { withPlayground, frames } = require('./harness.js');

const NET = '#dataset=circle&layers=3&activation=sigmoid&optimizer=sgd&lr=0.1&seed=1&autoplay=0&view=layers';
const byLabel = (s, label) => s.nodes.find((n) => n.label === label);
const f32 = Math.fround;

test('a 2-3-1 network at one point: shapes, dW1 = x^T dh1, and one SGD step', async () => {
  await withPlayground({ hash: NET }, async ({ page, errors }) => {
    assert.strictEqual(await page.evaluate(() => window.bp.layers.open(4)), '');
    const before = await page.evaluate(() => window.bp.layers.state());
    assert.strictEqual(before.batch, 1);
    assert.strictEqual(before.point, 4);
    const shapes = Object.fromEntries(before.nodes.map((n) => [n.label, n.shape]));
    assert.deepStrictEqual(shapes, {
      x: [1, 2], W1: [2, 3], b1: [1, 3], 'x W1': [1, 3], h1: [1, 3], z1: [1, 3],
      W2: [3, 1], b2: [1, 1], 'z1 W2': [1, 1], z2: [1, 1], y: [1, 1], Loss: [1, 1],
    });
    assert.ok(before.nodes.every((n) => n.value === null), 'nothing computed before the forward pass');
    assert.deepStrictEqual(byLabel(before, 'W1').grad, [0, 0, 0, 0, 0, 0], 'the gradients start zeroed');
    assert.strictEqual(byLabel(before, 'x W1').rule, 'dx = dh1 W1^T (x is data: not computed); dW1 = x^T dh1');

    // halfway back: the loss's and the output layer's gradients known, layer 1's not yet
    const half = await page.evaluate(() => {
      const L = window.bp.layers;
      while (L.forwardStep()) {}
      for (let i = 0; i < 5; ++i) L.backwardStep();
      return L.state();
    });
    assert.strictEqual(half.phase, 'backward');
    assert.notStrictEqual(byLabel(half, 'z2').grad, null);
    assert.strictEqual(byLabel(half, 'h1').grad, null);

    const done = await page.evaluate(() => { window.bp.layers.runAll(); return window.bp.layers.state(); });
    const x = byLabel(done, 'x').value;            // (1, 2)
    const dh1 = byLabel(done, 'x W1').grad;       // (1, 3): x W1's gradient is dh1
    assert.deepStrictEqual(byLabel(done, 'h1').grad, dh1);
    const dW1 = byLabel(done, 'W1').grad;         // (2, 3)
    const outer = [];                             // x^T dh1: one float product per entry (batch 1)
    for (let i = 0; i < 2; ++i) for (let j = 0; j < 3; ++j) outer.push(f32(x[i] * dh1[j]));
    assert.deepStrictEqual(dW1, outer);
    assert.ok(dW1.some((g) => g !== 0));

    const W1 = byLabel(done, 'W1').value;
    const stepsBefore = await page.evaluate(() => window.bp.metrics().steps);
    assert.strictEqual(await page.evaluate(() => window.bp.layers.sgdStep()), '');
    const after = await page.evaluate(() => window.bp.layers.state());
    const u = after.update.layers[0];
    assert.strictEqual(after.update.lr, f32(0.1));
    assert.deepStrictEqual(u.before, W1);
    assert.deepStrictEqual(u.after, W1.map((w, k) => f32(w - f32(after.update.lr * dW1[k]))));
    assert.ok(after.update.lossAfter < after.update.lossBefore, 'the loss at the point went down');
    assert.strictEqual(await page.evaluate(() => window.bp.metrics().steps), stepsBefore + 1);
    assert.strictEqual(await page.evaluate(() => window.bp.layers.nextStep()), '');
    const next = await page.evaluate(() => { window.bp.layers.runAll(); return window.bp.layers.state(); });
    assert.deepStrictEqual(byLabel(next, 'W1').value, u.after, 'the network holds the new W1');
    assert.strictEqual(byLabel(next, 'Loss').value[0], after.update.lossAfter);
    await frames(page, 3);  // the view draws it
    assert.deepStrictEqual(errors, []);
  });
});

test('a mini-batch: shapes follow the batch, dW1 is x^T dh1 summed over its rows', async () => {
  await withPlayground({ hash: NET + '&batch=5' }, async ({ page, errors }) => {
    assert.strictEqual(await page.evaluate(() => window.bp.layers.open('batch')), '');
    const s = await page.evaluate(() => { window.bp.layers.runAll(); return window.bp.layers.state(); });
    assert.strictEqual(s.batch, 5);
    assert.strictEqual(s.point, null);
    assert.deepStrictEqual(byLabel(s, 'x').shape, [5, 2]);
    assert.deepStrictEqual(byLabel(s, 'b1').shape, [1, 3]);
    const x = byLabel(s, 'x').value, dh = byLabel(s, 'x W1').grad, dW = byLabel(s, 'W1').grad;
    for (let i = 0; i < 2; ++i)
      for (let j = 0; j < 3; ++j) {
        let sum = 0;
        for (let r = 0; r < 5; ++r) sum += x[r * 2 + i] * dh[r * 3 + j];
        assert.ok(Math.abs(sum - dW[i * 3 + j]) <= 1e-6 * (1 + Math.abs(sum)), `dW1[${i},${j}] ${dW[i * 3 + j]} vs ${sum}`);
      }
    const db = byLabel(s, 'b1').grad;
    for (let j = 0; j < 3; ++j) {
      const sum = [0, 1, 2, 3, 4].reduce((a, r) => a + dh[r * 3 + j], 0);
      assert.ok(Math.abs(sum - db[j]) <= 1e-6 * (1 + Math.abs(sum)));
    }
    assert.deepStrictEqual(errors, []);
  });
});

test('bad input names what and where and changes nothing; the mode switch moves the counters', async () => {
  await withPlayground({ hash: NET }, async ({ page, errors }) => {
    const r = await page.evaluate(() => {
      const L = window.bp.layers;
      L.open(2);
      const before = JSON.stringify(L.state());
      const n = window.bp.exportCsv().trim().split('\n').slice(1).filter((l) => l.endsWith(',train')).length;
      const msgs = [L.open(99999), L.open(-1), L.open('x'), L.setMode('fast')];
      return { n, msgs, same: JSON.stringify(L.state()) === before };
    });
    assert.deepStrictEqual(r.msgs, [
      `point 99999 is out of range: the training points are 0 to ${r.n - 1}`,
      "point '-1': expected the index of a training point (0, 1, ...) or 'batch'",
      "point 'x': expected the index of a training point (0, 1, ...) or 'batch'",
      "mode 'fast': expected static or dynamic",
    ]);
    assert.ok(r.same, 'nothing changed');
    const counts = await page.evaluate(() => {
      const L = window.bp.layers, bp = window.bp;
      const s0 = L.state();
      bp.step(4);
      const s1 = L.state();
      const set = L.setMode('dynamic');
      bp.step(4);
      const s2 = L.state();
      L.setMode('static');
      return { set, s0, s1, s2 };
    });
    assert.strictEqual(counts.set, '');
    assert.strictEqual(counts.s0.mode, 'static');
    assert.strictEqual(counts.s1.replays, counts.s0.replays + 4, 'static: each step replays');
    assert.strictEqual(counts.s1.recordings, counts.s0.recordings + 1, 'static: one recording for the batch size');
    assert.strictEqual(counts.s2.mode, 'dynamic');
    assert.strictEqual(counts.s2.recordings, counts.s1.recordings + 4, 'dynamic: each step records');
    assert.strictEqual(counts.s2.replays, counts.s1.replays);
    assert.ok(counts.s2.bytesHeld > 0);
    const wide = await page.evaluate(() => {
      window.bp.setState({ layers: [64, 64] });
      return window.bp.layers.open(0);
    });
    assert.strictEqual(wide, 'the layer view draws layers of at most 16 units; this network has one of 64 (a summary is shown instead)');
    await frames(page, 2);
    assert.deepStrictEqual(errors, []);
  });
});

test('the graph-lab and layer-view lessons pass their checks in the browser', async () => {
  await withPlayground({ hash: '#autoplay=0' }, async ({ page, errors }) => {
    const lessons = await page.evaluate(() => window.bp.lessons.list().filter((l) => l.view !== 'playground'));
    assert.ok(lessons.length >= 6, `${lessons.length} view lessons`);
    const failures = [];
    for (const l of lessons) {
      const r = await page.evaluate((id) => {
        const bp = window.bp;
        const problem = bp.lessons.open(id, -1);
        // each check is measured once its passes ran: both passes, then (layers) Update and
        // the next step's passes on the new weights
        if (bp.getState().view === 'graph') bp.graph.runAll();
        if (bp.getState().view === 'layers') { bp.layers.runAll(); bp.layers.sgdStep(); bp.layers.runAll(); }
        return { problem, view: bp.getState().view, checks: bp.lessons.checks() };
      }, l.id);
      assert.strictEqual(r.problem, '');
      assert.strictEqual(r.view, l.view);
      for (const c of r.checks.checks) if (!c.passed) failures.push(`${l.id}: ${c.text}`);
      await frames(page, 2);
    }
    assert.deepStrictEqual(failures, []);
    assert.deepStrictEqual(errors, []);
  });
});
