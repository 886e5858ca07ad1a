// Run records handed in from the browser and checked natively: a student trains in the page
// (adding a point on the plane and changing the learning rate while it plays), hands in a
// record (Files > Hand in, bp.records.handIn()) and the native `bp verify` replays it to the
// same bits (WASM to native); a hand-edited record is refused with the reason, in the page
// (bp.records.verify) and by `bp verify`; a record of another build is refused naming it.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { openPlayground } = require('./harness.js');

const BP_BIN = process.env.BP_BIN || path.resolve(__dirname, '../../build/native/bin/bp');
const handedIn = [];  // [{file, text}] from the first test, for the class view's

function verify(text) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-record-'));
  const file = path.join(dir, 'record.json');
  fs.writeFileSync(file, text);
  const r = spawnSync(BP_BIN, ['verify', file], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true });
  return { status: r.status, out: r.stdout + r.stderr };
}

// The record with one value of the history changed in its last printed digit.
function editLoss(text, index, key) {
  const record = JSON.parse(text);
  const shown = String(record.history[index][key]);
  const last = shown[shown.length - 1];
  const edited = shown.slice(0, -1) + (last === '9' ? '8' : String(Number(last) + 1));
  record.history[index][key] = Number(edited);
  return { text: JSON.stringify(record, null, 1), shown, edited, epoch: record.history[index].epoch };
}

test('a record handed in from the browser verifies natively, bit for bit; an edited one is refused', async () => {
  const { page, errors, close } = await openPlayground({ hash: '#dataset=xor&layers=4,3&seed=11' });
  try {
    await page.waitForFunction(() => window.bp.metrics().epoch >= 3);
    const [x, y, w, h] = await page.evaluate(() => window.bp.outputRect());
    const before = await page.evaluate(() => window.bp.metrics().points);
    await page.mouse.click(x + w * 0.3, y + h * 0.4);  // the student adds a point while it trains
    await page.waitForFunction((n) => window.bp.metrics().points === n + 1, before);
    await page.waitForFunction(() => window.bp.metrics().epoch >= 8);
    assert.deepStrictEqual(await page.evaluate(() => window.bp.setState({ lr: 0.1 })), []);
    await page.waitForFunction(() => window.bp.metrics().epoch >= 14);

    const r = await page.evaluate(() => {
      const bp = window.bp;
      const playing = bp.playing(), steps = bp.metrics().steps;
      const text = bp.records.export();
      return { text, playing, steps, after: bp.playing(), build: bp.buildId() };
    });
    assert.ok(r.playing && r.after, 'exporting does not pause training');
    await page.waitForFunction((s) => window.bp.metrics().steps > s + 20, r.steps);  // and it goes on
    const record = JSON.parse(r.text);
    assert.strictEqual(record.format, 'bp-record-1');
    assert.strictEqual(record.app, r.build);
    assert.ok(record.edits.some((e) => e.add_point) && record.edits.some((e) => e.settings), JSON.stringify(record.edits));
    assert.ok(record.history.length >= 15, `${record.history.length} epochs`);

    const native = verify(r.text);
    assert.strictEqual(native.status, 0, native.out);
    assert.match(native.out, /^verified: /);
    const inPage = await page.evaluate((t) => window.bp.records.verify(t), r.text);
    assert.deepStrictEqual([inPage.ok, inPage.reason], [true, '']);
    assert.strictEqual(inPage.metrics.train_loss, record.history[record.history.length - 1].train_loss);

    const edited = editLoss(r.text, 7, 'train_loss');
    const refused = verify(edited.text);
    const why = `epoch ${edited.epoch}: train_loss ${edited.edited} recorded, ${edited.shown} replayed`;
    assert.strictEqual(refused.status, 1, refused.out);
    assert.strictEqual(refused.out.trim(), `differs: ${why}`);
    const refusedInPage = await page.evaluate((t) => window.bp.records.verify(t), edited.text);
    assert.deepStrictEqual([refusedInPage.ok, refusedInPage.reason], [false, why]);

    const other = JSON.parse(r.text);
    other.app = '000000000000';
    const otherBuild = verify(JSON.stringify(other));
    assert.strictEqual(otherBuild.status, 2, otherBuild.out);
    assert.match(otherBuild.out, new RegExp(`made with build 000000000000; this is build ${r.build}`));

    // Files > Hand in downloads the same kind of record, named after the run
    const [download] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => window.bp.records.handIn())]);
    assert.match(download.suggestedFilename(), /^record-xor-seed11-epoch\d+\.json$/);
    const file = fs.readFileSync(await download.path(), 'utf8');
    assert.strictEqual(verify(file).status, 0);
    handedIn.push({ file: 'ana.json', text: r.text }, { file: download.suggestedFilename(), text: file },
      { file: 'edited.json', text: edited.text, why });
    assert.deepStrictEqual(errors, []);
  } finally {
    await close();
  }
});

test('the class view replays three records, one edited by hand: two verified, one refused with the reason', async () => {
  assert.strictEqual(handedIn.length, 3, 'the first test handed in the records');
  const { page, errors, close } = await openPlayground({ hash: '#view=class' });
  try {
    await page.evaluate((rows) => rows.forEach((r) => window.bp.class.add(r.text, r.file)), handedIn);
    const first = await page.evaluate(() => window.bp.class.table());
    assert.deepStrictEqual(first.map((r) => r.file), handedIn.map((r) => r.file));
    await page.waitForFunction(() => window.bp.class.table().every((r) => r.verified !== null));
    const table = await page.evaluate(() => window.bp.class.table());
    assert.deepStrictEqual(table.map((r) => r.verified), [true, true, false]);
    assert.strictEqual(table[2].reason, handedIn[2].why);
    const record = JSON.parse(handedIn[0].text);
    assert.strictEqual(table[0].epoch, record.epoch);
    assert.strictEqual(table[0].test_loss, record.history[record.history.length - 1].test_loss);
    assert.deepStrictEqual(table[0].differences, ['dataset: circle -> xor', 'seed: 1 -> 11', 'layers: 4,2 -> 4,3']);
    assert.strictEqual(await page.evaluate(() => window.bp.class.progress()), 1);
    // fitted columns take a new row's widths from the next frame on
    const frame = await page.evaluate(() => window.bp.updates());
    await page.waitForFunction((u) => window.bp.updates() > u + 3, frame);
    assert.deepStrictEqual(await page.evaluate(() => window.bp.clipped()), []);
    assert.deepStrictEqual(errors, []);
  } finally {
    await close();
  }
});
