// Browser tests of what the page says when training stops and on a first visit: a diverged
// lesson is checked at once (panel and API agree) and Play offers what makes sense there;
// the stop epoch offers Continue; the first visitor gets one "start here" step, remembered.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { withPlayground, frames } = require('./harness.js');


test('a diverged lesson is checked at once, and Play restarts it as its label says', async () => {
  await withPlayground({ hash: '#autoplay=0' }, async ({ page, errors }) => {
    const diverged = await page.evaluate(() => {
      const bp = window.bp;
      bp.lessons.open('diverging-lr', -1);
      bp.pause();
      for (let i = 0; i < 20 && !bp.metrics().diverged; ++i) bp.step(10);
      return bp.metrics();
    });
    assert.ok(diverged.diverged, 'lr 0.3 on the plane diverges');
    assert.ok(diverged.epoch < 20, `diverged before the budget (epoch ${diverged.epoch})`);
    await frames(page);
    const st = await page.evaluate(() => window.bp.lessons.status());
    assert.strictEqual(st.lesson, 'diverging-lr');
    assert.strictEqual(st.checked, true, 'a stopped run is checked, not "at epoch 20 the effect is checked"');
    assert.strictEqual(st.stopped, 'diverged');
    assert.match(st.note, /diverged at epoch \d+, before epoch 20/);
    assert.ok(st.checks.length > 0 && st.checks.every((c) => c.passed), JSON.stringify(st.checks));
    const checks = await page.evaluate(() => window.bp.lessons.checks());
    assert.deepStrictEqual(checks.checks.map((c) => c.passed), st.checks.map((c) => c.passed));

    const m = await page.evaluate(() => window.bp.metrics());
    assert.strictEqual(m.playing, false, 'a diverged run is not "playing"');
    assert.strictEqual(m.stopped, 'diverged');
    assert.strictEqual(m.playLabel, 'Restart');
    // The button's action: back to the initial weights, and training runs again.
    const after = await page.evaluate(() => { window.bp.play(); return window.bp.metrics(); });
    assert.strictEqual(after.diverged, false);
    assert.strictEqual(after.steps, 0);
    assert.strictEqual(after.playing, true);
    assert.strictEqual(after.playLabel, 'Pause');
    await page.waitForFunction(() => window.bp.metrics().steps > 0);
    assert.deepStrictEqual(errors, []);
  });
});

test('at the stop epoch Play reads Continue and goes on past it', async () => {
  await withPlayground({ hash: '#autoplay=0&stop_epoch=3&points=50' }, async ({ page, errors }) => {
    await page.evaluate(() => window.bp.step(100000));
    await frames(page);
    const m = await page.evaluate(() => window.bp.metrics());
    assert.strictEqual(m.epoch, 3);
    assert.strictEqual(m.stopped, 'stop-epoch');
    assert.strictEqual(m.playLabel, 'Continue');
    await page.evaluate(() => window.bp.play());
    assert.strictEqual(await page.evaluate(() => window.bp.getState().stop_epoch), 0);
    await page.waitForFunction(() => window.bp.metrics().epoch > 3);
    assert.deepStrictEqual(errors, []);
  });
});

const item = (items, name) => items.find((i) => i.item === name);
const centre = (r) => [r.rect[0] + r.rect[2] / 2, r.rect[1] + r.rect[3] / 2];

test('a first visit shows one "start here" step; clicking it opens lesson 1, and it is remembered', async () => {
  await withPlayground({ hash: '#autoplay=0' }, async ({ page, browser, errors }) => {
    await frames(page);
    let items = await page.evaluate(() => window.bp.toolbar());
    const start = item(items, 'start-lesson-1');
    assert.ok(start, 'the strip is there: ' + JSON.stringify(items.map((i) => i.item)));
    assert.ok(!item(items, 'stats-text'), 'frame statistics are behind a toggle');
    await page.mouse.click(...centre(start));
    await page.waitForFunction(() => window.bp.getState().lesson === 'xor-hidden');
    await page.reload();
    await page.evaluate(() => window.bpReady);
    await frames(page);
    items = await page.evaluate(() => window.bp.toolbar());
    assert.ok(!item(items, 'start-lesson-1'), 'remembered: not shown again');
    // The stats toggle shows the frame statistics.
    // (Waited for, not counted in frames: on a loaded machine the click's press and release
    // may reach the app some frames after Playwright sent them.)
    await page.mouse.click(...centre(item(items, 'stats')));
    await page.waitForFunction(() => window.bp.toolbar().some((i) => i.item === 'stats-text'));
    // A first visitor who arrives with a lesson in the link already has a direction.
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const other = await ctx.newPage();
    await other.goto(page.url().split('#')[0] + '#lesson=circle-features&autoplay=0');
    await other.evaluate(() => window.bpReady);
    await frames(other);
    const names = (await other.evaluate(() => window.bp.toolbar())).map((i) => i.item);
    assert.ok(names.includes('lessons') && !names.includes('start-lesson-1'), names.join());
    await ctx.close();
    assert.deepStrictEqual(errors, []);
  });
});
