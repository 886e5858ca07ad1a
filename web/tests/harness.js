// Shared by the browser tests: serve build/web on a free port, launch Debian's chromium
// headless with WebGL2 (SwiftShader), open the playground, collect page errors, and
// measure a screenshot from outside the app (how many pixels differ from the background).
'use strict';
const path = require('path');
const fs = require('fs');
const { chromium } = require('playwright-core');
const { serve } = require('../serve.js');

const WEB_DIR = process.env.BP_WEB_DIR || path.resolve(__dirname, '../../build/web');
const ARTIFACTS = process.env.BP_ARTIFACTS || path.resolve(__dirname, '../../build/test-artifacts');
const CHROMIUM_ARGS = ['--no-sandbox', '--use-gl=angle', '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function launch() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 0 });
  return { browser, close: () => browser.close() };
}

async function openPlayground({ hash = '', width = 1280, height = 800, dpr = 1, touch = false } = {}) {
  const server = await serve(WEB_DIR, 0);
  const { browser } = await launch();
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr, hasTouch: touch });
  const page = await context.newPage();
  page.setDefaultTimeout(0);  // no wall-clock limits in tests: wait for the condition itself
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push('console.error: ' + m.text()); });
  await page.goto(`http://127.0.0.1:${server.address().port}/index.html${hash}`);
  await page.evaluate(() => window.bpReady);
  const close = async () => { await browser.close(); server.close(); };
  return { page, browser, errors, close };
}

// Saves a screenshot under build/test-artifacts and returns the fraction of pixels that
// differ from the top-left pixel's colour and the number of distinct colours, decoded by
// a second, blank page's 2-D canvas (independent of the app). With `colour` ([r, g, b]) and
// `region` ([x, y, w, h] in pixels), also the fraction of that region in that colour.
async function screenshotStats(browser, page, name, { colour = null, region = null } = {}) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const png = await page.screenshot({ path: path.join(ARTIFACTS, name + '.png') });
  const probe = await browser.newPage();
  const stats = await probe.evaluate(async ([b64, colour, region]) => {
    const img = new Image();
    img.src = 'data:image/png;base64,' + b64;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width; c.height = img.height;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    let differ = 0;
    for (let i = 0; i < d.length; i += 4) {
      const rgb = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
      colours.add(rgb);
      if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) differ++;
    }
    let match = 0, inRegion = 0;
    if (colour && region) {
      const [rx, ry, rw, rh] = region;
      for (let y = ry; y < Math.min(c.height, ry + rh); ++y)
        for (let x = rx; x < Math.min(c.width, rx + rw); ++x) {
          const i = 4 * (y * c.width + x);
          inRegion++;
          if (Math.abs(d[i] - colour[0]) + Math.abs(d[i + 1] - colour[1]) + Math.abs(d[i + 2] - colour[2]) <= 6) match++;
        }
    }
    return { differFraction: differ / (d.length / 4), colours: colours.size, matchFraction: inRegion ? match / inRegion : 0 };
  }, [png.toString('base64'), colour, region]);
  await probe.close();
  return stats;
}

// Opens a lesson (variant -1: its own set-up) paused and steps it, 500 mini-batches a call,
// to its epoch budget (its stop_epoch) or until it diverges: {problem, hash, epoch}.
async function trainLesson(page, id, variant) {
  return page.evaluate(([id, variant]) => {
    const bp = window.bp;
    const problem = bp.lessons.open(id, variant);
    bp.pause();
    let m = bp.metrics();
    while (m.epoch < bp.lessons.checks().epochs && !m.diverged) {
      bp.step(500);
      const next = bp.metrics();
      if (next.steps === m.steps) break;  // stopped (stop_epoch)
      m = next;
    }
    return { problem, hash: bp.getHash(), epoch: m.epoch };
  }, [id, variant]);
}

// Waits until the app has drawn `n` more frames (what bp.panels() and friends report is of a
// drawn frame).
function frames(page, n = 2) {
  return page.evaluate((n) => new Promise((resolve) => {
    const target = window.bp.frames() + n;
    const tick = () => (window.bp.frames() >= target ? resolve() : requestAnimationFrame(tick));
    tick();
  }), n);
}

module.exports = { openPlayground, screenshotStats, launch, trainLesson, frames, WEB_DIR };
