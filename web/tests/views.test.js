// Browser tests that what the student sees stays right at any run length and network size:
// the network view after a long run and on the largest network matches a fresh page loaded
// with the same settings and weights (ring colours aside, which depend on the training
// history), no draw list outgrows its index type, and bp.panels() answers in every layout.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { openPlayground, withPlayground, panelShot, comparePictures } = require('./harness.js');

const VIEWPORT = { width: 1440, height: 900 };
const RINGS = [[255, 190, 60], [255, 90, 90]];  // saturated (kWarning) and dead (kDanger) rings

async function frames(page, n) {  // the app's frames, drawn or not (harness.js frames())
  const start = await page.evaluate(() => window.bp.updates());
  await page.waitForFunction((k) => window.bp.updates() >= k, start + n);
}

// Pauses, then steps in chunks (a frame drawn after each) until `steps` steps are done.
async function train(page, steps, chunk) {
  await page.evaluate(() => window.bp.pause());
  for (;;) {
    const done = await page.evaluate(() => window.bp.metrics().steps);
    if (done >= steps) break;
    await page.evaluate((n) => window.bp.step(n), Math.min(chunk, steps - done));
    await frames(page, 1);
  }
  const m = await page.evaluate(() => window.bp.metrics());
  assert.strictEqual(m.diverged, false, 'the run diverged, which is not what this test is about');
  return m;
}

function checkIndexRange(stats, what) {
  assert.strictEqual(typeof stats.maxListVertices, 'number', `${what}: frameStats() ${JSON.stringify(stats)}`);
  assert.ok(stats.maxListVertices > 0, `${what}: ${JSON.stringify(stats)}`);
  assert.ok(stats.maxListVertices <= 2 ** (8 * stats.indexBytes),
    `${what}: a draw list of ${stats.maxListVertices} vertices with ${stats.indexBytes}-byte indices`);
}

// Trains `hash` for `steps` steps, then loads a fresh page with the same settings and the
// trained weights, and compares the two network panels.
async function networkMatchesFreshPage(hash, steps, chunk, name) {
  const trained = await openPlayground({ hash: '#' + hash, ...VIEWPORT });
  let fresh = null;
  try {
    const m = await train(trained.page, steps, chunk);
    await frames(trained.page, 3);
    const stats = await trained.page.evaluate(() => window.bp.frameStats());
    console.log(`${name}: ${m.steps} steps, epoch ${m.epoch}, frameStats ${JSON.stringify(stats)}`);
    const a = await panelShot(trained.page, 'network', `views-${name}-trained`);
    const settings = await trained.page.evaluate(() => window.bp.getHash());
    const weights = await trained.page.evaluate(() => window.bp.exportWeights());

    fresh = await openPlayground({ hash: '#' + settings, browser: trained.browser, ...VIEWPORT });
    await fresh.page.evaluate(() => window.bp.pause());
    assert.strictEqual(await fresh.page.evaluate((w) => window.bp.importWeights(w), weights), '');
    await frames(fresh.page, 3);
    const freshStats = await fresh.page.evaluate(() => window.bp.frameStats());
    const b = await panelShot(fresh.page, 'network', `views-${name}-fresh`);
    assert.deepStrictEqual(a.rect, b.rect, 'the network panel moved between the two pages');

    const cmp = await comparePictures(trained.browser, a.png, b.png, { ignore: RINGS });
    console.log(`${name}: network panel ${JSON.stringify(cmp)}`);
    assert.ok(!cmp.error, cmp.error);
    assert.ok(cmp.distinctColours > 50, `the network panel is nearly blank: ${cmp.distinctColours} colours`);
    assert.ok(cmp.ignoredFraction < 0.5, `ring colours cover ${cmp.ignoredFraction} of the panel`);
    assert.ok(cmp.differFraction < 0.002,
      `${name}: ${(100 * cmp.differFraction).toFixed(2)}% of the network panel differs from a fresh page ` +
      `with the same weights (see build/test-artifacts/views-${name}-*.png)`);
    checkIndexRange(stats, `${name} after ${m.steps} steps`);
    checkIndexRange(freshStats, `${name}, fresh page`);
    assert.deepStrictEqual(trained.errors, []);
    assert.deepStrictEqual(fresh.errors, []);
  } finally {
    if (fresh) await fresh.close();
    await trained.close();
  }
}

test('the network view after 30,000 steps on the default page matches a fresh page with the same weights', async () => {
  await networkMatchesFreshPage('seed=1', 30000, 3000, 'default-30k');
});

test('the network view of the 8 x 64 network after 2,000 steps matches a fresh page with the same weights', async () => {
  await networkMatchesFreshPage('layers=64,64,64,64,64,64,64,64', 2000, 500, 'wide-2k');
});

test('bp.panels() names every panel of the full layout, with rects in CSS pixels', async () => {
  await withPlayground({ hash: '#lesson=sigmoid-saturation', ...VIEWPORT }, async ({ page, errors }) => {
    await frames(page, 2);
    const panels = await page.evaluate(() => window.bp.panels());
    const names = panels.map((p) => p.panel).sort();
    for (const want of ['boundary', 'data', 'gradients', 'lesson', 'loss', 'network'])
      assert.ok(names.includes(want), `${want} missing from ${JSON.stringify(panels)}`);
    for (const { panel, visible: [x, y, w, h] } of panels.filter((p) => p.visible[3] > 0))  // what shows lies on the page
      assert.ok(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= VIEWPORT.width + 0.5 && y + h <= VIEWPORT.height + 0.5,
        `${panel}: ${[x, y, w, h]}`);
    for (const want of ['boundary', 'lesson', 'network']) assert.ok(panels.find((p) => p.panel === want).visible[3] > 0, `${want} shows`);
    const [ox, oy, ow] = await page.evaluate(() => window.bp.outputRect());
    const [bx, by, bw, bh] = panels.find((p) => p.panel === 'boundary').rect;
    assert.ok(ox >= bx && oy >= by && ox + ow <= bx + bw + 0.5 && oy + ow <= by + bh + 0.5, 'the output view lies in the boundary panel');
    assert.deepStrictEqual(errors, []);
  });
});

// Headless Chromium draws the 8 x 64 network slowly (software GL), as a slow device would: the
// heatmaps must still take only the frame's budget, a share of the output picture each frame
// (once the first, whole picture is shown), not the whole 288.6 M multiply-adds every frame.
test('while the 8 x 64 network trains on a slow page, each frame computes a slice of its picture, not all of it', async () => {
  await withPlayground({ hash: '#layers=64,64,64,64,64,64,64,64', ...VIEWPORT }, async ({ page, errors }) => {
    await page.evaluate(() => window.bp.play());
    await page.waitForFunction(() => window.bp.frameStats().outputPictures >= 1);  // the first picture is whole
    const picture = 100 * 100 * (2 * 64 + 7 * 64 * 64 + 64);  // multiply-adds of the output grid
    const most = (picture / 10) * (1 + (32 * 32) / (100 * 100));  // a tenth of it, and the thumbnails' share
    const seen = [];
    for (let i = 0; i < 12; ++i) {
      await frames(page, 1);
      const s = await page.evaluate(() => window.bp.frameStats());
      seen.push(s.gridMacs);
      assert.strictEqual(typeof s.gridMacs, 'number', JSON.stringify(s));
    }
    assert.strictEqual(await page.evaluate(() => window.bp.playing()), true);
    for (const macs of seen) assert.ok(macs > 0 && macs <= most, `${macs} multiply-adds in a frame (at most ${most}): ${seen}`);
    assert.deepStrictEqual(errors, []);
  });
});
