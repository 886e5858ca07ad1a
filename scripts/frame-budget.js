#!/usr/bin/env node
// Frame budget in the browser: trains the 6 x 8 tanh net (every unit thumbnail on) in
// headless Chromium and prints the median engine and UI-building milliseconds per frame
// as the app measures them (window.bp.frameStats). Headless fps comes from SwiftShader,
// a software GL, so it is printed but is not the figure to judge.
// Usage: node scripts/frame-budget.js [SECONDS]   (after `make web`)
'use strict';
const path = require('path');
process.env.BP_WEB_DIR = process.env.BP_WEB_DIR || path.resolve(__dirname, '../build/web');
const { openPlayground } = require('../web/tests/harness.js');

(async () => {
  const seconds = Number(process.argv[2] || 5);
  const { page, close } = await openPlayground();
  await page.evaluate(() => window.bp.setState('dataset=spiral&layers=8,8,8,8,8,8&activation=tanh&lr=0.03'));
  const samples = [];
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    samples.push(await page.evaluate(() => window.bp.frameStats()));
    await page.waitForTimeout(50);
  }
  const median = (k) => { const v = samples.map((s) => s[k]).sort((a, b) => a - b); return v[v.length >> 1]; };
  const m = await page.evaluate(() => window.bp.metrics());
  console.log(`samples ${samples.length}, epoch reached ${m.epoch}`);
  console.log(`median ms per frame: engine ${median('engineMs').toFixed(2)}, heatmap upload ` +
              `${median('uploadMs').toFixed(2)}, UI ${median('drawMs').toFixed(2)}; ` +
              `headless fps ${median('fps').toFixed(1)} (software GL)`);
  await close();
})();
