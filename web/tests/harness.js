// Shared by the browser tests: serve build/web on a free port, launch Debian's chromium
// headless with WebGL2 (SwiftShader), open the playground (withPlayground: for the length of
// a test, closed whatever happens), collect page errors, and
// measure screenshots from outside the app (how many pixels differ from the background;
// a panel cropped by bp.panels(); two pictures compared pixel by pixel).
'use strict';
const path = require('path');
const fs = require('fs');
const assert = require('node:assert');
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

// With `browser`, opens the page in a new context of that browser (closed by close());
// `locale` sets the browser's language (navigator.languages), e.g. 'es-ES'; `context` adds
// Playwright context options (reducedMotion, ...); `path` another page of the site.
async function openPlayground({ hash = '', width = 1280, height = 800, dpr = 1, touch = false, browser: shared = null,
  locale = 'en-US', context: options = {}, path: page_path = 'index.html' } = {}) {
  const server = await serve(WEB_DIR, 0);
  const browser = shared || (await launch()).browser;
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr, hasTouch: touch, locale, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(0);  // no wall-clock limits in tests: wait for the condition itself
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push('console.error: ' + m.text()); });
  await page.goto(`http://127.0.0.1:${server.address().port}/${page_path}${hash}`);
  if (page_path.startsWith('index.html')) await page.evaluate(() => window.bpReady);
  const close = async () => { await (shared ? context.close() : browser.close()); server.close(); };
  return { page, browser, context, errors, close };
}

// openPlayground(options), then `fn` with what it opened ({ page, browser, context, errors }),
// closed whatever happens: fn's failure is the test's, and nothing is left running.
async function withPlayground(options, fn) {
  const opened = await openPlayground(options);
  try {
    return await fn(opened);
  } finally {
    await opened.close();
  }
}

// Images are decoded by a second, blank page's 2-D canvas (independent of the app):
// runs `fn` there with ({width, height, data: RGBA bytes}) for each PNG and `extra`.
async function withDecoded(browser, pngs, fn, extra = null) {
  const probe = await browser.newPage();
  try {
    return await probe.evaluate(async ([b64s, fnText, extra]) => {
      const images = [];
      for (const b64 of b64s) {
        const img = new Image();
        img.src = 'data:image/png;base64,' + b64;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width; c.height = img.height;
        const ctx = c.getContext('2d');
        ctx.drawImage(img, 0, 0);
        images.push({ width: c.width, height: c.height, data: ctx.getImageData(0, 0, c.width, c.height).data });
      }
      return (0, eval)('(' + fnText + ')')(images, extra);
    }, [pngs.map((p) => p.toString('base64')), fn.toString(), extra]);
  } finally {
    await probe.close();
  }
}

// Saves a screenshot under build/test-artifacts and returns the fraction of pixels that
// differ from the top-left pixel's colour and the number of distinct colours. With `colour`
// ([r, g, b]) and `region` ([x, y, w, h] in pixels), also the fraction of that region in that colour.
async function screenshotStats(browser, page, name, { colour = null, region = null } = {}) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const png = await page.screenshot({ path: path.join(ARTIFACTS, name + '.png') });
  return withDecoded(browser, [png], ([{ width, height, data: d }], [colour, region]) => {
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
      for (let y = ry; y < Math.min(height, ry + rh); ++y)
        for (let x = rx; x < Math.min(width, rx + rw); ++x) {
          const i = 4 * (y * width + x);
          inRegion++;
          if (Math.abs(d[i] - colour[0]) + Math.abs(d[i + 1] - colour[1]) + Math.abs(d[i + 2] - colour[2]) <= 6) match++;
        }
    }
    return { differFraction: differ / (d.length / 4), colours: colours.size, matchFraction: inRegion ? match / inRegion : 0 };
  }, [colour, region]);
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

// Waits until the app has run `n` more frames (bp.updates(): drawn or not, as a frame whose
// picture equals the one shown is not drawn; what bp.panels() and friends report is of the last).
function frames(page, n = 2) {
  return page.evaluate((n) => new Promise((resolve) => {
    const target = window.bp.updates() + n;
    const tick = () => (window.bp.updates() >= target ? resolve() : requestAnimationFrame(tick));
    tick();
  }), n);
}

// A screenshot of the part of one panel that shows, as bp.panels() names it (CSS pixels), saved under
// build/test-artifacts/<name>.png; returns {rect, png}.
async function panelShot(page, panel, name) {
  const found = (await page.evaluate(() => window.bp.panels())).find((p) => p.panel === panel);
  if (!found || !(found.visible[2] > 0 && found.visible[3] > 0)) throw new Error(`panel '${panel}' does not show in the last frame`);
  const [x, y, w, h] = found.visible;
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const clip = { x: Math.round(x), y: Math.round(y), width: Math.floor(w), height: Math.floor(h) };
  return { rect: found.visible, png: await page.screenshot({ clip, path: path.join(ARTIFACTS, name + '.png') }) };
}

// Compares two same-sized pictures pixel by pixel: a pixel differs when a channel differs by
// more than `tolerance`. Pixels within `grow` pixels of a colour in `ignore` (within 40 in
// sum over the channels) in either picture are not compared. Returns {width, height,
// differFraction, ignoredFraction, distinctColours (of the first)}.
async function comparePictures(browser, pngA, pngB, { ignore = [], grow = 3, tolerance = 16 } = {}) {
  return withDecoded(browser, [pngA, pngB], ([a, b], [ignore, grow, tolerance]) => {
    if (a.width !== b.width || a.height !== b.height) return { error: `sizes ${a.width}x${a.height} and ${b.width}x${b.height}` };
    const { width, height } = a;
    const ignored = new Uint8Array(width * height);
    const near = (d, i) => ignore.some((c) => Math.abs(d[i] - c[0]) + Math.abs(d[i + 1] - c[1]) + Math.abs(d[i + 2] - c[2]) <= 40);
    for (let y = 0; y < height; ++y)
      for (let x = 0; x < width; ++x) {
        const i = 4 * (y * width + x);
        if (!near(a.data, i) && !near(b.data, i)) continue;
        for (let yy = Math.max(0, y - grow); yy <= Math.min(height - 1, y + grow); ++yy)
          for (let xx = Math.max(0, x - grow); xx <= Math.min(width - 1, x + grow); ++xx) ignored[yy * width + xx] = 1;
      }
    let differ = 0, skipped = 0;
    const colours = new Set();
    for (let k = 0; k < width * height; ++k) {
      const i = 4 * k;
      colours.add((a.data[i] << 16) | (a.data[i + 1] << 8) | a.data[i + 2]);
      if (ignored[k]) { skipped++; continue; }
      if (Math.abs(a.data[i] - b.data[i]) > tolerance || Math.abs(a.data[i + 1] - b.data[i + 1]) > tolerance ||
          Math.abs(a.data[i + 2] - b.data[i + 2]) > tolerance) differ++;
    }
    return { width, height, differFraction: differ / (width * height), ignoredFraction: skipped / (width * height),
             distinctColours: colours.size };
  }, [ignore, grow, tolerance]);
}

// A course page at 127.0.0.1 with the playground at localhost in an iframe (two origins): runs
// run({page, parentOrigin, appOrigin, frameUrl}) and then requires no page errors.
async function withCoursePage(run) {
  const app = await serve(WEB_DIR, 0);
  const parent = await serve(WEB_DIR, 0);
  const { browser, close } = await launch();
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(0);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const parentOrigin = `http://127.0.0.1:${parent.address().port}`;
    await page.goto(`${parentOrigin}/embed-example.html`);
    const appOrigin = `http://localhost:${app.address().port}`;
    await run({ page, parentOrigin, appOrigin, frameUrl: `${appOrigin}/index.html#embed=1&panels=boundary,lesson&controls=play&autoplay=0` });
    assert.deepStrictEqual(errors, []);
  } finally {
    await close();
    app.close();
    parent.close();
  }
}

// In the course page: an iframe of `src`, its BpEmbed ready, then fn(fig) (a function's text).
const IN_FIGURE = async ([src, fnText, arg]) => {
  document.body.innerHTML = '';
  const iframe = document.createElement('iframe');
  iframe.style.width = '480px';
  iframe.style.height = '360px';
  iframe.src = src;
  document.body.appendChild(iframe);
  const fig = new BpEmbed(iframe);
  await fig.ready;
  return (0, eval)('(' + fnText + ')')(fig, arg);
};

module.exports = { openPlayground, withPlayground, withCoursePage, IN_FIGURE, screenshotStats, panelShot, comparePictures, withDecoded, launch, trainLesson, frames, WEB_DIR, CHROMIUM_ARGS };
