// Injected at the top of a copy of a page (RenderCheck.cs): records errors from the start, then, once the page has loaded and
// plotly.js has had time to draw (and to give up: Figure's fallback appears after 10 s), inspects what the browser actually
// rendered and writes its findings as JSON into a hidden pre element (id nk-check), which the test reads from Chromium's dumped DOM.
(function () {
  'use strict';
  var errors = [];
  var short = function (text) { text = String(text); return text.length > 160 ? text.slice(0, 160) + '…' : text; };

  // Capture phase: a failed <img>/<script>/<link> load fires 'error' on the element, which does not bubble.
  window.addEventListener('error', function (e) {
    var t = e.target;
    if (t && t !== window && t.tagName) errors.push('failed to load <' + t.tagName.toLowerCase() + '> ' + short(t.src || t.href || t.currentSrc || ''));
    else errors.push('script error: ' + e.message + ' at ' + short(e.filename) + ':' + e.lineno);
  }, true);
  window.addEventListener('unhandledrejection', function (e) {
    errors.push('unhandled rejection: ' + short(e.reason && e.reason.message || e.reason));
  });
  var consoleError = console.error;
  console.error = function () {
    errors.push('console.error: ' + short(Array.prototype.map.call(arguments, String).join(' ')));
    return consoleError.apply(console, arguments);
  };

  // A mark the browser really drew: a path with geometry or an image with content.
  function drawn(element) {
    if (element.tagName === 'image') return (element.getAttribute('href') || element.getAttribute('xlink:href') || '').length > 30;
    var d = element.getAttribute('d') || '';
    if (d.length < 3 || d === 'M0,0Z') return false;
    var box = element.getBBox();
    return box.width > 0 || box.height > 0;
  }

  function figure(plot) {
    var found = { id: plot.id, title: '', svg: !!plot.querySelector('svg.main-svg'), traces: [], problems: [] };
    var layout = plot._fullLayout;
    if (layout && layout.title && layout.title.text) found.title = String(layout.title.text);
    if (!found.svg || !plot._fullData) {
      found.problems.push('plotly.js never drew it' + (plot.textContent ? ': "' + short(plot.textContent) + '"' : ''));
      return found;
    }
    // plotly binds each drawn trace group to its calcdata, whose trace knows its index in the figure.
    var marks = {};
    plot.querySelectorAll('g.trace, g.hm').forEach(function (group) {
      var trace = group.__data__ && group.__data__[0] && group.__data__[0].trace;
      if (!trace) return;
      var count = Array.prototype.filter.call(group.querySelectorAll('path, image'), drawn).length;
      marks[trace.index] = (marks[trace.index] || 0) + count;
    });
    plot._fullData.forEach(function (trace) {
      if (trace.visible !== true) return;
      var entry = { index: trace.index, type: trace.type, name: String(trace.name || ''), marks: marks[trace.index] || 0 };
      found.traces.push(entry);
      if (entry.marks === 0) found.problems.push('trace ' + entry.index + ' (' + entry.type + ' "' + entry.name + '") drew no data points');
    });
    if (found.traces.length === 0) found.problems.push('it has no visible trace');
    return found;
  }

  function graph(svg) {
    var found = { title: svg.querySelector('title') ? svg.querySelector('title').textContent : '', layers: [], edges: [], problems: [] };
    var names = {};
    svg.querySelectorAll('g.layer').forEach(function (box) {
      var name = box.getAttribute('data-name') || '';
      var size = (box.querySelector('rect') || box).getBBox();
      found.layers.push(name);
      names[name] = true;
      if (!(size.width > 0 && size.height > 0)) found.problems.push('layer box "' + name + '" has no size');
      if (!box.textContent.trim()) found.problems.push('layer box "' + name + '" has no label');
    });
    svg.querySelectorAll('path.edge').forEach(function (edge) {
      var from = edge.getAttribute('data-from') || '', to = edge.getAttribute('data-to') || '';
      found.edges.push([from, to]);
      if (!names[from] || !names[to]) found.problems.push('edge ' + from + ' -> ' + to + ' does not join two drawn boxes');
      if (!(edge.getTotalLength() > 0)) found.problems.push('edge ' + from + ' -> ' + to + ' has no length');
    });
    return found;
  }

  function image(img, index) {
    var found = { index: index, alt: img.getAttribute('alt') || '', nkImage: img.classList.contains('nk-image'), width: img.naturalWidth, height: img.naturalHeight, problems: [] };
    if (!img.complete || img.naturalWidth === 0) {
      found.problems.push('it did not load');
      return found;
    }
    if (!found.nkImage) return found;
    // Non-blank: some pixel differs from the first one (scaled down: a difference that survives is a visible one).
    var scale = Math.min(1, 256 / Math.max(img.naturalWidth, img.naturalHeight));
    var canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale));
    var context = canvas.getContext('2d');
    context.drawImage(img, 0, 0, canvas.width, canvas.height);
    try {
      var pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      var varied = false;
      for (var i = 4; i < pixels.length && !varied; i++) varied = pixels[i] !== pixels[i % 4];
      if (!varied) found.problems.push('it is blank (every pixel is the same)');
    } catch (e) {
      found.problems.push('its pixels cannot be read: ' + e.message);
    }
    return found;
  }

  function check() {
    // Collapsed sections (a model's graph) are not laid out; open them so their contents are measured and in the screenshot.
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
    var report = {
      figures: Array.prototype.map.call(document.querySelectorAll('.nk-plotly'), figure),
      graphs: Array.prototype.filter.call(document.querySelectorAll('svg'), function (svg) { return svg.querySelector('g.layer'); }).map(graph),
      images: Array.prototype.map.call(document.querySelectorAll('img'), image),
      fallbacks: document.body.innerText.split('needs plotly.js').length - 1,
      // A report opens offline: any fetch beyond the page itself (and data: URIs) is a defect, failed or not.
      requests: performance.getEntriesByType('resource').map(function (r) { return r.name; })
        .filter(function (url) { return !/^(data|blob|about):/.test(url); }).map(short),
      errors: errors,
      height: Math.max(document.documentElement.scrollHeight, document.body.scrollHeight),
    };
    var pre = document.createElement('pre');
    pre.id = 'nk-check';
    pre.hidden = true;
    pre.textContent = JSON.stringify(report);
    document.body.appendChild(pre);
  }

  window.addEventListener('load', function () { setTimeout(check, __WAIT_MS__); });
})();
