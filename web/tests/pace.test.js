// Browser tests of the pace a student sees: the default page trains at least one epoch a
// frame (TF Playground's pace), the `speed` setting comes from a link and a bad one is refused
// by name, and a page with nothing changing draws no frames at all (a software rasterizer
// would otherwise redraw the same picture 60 times a second).
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { withPlayground, openPlayground, comparePictures } = require('./harness.js');

// Epochs and frames drawn while the page itself waits `ms` (measured in the page).
const overWindow = (page, ms) => page.evaluate((ms) => new Promise((resolve) => {
  const read = () => ({ epoch: window.bp.metrics().epoch, frames: window.bp.frames(), t: performance.now() });
  const a = read();
  setTimeout(() => resolve([a, read()]), ms);
}), ms);

test('the default page trains at least one epoch per frame drawn', async () => {
  await withPlayground({ width: 1440, height: 900 }, async ({ page, errors }) => {
    await page.waitForFunction(() => window.bp.metrics().epoch > 0);
    const [a, b] = await overWindow(page, 3000);
    const epochs = b.epoch - a.epoch, frames = b.frames - a.frames;
    assert.ok(frames > 0, 'the page drew no frames while playing');
    assert.ok(epochs / frames >= 1, `${epochs} epochs in ${frames} frames: ${(epochs / frames).toFixed(2)} an epoch a frame, ` +
              'below TF Playground\'s one');
    assert.strictEqual((await page.evaluate(() => window.bp.getState())).speed, 100);
    assert.deepStrictEqual(errors, []);
  });
});

test('paused and idle, the page draws no frames after the first second; a change draws one', async () => {
  await withPlayground({ hash: '#autoplay=0', width: 1440, height: 900 }, async ({ page, errors }) => {
    // The first second, and at least 30 of the app's frames (a loaded machine is slow to start):
    // the pictures of the first weights, the layout settling.
    await page.waitForTimeout(1000);
    await page.waitForFunction(() => !window.bp.updates || window.bp.updates() >= 30);  // updates(): not in older builds
    const [a, b] = await overWindow(page, 2000);
    assert.strictEqual(b.frames - a.frames, 0, `a paused page with nothing changing drew ${b.frames - a.frames} frames in 2 s`);
    await page.evaluate(() => window.bp.step(1));  // the weights, the counters and the pictures change
    await page.waitForFunction((k) => window.bp.frames() > k, b.frames);
    await page.waitForTimeout(1000);
    const [c, d] = await overWindow(page, 2000);
    assert.strictEqual(d.frames - c.frames, 0, 'after the step was shown the page went on drawing');
    assert.deepStrictEqual(errors, []);
  });
});

test('speed comes from a link, in epochs a second, and a bad one is refused by name', async () => {
  await withPlayground({ hash: '#speed=0.5&autoplay=1' }, async ({ page, errors }) => {
    assert.strictEqual((await page.evaluate(() => window.bp.getState())).speed, 0.5);
    assert.match(await page.evaluate(() => window.bp.getHash()), /(^|&)speed=0\.5(&|$)/);
    // 0.5 epochs a second of 15 steps: never more than 7.5 steps a second, however fast the machine.
    const t0 = await page.evaluate(() => performance.now());
    await page.waitForFunction(() => window.bp.metrics().steps >= 2);
    const [m, t1] = await page.evaluate(() => [window.bp.metrics(), performance.now()]);
    assert.ok(m.steps <= 7.5 * (t1 - t0 + 1000) / 1000 + 1, `${m.steps} steps in ${((t1 - t0) / 1000).toFixed(1)} s at 0.5 epochs/s`);
    assert.ok((await page.evaluate(() => window.bp.toolbar())).some((i) => i.item === 'speed'));
    assert.deepStrictEqual(await page.evaluate(() => window.bp.setState('speed=0')),
      ["speed: '0' is not allowed; expected a number from 0.01 to 1000 (kept 0.5)"]);
    assert.strictEqual((await page.evaluate(() => window.bp.getState())).speed, 0.5);
    assert.deepStrictEqual(errors, []);
  });
});

// Triangles a drawn frame submits, counted in WebGL itself (drawElements' index counts), from
// outside the app: a software rasterizer pays for each, and the data points were half of the
// default page's. Each point is a disc and an outline ring from the font atlas: two quads.
test('a data point costs the rasterizer two quads, not two tessellated circles', async () => {
  const perFrame = async (hash) => {
    // Every drawn frame whole (one clear, then all of its triangles), not only what changed.
    const { page, context, errors, close } = await openPlayground({ hash, width: 1440, height: 900, path: 'index.html?redraw=all' });
    try {
      await context.addInitScript(() => {
        window.glTriangles = [];
        const draw = WebGL2RenderingContext.prototype.drawElements;
        WebGL2RenderingContext.prototype.drawElements = function (mode, count, type, offset) {
          window.glTriangles[window.glTriangles.length - 1] += count / 3;
          return draw.call(this, mode, count, type, offset);
        };
        const clear = WebGL2RenderingContext.prototype.clear;  // each drawn frame starts with a clear
        WebGL2RenderingContext.prototype.clear = function (bits) { window.glTriangles.push(0); return clear.call(this, bits); };
      });
      await page.reload();
      await page.evaluate(() => window.bpReady);
      await page.waitForTimeout(1000);  // as above: the first pictures, the layout settling
      await page.waitForFunction(() => window.bp.frames() >= 1 && window.bp.updates() >= 30);
      assert.deepStrictEqual(errors, []);
      return await page.evaluate(() => window.glTriangles[window.glTriangles.length - 1]);
    } finally {
      await close();
    }
  };
  // Paused, the same page but for the number of points (train and test are both shown).
  const few = await perFrame('#autoplay=0&points=10'), many = await perFrame('#autoplay=0&points=2000');
  const each = (many - few) / 1990;
  assert.ok(each > 0 && each <= 4.5, `${few} triangles with 10 points, ${many} with 2000: ${each.toFixed(1)} a point`);
});

// A software-rendered page keeps its pixels and redraws only the rectangles that changed: after
// training, a tooltip shown and gone, and the pause, the picture on screen must equal the same
// state drawn whole (a resize draws everything again). Stale pixels anywhere fail it.
test('a page redrawn in parts shows the same picture as one drawn whole', async () => {
  await withPlayground({ width: 1440, height: 900 }, async ({ page, errors }) => {
    assert.ok((await page.evaluate(() => window.bp.renderer())).software, 'this test needs a software rasterizer (headless Chromium)');
    const shares = [];
    for (let i = 0; i < 20; ++i) shares.push((await page.evaluate(() => window.bp.frameStats())).redrawnShare), await page.waitForTimeout(50);
    assert.ok(shares.some((s) => s > 0 && s < 0.6), `while training, each frame redrew ${shares.join(', ')} of the window`);
    const [x, y] = await page.evaluate(() => { const r = window.bp.targets().find((t) => t.label === 'Epoch').rect; return [r[0] + r[2] / 2, r[1] + r[3] / 2]; });
    await page.mouse.move(x, y);  // a hovered button changes colour
    await page.waitForTimeout(300);
    await page.mouse.move(700, 860);
    await page.evaluate(() => window.bp.pause());
    const idle = async () => {
      for (let last = -1; ;) {
        const now = await page.evaluate(() => window.bp.frames());
        if (now === last) return;
        last = now;
        await page.waitForTimeout(500);
      }
    };
    await idle();
    const parts = await page.screenshot();
    await page.setViewportSize({ width: 1440, height: 901 });
    await idle();
    await page.setViewportSize({ width: 1440, height: 900 });
    await idle();
    assert.strictEqual((await page.evaluate(() => window.bp.frameStats())).redrawnShare, 1);
    const whole = await page.screenshot();
    const diff = await comparePictures(page.context().browser(), parts.toString('base64'), whole.toString('base64'), { grow: 0, tolerance: 0 });
    assert.deepStrictEqual(diff.error, undefined);
    assert.strictEqual(diff.differFraction, 0, `${(diff.differFraction * 1440 * 900).toFixed(0)} pixels differ`);
    assert.deepStrictEqual(errors, []);
  });
});

// The 8 x 64 net's 4096 weights between two hidden layers were 4096 lines each covering their
// gap many times over: a tangle, and 237k vertices a frame for a software rasterizer. Each layer
// now draws its 256 strongest (and says so beside the panel's controls, without clipping).
test('the 8 x 64 network panel draws each layer\'s 256 strongest weights', async () => {
  await withPlayground({ hash: '#layers=64,64,64,64,64,64,64,64&dataset=spiral&activation=tanh&autoplay=0', width: 1440, height: 900 },
    async ({ page, errors }) => {
      await page.evaluate(() => window.bp.step(20));
      const u = await page.evaluate(() => window.bp.updates());
      await page.waitForFunction((u) => window.bp.updates() > u + 3, u);
      const stats = await page.evaluate(() => window.bp.frameStats());
      // 7 gaps x 256 lines, 512 thumbnails and rings, the rest of the page: about 40k (228k with every line).
      assert.ok(stats.maxListVertices < 80000, `${stats.maxListVertices} vertices in one draw list`);
      assert.deepStrictEqual(await page.evaluate(() => window.bp.clipped()), [], 'the caption fits beside the controls');
      assert.deepStrictEqual(errors, []);
    });
});

// Without a GPU every pixel and triangle costs. While the default page trains, its large
// changing panels take turns (each redrawn within a few frames; the test above checks the
// picture catches up) and the plots' lines are images drawn on the CPU, so a frame redraws
// a fraction of the window with few triangles (`?redraw=now&lines=triangles` shows the old way).
test('a software-rendered page redraws its large panels in turns and its plot lines as images', async () => {
  await withPlayground({ width: 1440, height: 900 }, async ({ page, errors }) => {
    assert.ok((await page.evaluate(() => window.bp.renderer())).software, 'this test needs a software rasterizer (headless Chromium)');
    await page.waitForTimeout(1000);
    const stats = [];
    for (let i = 0; i < 30; ++i) stats.push(await page.evaluate(() => window.bp.frameStats())), await page.waitForTimeout(50);
    const median = (k) => { const v = stats.map((s) => s[k]).sort((a, b) => a - b); return v[v.length >> 1]; };
    assert.ok(median('redrawnShare') > 0 && median('redrawnShare') <= 0.2, `median share redrawn ${median('redrawnShare')}`);
    assert.ok(median('drawnTriangles') < 1800, `median triangles drawn ${median('drawnTriangles')}`);
    assert.deepStrictEqual(errors, []);
  });
});

// ImGui's OpenGL3 backend reads 13 GL states back every frame (its state backup); each read waits for the GPU
// process to finish all earlier work, so the page idled while a software rasterizer drew.
// The browser's own renderer (platform/webgl_renderer.h) sets its state and reads none.
test('drawing a frame reads no GL state back', async () => {
  await withPlayground({ width: 1440, height: 900 }, async ({ page, errors }) => {
    await page.waitForTimeout(1000);
    const r = await page.evaluate(() => new Promise((resolve) => {
      const gl = GL.currentContext.GLctx, original = gl.getParameter;
      let reads = 0;
      gl.getParameter = function (p) { ++reads; return original.call(this, p); };
      const f0 = window.bp.frames();
      setTimeout(() => { gl.getParameter = original; resolve({ frames: window.bp.frames() - f0, reads }); }, 1500);
    }));
    assert.ok(r.frames >= 5, `${r.frames} frames drawn while playing`);
    assert.strictEqual(r.reads, 0, `${r.reads} getParameter calls in ${r.frames} frames`);
    assert.deepStrictEqual(errors, []);
  });
});
