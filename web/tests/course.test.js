// Browser tests for course pages: the URL hash round trip (and the same first losses as the
// native bp for that hash), the address bar following the settings, a garbage hash shown in
// the message bar with defaults kept, embed flags, the run's files, postMessage from a page
// of another origin, and the bundle's size.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { openPlayground, withPlayground, screenshotStats, WEB_DIR, launch, withCoursePage, IN_FIGURE } = require('./harness.js');
const { serve } = require('../serve.js');

const BP = process.env.BP_BIN || path.resolve(__dirname, '../../build/native/bin/bp');
const HASH = 'dataset=spiral&points=200&noise=0.2&layers=6,5&activation=relu,tanh&optimizer=adam&lr=0.01&' +
  'batch=16&seed=12345&features=x1,x2,x1x2&reg=l2&reg_rate=0.002&view=playground';

test('hash -> state -> hash round trip, and the first losses equal the native bp for that hash', async () => {
  await withPlayground({ hash: '#' + HASH + '&autoplay=0' }, async ({ page, errors }) => {
    const state = await page.evaluate(() => window.bp.getState());
    assert.strictEqual(state.dataset, 'spiral');
    assert.deepStrictEqual(state.layers, [6, 5]);
    assert.deepStrictEqual(state.activation, ['relu', 'tanh']);
    assert.strictEqual(state.seed, 12345);
    assert.strictEqual(state.autoplay, 0);
    assert.strictEqual(await page.evaluate(() => window.bp.playing()), false);
    const hash = await page.evaluate(() => window.bp.getHash());
    for (const kv of HASH.split('&').filter((kv) => kv !== 'view=playground')) assert.ok(hash.includes(kv), `${kv} in ${hash}`);
    // The address bar gets the complete form once the settings have stayed put.
    await page.waitForFunction((h) => location.hash === '#' + h, hash);
    const curve = await page.evaluate(() => {
      const out = [window.bp.metrics()];
      while (out.length < 4) {
        window.bp.step(1);
        const m = window.bp.metrics();
        if (m.epoch === out.length) out.push(m);
      }
      return out;
    });
    const native = JSON.parse(execFileSync(BP, ['train', '--hash', hash, '--epochs', '3', '--json'], { encoding: 'utf8' }));
    assert.deepStrictEqual(curve.map((m) => [m.epoch, m.trainLoss, m.testLoss]),
      native.history.slice(0, 4).map((h) => [h.epoch, h.train_loss, h.test_loss]));
    // The per-layer diagnostics: one record per weight layer, the same numbers, each in its key style.
    assert.deepStrictEqual(curve[3].layers.map((l) => [l.gradNorm, l.saturatedFrac, l.deadFrac, l.updateRatio]),
      native.layers.map((l) => [l.grad_norm, l.saturated_frac, l.dead_frac, l.update_ratio]));
    assert.strictEqual(native.layers.length, 3, 'two hidden layers and the output layer');
    // A second page opened from the written hash lands on the same state.
    await withPlayground({ hash: '#' + hash }, async (again) => {
      assert.strictEqual(await again.page.evaluate(() => window.bp.getHash()), hash);
      assert.strictEqual((await again.page.evaluate(() => window.bp.metrics())).trainLoss, native.history[0].train_loss);
    });
    await page.evaluate(() => window.bp.setState('lr=0.1'));
    await page.waitForFunction(() => location.hash.includes('lr=0.1&'));
    assert.deepStrictEqual(errors, []);
  });
});

test('a garbage hash shows the message bar and keeps the defaults; the page still works', async () => {
  const garbage = '#lr=banana&layers=999,1&zzz=1&points=-5&embed=7&%E0%A4&activation=&batch=1e400&noise=NaN&dataset=xor';
  await withPlayground({ hash: garbage }, async ({ page, browser, errors }) => {
    const messages = await page.evaluate(() => window.bp.messages());
    const fields = messages.map((m) => m.split(':')[0]);
    for (const f of ['lr', 'layers', 'points', 'embed', 'batch', 'noise']) assert.ok(fields.includes(f), `${f} in ${JSON.stringify(messages)}`);
    assert.ok(messages.some((m) => m.startsWith("unknown setting 'zzz'")), JSON.stringify(messages));
    const state = await page.evaluate(() => window.bp.getState());
    assert.strictEqual(state.dataset, 'xor');  // the good value was applied
    assert.strictEqual(state.lr, 0.03);
    assert.deepStrictEqual(state.layers, [4, 2]);
    assert.strictEqual(state.points, 300);
    assert.strictEqual(state.embed, 0);
    await page.waitForFunction(() => window.bp.metrics().epoch >= 2);  // still trains
    // The bar is drawn at the top: its dark red fills a band of the screenshot.
    const shot = await screenshotStats(browser, page, 'garbage-hash', { colour: [90, 40, 30], region: [0, 0, 1280, 120] });
    assert.ok(shot.matchFraction > 0.2, `message bar not visible: ${JSON.stringify(shot)}`);
    // Editing the address loads the new hash and shows its problems.
    await page.evaluate(() => { location.hash = 'dataset=moons&lr=-1'; });
    await page.waitForFunction(() => window.bp.getState().dataset === 'moons');
    assert.deepStrictEqual(await page.evaluate(() => window.bp.messages()),
      ["lr: '-1' is not allowed; expected a number from 1e-06 to 10 (kept 0.03)"]);
    assert.deepStrictEqual(errors, []);
  });
});

test('view=graph with a formula from the hash: the lecture example, and edits go back into the hash', async () => {
  await withPlayground({ hash: '#view=graph&formula=(x+y)*z&values=x:-2,y:5,z:-4' }, async ({ page, browser, errors }) => {
    await page.waitForTimeout(300);
    const g = await page.evaluate(() => { window.bp.graph.runAll(); return window.bp.graph.state(); });
    assert.strictEqual(g.formula, '(x+y)*z');
    assert.strictEqual(g.nodes[g.output].value, -12);  // (x + y) z = 3 * -4
    assert.deepStrictEqual(g.gradients, { x: -4, y: -4, z: 3 });  // df/dx = df/dy = z, df/dz = x + y
    await screenshotStats(browser, page, 'graph-from-hash');
    await page.evaluate(() => window.bp.graph.set('(a+b)*(b+1)', { a: 2, b: 1 }));
    await page.waitForFunction(() => location.hash.includes('&formula=(a+b)*(b+1)&values=a:2,b:1'));
    assert.strictEqual((await page.evaluate(() => window.bp.getState())).view, 'graph');
    assert.deepStrictEqual(errors, []);
  });
});

test('embed flags: only the chosen panels and controls, in a 480 x 360 iframe-sized page', async () => {
  const hash = '#embed=1&panels=boundary,loss&controls=play,lr&autoplay=1';
  await withPlayground({ hash, width: 480, height: 360 }, async ({ page, browser, errors }) => {
    const state = await page.evaluate(() => window.bp.getState());
    assert.strictEqual(state.embed, 1);
    assert.deepStrictEqual(state.panels, ['boundary', 'loss']);
    assert.deepStrictEqual(state.controls, ['play', 'lr']);
    const panels = await page.evaluate(() => window.bp.panels());
    assert.deepStrictEqual(panels.map((p) => p.panel), ['boundary', 'loss']);
    for (const { rect: [x, y, w, h] } of panels) assert.ok(x >= 0 && y >= 0 && x + w <= 481 && y + h <= 361 && w > 150 && h > 150, JSON.stringify(panels));
    const [bx, by, bw] = await page.evaluate(() => window.bp.outputRect());
    assert.ok(bw > 150 && bx + bw <= panels[0].rect[0] + panels[0].rect[2] + 1, `boundary ${bx},${by},${bw}`);
    await page.waitForFunction(() => window.bp.metrics().epoch >= 3);  // autoplay
    const shot = await screenshotStats(browser, page, 'embed-480x360');
    assert.ok(shot.colours > 50, JSON.stringify(shot));
    // Switching embed off brings the full layout back, every panel of it (one column at this width).
    await page.evaluate(() => window.bp.setState('embed=0'));
    await page.waitForFunction(() => window.bp.panels().some((p) => p.panel === 'training'));
    assert.deepStrictEqual((await page.evaluate(() => window.bp.panels())).map((p) => p.panel).slice(0, 2), ['boundary', 'loss']);
    assert.deepStrictEqual(errors, []);
  });
});

test('files: config, loss history, weights and a PNG of the canvas', async () => {
  await withPlayground({ hash: '#dataset=moons&layers=5&seed=9&stop_epoch=5&autoplay=0' }, async ({ page, errors }) => {
    const r = await page.evaluate(() => {
      const bp = window.bp;
      bp.step(100000);  // to stop_epoch: the latest loss is of the weights as they are
      const config = bp.exportConfig(), weights = bp.exportWeights(), loss = bp.metrics().trainLoss;
      const history = bp.exportHistory();
      bp.setState('seed=10&lr=0.5');
      const otherLoss = bp.metrics().trainLoss;
      const configWarnings = bp.importConfig(config);
      const weightsError = bp.importWeights(weights);
      const badError = bp.importWeights('{"format": "bp-weights-1", "layers": [{"W": [[1]]}]}');
      return { config: JSON.parse(config), history, loss, otherLoss, configWarnings, weightsError, badError,
        after: bp.metrics().trainLoss, hash: bp.getHash() };
    });
    assert.strictEqual(r.config.seed, 9);
    assert.strictEqual(r.config.stop_epoch, 5);
    assert.deepStrictEqual(r.configWarnings, []);
    assert.ok(r.hash.includes('seed=9&') && r.hash.includes('lr=0.03&'), r.hash);
    assert.strictEqual(r.weightsError, '');
    assert.notStrictEqual(r.otherLoss, r.loss);
    assert.strictEqual(r.after, r.loss);  // the same weights on the same data: the same loss
    assert.match(r.badError, /^weights file: the network has 2 weight layers/);
    const lines = r.history.trim().split('\n');
    assert.strictEqual(lines[0], 'epoch,train_loss,test_loss,train_acc,test_acc');
    assert.strictEqual(lines.length, 7, r.history);  // epochs 0 to 5
    assert.ok(lines[1].startsWith('0,') && lines[6].startsWith('5,'), r.history);
    const [download] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => window.bp.savePng())]);
    assert.strictEqual(download.suggestedFilename(), 'playground.png');
    const png = fs.readFileSync(await download.path());
    assert.strictEqual(png.subarray(1, 4).toString(), 'PNG');
    assert.strictEqual(png.readUInt32BE(16), 1280);  // IHDR width: the whole canvas
    assert.deepStrictEqual(errors, []);
  });
});

test('postMessage: a page of another origin drives the embedded playground and gets metrics', () =>
  withCoursePage(async ({ page, parentOrigin, frameUrl }) => {
    const result = await page.evaluate(IN_FIGURE, [frameUrl.replace('panels=boundary,lesson', 'panels=boundary'), (async (fig) => {
      const warnings = await fig.call('setState', { dataset: 'xor', lr: 0.1, seed: 5 });
      const state = await fig.call('getState');
      let unknown = '';
      try { await fig.call('constructor'); } catch (e) { unknown = e.message; }
      const events = [];
      await fig.onMetrics((m) => events.push(m), { interval: 50 });
      await fig.call('play');
      while (events.length < 3 || events[events.length - 1].epoch < 2) await new Promise((r) => setTimeout(r, 50));
      const lesson = await fig.call('lessons.list');
      return { warnings, state, unknown, events: events.length, lastEpoch: events[events.length - 1].epoch, lessons: lesson.length,
        sameOrigin: (() => { try { return !!document.querySelector('iframe').contentWindow.document; } catch (e) { return false; } })() };
    }).toString()]);
    assert.strictEqual(result.sameOrigin, false);  // really cross-origin
    assert.deepStrictEqual(result.warnings, []);
    assert.strictEqual(result.state.dataset, 'xor');
    assert.strictEqual(result.state.lr, 0.1);
    assert.strictEqual(result.unknown, `method 'constructor' is not open to a page of another origin (${parentOrigin})`);
    assert.ok(result.events >= 3 && result.lastEpoch >= 2, JSON.stringify(result));
    assert.ok(result.lessons >= 9);
  }));

test('the page downloads less than 1.5 MB gzipped', async () => {
  const { report } = require('../../scripts/bundle-report.js');
  const r = await report(WEB_DIR);
  const names = r.files.map((f) => path.basename(f.url));
  for (const f of ['index.html', 'bp.js', 'playground.js', 'playground.wasm']) assert.ok(names.includes(f), names.join());
  assert.ok(r.totalGzip < 1.5e6, `${r.totalGzip} bytes gzipped`);
  console.log(`bundle: ${r.totalRaw} bytes, ${r.totalGzip} gzipped; first frame after ${r.medianFirstFrameMs.toFixed(0)} ms`);
});
