// Glue between the page and the C++ app: the Emscripten Module settings, a visible
// message when the app cannot start, and window.bp / window.bpReady for pages and tests.
'use strict';
(function () {
  const status = document.getElementById('status');
  const fail = (text) => { status.style.display = 'flex'; status.textContent = text; };
  let resolveReady, rejectReady;
  window.bpReady = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });

  window.Module = {
    canvas: document.getElementById('canvas'),
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    onFirstFrame: () => {
      status.style.display = 'none';
      window.bp = {
        frames: () => Module._bp_frames(),
        pixelRatio: () => Module._bp_pixel_ratio(),
      };
      resolveReady(window.bp);
    },
    onStartFailed: () => {
      fail('The playground needs WebGL2, which this browser did not provide.');
      rejectReady(new Error('WebGL2 context could not be created'));
    },
    onAbort: (what) => { fail('The playground stopped: ' + what); rejectReady(new Error(String(what))); },
  };
})();
