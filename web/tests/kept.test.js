// Kept runs (issue 26.5): two runs kept (sgd and adam), overlaid on the loss plot with the
// difference named, in the accessible mirror too; they outlive a reload; one reopens with its
// settings. The overlay is checked on the screenshot: the first kept run's colour (line_color 0,
// cyan) appears in the loss panel once the runs are compared, and not before.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { withPlayground, panelShot, withDecoded, frames } = require('./harness.js');

// The columns of the loss panel holding pixels of the first kept run's line colour (cyan,
// line_color 0, also blended half into the dark plot by anti-aliasing; not the blue buttons):
// its curve spans the plot's width, its legend entry and end label far less of it.
async function cyanPixels(page, browser, name) {
  const { png } = await panelShot(page, 'loss', name);
  return withDecoded(browser, [png], ([img]) => {
    const rows = new Set(), columns = new Set();
    for (let i = 0; i < img.data.length; i += 4)
      if (img.data[i] < 50 && img.data[i + 1] - img.data[i] > 60 && img.data[i + 2] - img.data[i] > 90)
        rows.add(Math.floor(i / 4 / img.width)), columns.add((i / 4) % img.width);
    return { rows: rows.size, columns: columns.size, width: img.width };
  });
}

test('two kept runs (sgd, adam) overlaid on the loss plot with the difference named; kept after a reload; one reopened', async () => {
  await withPlayground({ hash: '#dataset=xor&layers=4&optimizer=sgd&seed=2&autoplay=0', width: 1440, height: 900 }, async ({ page, browser, errors }) => {
    const kept = await page.evaluate(() => {
      const bp = window.bp;
      bp.step(300);
      const first = bp.records.keep();
      bp.setState({ optimizer: 'adam' });
      bp.reset();  // a run of its own from the same start, not the first one going on with adam
      bp.step(300);
      return [first, bp.records.keep(), bp.records.list().map((r) => r.differsFromNow)];
    });
    assert.deepStrictEqual(kept, [1, 2, [['optimizer: adam -> sgd'], []]]);
    await frames(page, 3);
    assert.strictEqual((await cyanPixels(page, browser, 'kept-before')).columns, 0);

    assert.strictEqual(await page.evaluate(() => window.bp.records.compare([1, 2])), '');
    await frames(page, 3);
    const compared = await page.evaluate(() => window.bp.records.compared());
    assert.deepStrictEqual(compared.ids, [1, 2]);
    assert.deepStrictEqual(compared.differences, ['optimizer: sgd -> adam']);
    assert.deepStrictEqual(compared.labels, ['#1 optimizer=sgd', '#2 optimizer=adam']);
    assert.ok(compared.curves.every((c) => c.trainLoss.length > 5 && c.trainLoss.length === c.epochs.length));
    const drawn = await cyanPixels(page, browser, 'kept-compared');
    assert.ok(drawn.columns > 0.7 * drawn.width, `the first kept run's curve is drawn: ${JSON.stringify(drawn)}`);
    await page.waitForFunction(() => document.getElementById('bp-kept-live').textContent.includes('optimizer: sgd -> adam'));
    assert.strictEqual(await page.evaluate(() => window.bp.records.compare([1, 2, 3, 4, 5])), 'at most 4 runs are compared at once');

    await page.reload();
    await page.evaluate(() => window.bpReady);
    const after = await page.evaluate(() => {
      const bp = window.bp;
      const ids = bp.records.list().map((r) => r.id);
      const opened = bp.records.open(1);
      return { ids, opened, optimizer: bp.getState().optimizer, epoch: bp.metrics().epoch, message: bp.records.message() };
    });
    assert.deepStrictEqual(after, { ids: [1, 2], opened: '', optimizer: 'sgd', epoch: 0,
      message: 'run #1 reopened: its settings and weights, training from them at epoch 0' });
    assert.deepStrictEqual(errors, []);
  });
});

test('compare refuses ids that are not a list, by name, and changes nothing', async () => {
  await withPlayground({ hash: '#autoplay=0&lang=es' }, async ({ page, errors }) => {
    const r = await page.evaluate(() => [window.bp.records.compare('1,2'), window.bp.records.compared().ids]);
    assert.deepStrictEqual(r, ['ids: una lista de números de entrenamientos guardados, p. ej. [1, 2]', []]);
    assert.deepStrictEqual(errors, []);
  });
});
