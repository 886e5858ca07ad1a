// Kept runs (issue 26.5): two runs kept (sgd and adam), overlaid on the loss plot with the
// difference named, in the accessible mirror too; they outlive a reload; one reopens with its
// settings. The overlay is checked on the screenshot: the first kept run's colour (line_color 0,
// cyan) appears in the loss panel once the runs are compared, and not before.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { withPlayground, panelShot, withDecoded, frames } = require('./harness.js');

// Pixels of the loss panel near the first kept run's line colour.
async function cyanPixels(page, browser, name) {
  const { png } = await panelShot(page, 'loss', name);
  return withDecoded(browser, [png], ([img]) => {
    let n = 0;
    for (let i = 0; i < img.data.length; i += 4)
      if (Math.abs(img.data[i] - 0) + Math.abs(img.data[i + 1] - 204) + Math.abs(img.data[i + 2] - 255) <= 60) n++;
    return n;
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
    assert.strictEqual(await cyanPixels(page, browser, 'kept-before'), 0);

    assert.strictEqual(await page.evaluate(() => window.bp.records.compare([1, 2])), '');
    await frames(page, 3);
    const compared = await page.evaluate(() => window.bp.records.compared());
    assert.deepStrictEqual(compared.ids, [1, 2]);
    assert.deepStrictEqual(compared.differences, ['optimizer: sgd -> adam']);
    assert.deepStrictEqual(compared.labels, ['#1 optimizer=sgd', '#2 optimizer=adam']);
    assert.ok(compared.curves.every((c) => c.trainLoss.length > 5 && c.trainLoss.length === c.epochs.length));
    assert.ok(await cyanPixels(page, browser, 'kept-compared') > 20, 'the first kept run\'s curve is drawn');
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
