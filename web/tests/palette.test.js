// The colours, checked from outside the app: the class colours (app/common/colors.cpp) stay apart for
// the common colour-vision deficiencies (Machado, Oliveira and Fernandes 2009 simulation at
// full severity, CIE76 distance in Lab), and the plot texts (app/common/colors.h) have WCAG contrast
// of at least 4.5:1 against Dear ImGui's dark window background. No browser needed.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '../..');
const SIMULATIONS = {  // linear-RGB matrices, severity 1.0
  protan: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deutan: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
  tritan: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
};
const linear = (c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
function lab([r, g, b]) {  // linear sRGB (clamped) -> CIE Lab, D65
  [r, g, b] = [r, g, b].map((v) => Math.min(1, Math.max(0, v)));
  const X = 0.4124 * r + 0.3576 * g + 0.1805 * b, Y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const Z = 0.0193 * r + 0.1192 * g + 0.9505 * b;
  const f = (t) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const fx = f(X / 0.95047), fy = f(Y), fz = f(Z / 1.08883);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}
const seen = (rgb, m) => { const l = rgb.map(linear); return lab(m.map((row) => row[0] * l[0] + row[1] * l[1] + row[2] * l[2])); };
const distance = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const luminance = (rgb) => { const [r, g, b] = rgb.map(linear); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };

const source = (file) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const triples = (text) => [...text.matchAll(/\{\s*(\d+),\s*(\d+),\s*(\d+)\s*\}/g)].map((m) => m.slice(1, 4).map(Number));
const colour = (name) => source('app/common/colors.h').match(new RegExp(`${name} = IM_COL32\\((\\d+), (\\d+), (\\d+)`)).slice(1, 4).map(Number);

test('the class colours stay apart for protan, deutan and tritan vision', () => {
  const classes = triples(source('app/common/colors.cpp').match(/kClasses\[6\] = \{(.*)\};/)[1]);
  assert.strictEqual(classes.length, 6);
  for (const [name, m] of Object.entries(SIMULATIONS))
    for (let i = 0; i < 6; ++i)
      for (let j = i + 1; j < 6; ++j) {
        const d = distance(seen(classes[i], m), seen(classes[j], m));
        assert.ok(d >= 15, `${name}: classes ${i} and ${j} only ${d.toFixed(1)} apart`);
      }
});

test('plot texts have at least 4.5:1 contrast on the dark window', () => {
  const window = [15, 15, 15];  // ImGui's dark style: WindowBg 0.06
  for (const name of ['kPanelText', 'kAxisText', 'kTrainLine', 'kTestLine', 'kWarning', 'kDanger'])
    assert.ok(contrast(colour(name), window) >= 4.5, `${name}: ${contrast(colour(name), window).toFixed(2)}`);
  assert.ok(contrast([128, 128, 128], window) >= 4.5, 'TextDisabled');
});

test('the gradient views\' line colours: 9 that stay apart for protan, deutan and tritan vision, each legible on the plot', () => {
  const lines = triples(source('app/common/colors.cpp').match(/kLines\[9\] = \{([^;]*)\};/)[1]);
  assert.strictEqual(lines.length, 9);
  const plot = [20, 22, 27];  // kPlotBg (app/common/plot.cpp)
  for (const [name, m] of Object.entries(SIMULATIONS))
    for (let i = 0; i < 9; ++i)
      for (let j = i + 1; j < 9; ++j) {
        const d = distance(seen(lines[i], m), seen(lines[j], m));
        assert.ok(d >= 15, `${name}: lines ${i} and ${j} only ${d.toFixed(1)} apart`);
      }
  for (const c of lines) assert.ok(contrast(c, plot) >= 4.5, `${c}: ${contrast(c, plot).toFixed(2)}:1 on the plot`);
  assert.match(source('app/playground/gradient_view.cpp'), /line_color\(l\)/, 'the gradient views draw their layers in these colours');
});
