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
const { openPlayground, withDecoded, frames } = require('./harness.js');

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
    await frames(page, 3);  // drawn: the rows stay in the order given until a header is clicked
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

test('a task completed in the page verifies natively with its file (bp verify --task), and in the class view once given the task', async () => {
  const taskPath = path.resolve(__dirname, '../../docs/tasks/spiral-24.json');
  const task = fs.readFileSync(taskPath, 'utf8');
  const { page, errors, close } = await openPlayground({ hash: '#autoplay=0' });
  try {
    const done = await page.evaluate((task) => {
      const bp = window.bp;
      const loaded = bp.lessons.load(task);
      bp.pause();
      const refused = bp.setState({ layers: '12,12', activation: 'relu', optimizer: 'adam', lr: 0.01 });
      for (let before = -1; bp.metrics().epoch !== before;) { before = bp.metrics().epoch; bp.step(1000); }
      return { loaded, refused, epoch: bp.metrics().epoch, goalMet: bp.lessons.status().goalMet, record: bp.records.export() };
    }, task);
    assert.deepStrictEqual([done.loaded, done.refused, done.epoch, done.goalMet], ['', [], 300, true]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bp-task-'));
    fs.writeFileSync(path.join(dir, 'record.json'), done.record);
    const r = spawnSync(BP_BIN, ['verify', path.join(dir, 'record.json'), '--task', taskPath], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true });
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^verified: 300 epochs/);

    // The class view of a fresh page: given the task, the record holds its limits and goal.
    const fresh = await openPlayground({ hash: '#view=class' });
    try {
      const row = await fresh.page.evaluate(async ([record, task]) => {
        const bp = window.bp;
        bp.class.add(record, 'student.json');
        const problem = bp.class.setTask(task);
        while (bp.class.table()[0].verified === null) await new Promise((ok) => requestAnimationFrame(ok));
        return { problem, verified: bp.class.table()[0].verified, reason: bp.class.table()[0].reason };
      }, [done.record, task]);
      assert.deepStrictEqual(row, { problem: '', verified: true, reason: '' });
      assert.deepStrictEqual(fresh.errors, []);
    } finally {
      await fresh.close();
    }
    assert.deepStrictEqual(errors, []);
  } finally {
    await close();
  }
});

test('the class view sorts by a column, saves the table as CSV, and overlays a selected row\'s loss under the table', async () => {
  assert.strictEqual(handedIn.length, 3, 'the first test handed in the records');
  const { page, browser, errors, close } = await openPlayground({ hash: '#view=class', width: 1280, height: 800 });
  try {
    await page.evaluate((rows) => rows.forEach((r) => window.bp.class.add(r.text, r.file)), handedIn);
    await page.waitForFunction(() => window.bp.class.table().every((r) => r.verified !== null));
    const sorted = await page.evaluate(() => {
      const bp = window.bp;
      const ok = bp.class.sort('epoch', true);
      return { ok, epochs: bp.class.table().map((r) => r.epoch), unknown: bp.class.sort('nonsense') };
    });
    assert.deepStrictEqual([sorted.ok, sorted.unknown], [true, false]);
    assert.deepStrictEqual(sorted.epochs, [...sorted.epochs].sort((a, b) => b - a));
    const csv = (await page.evaluate(() => window.bp.class.csv())).trim().split('\n');
    assert.strictEqual(csv.length, 4);
    assert.strictEqual(csv[0], 'file,verified,reason,lesson,epoch,train_loss,test_loss,train_acc,test_acc,differences');

    // Columns of the page's lower half holding pixels of line_color(0), cyan (also blended half
    // into the dark plot), the first selected row's line: a curve spans the plot's width, its
    // legend entry (a file name) does not.
    const cyan = async () => {
      const png = await page.screenshot();
      return withDecoded(browser, [png], ([img]) => {
        const rows = new Set(), columns = new Set();
        for (let y = Math.floor(img.height / 2); y < img.height; ++y)
          for (let x = 0; x < img.width; ++x) {
            const i = 4 * (y * img.width + x);
            if (img.data[i] < 50 && img.data[i + 1] - img.data[i] > 60 && img.data[i + 2] - img.data[i] > 90) rows.add(y), columns.add(x);
          }
        return { rows: rows.size, columns: columns.size, width: img.width };
      });
    };
    await frames(page, 3);
    assert.strictEqual((await cyan()).columns, 0);
    await page.evaluate(() => window.bp.class.select(0));
    await frames(page, 3);
    assert.ok((await page.evaluate(() => window.bp.class.table()[0].selected)));
    const drawn = await cyan();
    assert.ok(drawn.columns > 0.7 * drawn.width, `the selected row's curve spans the plot: ${JSON.stringify(drawn)}`);
    assert.deepStrictEqual(await page.evaluate(() => window.bp.clipped()), []);
    assert.deepStrictEqual(errors, []);
  } finally {
    await close();
  }
});
