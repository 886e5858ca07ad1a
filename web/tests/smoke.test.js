// Browser smoke test: the page loads in headless Chromium with WebGL2, raises no page
// error, keeps drawing frames, and the canvas shows more than a blank background.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { withPlayground, screenshotStats } = require('./harness.js');

test('the playground loads, draws frames and a non-blank canvas', async () => {
  await withPlayground({}, async ({ page, browser, errors }) => {
    const first = await page.evaluate(() => window.bp.frames());
    await page.waitForTimeout(1500);
    const later = await page.evaluate(() => window.bp.frames());
    assert.ok(later > first, `frames should advance (was ${first}, then ${later})`);
    const stats = await screenshotStats(browser, page, 'smoke-1280x800');
    assert.ok(stats.differFraction > 0.02, `canvas looks blank: ${JSON.stringify(stats)}`);
    assert.ok(stats.colours > 20, `too few colours for rendered text: ${JSON.stringify(stats)}`);
    assert.deepStrictEqual(errors, []);
  });
});

// Full density where a GPU draws (or the address asks: ?render=full); one framebuffer pixel per
// CSS pixel on a software rasterizer, which these headless runs use (README, Without a GPU).
for (const query of ['?render=full', '']) {
  test(`at device pixel ratio 2 the framebuffer's density follows the renderer (index.html${query})`, async () => {
    await withPlayground({ width: 800, height: 600, dpr: 2, path: 'index.html' + query }, async ({ page, errors }) => {
      const size = await page.evaluate(() => {
        const c = document.getElementById('canvas');
        return { w: c.width, h: c.height, ratio: window.bp.pixelRatio(), software: window.bp.renderer().software };
      });
      const ratio = query || !size.software ? 2 : 1;
      assert.strictEqual(size.w, 800 * ratio);
      assert.strictEqual(size.h, 600 * ratio);
      assert.strictEqual(size.ratio, ratio);
      assert.deepStrictEqual(errors, []);
    });
  });
}
