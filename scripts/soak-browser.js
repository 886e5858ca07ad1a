#!/usr/bin/env node
// Browser soak: plays the 6 x 8 net on spiral in headless chromium for MINUTES, plus
// bp.step(BOOST) a second (minutes reach the steps of hours), sampling bp.memory() (WASM
// heap size, malloc's bytes in use). The warm-up lasts until the loss history is full
// (4096 epochs of 15 steps here); exit 1 if malloc's bytes in use grow by more than
// --max-growth-kb after it. Needs `make web` and `scripts/setup.sh all`.
// Usage: node scripts/soak-browser.js [--minutes 10] [--sample 10] [--boost 500]
//                                     [--warmup 65536] [--max-growth-kb 256]
'use strict';
const { openPlayground } = require('../web/tests/harness.js');

const HASH = 'dataset=spiral&layers=8,8,8,8,8,8&activation=tanh';

function options(argv) {
  const o = { minutes: 10, sample: 10, maxGrowthKb: 256, boost: 500, warmup: 65536 };
  const names = { '--minutes': 'minutes', '--sample': 'sample', '--max-growth-kb': 'maxGrowthKb', '--boost': 'boost',
    '--warmup': 'warmup' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = names[argv[i]], value = Number(argv[i + 1]);
    if (!key || !(value >= 0)) throw new Error(`bad option ${argv[i]} ${argv[i + 1]} (see the usage at the top)`);
    o[key] = value;
  }
  return o;
}

async function main() {
  const o = options(process.argv.slice(2));
  const { page, errors, close } = await openPlayground({});
  const warnings = await page.evaluate((h) => window.bp.setState(h), HASH);
  if (warnings.length) throw new Error('setState: ' + warnings.join('; '));
  await page.evaluate(() => window.bp.play());
  console.log(`soak-browser: ${HASH}, playing ${o.minutes} min` + (o.boost ? ` plus bp.step(${o.boost}) a second` : '') +
    `, a sample every ${o.sample} s`);
  console.log('   seconds     steps   heap_kb  malloc_kb');
  const samples = [];
  const t0 = Date.now();
  while (Date.now() - t0 < o.minutes * 60000) {
    for (let waited = 0; waited < o.sample; ++waited) {
      await page.waitForTimeout(1000);
      if (o.boost) await page.evaluate((n) => window.bp.step(n), o.boost);
    }
    const s = await page.evaluate(() => ({ m: window.bp.memory(), steps: window.bp.metrics().steps }));
    const row = { t: (Date.now() - t0) / 1000, steps: s.steps, heap: s.m.heapBytes / 1024, used: s.m.mallocInUse / 1024 };
    samples.push(row);
    console.log(`${row.t.toFixed(0).padStart(10)} ${String(row.steps).padStart(9)} ${row.heap.toFixed(0).padStart(9)} ${row.used.toFixed(0).padStart(10)}`);
  }
  await close();
  const warm = samples.find((s) => s.steps >= o.warmup);
  if (!warm) {
    console.log(`FAIL: the warm-up (${o.warmup} steps) was not reached: play longer or with a larger --boost`);
    process.exit(1);
  }
  const after = samples.filter((s) => s.t >= warm.t);
  const max = (key) => Math.max(...after.map((s) => s[key]));
  const growth = max('used') - warm.used;
  console.log(`after warm-up (${warm.t.toFixed(0)} s, ${warm.steps} steps): heap ${warm.heap.toFixed(0)} -> max ` +
    `${max('heap').toFixed(0)} KiB; malloc in use ${warm.used.toFixed(0)} -> max ${max('used').toFixed(0)} KiB ` +
    `(growth ${growth.toFixed(0)} KiB); ${samples[samples.length - 1].steps} steps in all`);
  if (errors.length) console.log('page errors: ' + errors.join('\n'));
  if (growth > o.maxGrowthKb || errors.length) {
    console.log(`FAIL: ${errors.length ? 'page errors' : `malloc in use grew by more than ${o.maxGrowthKb} KiB`}`);
    process.exit(1);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
