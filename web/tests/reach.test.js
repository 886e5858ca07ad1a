// Every view in the frames students and teachers meet it in, checked from outside the app: a
// lesson on a phone (first, in sight, its checks in it at the budget), finger-sized targets, a
// flick that scrolls and a tap that adds a point; the Layers view on a laptop (every node in
// the canvas at legible text, digits on coloured cells at 4.5:1 contrast, measured on the
// screenshot); the fit plot of a 1-D regression; what the gradient views show after a divergence.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { withPlayground, openPlayground, launch, frames, panelShot, withDecoded } = require('./harness.js');

const until = (page, fn, arg) => page.waitForFunction(fn, arg, { polling: 'raf', timeout: 0 });
const panel = async (page, name) => (await page.evaluate(() => bp.panels())).find((p) => p.panel === name);
const points = (page) => page.evaluate(() => bp.exportCsv().trim().split('\n').length - 1);

test('phone: "Start lesson 1" opens the lesson in sight, first; at its budget its checks are in it', async () => {
  await withPlayground({ width: 390, height: 844, touch: true }, async ({ page, errors }) => {
    await frames(page, 3);
    const start = (await page.evaluate(() => bp.toolbar())).find((i) => i.item === 'start-lesson-1');
    assert.ok(start, 'the first visit offers lesson 1');
    await page.touchscreen.tap(start.rect[0] + start.rect[2] / 2, start.rect[1] + start.rect[3] / 2);
    await until(page, () => bp.getState().lesson !== '');
    await frames(page, 4);
    const lesson = await panel(page, 'lesson');
    const output = await panel(page, 'boundary');
    assert.ok(lesson && lesson.visible[3] >= Math.min(lesson.rect[3], 300), `lesson panel shows ${lesson && lesson.visible.map(Math.round)}`);
    assert.ok(lesson.rect[1] < output.rect[1], 'the lesson comes before the output');
    await page.evaluate(() => {
      bp.pause();
      while (!bp.lessons.status().checked) bp.step(500);
    });
    await frames(page, 4);
    const st = await page.evaluate(() => bp.lessons.status());
    assert.ok(st.checks.length > 0);
    const after = await panel(page, 'lesson');
    assert.ok(after.visible[3] >= Math.min(after.rect[3], 300), `at the budget the lesson panel shows ${after.visible.map(Math.round)}`);
    assert.deepStrictEqual(errors, []);
  });
});

test('phone: a lesson opened while scrolled down is scrolled into view', async () => {
  await withPlayground({ hash: '#autoplay=0&lesson=dying-relu', width: 390, height: 844, touch: true }, async ({ page, context }) => {
    await frames(page, 3);
    const cdp = await context.newCDPSession(page);
    const touch = (type, y) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: 380, y }] });
    for (let i = 0; i < 10 && (await panel(page, 'lesson')).visible[3] > 0; ++i) {  // a finger drags the page up, frame by frame
      await touch('touchStart', 800);
      for (let y = 760; y >= 200; y -= 40) { await touch('touchMove', y); await frames(page, 1); }
      await touch('touchEnd');
      await frames(page, 2);
    }
    assert.strictEqual((await panel(page, 'lesson')).visible[3], 0, 'scrolled past the lesson');
    await page.evaluate(() => bp.lessons.open('xor-hidden', -1));
    await frames(page, 4);
    assert.ok((await panel(page, 'lesson')).visible[3] > 200);
  });
});

test('phone: every toolbar button, box and combo is at least 44 x 44 CSS px', async () => {
  await withPlayground({ hash: '#autoplay=0', width: 390, height: 844, touch: true }, async ({ page }) => {
    await frames(page, 3);
    const small = (await page.evaluate(() => bp.toolbar())).filter((i) => i.item !== 'counter' && (i.rect[2] < 44 || i.rect[3] < 44))
      .map((i) => `${i.item} ${i.rect.map(Math.round)}`);
    assert.deepStrictEqual(small, []);
  });
});

// Every combo shows its whole value in the page's language: the lesson picker on a phone held
// "XOR necesita una ca" of its title, the activation combo "sigmc".
for (const lang of ['en', 'es', 'ru'])
  test(`phone (${lang}): no combo cuts its value`, async () => {
    const { page, close } = await openPlayground({ hash: `#autoplay=0&lesson=xor-hidden&lang=${lang}`, width: 390, height: 844, touch: true });
    try {
      await frames(page, 4);
      const cut = (await page.evaluate(() => bp.clipped())).filter((c) => c.kind === 'combo').map((c) => `"${c.where}" ${c.clip.map(Math.round)}`);
      assert.deepStrictEqual(cut, []);
    } finally {
      await close();
    }
  });

// Every control has a size a pointer can hit: the noise, learning-rate and batch sliders were
// drawn 0 px wide (a negative "available less the label" width clamped at a combo's 0).
for (const width of [1440, 820])
  test(`${width} px wide: every control of the playground's panels is drawn with a width`, async () => {
    const { page, close } = await openPlayground({ hash: '#autoplay=0&optimizer=momentum&reg=l2', width, height: 1800 });
    try {
      await frames(page, 4);
      const flat = (await page.evaluate(() => bp.targets())).filter((t) => t.rect[2] < 8 || t.rect[3] < 8).map((t) => `"${t.label}" ${t.rect.map(Math.round)}`);
      assert.deepStrictEqual(flat, []);
    } finally {
      await close();
    }
  });

// A tablet (a coarse pointer wider than a phone): the views' own buttons, boxes, sliders,
// combos and tabs are finger targets too, not only the toolbar's (WCAG 2.5.5, 44 x 44 CSS px).
for (const [width, height] of [[820, 1180], [1180, 820]])
  test(`tablet ${width} x ${height}, touch: every control of every view is at least 44 x 44 CSS px`, async () => {
    const { page, close } = await openPlayground({ hash: '#autoplay=0&lesson=xor-hidden', width, height, touch: true });
    try {
      const small = [];
      for (const view of ['playground', 'graph', 'layers']) {
        await page.evaluate((v) => bp.setState({ view: v }), view);
        await frames(page, 4);
        for (const t of await page.evaluate(() => bp.targets()))
          if (t.visible && t.rect[2] > 0 && (t.rect[2] < 43.5 || t.rect[3] < 43.5)) small.push(`${view}: "${t.label}" ${t.rect.map(Math.round)}`);
      }
      assert.deepStrictEqual(small, []);
    } finally {
      await close();
    }
  });

test('phone: a flick over the output scrolls and adds no point, even when it all arrives in one frame; a tap adds one', async () => {
  await withPlayground({ hash: '#autoplay=0&dataset=circle', width: 390, height: 844, touch: true }, async ({ page, context }) => {
    await frames(page, 3);
    const [x, y, w, h] = await page.evaluate(() => bp.outputRect());
    const before = await points(page);
    const cdp = await context.newCDPSession(page);
    const cx = x + w / 2, y0 = y + h * 0.8;
    const touch = (type, yy) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x: cx, y: yy }] });
    // The whole flick before the next frame: the events are sent at once, not one per round trip.
    await Promise.all([touch('touchStart', y0), ...[30, 60, 90, 120].map((d) => touch('touchMove', y0 - d)), touch('touchEnd')]);
    await frames(page, 4);
    assert.strictEqual(await points(page), before, 'the flick added a point');
    const [, y1] = await page.evaluate(() => bp.outputRect());
    assert.ok(y1 < y - 50, `the page scrolled: the output moved from ${Math.round(y)} to ${Math.round(y1)}`);
    const [x2, y2, w2, h2] = await page.evaluate(() => bp.outputRect());
    await page.touchscreen.tap(x2 + w2 / 2, y2 + h2 / 2);
    await frames(page, 4);
    assert.strictEqual(await points(page), before + 1, 'the tap added a point');
  });
});

// WCAG 2 contrast of two [r, g, b] colours.
function contrast(a, b) {
  const lum = ([r, g, bl]) => [r, g, bl].map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
    .reduce((s, c, i) => s + c * [0.2126, 0.7152, 0.0722][i], 0);
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

// The default step, and the matrix-layer lesson, whose text takes the top of the view.
for (const [width, height, hash] of [[1280, 720, '#view=layers'], [1440, 900, '#view=layers'], [1280, 720, '#lesson=matrix-layer']]) {
  test(`Layers view at ${width} x ${height} (${hash}): opens with every node inside the canvas at text of 11 px or more`, async () => {
    await withPlayground({ hash: `${hash}&autoplay=0`, width, height }, async ({ page, errors }) => {
      assert.strictEqual(await page.evaluate(() => bp.layers.open(0)), '');
      await frames(page, 4);
      const v = await page.evaluate(() => bp.layers.view());
      const [cx, cy, cw, ch] = v.canvas;
      const outside = v.nodes.filter(({ rect: [x, y, w, h] }) => x < cx - 0.5 || y < cy - 0.5 || x + w > cx + cw + 0.5 || y + h > cy + ch + 0.5)
        .map((n) => `node ${n.id} at ${n.rect.map(Math.round)} outside ${v.canvas.map(Math.round)}`);
      assert.deepStrictEqual(outside, []);
      assert.ok(v.textPx >= 11, `text ${v.textPx.toFixed(1)} px at zoom ${v.zoom.toFixed(2)}`);
      assert.strictEqual(v.nodes.length, (await page.evaluate(() => bp.layers.state().nodes.length)));
      assert.deepStrictEqual(errors, []);
    });
  });
}

test('Layers view: the digits on the coloured cells have 4.5:1 contrast (measured on the screenshot)', async () => {
  await withPlayground({ hash: '#view=layers&autoplay=0&layers=3&activation=sigmoid', width: 1280, height: 720 }, async ({ page, browser }) => {
    assert.strictEqual(await page.evaluate(() => bp.layers.open(0)), '');
    await page.evaluate(() => bp.layers.runAll());
    await frames(page, 4);
    const v = await page.evaluate(() => bp.layers.view());
    assert.ok(v.cells.length >= 10, `${v.cells.length} cells with numbers`);
    const png = await page.screenshot();
    const measured = await withDecoded(browser, [png], ([img], cells) => cells.map(([x, y, w, h]) => {
      const counts = new Map();
      const px = [];
      for (let yy = Math.ceil(y) + 1; yy < Math.floor(y + h) - 1; ++yy)
        for (let xx = Math.ceil(x) + 1; xx < Math.floor(x + w) - 1; ++xx) {
          const i = 4 * (yy * img.width + xx);
          const c = [img.data[i], img.data[i + 1], img.data[i + 2]];
          px.push(c);
          counts.set(c.join(), (counts.get(c.join()) || 0) + 1);
        }
      const bg = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0].split(',').map(Number);
      return { bg, px };
    }), v.cells);
    const low = [];
    for (const [k, { bg, px }] of measured.entries()) {
      const best = Math.max(...px.map((c) => contrast(c, bg)));  // the digits' strokes: the pixels furthest from the cell
      if (best < 4.5) low.push(`cell ${k} at ${v.cells[k].map(Math.round)}: bg ${bg}, ${best.toFixed(2)}:1`);
    }
    assert.deepStrictEqual(low, []);
  });
});

test('sine: the fit plot (y against x1, the points and the network\'s curve) in the output\'s place', async () => {
  await withPlayground({ hash: '#dataset=sine&autoplay=0&lr=0.03&layers=8,8&activation=tanh', width: 1280, height: 800 }, async ({ page, browser, errors }) => {
    await page.evaluate(() => bp.step(3000));
    await frames(page, 4);
    const names = (await page.evaluate(() => bp.panels())).map((p) => p.panel);
    assert.ok(names.includes('fit') && !names.includes('boundary'), names.join());
    const { png, rect } = await panelShot(page, 'fit', 'reach-sine-fit');
    const shot = await withDecoded(browser, [png], ([img]) => {
      let curve = 0, dots = 0;
      for (let x = 0; x < img.width; ++x) {
        let c = false;
        for (let y = 0; y < img.height; ++y) {
          const i = 4 * (y * img.width + x), [r, g, b] = [img.data[i], img.data[i + 1], img.data[i + 2]];
          if (Math.abs(r - 255) + Math.abs(g - 214) + Math.abs(b - 60) < 30) c = true;  // the curve's colour
          if (b > r + 80 || (r > b + 120 && g < 190)) dots++;  // the points: blue or orange (the curve is yellow)
        }
        if (c) curve++;
      }
      return { curve, dots, width: img.width };
    });
    assert.ok(shot.curve > 0.6 * shot.width, `the curve covers ${shot.curve} of ${shot.width} columns`);
    assert.ok(shot.dots > 500, `${shot.dots} pixels of the points`);
    assert.ok(rect[2] >= 200 && rect[3] >= 150);
    assert.deepStrictEqual(errors, []);
  });
});

test('a teacher\'s task with a long title: the lesson picker shows it whole at 1440 x 900 (es)', async () => {
  await withPlayground({ hash: '#lesson_src=tasks/spiral-24.json&autoplay=0&lang=es', width: 1440, height: 900 }, async ({ page, errors }) => {
    await page.waitForFunction(() => window.bp.getState().lesson === 'spiral-24');
    await frames(page, 3);
    const combos = (await page.evaluate(() => window.bp.clipped())).filter((c) => c.kind === 'combo');
    assert.deepStrictEqual(combos, []);
    assert.deepStrictEqual(errors, []);
  });
});

for (const lang of ['es', 'ru']) {
  test(`the layer table's headers whole at 1440 x 900 (${lang}): columns share the width by their headers`, async () => {
    await withPlayground({ hash: `#autoplay=0&lang=${lang}`, width: 1440, height: 900 }, async ({ page, errors }) => {
      await frames(page, 3);
      const tables = (await page.evaluate(() => window.bp.clipped())).filter((c) => c.kind === 'table');
      assert.deepStrictEqual(tables, []);
      assert.deepStrictEqual(errors, []);
    });
  });
}
