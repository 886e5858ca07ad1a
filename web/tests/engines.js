// One small driver layer over the three browser engines a class uses, so one test file runs
// in each: Chromium (Debian's chromium through playwright-core, as harness.js launches it),
// Firefox (Debian's firefox-esr through puppeteer-core over WebDriver BiDi) and WebKit, Safari's
// engine (Debian's WebKitGTK MiniBrowser through its WebKitWebDriver, with selenium-webdriver).
// Firefox and WebKit draw into an Xvfb display started here: Firefox's --headless mode has no
// WebGL without a GPU ("Exhausted GL driver options"), MiniBrowser always needs a display.
// An engine opens one page at a time; a page offers only what every engine can do:
//   evaluate(fn, arg)  runs fn(arg) in the page (a promise is awaited), returns its JSON value
//   waitFor(fn, arg)   polls evaluate until it is truthy (no time limit: tests wait for conditions)
//   press(key)         'Tab', 'Space', 'Enter' to the focused element
//   screenshot()       the viewport as a PNG Buffer
//   errors()           page errors and console errors seen so far
// Options: locale (the browser's language; WebKitGTK takes the system's, only C here), noWebgl2
// (every engine), noWasm (WebAssembly off: Firefox only, no switch reaches Chromium's or WebKit's).
// Usage: const engine = await launchEngine('firefox', {locale: 'es', noWebgl2: true});
//        const page = await engine.open({hash: '#autoplay=0', width: 390, height: 844, dpr: 3});
'use strict';
const path = require('path');
const net = require('net');
const { spawn } = require('child_process');
const { serve } = require('../serve.js');

const WEB_DIR = process.env.BP_WEB_DIR || path.resolve(__dirname, '../../build/web');
const FIREFOX = '/usr/bin/firefox-esr';
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const ENGINES = ['chromium', 'firefox', 'webkit'];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// An X display of its own (Xvfb picks a free number and writes it to fd 3).
function startXvfb() {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1920x1200x24', '-nolisten', 'tcp'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    xvfb.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ display: ':' + out.trim(), stop: () => xvfb.kill() });
    });
    xvfb.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it gave a display`)));
  });
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// Turns a function and its argument into a script every engine can run; its value (a promise's
// once settled) comes back as JSON text, so no protocol's own serialization limits what returns.
const callText = (fn, arg) => `Promise.resolve().then(() => (${fn.toString()})(${JSON.stringify(arg === undefined ? null : arg)}))` +
  '.then((v) => JSON.stringify(v === undefined ? null : v))';

function makePage({ evaluate, press, screenshot, errors, close, raw = null }) {
  const page = {
    evaluate, press, screenshot, errors, close, raw,
    async waitFor(fn, arg) {
      for (;;) {
        const v = await evaluate(fn, arg);
        if (v) return v;
        await sleep(50);
      }
    },
  };
  return page;
}

// Page errors and console errors, as Playwright's and Puppeteer's pages both report them.
function collectErrors(p) {
  const errors = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => { if (m.type() === 'error') errors.push('console.error: ' + m.text()); });
  return errors;
}

// ---- Chromium: playwright-core, as the other browser tests.
async function chromium({ locale = 'en', noWebgl2 = false }) {
  const { chromium: pw } = require('playwright-core');
  const { CHROMIUM_ARGS } = require('./harness.js');
  const args = [...CHROMIUM_ARGS, ...(noWebgl2 ? ['--disable-webgl2'] : [])];
  const browser = await pw.launch({ executablePath: '/usr/bin/chromium', args, timeout: 0 });
  return {
    version: 'Chromium ' + browser.version(),
    async newPage({ width, height, dpr, url }) {
      const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr, locale });
      const p = await context.newPage();
      p.setDefaultTimeout(0);
      const errors = collectErrors(p);
      await p.goto(url);
      return makePage({
        evaluate: async (fn, arg) => JSON.parse(await p.evaluate(callText(fn, arg))),
        press: (key) => p.keyboard.press(key),
        screenshot: () => p.screenshot(),
        errors: () => errors, close: () => context.close(), raw: p,
      });
    },
    close: () => browser.close(),
  };
}

// ---- Firefox: puppeteer-core over WebDriver BiDi, a window on Xvfb.
async function firefox({ locale = 'en', noWebgl2 = false, noWasm = false }) {
  const puppeteer = require('puppeteer-core');
  const x = await startXvfb();
  const prefs = { 'intl.accept_languages': locale, 'webgl.enable-webgl2': !noWebgl2, 'javascript.options.wasm': !noWasm };
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: false, timeout: 0,
    protocolTimeout: 0, env: { ...process.env, DISPLAY: x.display }, extraPrefsFirefox: prefs });
  return {
    version: 'Firefox ' + (await browser.version()).split('/')[1],
    async newPage({ width, height, dpr, url }) {
      const p = await browser.newPage();
      p.setDefaultTimeout(0);
      await p.setViewport({ width, height, deviceScaleFactor: dpr });
      const errors = collectErrors(p);
      await p.goto(url);
      return makePage({
        evaluate: async (fn, arg) => JSON.parse(await p.evaluate(callText(fn, arg))),
        press: (key) => p.keyboard.press(key === 'Space' ? ' ' : key),  // BiDi names keys by their character
        screenshot: async () => Buffer.from(await p.screenshot()),
        errors: () => errors, close: () => p.close(),
      });
    },
    close: async () => { await browser.close(); x.stop(); },
  };
}

// ---- WebKit: WebKitWebDriver + MiniBrowser on Xvfb, selenium-webdriver as the client, a window
// per page. A window cannot be narrower than MiniBrowser's toolbar (about 450 px), so a narrower
// viewport is an iframe of that size on a blank page, and the page's scripts run in that frame.
async function webkit({ noWebgl2 = false }) {
  const { Builder, Key } = require('selenium-webdriver');
  const x = await startXvfb();
  const port = await freePort();
  const env = { ...process.env, DISPLAY: x.display };
  const driverProcess = spawn('WebKitWebDriver', [`--port=${port}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const console_ = [];  // MiniBrowser writes the page's console to its stdout
  const collect = (d) => console_.push(...String(d).split('\n').filter((l) => /^CONSOLE .*ERROR/.test(l)));
  driverProcess.stdout.on('data', collect);
  driverProcess.stderr.on('data', collect);
  const args = ['--automation', '--enable-write-console-messages-to-stdout=true', ...(noWebgl2 ? ['--enable-webgl=false'] : [])];
  let driver;
  for (;;) {  // until the driver listens
    try {
      driver = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({
        browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args } }).build();
      break;
    } catch (e) {
      if (!/ECONNREFUSED/.test(String(e))) throw e;
      await sleep(100);
    }
  }
  await driver.manage().setTimeouts({ script: null, pageLoad: null });
  const version = (await driver.getCapabilities()).get('browserVersion');
  const keys = { Tab: Key.TAB, Space: Key.SPACE, Enter: Key.ENTER };
  const windows = new Set();  // one window per open page; the last one is kept (it holds the session)
  let current = null;         // the page whose window (and frame) WebDriver addresses now
  return {
    version: 'WebKitGTK ' + version,
    async newPage({ width, height, url }) {
      if (windows.size) await driver.switchTo().newWindow('window');
      const handle = await driver.getWindowHandle();
      windows.add(handle);
      const framed = width < 500;
      if (framed) {
        await driver.get('about:blank');
        await driver.executeAsyncScript(`const done = arguments[0]; document.body.style.margin = '0';
          const f = document.createElement('iframe'); f.onload = () => done();
          f.style.cssText = 'border:0; display:block; width:${width}px; height:${height}px'; f.src = ${JSON.stringify(url)};
          document.body.appendChild(f);`);
        await driver.switchTo().frame(0);
      } else {
        await resizeViewport(driver, width, height);
        await driver.get(url);
      }
      const self = {};
      current = self;
      const focus = async () => {
        if (current === self) return;
        await driver.switchTo().window(handle);
        if (framed) await driver.switchTo().frame(0);
        current = self;
      };
      const seen = console_.length;
      const evaluate = async (fn, arg) => {
        await focus();
        const r = await driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
          ${callText(fn, arg)}.then((v) => done({ v }), (e) => done({ e: e instanceof Error ? e.name + ': ' + e.message + ' ' + e.stack : String(e) }));`);
        if (r.e !== undefined) throw new Error(r.e);
        return JSON.parse(r.v);
      };
      return makePage({
        evaluate,
        press: async (key) => { await focus(); await driver.actions().keyDown(keys[key]).keyUp(keys[key]).perform(); },
        screenshot: async () => { await focus(); return Buffer.from(await driver.takeScreenshot(), 'base64'); },
        errors: () => console_.slice(seen),
        close: async () => {
          await focus();
          windows.delete(handle);
          current = null;
          if (windows.size) {
            await driver.close();
            return driver.switchTo().window([...windows][0]);  // WebDriver needs a window to address
          }
          await driver.switchTo().defaultContent();
          await driver.get('about:blank');
        },
      });
    },
    close: async () => { await driver.quit(); driverProcess.kill(); x.stop(); },
  };
}

// The window is the viewport plus MiniBrowser's toolbar: size it, measure, correct once.
async function resizeViewport(driver, width, height) {
  await driver.manage().window().setRect({ width, height });
  const [w, h] = await driver.executeScript('return [innerWidth, innerHeight]');
  if (w !== width || h !== height) await driver.manage().window().setRect({ width: 2 * width - w, height: 2 * height - h });
}

// Starts an engine; each open() serves WEB_DIR on a free port and loads index.html + hash in a
// page of width x height CSS pixels (dpr: Chromium and Firefox; WebKit draws at 1), waiting for
// window.bpReady unless `ready` is false.
async function launchEngine(name, options = {}) {
  if (!ENGINES.includes(name)) throw new Error(`engine '${name}': expected one of ${ENGINES.join(', ')}`);
  if (options.noWasm && name !== 'firefox') throw new Error(`${name}: no switch turns WebAssembly off`);
  if (options.locale && name === 'webkit') throw new Error('webkit: its language is the system locale (use lang= in the hash)');
  const engine = await { chromium, firefox, webkit }[name](options);
  const servers = new Set();  // closed with their page, or with the engine (a failed test's page)
  return {
    name, version: engine.version,
    async open({ hash = '', width = 1280, height = 800, dpr = 1, ready = true } = {}) {
      const server = await serve(WEB_DIR, 0);
      servers.add(server);
      const page = await engine.newPage({ width, height, dpr, url: `http://127.0.0.1:${server.address().port}/index.html${hash}` });
      const closePage = page.close;
      page.close = async () => { await closePage(); server.close(); servers.delete(server); };
      if (ready) await page.evaluate(() => window.bpReady.then(() => true));
      return page;
    },
    async close() {
      for (const s of servers) s.close();
      await engine.close();
    },
  };
}

module.exports = { launchEngine, ENGINES, WEB_DIR };
