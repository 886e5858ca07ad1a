// Glue between the page and the C++ app: the Emscripten Module settings, a visible
// message when the app cannot start, and window.bp / window.bpReady for pages and tests.
'use strict';
(function () {
  const status = document.getElementById('status');
  const fail = (text) => { status.style.display = 'flex'; status.textContent = text; };
  let resolveReady, rejectReady;
  window.bpReady = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });

  // Calls an exported C function and parses the JSON text it returns.
  const json = (name, ...args) => JSON.parse(Module.UTF8ToString(Module['_' + name](...args)));
  const withString = (name, text) => JSON.parse(Module.ccall(name, 'string', ['string'], [text]));

  function makeApi() {
    return {
      getState: () => json('bp_get_state'),
      getHash: () => Module.UTF8ToString(Module._bp_get_hash()),
      // An object of settings, or a hash string "dataset=spiral&lr=0.1"; returns warnings.
      setState: (state) => withString('bp_set_state',
        typeof state === 'string' ? state.replace(/^#/, '') : JSON.stringify(state)),
      play: () => Module._bp_play(),
      pause: () => Module._bp_pause(),
      playing: () => Module._bp_playing() !== 0,
      step: (n = 1) => Module._bp_step(Math.max(0, Math.floor(Number(n) || 0))),
      reset: () => Module._bp_reset(),
      metrics: () => json('bp_metrics'),
      frameStats: () => json('bp_frame_stats'),
      frames: () => Module._bp_frames(),
      pixelRatio: () => Module._bp_pixel_ratio(),
      outputRect: () => json('bp_output_rect'),  // [x, y, width, height] in CSS pixels
      exportCsv: () => Module.UTF8ToString(Module._bp_export_csv()),
      // Replaces the data with a CSV's points; returns '' or the error (data unchanged).
      importCsv: (text) => Module.ccall('bp_import_csv', 'string', ['string'], [String(text)]),
      memory: () => json('bp_memory'),  // {heapBytes, mallocInUse} (wasm/memory_api.cpp)
      graph: makeGraphApi(),
    };
  }

  // window.bp.graph: the graph lab (wasm/graph_api.cpp).
  function makeGraphApi() {
    return {
      // Sets the formula and {name: value} for its variables; returns the problems (messages
      // naming what and where), [] when all went well. On a bad formula the old graph stays.
      set: (formula, vars = {}) => JSON.parse(Module.ccall('bp_graph_set', 'string', ['string', 'string'],
        [String(formula), JSON.stringify(vars || {})])),
      forwardStep: () => Module._bp_graph_forward_step() !== 0,    // false when complete
      backwardStep: () => Module._bp_graph_backward_step() !== 0,  // finishes the forward pass first
      runAll: () => Module._bp_graph_run_all(),
      reset: () => Module._bp_graph_reset(),
      // 'iterative' or 'recursive'; returns '' or what is wrong with the name.
      setAlgorithm: (name) => {
        if (name !== 'iterative' && name !== 'recursive') return `algorithm '${name}': expected iterative or recursive`;
        Module._bp_graph_set_algorithm(name === 'recursive' ? 1 : 0);
        return '';
      },
      // {formula, nodes: [{id, op, label, inputs, value, grad, forwardDone, backwardDone,
      //  contributions}], output, gradients: {name: grad}, order, ...}; null = not reached yet.
      state: () => json('bp_graph_state'),
      svg: () => Module.UTF8ToString(Module._bp_graph_svg()),
      downloadSvg: () => Module.UTF8ToString(Module._bp_graph_download_svg()),  // as the UI's button
    };
  }

  // Used by the app's file buttons (wasm/main.cpp).
  window.bpDownload = (name, text, mime) => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: mime }));
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  window.bpPickFile = (accept) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.onchange = async () => {
      if (!input.files.length) return;
      Module.ccall('bp_file_opened', null, ['string'], [await input.files[0].text()]);
    };
    input.click();
  };

  window.Module = {
    canvas: document.getElementById('canvas'),
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    onFirstFrame: () => {
      status.style.display = 'none';
      window.bp = makeApi();
      resolveReady(window.bp);
    },
    onStartFailed: () => {
      fail('The playground needs WebGL2, which this browser did not provide.');
      rejectReady(new Error('WebGL2 context could not be created'));
    },
    onAbort: (what) => { fail('The playground stopped: ' + what); rejectReady(new Error(String(what))); },
  };
})();
