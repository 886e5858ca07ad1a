// Browser tests of the Landscape tab (issue 29): the slice's numbers against the run's own
// (its centre is the training loss the page reports at those weights), the path, the settings
// refused by name, and the learning-rate line on the diverging-lr lesson: at the lesson's lr a
// full-batch step raises the loss (past the largest eta that lowers it), at its fix it lowers it.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { withPlayground } = require('./harness.js');

const complete = (page) => page.waitForFunction(() => window.bp.landscape.state().complete);

test('the slice is centred on the run: its centre is the training loss the page reports there', async () => {
  await withPlayground({ hash: '#autoplay=0', width: 1440, height: 900 }, async ({ page, errors }) => {
    for (let epoch = 0; epoch < 3; ++epoch) {  // an epoch (15 steps) a frame: the path records a point a frame at most
      const u = await page.evaluate(() => { window.bp.step(15); return window.bp.updates(); });
      await page.waitForFunction((u) => window.bp.updates() > u + 1, u);
    }
    await page.evaluate(() => window.bp.landscape.open());
    await complete(page);
    const [s, m] = await page.evaluate(() => [window.bp.landscape.state(), window.bp.metrics()]);
    assert.strictEqual(m.epoch, 3);
    assert.strictEqual(s.centreLoss, m.trainLoss, 'the centre is L(theta) at the weights now');
    const n = s.resolution;
    assert.strictEqual(s.grid.length, n * n);
    assert.strictEqual(s.grid[((n - 1) / 2) * n + (n - 1) / 2], s.centreLoss);
    assert.ok(s.grid.every((v) => typeof v === 'number' && v > 0), 'every point computed and positive');
    assert.deepStrictEqual([s.axes.a[0], s.axes.a[n - 1], s.axes.b[(n - 1) / 2]], [-1, 1, 0]);
    // The directions in the weights file's shape: one {W, b} per layer, like the run's weights.
    const w = JSON.parse(await page.evaluate(() => window.bp.exportWeights()));
    assert.strictEqual(s.directions.d1.layers.length, w.layers.length);
    assert.strictEqual(s.directions.d1.layers[0].W.length, w.layers[0].W.length);
    // The path ends at the point now: the centre.
    const last = s.path[s.path.length - 1];
    assert.deepStrictEqual([last[0], last[1]], [0, 0]);
    assert.ok(s.path.length >= 4, `${s.path.length} points recorded over 3 epochs`);
    assert.deepStrictEqual(errors, []);
  });
});

test('landscape settings come from a link and the API, and bad ones are refused by name', async () => {
  await withPlayground({ hash: '#autoplay=0&view=landscape&range=2&resolution=21', width: 1440, height: 900 }, async ({ page, errors }) => {
    await complete(page);
    let s = await page.evaluate(() => window.bp.landscape.state());
    assert.deepStrictEqual([s.range, s.resolution, s.grid.length, s.axes.a[0]], [2, 21, 441, -2]);
    assert.match(await page.evaluate(() => window.bp.getHash()), /(^|&)range=2(&|$)/);
    const refused = await page.evaluate(() => window.bp.landscape.set({ range: -1, resolution: 500, directions: 'sideways' }));
    assert.match(refused, /range/);
    assert.match(refused, /resolution/);
    assert.match(refused, /random, path/);
    s = await page.evaluate(() => window.bp.landscape.state());
    assert.deepStrictEqual([s.range, s.resolution], [2, 21], 'nothing changed');
    assert.strictEqual(await page.evaluate(() => window.bp.landscape.set({ directions: 'path', resolution: 11 })), '');
    await page.waitForFunction(() => window.bp.landscape.state().resolution === 11 && window.bp.landscape.state().complete);
    s = await page.evaluate(() => window.bp.landscape.state());
    assert.strictEqual(s.grid.length, 121);
    assert.strictEqual(s.kind, 'random', 'an untrained run has no path yet: random directions');
    assert.ok(s.fallback.length > 0, 'and the page says why');
    assert.deepStrictEqual(errors, []);
  });
});

test('the learning-rate line on the diverging-lr lesson: its lr raises the loss, its fix lowers it', async () => {
  await withPlayground({ hash: '#lesson=diverging-lr&autoplay=0', width: 1440, height: 900 }, async ({ page, errors }) => {
    // The API computes the line for the run as it is now: no frames to wait for.
    const marks = () => page.evaluate(() => [window.bp.landscape.lrMarks(), window.bp.landscape.lrLine()]);
    const [big, line] = await marks();
    assert.strictEqual(big.lr, 0.3);
    assert.ok(big.lossAtLr > big.loss0, `at lr 0.3 one full-batch step goes from ${big.loss0} to ${big.lossAtLr}`);
    assert.ok(big.bestEta > 0 && big.bestEta < 0.3, `the largest eta that lowers the loss: ${big.bestEta}`);
    assert.ok(line.length >= 41 && line.some((p) => p.eta === 0.3));
    assert.strictEqual(await page.evaluate(() => window.bp.lessons.open('diverging-lr', 0)), '');  // the lr = 0.03 variant
    const [small] = await marks();
    assert.strictEqual(small.lr, 0.03);
    assert.ok(small.lossAtLr < small.loss0, `at lr 0.03: from ${small.loss0} to ${small.lossAtLr}`);
    assert.ok(small.bestEta > 0.03);
    assert.deepStrictEqual(errors, []);
  });
});

// Optimizers side by side: each copy of the run trains what that config trains alone. The
// sgd copy is the page's own config, so its curve must equal the page's run, epoch for epoch.
test('a race of optimizers: each copy trains the bits the config trains alone; bad races are refused by name', async () => {
  await withPlayground({ hash: '#view=landscape&autoplay=0', width: 1440, height: 900 }, async ({ page, errors }) => {
    assert.match(await page.evaluate(() => window.bp.landscape.race(['optimizer=sgd'])), /2 to 4 runs, not 1/);
    assert.match(await page.evaluate(() => window.bp.landscape.race(['optimizer=sgd', 'seed=5'])), /run 2: .*seed/);
    assert.match(await page.evaluate(() => window.bp.landscape.race(['optimizer=sgd', 'lr=-1'])), /run 2: lr/);
    assert.deepStrictEqual((await page.evaluate(() => window.bp.landscape.raceState())).runs, [], 'nothing started');
    assert.strictEqual(await page.evaluate(() => window.bp.landscape.race(['optimizer=sgd', { optimizer: 'adam' }])), '');
    await page.waitForFunction(() => !window.bp.landscape.raceState().running);
    const race = await page.evaluate(() => window.bp.landscape.raceState());
    assert.deepStrictEqual(race.runs.map((r) => [r.label, r.epoch]), [['#1 optimizer=sgd', 200], ['#2 optimizer=adam', 200]]);
    await page.evaluate(() => window.bp.step(200 * 15));  // the page's own run: 15 steps an epoch
    const history = (await page.evaluate(() => window.bp.exportHistory())).trim().split('\n').slice(1).map((l) => Number(l.split(',')[1]));
    assert.strictEqual(history.length, 201);
    assert.deepStrictEqual(race.runs[0].losses, history, 'the sgd copy is the run itself, bit for bit');
    assert.notDeepStrictEqual(race.runs[1].losses, history);
    assert.ok(race.runs[1].losses[200] < race.runs[0].losses[200], 'Adam ends lower than SGD at lr 0.03 here');
    // A snapshot an epoch, halved at 200 (PathRecorder::kCap): about 100 points each, read as soon
    // as the race has ended (it used to show the plane projected up to 30 frames before, 2 points).
    assert.ok(race.runs.every((r) => r.path.length >= 100), `path points ${race.runs.map((r) => r.path.length)}`);
    assert.deepStrictEqual(errors, []);
  });
});

// Once a race has ended, the loss surface of the paths' plane is computed under the paths, a
// budget a frame: a square (the same units on both axes) that holds every path point, every
// grid point finite, its least loss of the order of where the runs ended, its greatest above it.
test('after a race, the loss on the paths plane fills in under every path', async () => {
  await withPlayground({ hash: '#view=landscape&autoplay=0', width: 1440, height: 900 }, async ({ page, errors }) => {
    assert.strictEqual(await page.evaluate(() => window.bp.landscape.race(['optimizer=sgd', 'optimizer=momentum'])), '');
    assert.strictEqual((await page.evaluate(() => window.bp.landscape.raceState())).surface, null, 'not while racing');
    await page.waitForFunction(() => { const s = window.bp.landscape.raceState().surface; return s && s.complete; });
    const { runs, surface } = await page.evaluate(() => window.bp.landscape.raceState());
    const { a, b } = surface.axes;
    const n = a.length;
    assert.strictEqual(surface.grid.length, n * n);
    assert.ok(surface.grid.every((v) => Number.isFinite(v) && v > 0));
    assert.ok(Math.abs((a[n - 1] - a[0]) - (b[n - 1] - b[0])) < 1e-9 * (a[n - 1] - a[0]), 'square');
    for (const r of runs)
      for (const [pa, pb] of r.path) assert.ok(pa >= a[0] && pa <= a[n - 1] && pb >= b[0] && pb <= b[n - 1], `${r.label} (${pa}, ${pb}) on the surface`);
    const ends = runs.map((r) => r.losses[r.losses.length - 1]);
    assert.ok(Math.min(...surface.grid) < 2 * Math.max(...ends), `${Math.min(...surface.grid)} vs ends ${ends}`);
    assert.ok(Math.max(...surface.grid) > Math.max(...ends));
    assert.deepStrictEqual(errors, []);
  });
});

// While the run plays, its weights leave a slice's centre; a new slice begins only once the one
// shown is complete, and the frame keeps the slice's share of engine time from training, so a
// slice of many frames (the 6 x 8 net's) is seen whole while the run trains on.
test('a slice that takes many frames completes while the run plays on', async () => {
  await withPlayground({ hash: '#view=landscape&dataset=spiral&layers=8,8,8,8,8,8&activation=tanh', width: 1440, height: 900 }, async ({ page, errors }) => {
    const start = await page.evaluate(() => window.bp.metrics().epoch);
    await page.waitForFunction(() => window.bp.landscape.state({ brief: true }).progress > 0.3, null, { timeout: 120000 });
    const mid = await page.evaluate(() => [window.bp.metrics().epoch, window.bp.playing()]);
    await page.waitForFunction(() => window.bp.landscape.state({ brief: true }).complete, null, { timeout: 120000 });
    const end = await page.evaluate(() => [window.bp.metrics().epoch, window.bp.playing()]);
    assert.ok(mid[1] && end[1], 'still playing');
    assert.ok(end[0] > mid[0] && mid[0] > start, `trained on meanwhile: epochs ${start}, ${mid[0]}, ${end[0]}`);
    const brief = await page.evaluate(() => window.bp.landscape.state({ brief: true }));
    assert.deepStrictEqual(Object.keys(brief).sort(), ['centreLoss', 'complete', 'fallback', 'kind', 'progress', 'range', 'resolution']);
    assert.deepStrictEqual(errors, []);
  });
});
