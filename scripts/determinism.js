#!/usr/bin/env node
// Native vs WASM determinism: `bp train --json` of a few fixed configs, natively and under
// node, must give the same bits: every loss, accuracy and layer statistic identical (no
// tolerance). Both builds avoid FMA contraction, sum in the same order (same Eigen SIMD path,
// 16 registers, pinned cache sizes) and use engine/base/det_math.h instead of the two different
// libms. Usage: node scripts/determinism.js NATIVE_BP WASM_BP_JS   (ctest: determinism_*)
'use strict';
const { spawnSync } = require('child_process');

const EPOCHS = 20;
// One per activation family and head, across optimizers, schedules, penalties, features, and
// a batch large enough (600) that Eigen blocks the dW product's depth.
const CONFIGS = {
  tanh: 'dataset=circle&layers=8,8&activation=tanh',
  relu: 'dataset=xor&layers=8,8&activation=relu&optimizer=adam&lr=0.01&reg=l2&reg_rate=0.001',
  sigmoid: 'dataset=spiral&layers=8,8,8&activation=sigmoid&optimizer=rmsprop&lr=0.01&head=tanh-mse' +
    '&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2',
  softmax: 'dataset=spiral-k&classes=3&points=600&layers=16,16&activation=relu&optimizer=momentum' +
    '&schedule=cosine&batch=16',
  regression: 'dataset=multi-gauss&layers=8,8&activation=elu&optimizer=adamw&lr=0.01&schedule=exp&clip=1',
  gelu_big_batch: 'dataset=circle&points=2000&train_ratio=0.9&layers=64,64&activation=gelu&init=he' +
    '&optimizer=adagrad&lr=0.01&batch=600',
};

function train(cmd, args, hash) {
  const r = spawnSync(cmd, [...args, 'train', '--hash', hash, '--epochs', String(EPOCHS), '--json'],
    { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  if (r.stderr) throw new Error(`${cmd}: warnings for '${hash}': ${r.stderr}`);  // a config typo
  return JSON.parse(r.stdout);
}

// First place where a and b differ, as a path and the two values; null when identical.
function firstDifference(a, b, path = '') {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b)) return { path, a, b };
  if (a === null || typeof a !== 'object') return Object.is(a, b) ? null : { path, a, b };
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference(a[k], b[k], `${path}/${k}`);
    if (d) return d;
  }
  return null;
}

const [nativeBp, wasmBpJs] = process.argv.slice(2);
if (!nativeBp || !wasmBpJs) {
  console.error('usage: node scripts/determinism.js NATIVE_BP WASM_BP_JS');
  process.exit(2);
}
let failed = 0;
for (const [name, hash] of Object.entries(CONFIGS)) {
  const native = train(nativeBp, [], hash);
  const wasm = train(process.execPath, ['--no-experimental-fetch', wasmBpJs], hash);
  const d = firstDifference(native, wasm);
  const last = native.history[native.history.length - 1];
  if (native.history.length !== EPOCHS + 1) {
    console.log(`FAIL ${name}: ${native.history.length - 1} epochs instead of ${EPOCHS} (diverged?)`);
    failed++;
  } else if (d) {
    console.log(`FAIL ${name}: native and WASM differ first at ${d.path}: ${d.a} vs ${d.b}`);
    failed++;
  } else {
    console.log(`ok   ${name}: ${EPOCHS} epochs bit-identical (final train loss ${last.train_loss})`);
  }
}
process.exit(failed ? 1 : 0);
