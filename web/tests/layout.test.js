// Browser tests of the layouts on small screens: on a phone (390 x 844 at DPR 3) one column
// whose panels are nearly the viewport's width, a toolbar whose items wrap instead of
// overlapping, and a finger's drag that scrolls; on tablets (768 x 1024, 1024 x 768) panels
// and toolbar items that do not overlap. Rects come from bp.panels() and bp.toolbar().
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { withPlayground, screenshotStats, frames } = require('./harness.js');


// Pairs of rects (x, y, w, h) that overlap by more than half a pixel both ways.
function overlaps(list, key) {
  const out = [];
  for (let i = 0; i < list.length; ++i)
    for (let j = i + 1; j < list.length; ++j) {
      const [a, b] = [list[i].rect, list[j].rect];
      const w = Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]);
      const h = Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
      if (w > 0.5 && h > 0.5) out.push(`${list[i][key]} / ${list[j][key]}`);
    }
  return out;
}

async function layoutOf(page) {
  await frames(page);
  return page.evaluate(() => ({ panels: window.bp.panels(), toolbar: window.bp.toolbar() }));
}

function checkNoOverlap({ panels, toolbar }, width) {
  assert.ok(panels.length >= 8, 'every panel is drawn: ' + panels.map((p) => p.panel).join());
  assert.deepStrictEqual(overlaps(panels, 'panel'), []);
  assert.ok(toolbar.length >= 8, 'toolbar items: ' + toolbar.map((t) => t.item).join());
  assert.deepStrictEqual(overlaps(toolbar, 'item'), []);
  for (const t of toolbar) assert.ok(t.rect[0] >= 0 && t.rect[0] + t.rect[2] <= width + 0.5, `${t.item} inside the width: ${t.rect}`);
}

test('phone 390 x 844 at DPR 3: one column, a wrapping toolbar, a finger drag scrolls', async () => {
  await withPlayground({ hash: '#autoplay=0', width: 390, height: 844, dpr: 3, touch: true }, async ({ page, browser, errors }) => {
    const before = await layoutOf(page);
    checkNoOverlap(before, 390);
    for (const p of before.panels) assert.ok(p.rect[2] >= 0.9 * 390, `${p.panel} is ${p.rect[2]} px wide`);
    const order = before.panels.map((p) => p.panel);
    assert.deepStrictEqual(order.slice(0, 2), ['boundary', 'loss'], 'output and loss first');
    assert.ok(order.indexOf('network') < order.indexOf('training'), 'views before controls');
    const tall = before.toolbar.filter((t) => ['play', 'step', 'reset', 'seed', 'lessons', 'files'].includes(t.item));
    for (const t of tall) assert.ok(t.rect[3] >= 32, `${t.item} is ${t.rect[3]} px tall: large enough for a finger`);
    await screenshotStats(browser, page, 'phone-390x844');
    // A finger drags up from the lower half: the page scrolls (the panels move up).
    const cdp = await page.context().newCDPSession(page);
    const touch = (type, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: 200, y }] });
    await touch('touchStart', 700);
    for (let y = 680; y >= 300; y -= 20) { await touch('touchMove', y); await frames(page, 1); }
    await touch('touchEnd');
    const after = await layoutOf(page);
    const y0 = before.panels.find((p) => p.panel === 'network').rect[1];
    const y1 = after.panels.find((p) => p.panel === 'network').rect[1];
    assert.ok(y0 - y1 > 200, `the network panel moved up by ${y0 - y1} px`);
    assert.strictEqual((await page.evaluate(() => window.bp.metrics())).points, 300, 'the drag added no point');
    assert.deepStrictEqual(errors, []);
  });
});

for (const [width, height] of [[768, 1024], [1024, 768]]) {
  test(`tablet ${width} x ${height}: no two panels or toolbar items overlap`, async () => {
    await withPlayground({ hash: '#autoplay=0', width, height, dpr: 2, touch: true }, async ({ page, errors }) => {
      const layout = await layoutOf(page);
      checkNoOverlap(layout, width);
      const boundary = layout.panels.find((p) => p.panel === 'boundary');
      assert.ok(boundary.rect[2] >= 300, `the output is ${boundary.rect[2]} px wide`);
      const play = layout.toolbar.find((t) => t.item === 'play');
      assert.ok(play.rect[3] >= 32, `a touch screen gets finger-sized controls: play is ${play.rect[3]} px tall`);
      assert.deepStrictEqual(errors, []);
    });
  });
}
