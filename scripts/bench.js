#!/usr/bin/env node
// `make bench`: runs `bp bench --json` natively and under node (the WASM build), one after the
// other, and prints both tables, the WASM/native ratios and the targets, all from
// that one run (the machines are shared and noisy: compare figures of one run only).
// Usage: node scripts/bench.js NATIVE_BP WASM_BP_JS [--quick]
'use strict';
const { spawnSync } = require('child_process');

const [nativeBp, wasmBpJs, ...rest] = process.argv.slice(2);
if (!nativeBp || !wasmBpJs) {
  console.error('usage: node scripts/bench.js NATIVE_BP WASM_BP_JS [--quick]');
  process.exit(2);
}
const extra = rest.includes('--quick') ? ['--quick'] : [];

function bench(cmd, args) {
  const r = spawnSync(cmd, [...args, 'bench', '--json', ...extra], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} bench failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const runs = {
  native: bench(nativeBp, []),
  // V8 first runs WASM code from its baseline compiler (Liftoff), switches a function to
  // optimized code only at its next call, and compiles in background threads that compete
  // with the benchmark on a 2-core machine: the first medians of a run came out 2-4x too low.
  // Compiling everything optimized before main() measures the steady state the playground
  // reaches after its first frames.
  wasm: bench(process.execPath, ['--no-liftoff', '--no-wasm-lazy-compilation', '--no-experimental-fetch', wasmBpJs]),
};
const NETS = ['A', 'B', 'C'];
const COLS = ['static', 'dynamic', 'trainer', 'trainer_probe', 'reference'];
const pad = (s, n) => String(s).padStart(n);
const num = (v) => (v === null || v === undefined ? 'n/a' : v >= 100 ? Math.round(v).toLocaleString('en') : v.toFixed(2));

console.log('training examples per second, medians (nets: A 2-4-2-1 tanh batch 10, B 2-8x6-1 tanh batch 10, C 2-64x3-1 relu batch 256)');
console.log(`${'build net'.padEnd(10)}${COLS.map((c) => pad(c, 14)).join('')}${pad('static/ref', 11)}${pad('allocs', 8)}`);
for (const [build, r] of Object.entries(runs)) {
  for (const net of NETS) {
    const n = r.examples_per_second[net];
    console.log(`${(build + ' ' + net).padEnd(10)}${COLS.map((c) => pad(num(n[c]), 14)).join('')}` +
      `${pad(num(n.static_vs_reference), 11)}${pad(num(n.allocs_per_step), 8)}`);
  }
}
// The whole-set evaluation that ends every epoch: its share of the Trainer's time (evaluations
// per second measured alone, one per epoch of `train_examples`).
const evalShare = (build, net) => {
  const n = runs[build].examples_per_second[net];
  return n.trainer / n.train_examples / n.evaluations_per_second;
};
for (const build of Object.keys(runs))
  console.log(`${build.padEnd(7)} the whole-set evaluation at each epoch's end takes ` +
    NETS.map((net) => `${net} ${Math.round(100 * evalShare(build, net))}%`).join(', ') + " of the Trainer's time");
// Frame work in examples of the hand-written reference's net B step of the same build and run:
// ms x (reference examples per ms). A ratio within one run, so it holds on any machine.
const refExamples = (build, ms) => (ms * runs[build].examples_per_second.B.reference) / 1000;
for (const [build, r] of Object.entries(runs)) {
  console.log(`${build.padEnd(7)} Eigen SIMD ${r.simd ? 'on' : 'OFF'} (${r.simd_instruction_sets}); ` +
    `D 100x100 grids through B: ${num(r.D_grids_per_second)}/s`);
  console.log(`        E one frame for B (epoch + grids as the app computes them): ${r.E_frame_ms.toFixed(3)} ms = ` +
    `${num(refExamples(build, r.E_frame_ms))} reference examples (every grid every frame: ${r.E_full_frame_ms.toFixed(3)} ms = ` +
    `${num(refExamples(build, r.E_full_frame_ms))}); its floor, the exact 100x100 output picture alone (D): ` +
    `${num(refExamples(build, 1000 / r.D_grids_per_second))}`);
  console.log(`        F the 8x64 net's frame (10 steps + grids): ${r.F_big_frame_ms.toFixed(3)} ms = ` +
    `${num(refExamples(build, r.F_big_frame_ms))} reference examples, a new output picture every ` +
    `${r.F_big_frames_per_output} frames; as a 3x slower device computes it: ${r.F_big_slow_frame_ms.toFixed(3)} ms = ` +
    `${num(refExamples(build, r.F_big_slow_frame_ms))}, a picture every ${r.F_big_slow_frames_per_output} frames`);
  console.log(`        F three embedded figures: ${r.F_embed3_frame_ms.toFixed(3)} ms = ` +
    `${num(refExamples(build, r.F_embed3_frame_ms))}; as a 3x slower device computes them: ` +
    `${r.F_embed3_slow_frame_ms.toFixed(3)} ms = ${num(refExamples(build, r.F_embed3_slow_frame_ms))}`);
}

// The targets, each from this one run.
const checks = [];
const check = (what, value, ok, target) => checks.push({ what, value, ok, target });
for (const build of Object.keys(runs))
  for (const net of NETS) {
    const n = runs[build].examples_per_second[net];
    check(`${build} ${net} static / reference`, n.static_vs_reference, n.static_vs_reference >= 0.5, '>= 0.5');
  }
for (const net of ['B', 'C'])
  for (const col of ['static', 'trainer']) {
    const ratio = runs.wasm.examples_per_second[net][col] / runs.native.examples_per_second[net][col];
    check(`WASM / native ${net} ${col}`, ratio, ratio >= 0.5, '>= 0.5');
  }
check('WASM E frame ms', runs.wasm.E_frame_ms, runs.wasm.E_frame_ms <= 8, '<= 8');
// Issue 17: the frame's engine work and the training path on a weak device.
for (const build of Object.keys(runs)) {
  const e = refExamples(build, runs[build].E_frame_ms);
  check(`${build} E in reference examples`, e, e <= 2100,
    `<= 2,100; floor ${num(refExamples(build, 1000 / runs[build].D_grids_per_second))}`);
}
for (const net of NETS) {
  const n = runs.wasm.examples_per_second[net];
  check(`wasm ${net} trainer+probe / static`, n.trainer_probe / n.static, n.trainer_probe / n.static >= 0.7,
    `>= 0.7; evaluation ${Math.round(100 * evalShare('wasm', net))}% of the Trainer's time`);
}
for (const net of NETS) {
  const n = runs.wasm.examples_per_second[net];
  check(`wasm ${net} trainer / static`, n.trainer / n.static, n.trainer / n.static >= 0.8,
    `>= 0.8; evaluation ${Math.round(100 * evalShare('wasm', net))}% of the Trainer's time`);
}
{
  const b = runs.wasm.examples_per_second.B;
  check('wasm B static / reference', b.static_vs_reference, b.static_vs_reference >= 1.3, '>= 1.3');
}
// F: a 60 fps frame is 16.7 ms, of which the playground gives the engine 8 ms (FrameGrids::kEngineMs)
// and leaves the rest to colouring, uploading and drawing; an embedded figure gets a third, as a
// course page may hold three. The bench emulates a device 3x slower than this machine (its
// training and grid times x3, the grids' budget from FrameGrids::budget as the playground computes
// it there): such a frame must fit 8 ms there, 2.67 ms of the build machine, whose hand-written
// reference trains net B at 2.82 M examples/s in WASM when nothing else runs (`make bench` at load
// 1.1, 2026-12-04): 7,500 reference examples. (The first version of this target took the 1.04 M
// examples/s quoted in the issue, measured on a loaded machine, and so asked for 2,800.)
const F_BUDGET = 7500;
for (const [key, what] of [['F_big_slow_frame_ms', '8x64 frame, 3x slower device'],
  ['F_embed3_slow_frame_ms', '3 embeds, 3x slower device']]) {
  const f = refExamples('wasm', runs.wasm[key]);
  check(`wasm F ${what} in ref. examples`, f, f <= F_BUDGET, '<= 7,500');
}
for (const net of NETS) {
  const n = runs.native.examples_per_second[net];
  const a = Math.max(n.allocs_per_step, n.allocs_per_step_probe);
  check(`native ${net} allocations per step`, a, a === 0, '== 0');
}
console.log('\ntargets');
for (const c of checks) console.log(`  ${c.ok ? 'met   ' : 'MISSED'} ${c.what.padEnd(44)} ${pad(num(c.value), 8)}  (${c.target})`);
process.exit(0);  // a report, not a test: timings never fail a build
