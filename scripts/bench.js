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
for (const [build, r] of Object.entries(runs)) {
  console.log(`${build.padEnd(7)} Eigen SIMD ${r.simd ? 'on' : 'OFF'} (${r.simd_instruction_sets}); ` +
    `D 100x100 grids through B: ${num(r.D_grids_per_second)}/s; E one frame for B: ${r.E_frame_ms.toFixed(3)} ms`);
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
for (const net of NETS) {
  const n = runs.native.examples_per_second[net];
  const a = Math.max(n.allocs_per_step, n.allocs_per_step_probe);
  check(`native ${net} allocations per step`, a, a === 0, '== 0');
}
console.log('\ntargets');
for (const c of checks) console.log(`  ${c.ok ? 'met   ' : 'MISSED'} ${c.what.padEnd(32)} ${pad(num(c.value), 8)}  (${c.target})`);
process.exit(0);  // a report, not a test: timings never fail a build
