// The course's words (docs/glossary.json) in every message and lesson text: no rejected
// alternative in Spanish or Russian, and where the English names a concept the glossary lists,
// the translation uses the chosen term. Each finding names the file, the key or lesson field,
// the word found and the term to use. Run: node --test tests/glossary.test.js (ctest: glossary_terms).
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const LANGS = ['es', 'ru'];

// ---- patterns: words in order, | between a word's forms, a trailing * for a stem ----
const norm = (s) => s.toLowerCase().replace(/ё/g, 'е');
const WORD = /^[\p{L}\p{N}]+\*?$/u;

// The words of a text, lower-case; {placeholders} and printf fields (%d, %.3f, %zu) are not words.
function words(text) {
  const plain = text.replace(/\{[^}]*\}/g, ' ').replace(/%(?:%|[-+ #0]*\d*(?:\.\d+)?(?:ll|l|z)?[dsfgxu])/g, ' ');
  return [...norm(plain).matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]);
}

function compile(pattern) {
  const spec = norm(pattern).trim().split(/\s+/).map((w) => w.split('|'));
  for (const forms of spec)
    for (const f of forms) if (!WORD.test(f)) throw new Error(`pattern '${pattern}': '${f}' is not a word (letters, digits, a trailing *)`);
  return { pattern, spec };
}

const wordIs = (forms, w) => forms.some((f) => (f.endsWith('*') ? w.startsWith(f.slice(0, -1)) : w === f));

// Every place [start, end) where `p` matches the word list `ws`.
function find(p, ws) {
  const out = [];
  for (let i = 0; i + p.spec.length <= ws.length; ++i)
    if (p.spec.every((forms, k) => wordIs(forms, ws[i + k]))) out.push([i, i + p.spec.length]);
  return out;
}

// Matches of `patterns` in `ws` not inside a match of `allow`: [{pattern, found}].
function hits(patterns, allow, ws) {
  const allowed = allow.flatMap((a) => find(a, ws));
  const out = [];
  for (const p of patterns)
    for (const [s, e] of find(p, ws))
      if (!allowed.some(([as, ae]) => as <= s && e <= ae)) out.push({ pattern: p.pattern, found: ws.slice(s, e).join(' ') });
  return out;
}

// ---- the glossary ----
function loadGlossary(json) {
  return json.terms.map((t) => {
    const term = { concept: t.concept, en: (t.en || []).map(compile), enAllow: (t.en_allow || []).map(compile), enExcept: t.en_except || {} };
    for (const lang of LANGS) {
      const l = t[lang];
      if (!l) continue;
      if (typeof l.use !== 'string' || !l.use) throw new Error(`glossary: '${t.concept}': ${lang}: no chosen term (use)`);
      term[lang] = { use: l.use, match: term.en.length ? (l.match || [l.use]).map(compile) : [], reject: (l.reject || []).map(compile), allow: (l.allow || []).map(compile) };
    }
    return term;
  });
}

// ---- the texts: {where, key, en, es, ru} for every message and every lesson text ----
function messageTexts(tables) {
  return Object.keys(tables.en).map((key) => ({ where: 'assets/messages/{lang}.json', key, en: tables.en[key], es: tables.es[key], ru: tables.ru[key] }));
}

// Every {"en": ..., "es": ..., "ru": ...} object of a lesson, by its path in the file.
function lessonTexts(file, json) {
  const out = [];
  const walk = (v, at) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`));
    else if (v && typeof v === 'object') {
      if (typeof v.en === 'string') out.push({ where: file, key: at, en: v.en, es: v.es, ru: v.ru });
      else for (const [k, x] of Object.entries(v)) walk(x, at ? `${at}.${k}` : k);
    }
  };
  walk(json, '');
  return out;
}

const quote = (s) => JSON.stringify(s.length > 90 ? `${s.slice(0, 87)}...` : s);

// What the glossary finds wrong in `texts`: one sentence per problem.
function findings(glossary, texts) {
  const out = [];
  for (const t of texts) {
    const enWords = words(t.en);
    for (const lang of LANGS) {
      if (typeof t[lang] !== 'string') continue;
      const ws = words(t[lang]);
      const where = `${t.where.replace('{lang}', lang)}: ${t.key}${t.where.includes('{lang}') ? '' : ` (${lang})`}`;
      for (const term of glossary) {
        const g = term[lang];
        if (!g) continue;
        for (const h of hits(g.reject, g.allow, ws))
          out.push(`${where}: "${h.found}" (rejected: ${h.pattern}) for ${term.concept}; use "${g.use}"`);
        if (!term.en.length || term.enExcept[t.key]) continue;
        const named = hits(term.en, term.enAllow, enWords);
        if (named.length && !g.match.some((m) => find(m, ws).length))
          out.push(`${where}: the English says "${named[0].found}" but the ${lang} text lacks "${g.use}" (${term.concept}): ${quote(t[lang])}`);
      }
    }
  }
  return [...new Set(out)];
}

const readJson = (p) => JSON.parse(fs.readFileSync(path.join(ROOT, p), 'utf8'));
const glossary = loadGlossary(readJson('docs/glossary.json'));

test('the matcher: words not substrings, stems, forms, ё as е, allowed phrases, placeholders', () => {
  const p = (s) => compile(s);
  assert.deepStrictEqual(words('Сеть {name} полигона: 3%d ёж'), ['сеть', 'полигона', '3', 'еж']);
  assert.strictEqual(hits([p('полигон*')], [], words('Сеть Полигона')).length, 1);
  assert.strictEqual(hits([p('полигон*')], [], words('многополигональный')).length, 0);
  assert.strictEqual(hits([p('sal')], [], words('la salida, sal.')).length, 1);
  assert.strictEqual(hits([p('sal')], [], words('la salida')).length, 0);
  assert.strictEqual(hits([p('шаг вперед')], [], words('Шаг вперёд')).length, 1);
  const lab = [p('laboratorio')], grafos = [p('laboratorio de grafos')];
  assert.strictEqual(hits(lab, grafos, words('el laboratorio de grafos')).length, 0);
  assert.strictEqual(hits(lab, grafos, words('el laboratorio y el laboratorio de grafos')).length, 1);
  assert.strictEqual(hits([p('local')], [], words('grad x {local}')).length, 0);
  assert.throws(() => compile('gradiente-inicial'), /not a word/);
});

test('findings: a rejected word and a concept translated another way are named with file, key and term', () => {
  const g = loadGlossary({ terms: [
    { concept: 'seed', en: ['seed'], ru: { use: 'сид', match: ['сид|сида'], reject: ['зерн*'] }, es: { use: 'semilla' } },
  ] });
  const f = findings(g, [{ where: 'assets/messages/{lang}.json', key: 'data.seed', en: 'seed', es: 'la semilla', ru: 'Новое зерно' }]);
  assert.deepStrictEqual(f, [
    'assets/messages/ru.json: data.seed: "зерно" (rejected: зерн*) for seed; use "сид"',
    'assets/messages/ru.json: data.seed: the English says "seed" but the ru text lacks "сид" (seed): "Новое зерно"',
  ]);
  assert.deepStrictEqual(findings(g, [{ where: 'x.json', key: 'text', en: 'no such word', es: 'semilla', ru: 'зерно' }]),
    ['x.json: text (ru): "зерно" (rejected: зерн*) for seed; use "сид"']);
});

test('every message and lesson text uses the glossary\'s terms', () => {
  const tables = Object.fromEntries(['en', ...LANGS].map((l) => [l, readJson(`assets/messages/${l}.json`)]));
  const texts = messageTexts(tables);
  const dir = path.join(ROOT, 'assets/lessons');
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort())
    texts.push(...lessonTexts(`assets/lessons/${f}`, readJson(`assets/lessons/${f}`)));
  assert.ok(texts.length > 400, `only ${texts.length} texts read`);
  const found = findings(glossary, texts);
  assert.deepStrictEqual(found, [], `${found.length} texts do not use the glossary's terms (docs/glossary.json):\n${found.join('\n')}`);
});
