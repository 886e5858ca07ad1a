#!/usr/bin/env node
// What a visitor downloads and how soon the first frame is drawn: serves build/web, opens the
// page in headless Chromium (Debian's, via playwright-core), records every response, and
// reports each file's size raw and gzipped (zlib level 9, what a static host would send) and
// the time from navigation to the first frame. Run it three times for a median.
// Usage: node scripts/bundle-report.js [WEB_DIR] [--runs N] [--json]
'use strict';
const path = require('path');
const zlib = require('zlib');
const { chromium } = require(path.resolve(__dirname, '../web/node_modules/playwright-core'));
const { serve } = require('../web/serve.js');

const CHROMIUM_ARGS = ['--no-sandbox', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

async function measure(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const files = [];
  const reading = [];  // each response's body, read before the page closes (a busy machine reads the wasm late)
  page.on('response', (r) => reading.push(r.body().then((body) => {
    files.push({ url: new URL(r.url()).pathname, raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length });
  }, () => {})));
  await page.goto(url);
  const firstFrameMs = await page.evaluate(async () => { await window.bpReady; return window.bpFirstFrameMs; });
  await page.waitForTimeout(200);  // late responses
  await Promise.all(reading);
  await page.close();
  return { files, firstFrameMs };
}

async function report(webDir, runs = 1) {
  const server = await serve(webDir, 0);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 0 });
  try {
    const url = `http://127.0.0.1:${server.address().port}/index.html`;
    const results = [];
    for (let i = 0; i < runs; ++i) results.push(await measure(browser, url));
    const times = results.map((r) => r.firstFrameMs).sort((a, b) => a - b);
    const files = results[0].files.sort((a, b) => b.gzip - a.gzip);
    const sum = (k) => files.reduce((s, f) => s + f[k], 0);
    return { files, totalRaw: sum('raw'), totalGzip: sum('gzip'), firstFrameMs: times, medianFirstFrameMs: times[Math.floor(times.length / 2)] };
  } finally {
    await browser.close();
    server.close();
  }
}

module.exports = { report };

if (require.main === module) {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Math.max(1, Number(args[runsAt + 1]) || 1) : 1;
  const webDir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs') || path.resolve(__dirname, '../build/web');
  report(webDir, runs).then((r) => {
    if (args.includes('--json')) return console.log(JSON.stringify(r, null, 2));
    const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KiB';
    for (const f of r.files) console.log(`${f.url.padEnd(28)} ${kb(f.raw)} raw ${kb(f.gzip)} gzip`);
    console.log(`${'total'.padEnd(28)} ${kb(r.totalRaw)} raw ${kb(r.totalGzip)} gzip (limit 1.5 MB = ${kb(1.5e6)})`);
    console.log(`first frame after ${r.firstFrameMs.map((t) => t.toFixed(0)).join(', ')} ms (median ${r.medianFirstFrameMs.toFixed(0)} ms, headless SwiftShader)`);
  }).catch((e) => { console.error(e); process.exit(1); });
}
