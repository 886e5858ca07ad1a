// Glue between the page and the C++ app: the Emscripten Module settings, a visible
// message when the app cannot start, window.bp / window.bpReady for pages and tests, the
// address bar's hash, and the postMessage bridge a course page uses to drive this page
// in an iframe (the same verbs as window.bp; metrics events on request).
'use strict';
(function () {
  const status = document.getElementById('status');
  const fail = (text) => { status.style.display = 'flex'; status.textContent = text; };

  // What the page says before the app (and its message tables, assets/messages/) has loaded,
  // in the language the app will choose: lang= in the hash, else the browser's first of
  // en, es, ru, else English. window.bpPageLanguage(code) follows a later change. The texts
  // for a browser that cannot run the app live here, and only here: the message tables are
  // compiled into the WASM, which such a browser cannot run.
  const PAGE_TEXT = {
    en: { title: 'Backprop Playground', loading: 'Loading the playground\u2026',
          noWebgl: 'The playground needs WebGL2, which this browser did not provide: it may be turned off in its settings (hardware acceleration), or not offered for this graphics card. Another browser may have it.',
          noSimd: 'The playground needs WebAssembly with SIMD, which this browser does not support. Chrome or Edge 91, Firefox 89, Safari 16.4 (iOS 16.4) and newer versions have it.',
          stopped: 'The playground stopped: ',
          canvas: 'Backprop Playground. Keys: Space play or pause, S step, R reset, L lessons, G graph lab or back; in the graph lab F forward step, B backward step; arrow keys move between the controls; Tab goes on to the accessible controls.' },
    es: { title: 'Backprop Playground: laboratorio de backpropagation', loading: 'Cargando el laboratorio\u2026',
          noWebgl: 'El laboratorio necesita WebGL2, y este navegador no lo ofrece: puede estar desactivado en su configuración (aceleración por hardware) o no estar disponible para esta tarjeta gráfica. Otro navegador puede tenerlo.',
          noSimd: 'El laboratorio necesita WebAssembly con SIMD, que este navegador no admite. Lo tienen Chrome o Edge 91, Firefox 89, Safari 16.4 (iOS 16.4) y sus versiones posteriores.',
          stopped: 'El laboratorio se detuvo: ',
          canvas: 'Backprop Playground. Teclas: Espacio entrena o pausa, S un paso, R reinicia, L lecciones, G el laboratorio de grafos o vuelta; en el laboratorio de grafos F un paso adelante, B un paso atrás; las flechas recorren los controles; Tab pasa a los controles accesibles.' },
    ru: { title: 'Backprop Playground: лаборатория backpropagation', loading: 'Загрузка лаборатории\u2026',
          noWebgl: 'Лаборатории нужен WebGL2, а этот браузер его не предоставил: он может быть отключён в настройках (аппаратное ускорение) или недоступен для этой видеокарты. В другом браузере он может быть.',
          noSimd: 'Лаборатории нужен WebAssembly с SIMD, а этот браузер его не поддерживает. Он есть в Chrome и Edge 91, Firefox 89, Safari 16.4 (iOS 16.4) и более новых версиях.',
          stopped: 'Лаборатория остановилась: ',
          canvas: 'Backprop Playground. Клавиши: Пробел — пуск или пауза, S — шаг, R — сброс, L — уроки, G — лаборатория графов и обратно; в лаборатории графов F — шаг прохода вперёд, B — шаг прохода назад; стрелки переходят между элементами управления; Tab ведёт к доступным элементам управления.' },
  };
  const hashLang = (new URLSearchParams(location.hash.slice(1))).get('lang');
  const browserLang = (navigator.languages || [navigator.language || ''])
    .map((tag) => String(tag).split(/[-_]/)[0].toLowerCase()).find((code) => code in PAGE_TEXT);
  let pageText = PAGE_TEXT[hashLang in PAGE_TEXT ? hashLang : browserLang || 'en'];
  window.bpPageLanguage = (code) => {
    if (!(code in PAGE_TEXT)) return;
    pageText = PAGE_TEXT[code];
    document.documentElement.lang = code;
    document.title = pageText.title;
    document.getElementById('canvas').setAttribute('aria-label', pageText.canvas);
  };
  window.bpPageLanguage(Object.keys(PAGE_TEXT).find((code) => PAGE_TEXT[code] === pageText));
  status.textContent = pageText.loading;
  let resolveReady, rejectReady;
  window.bpReady = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });

  // Calls an exported C function and parses the JSON text it returns.
  const json = (name, ...args) => JSON.parse(Module.UTF8ToString(Module['_' + name](...args)));
  const withString = (name, text) => JSON.parse(Module.ccall(name, 'string', ['string'], [String(text)]));
  const text = (name) => Module.UTF8ToString(Module['_' + name]());
  const textWith = (name, arg) => Module.ccall(name, 'string', ['string'], [String(arg)]);

  function makeApi() {
    return {
      getState: () => json('bp_get_state'),
      getHash: () => text('bp_get_hash'),
      // An object of settings, or a hash string "dataset=spiral&lr=0.1"; returns warnings.
      setState: (state) => {
        const warnings = withString('bp_set_state', typeof state === 'string' ? state.replace(/^#/, '') : JSON.stringify(state));
        loadLessonSrc();  // a lesson_src it set is fetched and opens when it arrives
        return warnings;
      },
      // A text of the app's message tables (assets/messages/) in the page's language, its {name}
      // slots filled from `args`: text('controls.reset') is what the Reset button says.
      text: (key, args = {}) => Module.ccall('bp_text', 'string', ['string', 'string'], [String(key), JSON.stringify(args)]),
      messages: () => json('bp_messages'),  // what the message bar shows (rejected settings)
      callouts: () => json('bp_callouts'),  // what the callouts panel shows: [{rule, level, text}]
      // The notation card: {title, lines, open} in the page's language; notation(true) opens it.
      notation: (open = false) => json('bp_notation', open ? 1 : 0),
      play: () => Module._bp_play(),  // as the Play button: after a divergence restarts, at the stop epoch continues
      pause: () => Module._bp_pause(),
      playing: () => Module._bp_playing() !== 0,
      step: (n = 1) => Module._bp_step(Math.max(0, Math.floor(Number(n) || 0))),
      reset: () => Module._bp_reset(),
      metrics: () => json('bp_metrics'),
      frameStats: () => json('bp_frame_stats'),
      frames: () => Module._bp_frames(),      // frames drawn: one whose picture equals the shown one is not
      updates: () => Module._bp_updates(),    // the app's frames, drawn or not
      renderer: () => json('bp_renderer'),    // {name, software}: the GL renderer, a software rasterizer or not
      pixelRatio: () => Module._bp_pixel_ratio(),
      outputRect: () => json('bp_output_rect'),  // [x, y, width, height] in CSS pixels
      panels: () => json('bp_drawn_panels'),      // [{panel, rect, visible}] drawn last frame, CSS pixels, any layout
      toolbar: () => json('bp_toolbar_items'),    // [{item, rect}] of the toolbar, last frame
      targets: () => json('bp_targets'),          // [{label, rect, visible}] every control of the last frame
      clipped: () => json('bp_clipped'),          // [{kind, where, rect, clip}] cut off or overlapping, last frame
      exportCsv: () => text('bp_export_csv'),
      // Replaces the data with a CSV's points; returns '' or the error (data unchanged).
      importCsv: (csv) => textWith('bp_import_csv', csv),
      exportConfig: () => text('bp_export_config'),  // JSON text
      importConfig: (cfg) => withString('bp_import_config', typeof cfg === 'string' ? cfg : JSON.stringify(cfg)),
      exportHistory: () => text('bp_export_history'),  // loss history CSV
      exportWeights: () => text('bp_export_weights'),  // weights JSON text
      importWeights: (w) => textWith('bp_import_weights', typeof w === 'string' ? w : JSON.stringify(w)),
      savePng: () => Module._bp_save_png(),            // downloads playground.png after this frame
      lessons: makeLessonApi(),
      records: {
        export: () => text('bp_records_export'),  // the run record as text (what Files > Hand in saves)
        handIn: () => Module._bp_records_hand_in(),  // as Files > Hand in: downloads record-....json
        // Replays a record in the page: {ok, code (0 verified, 1 differs, 2 unreadable or another build), reason, notes, metrics}.
        verify: (record) => withString('bp_records_verify', typeof record === 'string' ? record : JSON.stringify(record)),
        // Kept runs, in this browser: keep() the run now (its id; 0 when too large to keep), list()
        // them, compare(ids) overlays one to four on the loss plot ('' or the problem; [] clears),
        // compared() what it shows ({ids, labels, differences, curves}), open(id) reopens one ('' or
        // the problem), remove(id); message() the last outcome (a run kept, dropped, reopened).
        keep: () => Module._bp_kept_keep(),
        list: () => json('bp_kept_state').runs,
        compare: (ids) => textWith('bp_kept_compare', JSON.stringify(ids)),
        compared: () => {
          const s = json('bp_kept_state');
          return { ids: s.compared, labels: s.curves.map((c) => c.label), differences: s.differences, curves: s.curves };
        },
        open: (id) => Module.ccall('bp_kept_open', 'string', ['number'], [Number(id)]),
        remove: (id) => Module._bp_kept_remove(Number(id)) === 1,
        message: () => json('bp_kept_state').message,
      },
      class: {
        // Adds a handed-in record (its text) as a row of the class view, replayed over the next frames.
        add: (record, file = '') => Module.ccall('bp_class_add', null, ['string', 'string'],
          [String(file || `record ${window.bp.class.table().length + 1}`), typeof record === 'string' ? record : JSON.stringify(record)]),
        // The rows as shown: [{file, verified (null while it replays), reason, lesson, epoch, train_loss, test_loss, train_acc, test_acc, differences, selected}]
        table: () => json('bp_class_table'),
        progress: () => Module._bp_class_progress(),  // 0 to 1 over every row
        // The task (or lesson) file the records were made in: every row replays again against it. '' or the problem.
        setTask: (task) => textWith('bp_class_set_task', typeof task === 'string' ? task : JSON.stringify(task)),
        sort: (key, descending = false) => Module.ccall('bp_class_sort', 'number', ['string', 'number'], [String(key), descending ? 1 : 0]) === 1,
        select: (row, on = true) => Module._bp_class_select(Number(row), on ? 1 : 0),  // its curve under the table
        csv: () => text('bp_class_csv'),  // the table as CSV, as Save as CSV writes it
      },
      buildId: () => text('bp_build_id'),  // the build id records carry (Files menu, `bp verify`)
      memory: () => json('bp_memory'),  // {heapBytes, mallocInUse} (wasm/memory_api.cpp)
      graph: makeGraphApi(),
      layers: makeLayersApi(),
      landscape: makeLandscapeApi(),
    };
  }

  // window.bp.landscape: the Landscape tab (wasm/landscape_api.cpp).
  function makeLandscapeApi() {
    return {
      open: () => Module._bp_landscape_open(),  // shows the tab from the next frame
      // {directions: 'random' | 'path', range, resolution} (any of them): '' or the problems, one a line
      // (a refused value keeps the old one); a new slice begins.
      set: (o) => {
        const m = Object.assign({}, o);
        if ('directions' in m) m.direction = m.directions, delete m.directions;
        return Module.ccall('bp_landscape_set', 'string', ['string'], [JSON.stringify(m)]);
      },
      // {grid (row-major: grid[j * n + i] at a[i], b[j]; null until computed), axes: {a, b}, centreLoss,
      //  path: [[a, b, loss]], directions: {d1, d2} (the weights file's shape), kind, fallback, range,
      //  resolution, complete, progress}
      state: (options = {}) => json('bp_landscape_state', options.brief ? 1 : 0),  // {brief: true}: no grid, path or directions
      lrLine: () => json('bp_landscape_lr_line'),    // [{eta, loss}]; [] before it was computed
      lrMarks: (options = {}) => json('bp_landscape_lr_marks', options.now === false ? 0 : 1),  // {ready, lr, lossAtLr, loss0, bestEta}
      // 2 to 4 changes of the run's settings (['optimizer=sgd', {optimizer: 'adam'}]), each a copy of the run
      // from its start weights, trained side by side: '' or the problem (nothing changed).
      race: (configs) => Module.ccall('bp_landscape_race', 'string', ['string'], [JSON.stringify(configs)]),
      raceState: () => json('bp_landscape_race_state'),  // {running, runs: [{label, config, epoch, losses, path: [[a, b, loss]]}]}
    };
  }

  function makeLessonApi() {
    return {
      list: () => json('bp_lessons'),  // [{id, title, epochs, variants: [label], loaded, task}]
      // Opens a lesson's own set-up (variant -1) or a variant's; returns '' or the problem.
      open: (id, variant = -1) => {
        const v = Math.floor(Number(variant));
        return Module.ccall('bp_lesson_open', 'string', ['string', 'number'],
          [String(id), Number.isFinite(v) ? Math.max(-2, Math.min(1000, v)) : -2]);
      },
      // A lesson or task file's text (or its object), read as `bp lesson --file` reads it, kept
      // beside the shipped lessons and opened; returns '' or the reader's message (then shown in
      // the message bar too, and nothing changes).
      load: (lesson) => Module.ccall('bp_lesson_load', 'string', ['string', 'string'],
        [typeof lesson === 'string' ? lesson : JSON.stringify(lesson === undefined ? null : lesson), '']),
      checks: () => json('bp_lesson_checks'),  // {lesson, variant, epochs, checks: [{metric, value, passed, text, sentence}]}
      // What the lesson panel shows: {lesson, variant, epoch, budget, checked, stopped, note, checks,
      // task: {allow, maxUnits, maxLayers, maxEpochs} or null, goalMet, refused: the last edit the task refused}
      status: () => json('bp_lesson_status'),
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
      svg: () => text('bp_graph_svg'),
      downloadSvg: () => text('bp_graph_download_svg'),  // as the UI's button
      // The canvas as last drawn, in CSS pixels: {zoom, panX, panY, textPx, fit, valuesShown,
      // labelsOn, canvas: [x, y, w, h], nodes: [{id, rect}], labels: [rect]}. zoom 1 = 16 px text.
      view: () => json('bp_graph_view'),
      fit: () => Module._bp_graph_fit(),  // the whole graph in the canvas, from the next frame
      showLabels: (on) => Module._bp_graph_show_labels(on ? 1 : 0),  // edge labels on/off, then fit
      // Zooms by factor keeping the point (x, y) (CSS pixels, default the canvas centre) in place.
      zoom: (factor, x = -1, y = -1) => Module._bp_graph_zoom(Number(factor), Number(x), Number(y)),
    };
  }

  // window.bp.layers: the layer view (wasm/layers_api.cpp).
  function makeLayersApi() {
    const call = (name, arg) => Module.ccall(name, 'string', ['number'], [arg]);
    return {
      // Opens the training step on a training point's index (batch 1) or on 'batch' (the next
      // mini-batch), pausing training; returns '' or the problem (nothing changes then).
      open: (pointOrBatch) => {
        if (pointOrBatch === 'batch') return call('bp_layers_open', -1);
        const n = Number(pointOrBatch);
        if (!Number.isInteger(n) || n < 0 || n > 2147483647) {
          return `point '${pointOrBatch}': expected the index of a training point (0, 1, ...) or 'batch'`;
        }
        return call('bp_layers_open', n);
      },
      // {mode, recordings, replays, bytesHeld, open, point, batch, examples, phase, forwardDone,
      //  backwardDone, current, stale, nodes: [{id, op, label, formula, shape, inputs, layer, value,
      //  grad, rule, edgeRules}], update}; value/grad row-major in the notes' shapes, null until reached.
      state: () => json('bp_layers_state'),
      forwardStep: () => Module._bp_layers_forward_step() !== 0,    // false when complete
      backwardStep: () => Module._bp_layers_backward_step() !== 0,  // finishes the forward pass first
      runAll: () => Module._bp_layers_run_all(),
      reset: () => Module._bp_layers_reset(),
      sgdStep: () => text('bp_layers_sgd_step'),    // the run's own update; '' or the problem
      nextStep: () => text('bp_layers_next_step'),  // records the step again on the current weights
      // 'static' or 'dynamic': the live run's tape mode; '' or the problem.
      setMode: (mode) => Module.ccall('bp_layers_set_mode', 'string', ['string'], [String(mode)]),
      check: (nodeId) => json('bp_layers_check', Math.floor(Number(nodeId)) | 0),  // {node, relativeError} or {error}
      // The canvas as last drawn, in CSS pixels: {zoom, panX, panY, textPx, fit, rows, canvas: [x, y, w, h],
      // nodes: [{id, rect}], cells: [rect]} (cells: the heatmap cells with a number printed in them).
      view: () => json('bp_layers_view'),
      fit: () => Module._bp_layers_fit(),  // the whole network in the canvas (wrapped into rows), from the next frame
      zoom: (factor, x = -1, y = -1) => Module._bp_layers_zoom(Number(factor), Number(x), Number(y)),
    };
  }

  // lesson_src= in the settings (a link, setState): the page fetches that lesson file, relative
  // to the page or an absolute address whose host allows it (CORS), and opens it; a file that
  // cannot be fetched or read is said in the message bar. Each address is fetched once.
  let lessonSrcLoaded = '';
  async function loadLessonSrc() {
    const src = window.bp ? window.bp.getState().lesson_src || '' : '';
    if (src === lessonSrcLoaded) return;
    lessonSrcLoaded = src;
    if (!src) return;
    let text;
    try {
      const response = await fetch(new URL(src, location.href), { cache: 'no-cache' });
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
      text = await response.text();
    } catch (e) {
      Module.ccall('bp_lesson_src_failed', null, ['string', 'string'], [src, String(e && e.message || e)]);
      return;
    }
    Module.ccall('bp_lesson_load', 'string', ['string', 'string'], [text, src]);
  }

  // A lesson or task file dropped on the page opens as one (the Files menu's "Open a lesson").
  window.addEventListener('dragover', (event) => event.preventDefault());
  window.addEventListener('drop', async (event) => {
    event.preventDefault();
    const file = event.dataTransfer && event.dataTransfer.files[0];
    if (file && window.bp) window.bp.lessons.load(await file.text());
  });

  // postMessage bridge. A parent page sends {type: 'bp-call', id, method, args}; method is a
  // window.bp verb ('setState', 'lessons.open', 'graph.set', ...). It gets back
  // {type: 'bp-result', id, result} or {type: 'bp-result', id, error}. 'subscribe' (args:
  // [{interval: ms}]) starts {type: 'bp-metrics', metrics} events whenever the epoch or the
  // step count moved; 'unsubscribe' stops them. {type: 'bp-ready'} is sent once on load.
  // Who may ask: a page of this page's own origin, every verb; a page of another origin (or
  // a sandboxed one, origin 'null') only CROSS_ORIGIN_VERBS: the settings, play and step,
  // metrics, lessons, graph and layer stepping. Not the run's files, downloads or imports
  // (nor records or a class table): a refused verb answers with an error naming it, whether
  // or not it exists.
  const CROSS_ORIGIN_VERBS = new Set([
    'getState', 'getHash', 'setState', 'text', 'messages', 'callouts', 'notation',
    'play', 'pause', 'playing', 'step', 'reset',
    'metrics', 'subscribe', 'unsubscribe', 'frames', 'updates', 'frameStats',
    'lessons.list', 'lessons.open', 'lessons.load', 'lessons.checks', 'lessons.status',
    'graph.set', 'graph.forwardStep', 'graph.backwardStep', 'graph.runAll', 'graph.reset', 'graph.setAlgorithm',
    'graph.state', 'graph.svg', 'graph.view', 'graph.fit', 'graph.showLabels', 'graph.zoom',
    'layers.open', 'layers.state', 'layers.forwardStep', 'layers.backwardStep', 'layers.runAll', 'layers.reset',
    'layers.sgdStep', 'layers.nextStep', 'layers.setMode', 'layers.check', 'layers.view', 'layers.fit', 'layers.zoom',
    'landscape.open', 'landscape.set', 'landscape.state', 'landscape.lrLine', 'landscape.lrMarks', 'landscape.race', 'landscape.raceState',
  ]);
  const mayCall = (origin, method) =>
    (origin !== 'null' && origin === location.origin) || CROSS_ORIGIN_VERBS.has(String(method));
  const own = (o, key) => (o && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined);
  function resolveMethod(api, method) {
    const path = String(method).split('.');
    const owner = path.length === 2 ? own(api, path[0]) : path.length === 1 ? api : undefined;
    const fn = typeof owner === 'object' ? own(owner, path[path.length - 1]) : undefined;
    return typeof fn === 'function' ? fn : null;
  }

  const subscribers = new Map();  // window -> {origin, timer, last}
  function subscribe(source, origin, { interval = 250 } = {}) {
    unsubscribe(source);
    const sub = { origin, last: '' };
    sub.timer = setInterval(() => {
      const m = window.bp.metrics();
      const key = m.epoch + ':' + m.steps;
      if (key === sub.last) return;
      sub.last = key;
      source.postMessage({ type: 'bp-metrics', metrics: m }, origin);
    }, Math.max(50, Number(interval) || 250));
    subscribers.set(source, sub);
  }
  function unsubscribe(source) {
    const sub = subscribers.get(source);
    if (sub) clearInterval(sub.timer);
    subscribers.delete(source);
  }

  window.addEventListener('message', async (event) => {
    const msg = event.data;
    if (!msg || msg.type !== 'bp-call' || !event.source) return;
    const origin = event.origin === 'null' ? '*' : event.origin;  // a sandboxed or file:// page
    const reply = (body) => event.source.postMessage({ type: 'bp-result', id: msg.id, ...body }, origin);
    try {
      if (!mayCall(event.origin, msg.method)) {
        return reply({ error: `method '${msg.method}' is not open to a page of another origin (${event.origin})` });
      }
      const api = await window.bpReady;
      const args = Array.isArray(msg.args) ? msg.args : [];
      if (msg.method === 'subscribe') return reply({ result: subscribe(event.source, origin, args[0]) });
      if (msg.method === 'unsubscribe') return reply({ result: unsubscribe(event.source) });
      const fn = resolveMethod(api, msg.method);
      if (!fn) return reply({ error: `unknown method '${msg.method}'` });
      reply({ result: fn(...args) });
    } catch (e) {
      reply({ error: String(e && e.message || e) });
    }
  });

  // The address bar: the app rewrites the hash as settings change (wasm/main.cpp); a hash
  // the user types in (or goes back to) is loaded, with its problems in the message bar.
  window.addEventListener('hashchange', () => {
    if (!window.bp) return;
    Module.ccall('bp_hash_changed', null, ['string'], [location.hash]);
    loadLessonSrc();
  });

  // Used by the app's buttons (wasm/main.cpp).
  window.bpDownload = (name, body, mime) => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(body instanceof Blob ? body : new Blob([body], { type: mime }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  // Several files at once (the class view's records): each one's name and text.
  window.bpPickFiles = (accept) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = true;
    input.onchange = async () => {
      for (const file of input.files) Module.ccall('bp_files_opened', null, ['string', 'string'], [file.name, await file.text()]);
    };
    input.click();
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
  // Called right after a frame is drawn, while the canvas still holds its pixels.
  window.bpSaveCanvas = (name) => Module.canvas.toBlob((blob) => blob && window.bpDownload(name, blob, 'image/png'), 'image/png');
  window.bpCopyText = (value) => {
    const fallback = () => {
      const area = document.createElement('textarea');
      area.value = value;
      document.body.appendChild(area);
      area.select();
      try { document.execCommand('copy'); } catch (e) { /* the link is shown in the app too */ }
      area.remove();
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(value).catch(fallback);
    else fallback();
  };

  window.Module = {
    canvas: document.getElementById('canvas'),
    print: (line) => console.log(line),
    printErr: (line) => console.warn(line),
    onFirstFrame: () => {
      window.bpFirstFrameMs = performance.now();  // since navigation started (scripts/bundle-report.js)
      status.style.display = 'none';
      window.bp = makeApi();
      resolveReady(window.bp);
      loadLessonSrc();
      if (window.parent !== window) window.parent.postMessage({ type: 'bp-ready' }, '*');
      // Offline next time (web/sw.js); a sandboxed frame or file:// may refuse, which is fine.
      if ('serviceWorker' in navigator && location.protocol.startsWith('http'))
        navigator.serviceWorker.register('sw.js').catch(() => {});
    },
    onStartFailed: () => {
      fail(pageText.noWebgl);
      rejectReady(new Error('WebGL2 context could not be created'));
    },
    onAbort: (what) => { fail(pageText.stopped + what); rejectReady(new Error(String(what))); },
  };

  // The app is compiled for WebAssembly SIMD and draws with WebGL2: checked before its files
  // are fetched, so a browser without them is told so in its language (README: Browsers).
  if (!hasWasmSimd()) {
    fail(pageText.noSimd);
    rejectReady(new Error('no WebAssembly SIMD'));
  } else if (!hasWebgl2()) {
    window.Module.onStartFailed();
  } else {
    const script = document.createElement('script');
    script.src = 'playground.js';
    script.async = true;
    document.body.appendChild(script);
  }

  // A module of one function using v128 (i8x16.splat, i8x16.popcnt): valid only with SIMD.
  function hasWasmSimd() {
    const probe = [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11];
    try {
      return typeof WebAssembly === 'object' && WebAssembly.validate(new Uint8Array(probe));
    } catch (e) {
      return false;
    }
  }
  function hasWebgl2() {
    try {
      const gl = document.createElement('canvas').getContext('webgl2');
      const lose = gl && gl.getExtension('WEBGL_lose_context');
      if (lose) lose.loseContext();  // the app makes its own context; this one is let go at once
      return !!gl;
    } catch (e) {
      return false;
    }
  }
})();
