// Browser tests for the lab's three languages: lang= in the hash (and nothing else to warn
// about), the browser's language when the hash names none (written into no link), a bad
// value refused with the usual named warning, and a live switch that keeps the training
// where it is and says the stored messages again in the new language.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { openPlayground, withPlayground, launch, frames } = require('./harness.js');

// Texts the tables and the lesson files hold, as a student reads them in each language.
const EXPECTED = {
  ru: { title: 'Backprop Playground: лаборатория backpropagation', lesson: 'Для XOR нужен скрытый слой', pause: 'Пауза' },
  es: { title: 'Backprop Playground: laboratorio de backpropagation', lesson: 'XOR necesita una capa oculta', pause: 'Pausar' },
};

for (const lang of ['ru', 'es']) {
  test(`#lang=${lang} loads in that language with no warnings`, async () => {
    await withPlayground({ hash: `#lang=${lang}` }, async ({ page, errors }) => {
      const state = await page.evaluate(() => window.bp.getState());
      assert.strictEqual(state.lang, lang);
      assert.deepStrictEqual(await page.evaluate(() => window.bp.messages()), []);
      assert.deepStrictEqual(errors, []);
      const want = EXPECTED[lang];
      assert.strictEqual(await page.evaluate(() => window.bp.lessons.list()[0].title), want.lesson);
      assert.strictEqual(await page.evaluate(() => window.bp.metrics().playLabel), want.pause);
      await frames(page);
      assert.strictEqual(await page.evaluate(() => document.documentElement.lang), lang);
      assert.strictEqual(await page.title(), want.title);
      // The choice is the page's: it stays in the link.
      assert.ok((await page.evaluate(() => window.bp.getHash())).includes(`lang=${lang}`));
    });
  });
}

test('without lang= the browser language es-ES picks Spanish, and no lang= goes into the link', async () => {
  await withPlayground({ hash: '#seed=3', locale: 'es-ES' }, async ({ page, errors }) => {
    assert.deepStrictEqual(await page.evaluate(() => navigator.languages), ['es-ES']);
    assert.strictEqual((await page.evaluate(() => window.bp.getState())).lang, 'es');
    assert.strictEqual(await page.evaluate(() => window.bp.lessons.list()[0].title), EXPECTED.es.lesson);
    assert.ok(!(await page.evaluate(() => window.bp.getHash())).includes('lang='));
    await page.waitForFunction(() => location.hash.includes('seed=3'));
    assert.ok(!(await page.evaluate(() => location.hash)).includes('lang='));
    assert.deepStrictEqual(errors, []);
  });
});

test('a browser in none of the three languages gets English', async () => {
  await withPlayground({ locale: 'de-DE' }, async ({ page }) => {
    assert.strictEqual((await page.evaluate(() => window.bp.getState())).lang, 'en');
    assert.strictEqual(await page.evaluate(() => window.bp.lessons.list()[0].title), 'XOR needs a hidden layer');
  });
});

test('a bad lang value is refused with the named warning, from a link and from setState', async () => {
  await withPlayground({ hash: '#lang=fr' }, async ({ page }) => {
    assert.deepStrictEqual(await page.evaluate(() => window.bp.messages()),
      ["lang: 'fr' is not allowed; expected one of en, es, ru (kept en)"]);
    assert.strictEqual((await page.evaluate(() => window.bp.getState())).lang, 'en');
    assert.deepStrictEqual(await page.evaluate(() => window.bp.setState({ lang: 'de' })),
      ["lang: 'de' is not allowed; expected one of en, es, ru (kept en)"]);
    // Many frames later (each frame makes texts of its own) the warning shown since the page
    // loaded is still known, and is said in Russian once the language changes.
    await frames(page, 300);
    assert.deepStrictEqual(await page.evaluate(() => window.bp.setState({ lang: 'ru' })), []);
    assert.strictEqual((await page.evaluate(() => window.bp.getState())).lang, 'ru');
    assert.deepStrictEqual(await page.evaluate(() => window.bp.messages()),
      ["lang: значение 'fr' недопустимо; ожидается одно из: en, es, ru (оставлено: en)"]);
  });
});

test('switching language live keeps the epoch, the steps and the weights', async () => {
  const { browser, close: closeBrowser } = await launch();
  const { page, close } = await openPlayground({ browser, hash: '#lesson=diverging-lr&autoplay=0' });
  try {
    const before = await page.evaluate(() => {
      // The lesson's lr 0.3 diverges: a stored message that the banner and the callouts show.
      for (let i = 0; i < 100 && !window.bp.metrics().diverged; ++i) window.bp.step(100);
      return { m: window.bp.metrics(), w: window.bp.exportWeights(), callouts: window.bp.callouts() };
    });
    assert.ok(before.m.epoch > 0);
    assert.ok(before.m.diverged, 'the run diverged');
    assert.match(before.callouts[0].text, /^diverged at step/);
    for (const lang of ['ru', 'es', 'en', 'ru']) {
      assert.deepStrictEqual(await page.evaluate((lang) => window.bp.setState({ lang }), lang), []);
      await frames(page, 3);
      const after = await page.evaluate(() => ({ m: window.bp.metrics(), w: window.bp.exportWeights(), callouts: window.bp.callouts() }));
      assert.strictEqual(after.m.epoch, before.m.epoch);
      assert.strictEqual(after.m.steps, before.m.steps);
      assert.strictEqual(after.m.trainLoss, before.m.trainLoss);
      assert.strictEqual(after.w, before.w);
      assert.strictEqual(after.m.playing, false);
      const diverged = { ru: /^расходимость на шаге/, es: /^divergió en el paso/, en: /^diverged at step/ }[lang];
      assert.match(after.callouts[0].text, diverged);
    }
  } finally {
    await close();
    await closeBrowser();
  }
});

test("the toolbar's language menu switches live: a click on it, then on Русский", async () => {
  await withPlayground({ hash: '#autoplay=0' }, async ({ page }) => {
    await page.evaluate(() => window.bp.step(300));
    await frames(page, 3);
    const before = await page.evaluate(() => window.bp.metrics());
    const menu = (await page.evaluate(() => window.bp.toolbar())).find((t) => t.item === 'lang');
    assert.ok(menu, 'the toolbar has the language menu');
    const [x, y, w, h] = menu.rect;
    await page.mouse.click(x + w / 2, y + h / 2);
    await frames(page, 3);
    // The list opens under the menu, one line each: English, Español, Русский.
    await page.mouse.click(x + w / 2, y + h + 2.5 * h);
    await frames(page, 3);
    assert.strictEqual((await page.evaluate(() => window.bp.getState())).lang, 'ru');
    assert.ok((await page.evaluate(() => window.bp.getHash())).includes('lang=ru'));
    const after = await page.evaluate(() => window.bp.metrics());
    assert.strictEqual(after.steps, before.steps);
    assert.strictEqual(after.playLabel, 'Пуск');
  });
});
