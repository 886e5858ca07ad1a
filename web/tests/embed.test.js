// Browser tests of the compact embed (embed=1) at the sizes course pages use: 480 x 360 at
// DPR 1 and 2, and 640 x 480. For the three figures of embed-example.html, a four-panel
// embed and every playground lesson as an embed, in en, es and ru (and every graph-lab and
// layer-view lesson, at both sizes and DPR 1 and 2, its canvas most of the frame): the app reports nothing
// cut off or overlapping in the last frame (bp.clipped(), Dear ImGui's own record of how far
// each window's and column's content reached), and the plots keep a readable size.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const { openPlayground, launch, frames } = require('./harness.js');

const figures = fs.readFileSync(path.resolve(__dirname, '../embed-example.html'), 'utf8')
  .match(/index\.html#[^"]+/g).map((src) => src.slice('index.html#'.length));
const lessons = fs.readdirSync(path.resolve(__dirname, '../../assets/lessons'))
  .map((f) => JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../assets/lessons', f), 'utf8')))
  .filter((l) => !l.view || l.view === 'playground').map((l) => l.id);
const viewLessons = fs.readdirSync(path.resolve(__dirname, '../../assets/lessons'))
  .map((f) => JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../assets/lessons', f), 'utf8')))
  .filter((l) => l.view === 'graph' || l.view === 'layers').map((l) => [l.id, l.view]);
const HASHES = [  // the four panels first, on the default settings (a hash keeps the settings it does not name)
  'embed=1&panels=boundary,loss,network,gradients&controls=play,step,reset,lr,activation&autoplay=1',
  ...figures,
  ...lessons.map((id) => `lesson=${id}&embed=1&panels=boundary,loss,network,lesson&controls=play,step,reset&autoplay=1`),
];
const SIZES = [[480, 360, 1], [480, 360, 2], [640, 480, 1]];

// Applies `hash` to the open page and waits until it shows (bp.setState: setting
// location.hash races the app's own rewrite of the address bar, which may win).
async function show(page, hash) {
  assert.deepStrictEqual(await page.evaluate((h) => window.bp.setState(h), hash), [], hash);
  await page.waitForFunction((h) => {
    const s = window.bp.getState();
    return s.embed === 1 && `panels=${s.panels.join(',')}` === h.match(/panels=[^&]+/)[0] && h.endsWith(`lang=${s.lang}`) &&
      s.lesson === ((h.match(/lesson=([^&]+)/) || [])[1] || s.lesson);
  }, hash);
  await frames(page, 6);  // scrollbars and wrapped rows settle a frame after the content changes
}

test('figures of embed-example.html and the lessons are read from their files', () => {
  assert.strictEqual(figures.length, 3, figures.join('\n'));
  assert.ok(lessons.length >= 8 && lessons.includes('dying-relu'), lessons.join());
  assert.ok(viewLessons.some(([id]) => id === 'chain-two-paths') && viewLessons.some(([id]) => id === 'matrix-layer'), viewLessons.join());
});

for (const [width, height, dpr] of SIZES) {
  test(`embed at ${width} x ${height}, DPR ${dpr}: nothing cut off or overlapping, plots readable, in en, es and ru`, async () => {
    const { browser, close: closeBrowser } = await launch();
    const { page, errors, close } = await openPlayground({ browser, hash: '#embed=1', width, height, dpr });
    try {
      const problems = [];
      for (const base of HASHES)
        for (const lang of ['en', 'es', 'ru']) {
          await show(page, `${base}&lang=${lang}`);
          const { clipped, panels, output } = await page.evaluate(() =>
            ({ clipped: window.bp.clipped(), panels: window.bp.panels(), output: window.bp.outputRect() }));
          const where = `${base} lang=${lang}`;
          for (const c of clipped) problems.push(`${where}: ${c.kind} '${c.where}' ${c.rect.map(Math.round)} in ${c.clip.map(Math.round)}`);
          for (const p of panels)
            if (p.rect[2] < 200 || p.rect[3] < 140) problems.push(`${where}: panel ${p.panel} squashed to ${p.rect.map(Math.round)}`);
          if (panels.some((p) => p.panel === 'boundary') && output[2] < 120) problems.push(`${where}: the boundary plane is ${Math.round(output[2])} px`);
        }
      assert.deepStrictEqual(problems, []);
      assert.deepStrictEqual(errors, []);
    } finally {
      await close();
      await closeBrowser();
    }
  });
}

// The graph lab's and the layer view's lessons as embeds: the lesson folds to its title, the
// step buttons wrap, and the canvas gets most of the frame. One browser for all sizes (the
// page's viewport and DPR change per context), every lesson in en, es and ru.
test('graph and layer lessons as embeds at 480 x 360 and 640 x 480, DPR 1 and 2: nothing cut off, the canvas at least 60% of the frame', async () => {
  const { browser, close: closeBrowser } = await launch();
  try {
    const problems = [];
    for (const [width, height, dpr] of [[480, 360, 1], [480, 360, 2], [640, 480, 1], [640, 480, 2]]) {
      const { page, errors, close } = await openPlayground({ browser, hash: '#embed=1', width, height, dpr });
      for (const [id, view] of viewLessons)
        for (const lang of ['en', 'es', 'ru']) {
          const hash = `lesson=${id}&embed=1&lang=${lang}`;
          assert.deepStrictEqual(await page.evaluate((h) => window.bp.setState(h), hash), [], hash);
          await page.waitForFunction(([id, lang]) => { const s = window.bp.getState(); return s.lesson === id && s.lang === lang; }, [id, lang]);
          await frames(page, 6);
          const { clipped, canvas } = await page.evaluate((view) =>
            ({ clipped: window.bp.clipped(), canvas: (view === 'graph' ? window.bp.graph : window.bp.layers).view().canvas }), view);
          const where = `${width}x${height}@${dpr} ${hash}`;
          for (const c of clipped) problems.push(`${where}: ${c.kind} '${c.where}' ${c.rect.map(Math.round)} in ${c.clip.map(Math.round)}`);
          const share = (canvas[2] * canvas[3]) / (width * height);
          if (!(share >= 0.6)) problems.push(`${where}: the canvas ${canvas.map(Math.round)} is ${(100 * share).toFixed(0)}% of the frame`);
        }
      assert.deepStrictEqual(errors, [], `${width}x${height}@${dpr}`);
      await close();
    }
    assert.deepStrictEqual(problems, []);
  } finally {
    await closeBrowser();
  }
});
