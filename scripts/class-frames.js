#!/usr/bin/env node
// What the class view costs a frame while it replays a class: one page makes a record of N
// epochs of the default network (trained in the page), the class view of another page takes it
// COUNT times, and the time between animation frames is measured in that page until every row
// is replayed. Prints the frame intervals' median, 95th percentile and largest, how long the
// class took, how long adding the files took (the page is blocked meanwhile), and the frame
// interval of the same page once idle (the environment's pace for it).
// Usage: node scripts/class-frames.js [--count 30] [--epochs 300]   (after `make web`)
'use strict';
const path = require('path');
process.env.BP_WEB_DIR = process.env.BP_WEB_DIR || path.resolve(__dirname, '../build/web');
const { openPlayground } = require('../web/tests/harness.js');

const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

(async () => {
  const count = option('--count', 30), epochs = option('--epochs', 300);
  const student = await openPlayground({ hash: `#autoplay=0&stop_epoch=${epochs}` });
  const record = await student.page.evaluate(() => {
    const bp = window.bp;
    for (let before = -1; bp.metrics().epoch !== before;) { before = bp.metrics().epoch; bp.step(1000); }
    return bp.records.export();
  });
  await student.close();
  const teacher = await openPlayground({ hash: '#view=class', width: 1440, height: 900 });
  const r = await teacher.page.evaluate(async ([record, count]) => {
    const bp = window.bp;
    const frame = () => new Promise((ok) => requestAnimationFrame(ok));
    await frame();
    const added = performance.now();
    for (let i = 0; i < count; ++i) bp.class.add(record, `student-${i + 1}.json`);
    const addMs = performance.now() - added;
    const gaps = [];
    const start = performance.now();
    let last = start;
    while (bp.class.progress() < 1) {
      await frame();
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }
    const took = performance.now() - start;
    const idle = [];
    for (let i = 0; i < 60; ++i) { const t = performance.now(); await frame(); idle.push(performance.now() - t); }
    const verified = bp.class.table().filter((row) => row.verified).length;
    return { gaps, took, idle, verified, addMs };
  }, [record, count]);
  await teacher.close();
  const q = (v, p) => { const s = [...v].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
  const ms = (v) => `${v.toFixed(1)} ms`;
  console.log(`${count} records of ${epochs} epochs (${record.length} characters each): added in ${ms(r.addMs)}, ` +
    `${r.verified} verified in ${(r.took / 1000).toFixed(1)} s over ${r.gaps.length} frames`);
  const largest = Math.max(...r.gaps);
  console.log(`frame interval while replaying: median ${ms(q(r.gaps, 0.5))}, p95 ${ms(q(r.gaps, 0.95))}, ` +
    `largest ${ms(largest)} (frame ${r.gaps.indexOf(largest) + 1} of ${r.gaps.length}; the first ${ms(r.gaps[0])})`);
  console.log(`frame interval once idle (same page): median ${ms(q(r.idle, 0.5))}`);
})();
