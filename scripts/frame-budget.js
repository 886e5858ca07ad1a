#!/usr/bin/env node
// Frame budget in the browser: trains the 6 x 8 tanh net (every unit thumbnail on) in
// headless Chromium and prints the median engine and UI-building milliseconds per frame
// as the app measures them (window.bp.frameStats). Headless fps comes from SwiftShader,
// a software GL, so it is printed but is not the figure to judge.
// With --at 300,30000: the cost of drawing against run length instead. The page (default,
// or --hash) is paused, stepped to each count in turn and drawn for --frames frames there;
// prints the median drawMs and the largest draw list at each count, and their ratio to the first.
// While playing, --hash sets another network (e.g. layers=64,64,64,64,64,64,64,64) and
// --throttle N slows the page's CPU N times (Chrome's CPU throttling: a slow phone or old laptop).
// With --ceiling: frames drawn per second against the environment's ceiling, a blank page of
// the same size that only clears a WebGL2 canvas every frame, in the same browser: the default
// page and the spiral 6 x 8 net, playing and paused, at DPR 1 and 2, --runs times in one sitting;
// prints each run and the median's share of the blank page's rate. Paused, the page draws only
// when its picture changes, so it reads 0 once idle; `whole` rows draw every frame whole,
// `no turns` rows draw every change in the frame it happens.
// --engine firefox|webkit runs either in that browser engine instead of Chromium (web/tests/engines.js).
// --landscape shows the Landscape tab while playing, and adds the engine milliseconds of the frames
// sampled while its slice was being computed (the slice takes what training leaves of the budget).
// Usage: node scripts/frame-budget.js [SECONDS] [--hash H] [--throttle N] [--engine E] [--landscape]   (after `make web`)
//        node scripts/frame-budget.js --at 300,30000 [--frames 60] [--hash layers=8,8] [--engine E]
//        node scripts/frame-budget.js --ceiling [--runs 3] [--seconds 4] [--width 1440 --height 900]
//        node scripts/frame-budget.js --costs [--runs 3]   (what clearing, quads and small triangles cost this browser)
'use strict';
const path = require('path');
process.env.BP_WEB_DIR = process.env.BP_WEB_DIR || path.resolve(__dirname, '../build/web');
const harness = require('../web/tests/harness.js');  // --ceiling: Playwright's Chromium pages side by side
const { launchEngine } = require('../web/tests/engines.js');

const median = (v) => { const s = [...v].sort((a, b) => a - b); return s[s.length >> 1]; };
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function openPlayground(options = {}) {
  const engine = await launchEngine(option('--engine', 'chromium'));
  console.log(engine.version);
  const page = await engine.open(options);
  return { page, close: async () => { await page.close(); await engine.close(); } };
}

async function whilePlaying(seconds, hash, throttle, landscape) {
  const { page, close } = await openPlayground();
  if (throttle > 1 && !page.raw) throw new Error('--throttle needs Chromium (its CPU throttling)');
  if (throttle > 1) await (await page.raw.context().newCDPSession(page.raw)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.evaluate((h) => window.bp.setState(h), hash);
  if (landscape) await page.evaluate(() => window.bp.landscape.open());
  const samples = [];
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    samples.push(await page.evaluate((l) => {
      const s = window.bp.frameStats();
      if (l) { const st = window.bp.landscape.state({ brief: true }); s.slicing = !st.complete; s.progress = st.progress; }
      return s;
    }, landscape));
    await sleep(50);
  }
  if (landscape) {  // the frames sampled while a slice was still being computed, against the engine's budget
    const slicing = samples.filter((s) => s.slicing).map((s) => s.engineMs).sort((a, b) => a - b);
    const tab = samples.filter((s) => s.slicing).map((s) => s.landscapeMs);
    const begun = samples.filter((s, i) => i > 0 && s.progress < samples[i - 1].progress).length + 1;
    if (slicing.length === 0) console.log('landscape: no sample caught a slice being computed');
    else console.log(`landscape tab: ${slicing.length} of ${samples.length} samples while a slice computed (${begun} slices begun); ` +
                     `engine ms per frame then: median ${median(slicing).toFixed(2)}, 90th percentile ` +
                     `${slicing[Math.floor(slicing.length * 0.9)].toFixed(2)}, largest ${slicing[slicing.length - 1].toFixed(2)} ` +
                     `(the budget: 8 ms, FrameGrids::kEngineMs), of which the tab's own work: median ${median(tab).toFixed(2)}`);
  }
  const m = await page.evaluate(() => window.bp.metrics());
  const med = (k) => median(samples.map((s) => s[k]));
  const p90 = (k) => { const v = samples.map((s) => s[k]).sort((a, b) => a - b); return v[Math.floor(v.length * 0.9)]; };
  console.log(`${hash}${throttle > 1 ? `, CPU ${throttle}x slower` : ''}: samples ${samples.length}, epoch reached ${m.epoch}`);
  console.log(`median ms per frame: engine ${med('engineMs').toFixed(2)} (90th percentile ${p90('engineMs').toFixed(2)}), heatmap upload ` +
              `${med('uploadMs').toFixed(2)}, UI ${med('drawMs').toFixed(2)}; ` +
              `fps ${med('fps').toFixed(1)} (software GL: not the figure to judge)`);
  console.log(`median drawn frame: ${med('drawnTriangles')} triangles in ${med('drawCalls')} draw calls, ` +
              `${(100 * med('redrawnShare')).toFixed(0)}% of the window redrawn`);
  await close();
}

// Each frame's stats once: waits for the frame counter to move between samples.
async function drawCostAt(page, steps, frames) {
  await page.evaluate(() => window.bp.pause());
  for (let done = await page.evaluate(() => window.bp.metrics().steps); done < steps;) {
    await page.evaluate((n) => window.bp.step(n), Math.min(5000, steps - done));
    done = await page.evaluate(() => window.bp.metrics().steps);
  }
  const draw = [], vertices = [];
  for (let i = 0; i < frames; ++i) {
    const f = await page.evaluate(() => window.bp.updates());  // the app's frames, drawn or not
    await page.waitFor((k) => window.bp.updates() > k, f);
    const s = await page.evaluate(() => window.bp.frameStats());
    draw.push(s.drawMs), vertices.push(s.maxListVertices);
  }
  return { steps: await page.evaluate(() => window.bp.metrics().steps), drawMs: median(draw), vertices: Math.max(...vertices) };
}

async function againstRunLength(counts, frames, hash) {
  const { page, close } = await openPlayground({ hash: hash ? '#' + hash : '', width: 1440, height: 900 });
  const rows = [];
  for (const n of counts) rows.push(await drawCostAt(page, n, frames));
  for (const r of rows)
    console.log(`${r.steps} steps: median drawMs ${r.drawMs.toFixed(2)} over ${frames} frames ` +
                `(${(r.drawMs / rows[0].drawMs).toFixed(2)}x the first), largest draw list ${r.vertices} vertices`);
  await close();
}

// Frames drawn per second over `seconds`, counted in the page: `count` reads its counter.
const rateIn = (page, seconds, count) => page.evaluate(([ms, count]) => new Promise((resolve) => {
  const read = (0, eval)(count);
  const a = read(), t0 = performance.now();
  setTimeout(() => resolve((read() - a) * 1000 / (performance.now() - t0)), ms);
}), [seconds * 1000, count]);

// A canvas filling the window at the device pixel ratio, cleared to a new colour every frame.
const BLANK = `<!doctype html><style>html,body{margin:0;height:100%;overflow:hidden}canvas{display:block;width:100vw;height:100vh}</style>
<canvas id=c></canvas><script>
const c = document.getElementById('c');
c.width = innerWidth * devicePixelRatio; c.height = innerHeight * devicePixelRatio;
const gl = c.getContext('webgl2', { antialias: false });
window.blankFrames = 0;
(function frame() { gl.clearColor((window.blankFrames++ % 2) * 0.1, 0.1, 0.1, 1); gl.clear(gl.COLOR_BUFFER_BIT); requestAnimationFrame(frame); })();
</script>`;

async function againstBlankPage(runs, seconds, width, height) {
  const SPIRAL = 'dataset=spiral&layers=8,8,8,8,8,8&activation=tanh&lr=0.03';
  // `whole`: the same page drawing every frame whole (?redraw=all), what it did before a
  // software-rendered page redrew only the rectangles that changed; `no turns` (?redraw=now):
  // every change in its own frame, before large changes took turns (Damage's deferral).
  const cases = [['blank', null], ['default, playing', ''], ['default, paused', 'autoplay=0'],
    ['spiral 6x8, playing', SPIRAL], ['spiral 6x8, paused', SPIRAL + '&autoplay=0'],
    ['default, whole', '', 'index.html?redraw=all'], ['spiral 6x8, whole', SPIRAL, 'index.html?redraw=all'],
    ['default, no turns', '', 'index.html?redraw=now'], ['spiral 6x8, no turns', SPIRAL, 'index.html?redraw=now']];
  const { browser, close } = await harness.launch();
  const fps = {};  // "dpr|case" -> [frames/s per run]
  for (let run = 0; run < runs; ++run)
    for (const dpr of [1, 2])
      for (const [name, hash, path] of cases) {
        let rate;
        if (hash === null) {
          const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: dpr });
          const page = await context.newPage();
          await page.setContent(BLANK);
          await page.waitForTimeout(1000);
          rate = await rateIn(page, seconds, '() => window.blankFrames');
          await context.close();
        } else {
          const { page, close: closePage } = await harness.openPlayground({ browser, hash: hash ? '#' + hash : '', width, height, dpr, path });
          await page.waitForTimeout(1000);  // the first second: first pictures, layout settling
          rate = await rateIn(page, seconds, '() => window.bp.frames()');
          const r = await page.evaluate(() => (window.bp.renderer ? window.bp.renderer() : null));  // null: a build before it
          if (r && run === 0 && dpr === 1 && name === 'default, playing') console.log(`renderer: ${r.name} (software: ${r.software})`);
          await closePage();
        }
        (fps[`${dpr}|${name}`] = fps[`${dpr}|${name}`] || []).push(rate);
        console.log(`run ${run + 1}, DPR ${dpr}, ${name}: ${rate.toFixed(1)} frames/s`);
      }
  await close();
  console.log(`\n${width}x${height}, median of ${runs} runs of ${seconds} s, frames drawn per second (share of the blank page's):`);
  for (const dpr of [1, 2]) {
    const blank = median(fps[`${dpr}|blank`]);
    for (const [name] of cases)
      console.log(`DPR ${dpr}  ${name.padEnd(20)} ${median(fps[`${dpr}|${name}`]).toFixed(1).padStart(6)}` +
                  (name === 'blank' ? '' : `  ${(100 * median(fps[`${dpr}|${name}`]) / blank).toFixed(0).padStart(4)}%`));
  }
}

// What a frame costs this browser's WebGL2 without the app: blank pages of the same size that
// each frame clear the canvas, then draw one of: nothing, a full-window quad (untextured or
// textured) or 20,000 small textured triangles (7 x 9 px). Frames per second, median of --runs.
const COST_PAGE = (draw) => `<!doctype html><style>html,body{margin:0;height:100%;overflow:hidden}canvas{display:block;width:100vw;height:100vh}</style>
<canvas id=c></canvas><script>
const c = document.getElementById('c');
c.width = innerWidth; c.height = innerHeight;
const gl = c.getContext('webgl2', { antialias: false });
const shader = (type, text) => { const s = gl.createShader(type); gl.shaderSource(s, '#version 300 es\\n' + text); gl.compileShader(s); return s; };
const p = gl.createProgram();
gl.attachShader(p, shader(gl.VERTEX_SHADER, 'in vec2 v; out vec2 uv; void main() { uv = v; gl_Position = vec4(v, 0, 1); }'));
gl.attachShader(p, shader(gl.FRAGMENT_SHADER, 'precision mediump float; uniform sampler2D t; uniform bool textured; in vec2 uv; out vec4 o; ' +
  'void main() { o = textured ? texture(t, uv) + vec4(0.2, 0.1, 0, 1) : vec4(uv, 0.2, 1); }'));
gl.linkProgram(p); gl.useProgram(p);
gl.bindBuffer(gl.ARRAY_BUFFER, gl.createBuffer()); gl.enableVertexAttribArray(0); gl.vertexAttribPointer(0, 2, gl.FLOAT, false, 0, 0);
gl.bindTexture(gl.TEXTURE_2D, gl.createTexture()); gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, 64, 64, 0, gl.RGBA, gl.UNSIGNED_BYTE, null);
gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
gl.uniform1i(gl.getUniformLocation(p, 'textured'), ${draw === 'untextured quad' ? 0 : 1});
gl.enable(gl.BLEND); gl.blendFunc(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA);
const v = [];
if (${draw === 'small triangles'}) for (let i = 0; i < 20000; ++i) {
  const x = -1 + 2 * ((i * 7919) % 1000) / 1000, y = -1 + 2 * ((i * 104729) % 997) / 997;
  v.push(x, y, x + 14 / innerWidth, y, x, y + 18 / innerHeight);
} else if (${draw.endsWith('quad')}) v.push(-1, -1, 1, -1, 1, 1, -1, -1, 1, 1, -1, 1);
gl.bufferData(gl.ARRAY_BUFFER, new Float32Array(v), gl.STATIC_DRAW);
window.blankFrames = 0;
(function frame() {
  gl.clearColor((window.blankFrames++ % 2) * 0.1, 0.1, 0.1, 1); gl.clear(gl.COLOR_BUFFER_BIT);
  if (v.length) gl.drawArrays(gl.TRIANGLES, 0, v.length / 2);
  requestAnimationFrame(frame);
})();
</script>`;

async function frameCosts(runs, seconds, width, height) {
  const draws = ['nothing', 'untextured quad', 'textured quad', 'small triangles'];
  const { browser, close } = await harness.launch();
  const fps = {};
  for (let run = 0; run < runs; ++run)
    for (const draw of draws) {
      const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      await page.setContent(COST_PAGE(draw));
      await page.waitForTimeout(1000);
      (fps[draw] = fps[draw] || []).push(await rateIn(page, seconds, '() => window.blankFrames'));
      await context.close();
    }
  await close();
  console.log(`${width}x${height} at DPR 1, a clear and then, each frame (median of ${runs} runs of ${seconds} s):`);
  const base = median(fps.nothing);
  for (const draw of draws) {
    const f = median(fps[draw]);
    console.log(`  ${draw.padEnd(16)} ${f.toFixed(1).padStart(5)} frames/s` +
                (draw === 'nothing' ? '' : `, ${(1000 / f - 1000 / base).toFixed(1)} ms a frame more`));
  }
}

(async () => {
  if (process.argv.includes('--costs')) {
    return frameCosts(Number(option('--runs', 3)), Number(option('--seconds', 3)), Number(option('--width', 1440)), Number(option('--height', 900)));
  }
  if (process.argv.includes('--ceiling')) {
    return againstBlankPage(Number(option('--runs', 3)), Number(option('--seconds', 4)),
      Number(option('--width', 1440)), Number(option('--height', 900)));
  }
  const at = option('--at', null);
  if (at) await againstRunLength(at.split(',').map(Number), Number(option('--frames', 60)), option('--hash', ''));
  else {
    const seconds = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : 5;
    await whilePlaying(seconds, option('--hash', 'dataset=spiral&layers=8,8,8,8,8,8&activation=tanh&lr=0.03'),
      Number(option('--throttle', 1)), process.argv.includes('--landscape'));
  }
})();
