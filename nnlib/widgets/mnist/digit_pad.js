/* The digit pad (issue 22): draw a digit, see it as MNIST's 28x28 input, and the ten
   probabilities of the book's network, computed here in float64. No dependencies.
   nnlib/widgets/mnist/pad.py inlines this file into the pad's HTML; the same algorithms in
   numpy: nnlib/widgets/mnist/preprocess.py and nnlib.mlp.MLP (tests/site/test_digit_pad.py). */
(function () {
  "use strict";
  if (!window.NNDigitPad) {
    var N = 280, PEN = 0.08, BOX = 20, SIZE = 28, CENTRE = 14;  // ink canvas, pen width / side

    // --- the network: decode the exported weights, then the forward pass ----------------
    function bytes(b64) {
      var s = atob(b64), out = new Uint8Array(s.length);
      for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
      return out;
    }
    function half(u) {  // IEEE binary16 -> double, exactly
      var sign = u >> 15 ? -1 : 1, e = (u >> 10) & 31, f = u & 1023;
      if (e === 0) return sign * f * Math.pow(2, -24);
      if (e === 31) return f ? NaN : sign * Infinity;
      return sign * (1 + f / 1024) * Math.pow(2, e - 15);
    }
    function decode(spec) {  // {layers: [{shape, dtype, W (base64), scale?, b}]} -> float64
      return spec.layers.map(function (layer) {
        var raw = bytes(layer.W), m = layer.shape[0], n = layer.shape[1];
        var W = new Float64Array(m * n);
        for (var i = 0; i < m; i++) {
          for (var j = 0; j < n; j++) {
            var k = i * n + j;
            W[k] = layer.dtype === "int8" ? ((raw[k] << 24) >> 24) * layer.scale[i]
                                          : half(raw[2 * k] | (raw[2 * k + 1] << 8));
          }
        }
        return {W: W, b: Float64Array.from(layer.b), m: m, n: n};
      });
    }
    function forward(layers, x) {  // h = relu(W h + b) per hidden layer; p = softmax(W h + b)
      var a = x;
      layers.forEach(function (L, l) {
        var z = new Float64Array(L.m);
        for (var i = 0; i < L.m; i++) {
          var s = 0, row = i * L.n;
          for (var j = 0; j < L.n; j++) s += L.W[row + j] * a[j];
          z[i] = s + L.b[i];
          if (l < layers.length - 1 && z[i] < 0) z[i] = 0;
        }
        a = z;
      });
      var top = Math.max.apply(null, a), sum = 0, p = new Float64Array(a.length);
      for (var i = 0; i < a.length; i++) sum += (p[i] = Math.exp(a[i] - top));
      for (i = 0; i < a.length; i++) p[i] /= sum;
      return p;
    }

    // --- MNIST's preprocessing (nnlib/widgets/mnist/preprocess.py, step for step) --------
    function areaMatrix(S) {  // row i averages the input interval [i S/20, (i+1) S/20)
      var step = S / BOX, M = [];
      for (var i = 0; i < BOX; i++) {
        var lo = i * step, hi = lo + step, row = new Float64Array(S);
        for (var k = Math.floor(lo); k < Math.min(S, Math.ceil(hi)); k++) {
          row[k] = Math.max(0, Math.min(k + 1, hi) - Math.max(k, lo)) / step;
        }
        M.push(row);
      }
      return M;
    }
    function preprocess(ink, n) {  // ink: n*n values in [0, 1] -> 784 values in [0, 1]
      var out = new Float64Array(SIZE * SIZE), r0 = n, r1 = -1, c0 = n, c1 = -1, i, j, k;
      for (i = 0; i < n; i++) for (j = 0; j < n; j++) if (ink[i * n + j] > 0) {
        r0 = Math.min(r0, i); r1 = Math.max(r1, i); c0 = Math.min(c0, j); c1 = Math.max(c1, j);
      }
      if (r1 < 0) return out;
      var h = r1 - r0 + 1, w = c1 - c0 + 1, S = Math.max(h, w);
      var dy = Math.floor((S - h) / 2) - r0, dx = Math.floor((S - w) / 2) - c0;
      var Q = function (y, x) {  // the ink, centred in an S x S square
        y -= dy; x -= dx;
        return y < r0 || y > r1 || x < c0 || x > c1 ? 0 : ink[y * n + x];
      };
      var M = areaMatrix(S), T = [], box = [], mass = 0, my = 0, mx = 0;
      for (i = 0; i < BOX; i++) {  // T = M Q (20 x S)
        T.push(new Float64Array(S));
        for (k = 0; k < S; k++) if (M[i][k]) for (j = 0; j < S; j++) T[i][j] += M[i][k] * Q(k, j);
      }
      for (i = 0; i < BOX; i++) {  // box = T M^T (20 x 20)
        box.push(new Float64Array(BOX));
        for (j = 0; j < BOX; j++) {
          var s = 0;
          for (k = 0; k < S; k++) if (M[j][k]) s += T[i][k] * M[j][k];
          box[i][j] = s; mass += s; my += i * s; mx += j * s;
        }
      }
      var oy = Math.floor(CENTRE - my / mass + 0.5), ox = Math.floor(CENTRE - mx / mass + 0.5);
      for (i = 0; i < BOX; i++) for (j = 0; j < BOX; j++) {
        var y = oy + i, x = ox + j;
        if (y >= 0 && y < SIZE && x >= 0 && x < SIZE) out[y * SIZE + x] = Math.min(1, Math.max(0, box[i][j]));
      }
      return out;
    }

    // --- loading the weights: a plain <script>, after the page has loaded ---------------
    var pending = {};
    function loadModel(key, src, done) {
      var registry = window.NNDigitModels || {};
      if (registry[key]) return done(null, registry[key]);
      if (!src) return done("no weights for the model " + key);
      if (!pending[src]) {
        pending[src] = [];
        var script = document.createElement("script");
        script.src = src;
        script.onload = script.onerror = function () {
          var spec = (window.NNDigitModels || {})[key], waiting = pending[src];
          delete pending[src];
          waiting.forEach(function (cb) { cb(spec ? null : "could not load " + src, spec); });
        };
        document.head.appendChild(script);
      }
      pending[src].push(done);
    }
    function whenNear(el, go) {  // after the load event, once the pad comes near the screen
      function watch() {
        if (!("IntersectionObserver" in window)) return go();
        var seen = new IntersectionObserver(function (entries) {
          if (entries.some(function (e) { return e.isIntersecting; })) { seen.disconnect(); go(); }
        }, {rootMargin: "600px 0px"});
        seen.observe(el);
      }
      if (document.readyState === "complete") watch();
      else window.addEventListener("load", watch, {once: true});
    }

    // --- one pad -----------------------------------------------------------------------
    function mount(root) {
      if (root.nnPad) return root.nnPad;
      var pad = root.querySelector(".nn-pad-canvas"), seen = root.querySelector(".nn-pad-input");
      var status = root.querySelector(".nn-pad-status"), rows = root.querySelectorAll(".nn-pad-bars li");
      var ink = document.createElement("canvas");
      ink.width = ink.height = N;
      var state = {strokes: [], layers: null, x: null, p: null, root: root};
      root.nnPad = state;
      function say(text) { status.textContent = text; }
      function draw(ctx, size) {  // every stroke, in a square canvas of `size` pixels
        ctx.clearRect(0, 0, size, size);
        ctx.lineCap = ctx.lineJoin = "round";
        ctx.lineWidth = PEN * size;
        ctx.strokeStyle = ctx.fillStyle = "#000";
        state.strokes.forEach(function (pts) {
          ctx.beginPath();
          if (pts.length === 1) {
            ctx.arc(pts[0][0] * size, pts[0][1] * size, PEN * size / 2, 0, 2 * Math.PI); ctx.fill();
            return;
          }
          ctx.moveTo(pts[0][0] * size, pts[0][1] * size);
          for (var i = 1; i < pts.length; i++) ctx.lineTo(pts[i][0] * size, pts[i][1] * size);
          ctx.stroke();
        });
      }
      function fit() {  // the visible pad at the screen's pixel density: sharp everywhere
        var side = Math.round(pad.getBoundingClientRect().width * (window.devicePixelRatio || 1));
        if (side > 0 && pad.width !== side) { pad.width = pad.height = side; }
        draw(pad.getContext("2d"), pad.width);
      }
      var inkCtx = ink.getContext("2d", {willReadFrequently: true});
      state.ink = function () {  // the ink of every stroke at N x N, in [0, 1]
        draw(inkCtx, N);
        var rgba = inkCtx.getImageData(0, 0, N, N).data, a = new Float64Array(N * N);
        for (var i = 0; i < N * N; i++) a[i] = rgba[4 * i + 3] / 255;
        return a;
      };
      function show() {
        var x = state.x = preprocess(state.ink(), N), ctx = seen.getContext("2d");
        var img = ctx.createImageData(SIZE, SIZE);
        for (var i = 0; i < SIZE * SIZE; i++) {
          var v = Math.round(255 * (1 - x[i]));
          img.data[4 * i] = img.data[4 * i + 1] = img.data[4 * i + 2] = v; img.data[4 * i + 3] = 255;
        }
        ctx.putImageData(img, 0, 0);
        root.setAttribute("data-nn-strokes", String(state.strokes.length));
        if (!state.layers) { if (state.strokes.length) say("Loading the network\u2026"); return; }
        var empty = !state.strokes.length, p = state.p = empty ? null : forward(state.layers, x), best = 0;
        for (i = 0; i < 10; i++) {
          var q = empty ? 0 : p[i];
          if (!empty && q > p[best]) best = i;
          rows[i].querySelector(".nn-pad-bar span").style.width = (100 * q).toFixed(1) + "%";
          rows[i].querySelector(".nn-pad-p").textContent = q.toFixed(2);
          rows[i].classList.remove("nn-pad-top");
        }
        if (empty) { root.removeAttribute("data-nn-top"); say("Draw a digit (0\u20139) in the box."); return; }
        rows[best].classList.add("nn-pad-top");
        root.setAttribute("data-nn-top", String(best));
        say("The network reads " + best + " (probability " + p[best].toFixed(2) + ").");
      }
      var frame = 0;
      function later() { if (!frame) frame = requestAnimationFrame(function () { frame = 0; show(); }); }
      function point(e) {
        var r = pad.getBoundingClientRect();
        return [Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)),
                Math.min(1, Math.max(0, (e.clientY - r.top) / r.height))];
      }
      var drawing = null;
      pad.addEventListener("pointerdown", function (e) {
        if (e.button > 0) return;
        e.preventDefault(); e.stopPropagation();
        pad.setPointerCapture(e.pointerId);
        drawing = e.pointerId;
        state.strokes.push([point(e)]);
        fit(); later();
      });
      pad.addEventListener("pointermove", function (e) {
        if (drawing !== e.pointerId) return;
        e.preventDefault(); e.stopPropagation();
        var pts = state.strokes[state.strokes.length - 1];
        var moves = e.getCoalescedEvents ? e.getCoalescedEvents() : [];
        (moves.length ? moves : [e]).forEach(function (c) { pts.push(point(c)); });
        fit(); later();
      });
      function end(e) { if (drawing === e.pointerId) { drawing = null; later(); } }
      pad.addEventListener("pointerup", end);
      pad.addEventListener("pointercancel", end);
      // a finger on the pad draws: it neither scrolls the page nor turns a slide
      ["touchstart", "touchmove", "mousedown", "wheel"].forEach(function (type) {
        pad.addEventListener(type, function (e) { e.stopPropagation(); }, {passive: true});
      });
      root.querySelector(".nn-pad-clear").addEventListener("click", function () {
        state.strokes = []; fit(); show();
      });
      root.addEventListener("keydown", function (e) {  // keys on the buttons are theirs, not a deck's
        if (e.target.tagName === "BUTTON" && (e.key === " " || e.key === "Enter")) e.stopPropagation();
      });
      if (window.ResizeObserver) new ResizeObserver(fit).observe(pad); else window.addEventListener("resize", fit);
      fit(); show();
      var key = root.getAttribute("data-model"), src = root.getAttribute("data-model-src");
      root.setAttribute("data-nn-state", "waiting");
      function ready(error, spec) {
        if (error) { root.setAttribute("data-nn-state", "error"); say("The network could not be loaded: " + error + "."); return; }
        state.layers = decode(spec);
        root.setAttribute("data-nn-state", "ready");
        show();
      }
      if ((window.NNDigitModels || {})[key]) ready(null, window.NNDigitModels[key]);
      else whenNear(root, function () { root.setAttribute("data-nn-state", "loading"); loadModel(key, src, ready); });
      return state;
    }

    window.NNDigitPad = {
      decode: decode, forward: forward, preprocess: preprocess, mount: mount, N: N,
      mountAll: function () { document.querySelectorAll(".nn-digit-pad").forEach(mount); }
    };
  }
  window.NNDigitPad.mountAll();
})();
