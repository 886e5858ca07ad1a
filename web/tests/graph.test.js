// Browser tests of the graph lab through window.bp.graph: formulas set from JS, stepped
// backward to the end, give the same gradients, node values and += contributions as the
// native `bp grad --json --trace` (an independent build of the engine, run from here);
// bad formulas are reported with their position; SVG export; a screenshot for a person.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const path = require('path');
const fs = require('fs');
const { execFileSync } = require('child_process');
const { openPlayground, screenshotStats } = require('./harness.js');

const BP = process.env.BP_BIN || path.resolve(__dirname, '../../build/native/bin/bp');

// The native CLI's answer for a formula at some values.
function nativeGrad(formula, vars) {
  assert.ok(fs.existsSync(BP), `native bp not found at ${BP} (make native builds it)`);
  const args = ['grad', formula, ...Object.entries(vars).map(([k, v]) => `${k}=${v}`), '--json', '--trace'];
  return JSON.parse(execFileSync(BP, args, { encoding: 'utf8' }));
}

// Relative difference, 0 for equal numbers (native libm and Emscripten's may differ in the last bits).
const rel = (a, b) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

const CASES = [
  { formula: '(a + b) * (b + 1)', vars: { a: 2, b: 1 } },
  { formula: 'exp(x*z) + x*z/log(x) + sin(log(x))/(x*z)', vars: { x: 2, z: 3 } },
  { formula: '(x + sigmoid(y)) / (sigmoid(x) + (x+y)^2)', vars: { x: 3, y: -4 } },
  { formula: '(y - 1/(b + log(x*a)))^2', vars: { y: 1, b: 1, x: 2, a: 3 } },
];

test('stepping backward to the end matches bp grad, step by step', async () => {
  const { page, errors, close } = await openPlayground();
  try {
    for (const { formula, vars } of CASES) {
      const want = nativeGrad(formula, vars);
      const got = await page.evaluate(([f, v]) => {
        const errs = window.bp.graph.set(f, v);
        const before = window.bp.graph.state();
        let steps = 0;
        while (window.bp.graph.backwardStep()) steps++;
        return { errs, before, steps, after: window.bp.graph.state(), more: window.bp.graph.backwardStep() };
      }, [formula, vars]);
      assert.deepStrictEqual(got.errs, [], formula);
      assert.ok(got.before.nodes.every((n) => n.value === null && n.grad === null), 'nothing known before stepping');
      assert.strictEqual(got.steps, want.trace.length, formula);
      assert.strictEqual(got.more, false);
      assert.ok(got.after.backwardComplete && got.after.forwardComplete);
      assert.deepStrictEqual(got.after.order.backward, want.trace.map((s) => s.node), formula);
      assert.deepStrictEqual(Object.keys(got.after.gradients), Object.keys(want.gradients));
      for (const [name, g] of Object.entries(want.gradients))
        assert.ok(rel(got.after.gradients[name], g) < 1e-12, `${formula}: d/d${name} ${got.after.gradients[name]} vs ${g}`);
      assert.strictEqual(got.after.nodes.length, want.nodes.length);
      for (const n of want.nodes) {
        const m = got.after.nodes[n.id];
        assert.strictEqual(m.label, n.label);
        assert.deepStrictEqual(m.inputs, n.inputs);
        assert.ok(m.forwardDone && m.backwardDone);
        assert.ok(rel(m.value, n.value) < 1e-12 && rel(m.grad, n.grad) < 1e-12, `${formula}: node ${n.id}`);
      }
      // Every += of the native trace arrived at its input, in the same order.
      const expected = want.nodes.map(() => []);
      for (const step of want.trace)
        for (const e of step.edges) expected[e.input].push({ from: step.node, amount: e.contribution });
      for (const n of got.after.nodes) {
        assert.deepStrictEqual(n.contributions.map((c) => c.from), expected[n.id].map((c) => c.from));
        n.contributions.forEach((c, i) => assert.ok(rel(c.amount, expected[n.id][i].amount) < 1e-12));
      }
    }
    assert.deepStrictEqual(errors, []);
  } finally {
    await close();
  }
});

test('recursive order, forward steps, errors with their position, and SVG', async () => {
  const { page, browser, errors, close } = await openPlayground();
  try {
    await page.mouse.click(125, 18);  // the Graph lab tab, so the view draws what the API does
    const r = await page.evaluate(() => {
      const g = window.bp.graph;
      g.set('(a + b) * (b + 1)', { a: 2, b: 1 });
      const bad = g.setAlgorithm('sideways');
      g.setAlgorithm('recursive');
      g.forwardStep();
      g.forwardStep();
      const partial = g.state();
      g.runAll();
      const done = g.state();
      const errs = g.set('x +* 2', {});
      const kept = g.state().formula;
      const unknown = g.set('x * y', { x: 1, y: 2, w: 3 });
      return { bad, partial, done, errs, kept, unknown, svg: g.svg() };
    });
    assert.match(r.bad, /sideways/);
    assert.strictEqual(r.partial.forwardDone, 2);
    assert.deepStrictEqual(r.partial.nodes.map((n) => n.value), [2, 1, null, null, null, null]);
    assert.strictEqual(r.done.algorithm, 'recursive');
    // b is reached by two paths: d = b+1 sends c = 3, c = a+b sends d = 2; 3 + 2 = 5.
    assert.deepStrictEqual(r.done.order.backward, [5, 2, 0, 4, 1, 3]);
    assert.deepStrictEqual(r.done.nodes[1].contributions.map((c) => c.amount), [3, 2]);
    assert.deepStrictEqual(r.done.gradients, { a: 2, b: 5 });
    assert.strictEqual(r.errs.length, 1);
    assert.match(r.errs[0], / at 3$/);
    assert.strictEqual(r.kept, '(a + b) * (b + 1)');
    assert.deepStrictEqual(r.unknown, ["'w' is not a variable of the formula"]);
    const parsed = await page.evaluate((svg) => {
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      return { error: doc.getElementsByTagName('parsererror').length, groups: doc.querySelectorAll('g[id^=node]').length };
    }, r.svg);
    assert.deepStrictEqual(parsed, { error: 0, groups: 3 });  // x, y, x*y
    const [download] = await Promise.all([page.waitForEvent('download'),
      page.evaluate(() => window.bp.graph.downloadSvg())]);
    assert.strictEqual(download.suggestedFilename(), 'graph.svg');

    await page.evaluate(() => {
      window.bp.graph.set('exp(x*z) + x*z/log(x) + sin(log(x))/(x*z)', { x: 2, z: 3 });
      window.bp.graph.setAlgorithm('iterative');
      for (let i = 0; i < 6; i++) window.bp.graph.backwardStep();  // the forward pass, then 6 of 10 steps
    });
    await page.waitForTimeout(500);
    const stats = await screenshotStats(browser, page, 'graph-lab-1280x800');
    assert.ok(stats.differFraction > 0.05 && stats.colours > 20, JSON.stringify(stats));
    assert.deepStrictEqual(errors, []);
  } finally {
    await close();
  }
});
