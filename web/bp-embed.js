// For course pages that embed the playground in an iframe, from any origin:
//   const fig = new BpEmbed(document.querySelector('iframe'));
//   await fig.ready;                                   // the playground has drawn its first frame
//   await fig.call('setState', { lr: 3 });             // a window.bp verb: 'play', 'lessons.load', 'graph.set', ...
//   (from another origin only the verbs of CROSS_ORIGIN_VERBS in bp.js: README "Course pages")
//   fig.onMetrics((m) => console.log(m.epoch, m.trainLoss), { interval: 250 });
// Every call answers with the verb's result, or rejects with the playground's error.
'use strict';
class BpEmbed {
  constructor(iframe) {
    this.iframe = iframe;
    this.origin = new URL(iframe.src, location.href).origin;
    this.pending = new Map();
    this.nextId = 1;
    this.metricsListeners = [];
    let readyResolve;
    this.ready = new Promise((resolve) => { readyResolve = resolve; });
    window.addEventListener('message', (event) => {
      if (event.source !== iframe.contentWindow || event.origin !== this.origin) return;
      const msg = event.data || {};
      if (msg.type === 'bp-ready') readyResolve();
      else if (msg.type === 'bp-metrics') this.metricsListeners.forEach((fn) => fn(msg.metrics));
      else if (msg.type === 'bp-result' && this.pending.has(msg.id)) {
        const { resolve, reject } = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if ('error' in msg) reject(new Error(msg.error));
        else resolve(msg.result);
      }
    });
    // A page that loaded before this object was made has already said it is ready: ask.
    this.call('frames').then(() => readyResolve(), () => {});
  }

  call(method, ...args) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.iframe.contentWindow.postMessage({ type: 'bp-call', id, method, args }, this.origin);
    });
  }

  onMetrics(listener, { interval = 250 } = {}) {
    this.metricsListeners.push(listener);
    return this.call('subscribe', { interval });
  }
}
if (typeof module !== 'undefined') module.exports = { BpEmbed };
