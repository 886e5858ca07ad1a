// Browser test of the lessons: every lesson and each of its variants, opened through
// window.bp.lessons in the WASM build, trained to its epoch budget, shows the effect its
// checks (assets/lessons/*.json) expect: the same claims the native doctest checks.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { withPlayground, trainLesson } = require('./harness.js');

test('every lesson shows its effect within its epoch budget, in the browser', async () => {
  await withPlayground({ hash: '#autoplay=0' }, async ({ page, errors }) => {
    // the lessons that train (graph-lab and layer-view lessons: layers.test.js)
    const lessons = await page.evaluate(() => window.bp.lessons.list().filter((l) => l.view === 'playground'));
    assert.ok(lessons.length >= 9, `${lessons.length} lessons`);
    const failures = [];
    for (const lesson of lessons) {
      for (let v = -1; v < lesson.variants.length; ++v) {
        const r = { ...await trainLesson(page, lesson.id, v), ...await page.evaluate(() => window.bp.lessons.checks()) };
        assert.strictEqual(r.problem, '');
        assert.strictEqual(r.lesson, lesson.id);
        assert.strictEqual(r.variant, v);
        assert.ok(r.hash.startsWith(`lesson=${lesson.id}&`), r.hash);
        for (const c of r.checks) if (!c.passed) failures.push(`${lesson.id} [${v}] at epoch ${r.epoch}: ${c.text}`);
      }
    }
    assert.deepStrictEqual(failures, []);
    const bad = await page.evaluate(() => [window.bp.lessons.open('nope'), window.bp.lessons.open('xor-hidden', 7)]);
    assert.deepStrictEqual(bad, ["unknown lesson 'nope'", "lesson 'xor-hidden' has variants 0 to 0 (or -1 for its own set-up)"]);
    assert.deepStrictEqual(errors, []);
  });
});
