// Browser tests of the playground through window.bp: training lowers the loss, setState
// takes effect (and reports bad values), a click on the output view adds a point, and the
// frame stats are reported. Screenshots go to build/test-artifacts for a person to look at.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { withPlayground, screenshotStats } = require('./harness.js');

test('playing on circle lowers the loss', async () => {
  await withPlayground({}, async ({ page, errors }) => {
    await page.evaluate(() => { window.bp.pause(); window.bp.setState('dataset=circle&seed=3&lr=0.03'); });
    const start = await page.evaluate(() => window.bp.metrics());
    assert.strictEqual(start.epoch, 0);
    await page.evaluate(() => window.bp.play());
    await page.waitForFunction(() => window.bp.metrics().epoch >= 30);
    const later = await page.evaluate(() => window.bp.metrics());
    assert.ok(later.trainLoss < start.trainLoss * 0.8, `loss ${start.trainLoss} -> ${later.trainLoss}`);
    assert.strictEqual(later.diverged, false);
    const stats = await page.evaluate(() => window.bp.frameStats());
    assert.ok(stats.engineMs >= 0 && stats.drawMs >= 0 && stats.fps > 0, JSON.stringify(stats));
    assert.deepStrictEqual(errors, []);
  });
});

test('setState with a spiral config takes effect and names bad values', async () => {
  await withPlayground({}, async ({ page, browser, errors }) => {
    const warnings = await page.evaluate(() =>
      window.bp.setState({ dataset: 'spiral', layers: [8, 8, 8], activation: 'relu', lr: 0.01, seed: 7 }));
    assert.deepStrictEqual(warnings, []);
    const state = await page.evaluate(() => window.bp.getState());
    assert.strictEqual(state.dataset, 'spiral');
    assert.deepStrictEqual(state.layers, [8, 8, 8]);
    assert.deepStrictEqual(state.activation, ['relu', 'relu', 'relu']);
    const m = await page.evaluate(() => window.bp.metrics());
    assert.strictEqual(m.layers.length, 4);  // three hidden layers and the output layer
    const bad = await page.evaluate(() => window.bp.setState('lr=banana&layers=8,999'));
    assert.strictEqual(bad.length, 2);
    assert.match(bad[0], /^layers: '8,999' is not allowed/);
    assert.match(bad[1], /^lr: 'banana' is not allowed/);
    assert.strictEqual((await page.evaluate(() => window.bp.getState())).lr, 0.01);
    await page.waitForTimeout(1000);
    await screenshotStats(browser, page, 'playground-spiral');
    assert.deepStrictEqual(errors, []);
  });
});

test('a click on the output view adds a training point', async () => {
  await withPlayground({}, async ({ page, errors }) => {
    await page.evaluate(() => window.bp.pause());
    await page.waitForTimeout(300);
    const before = (await page.evaluate(() => window.bp.metrics())).points;
    const [x, y, w, h] = await page.evaluate(() => window.bp.outputRect());
    assert.ok(w > 100 && h > 100, `output view ${w}x${h}`);
    await page.mouse.move(x + w * 0.8, y + h * 0.2);
    await page.waitForTimeout(200);
    await page.mouse.down();
    await page.waitForTimeout(100);
    await page.mouse.up();
    await page.waitForTimeout(300);
    const after = (await page.evaluate(() => window.bp.metrics())).points;
    assert.strictEqual(after, before + 1);
    assert.deepStrictEqual(errors, []);
  });
});

test('dataset CSV exports, imports, and a bad file changes nothing', async () => {
  await withPlayground({}, async ({ page, errors }) => {
    await page.evaluate(() => { window.bp.pause(); window.bp.setState('dataset=xor&points=60'); });
    const csv = await page.evaluate(() => window.bp.exportCsv());
    assert.strictEqual(csv.split('\n')[0], 'x1,x2,label,split');
    assert.strictEqual(csv.trim().split('\n').length, 61);
    const bad = await page.evaluate(() => window.bp.importCsv('x1,x2,label\n1,2,1\n3,oops,0\n'));
    assert.strictEqual(bad, "CSV line 3: x2 is not a finite number: 'oops'");
    assert.strictEqual((await page.evaluate(() => window.bp.metrics())).points, 60);
    const ok = await page.evaluate(() => window.bp.importCsv('1,1,1\n-1,-1,1\n1,-1,0\n-1,1,0\n2,2,1,test\n'));
    assert.strictEqual(ok, '');
    assert.strictEqual((await page.evaluate(() => window.bp.metrics())).points, 5);
    assert.deepStrictEqual(errors, []);
  });
});

test('touch: a tap adds a point and a tap on Play/Pause toggles training', async () => {
  await withPlayground({ touch: true }, async ({ page, errors }) => {
    await page.evaluate(() => window.bp.pause());
    const before = (await page.evaluate(() => window.bp.metrics())).points;
    const [x, y, w, h] = await page.evaluate(() => window.bp.outputRect());
    await page.touchscreen.tap(x + w * 0.7, y + h * 0.3);
    await page.waitForTimeout(400);
    assert.strictEqual((await page.evaluate(() => window.bp.metrics())).points, before + 1);
    const play = (await page.evaluate(() => window.bp.targets())).find((t) => t.label === 'Play');  // first in the toolbar
    await page.touchscreen.tap(play.rect[0] + play.rect[2] / 2, play.rect[1] + play.rect[3] / 2);
    await page.waitForTimeout(400);
    assert.strictEqual(await page.evaluate(() => window.bp.playing()), true);
    assert.deepStrictEqual(errors, []);
  });
});
