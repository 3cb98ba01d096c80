"use strict";
// nnfit explorer: every curve is computed here from the parameters (float64, exact), with each
// activation's formula from its registry entry. One scene of primitives is drawn on the canvas
// and, for export, written as SVG or drawn on a canvas of its own for PNG.

const DATA = JSON.parse(document.getElementById("data").textContent);
const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                 "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
const ARTICLE = "#b15928";  // the article's network, drawn beside a seed's
const INK = "#262626", TRUTH = "#1f77b4", SAMPLES = "#4daf4a", GRID = "#e5e5e5";
const FONT = '"DejaVu Sans", Helvetica, Arial, sans-serif';
const $ = (id) => document.getElementById(id);

// ---- data: base64 -> inflate (the browser's own) -> unshuffle bytes -> Float64Array
const BASE64 = new Uint8Array(128);
[..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"].forEach((ch, i) => { BASE64[ch.charCodeAt(0)] = i; });

function base64Bytes(text) {  // atob without its string of bytes: a tenth of the time
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  for (let i = 0, j = 0; i < text.length; i += 4) {
    const n = (BASE64[text.charCodeAt(i)] << 18) | (BASE64[text.charCodeAt(i + 1)] << 12) |
              (BASE64[text.charCodeAt(i + 2)] << 6) | BASE64[text.charCodeAt(i + 3)];
    out[j++] = n >> 16;
    if (j < out.length) out[j++] = (n >> 8) & 255;
    if (j < out.length) out[j++] = n & 255;
  }
  return out;
}

async function decode(encoded) {
  const packed = base64Bytes(encoded.data);
  const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("deflate"));
  const shuffled = new Uint8Array(await new Response(stream).arrayBuffer());
  const count = shuffled.length / 8, bytes = new Uint8Array(shuffled.length);
  for (let k = 0; k < 8; k++) {
    const plane = shuffled.subarray(k * count, (k + 1) * count);
    for (let i = 0; i < count; i++) bytes[i * 8 + k] = plane[i];
  }
  let values = new Float64Array(bytes.buffer);
  if (encoded.trajectories) values = untangle(bytes, encoded.shape);
  values.shape = encoded.shape;
  return values;
}

function untangle(bytes, shape) {  // columns of XORed successive steps -> rows of steps
  const steps = shape[0], k = count(shape) / steps, words = new Uint32Array(bytes.buffer);
  for (let j = 0; j < k; j++) {
    for (let t = 1; t < steps; t++) {
      const at = 2 * (j * steps + t);
      words[at] ^= words[at - 2]; words[at + 1] ^= words[at - 1];
    }
  }
  const columns = new Float64Array(bytes.buffer), rows = new Float64Array(columns.length);
  for (let j = 0; j < k; j++) for (let t = 0; t < steps; t++) rows[t * k + j] = columns[j * steps + t];
  return rows;
}

function count(shape) { return shape.reduce((a, b) => a * b, 1);
}

function linspace(lo, hi, n) {  // numpy's: start + k * step, the last point exactly hi
  const out = new Float64Array(n), step = (hi - lo) / (n - 1);
  for (let k = 0; k < n; k++) out[k] = k * step + lo;
  if (n > 1) out[n - 1] = hi;
  return out;
}

function compile(act) {  // f(z) from the registry's JavaScript expression, its parameters bound
  const names = Object.keys(act.parameters);
  const factory = new Function(...names, `return (z) => (${act.formula});`);
  return factory(...names.map((name) => act.parameters[name]));
}

const state = { act: 0, iteration: 0, off: new Set(), seed: null, range: "train",
                hot: null, playing: false, speed: 30 };
let acts = [], grids = {}, samples = null, seedSamples = null;

async function load() {
  grids = {};
  for (const [name, grid] of Object.entries(DATA.grids)) {
    grids[name] = { range: grid.range, truth: await decode(grid.truth),
                    x: linspace(grid.range[0], grid.range[1], DATA.grid_points) };
  }
  samples = { x: await decode(DATA.samples.x), y: await decode(DATA.samples.y) };
  seedSamples = { seeds: DATA.seed_samples.seeds, x: await decode(DATA.seed_samples.x),
                  y: await decode(DATA.seed_samples.y) };
  acts = await Promise.all(DATA.activations.map(async (act) => {
    const iterations = act.loss.shape[0] - 1;
    // the iterations the history holds (every one, or those the animation shows), and for
    // each iteration the row of the last one held at or before it
    const recorded = act.recorded ? Int32Array.from(act.recorded) : Int32Array.from({ length: iterations + 1 }, (_, k) => k);
    const rowAt = new Int32Array(iterations + 1);
    for (let row = 0, it = 0; it <= iterations; it++) {
      while (row + 1 < recorded.length && recorded[row + 1] <= it) row++;
      rowAt[it] = row;
    }
    return { ...act, f: compile(act), history: await decode(act.history), loss: await decode(act.loss),
             seedParams: act.seeds ? await decode(act.seeds.params) : null, iterations, recorded, rowAt };
  }));
}

function held(act, iteration) {  // the iteration shown for this one: the last held at or before it
  const it = Number.isFinite(iteration) ? Math.trunc(iteration) : 0;
  return act.recorded[act.rowAt[Math.min(act.iterations, Math.max(0, it))]];
}

// ---- the network at the current state
function current() { return acts[state.act]; }

function parameters() {  // {w, b, v, c} of the article network at the iteration, or a seed's
  const act = current(), n = act.n_hidden, width = 3 * n + 1;
  let row;
  if (state.seed === null) {
    const k = act.rowAt[state.iteration];
    row = act.history.subarray(k * width, (k + 1) * width);
  } else {
    const k = act.seeds.rows.findIndex((r) => r.seed === state.seed);
    row = act.seedParams.subarray(k * width, (k + 1) * width);
  }
  return { w: row.subarray(0, n), b: row.subarray(n, 2 * n), v: row.subarray(2 * n, 3 * n),
           c: row[3 * n] };
}

function trainingSet() {  // the samples this network was trained on
  if (state.seed === null) return samples;
  const k = seedSamples.seeds.indexOf(state.seed), n = seedSamples.x.length / seedSamples.seeds.length;
  return { x: seedSamples.x.subarray(k * n, (k + 1) * n), y: seedSamples.y.subarray(k * n, (k + 1) * n) };
}

const buffers = new Map();  // one block per use (the grid, the samples), reused by every redraw
function evaluate(p, xs, f, use) {  // contributions v_i f(w_i x + b_i): one Float64Array per node
  const n = p.w.length, m = xs.length;
  let block = buffers.get(use);
  if (!block || block.length < n * m) { block = new Float64Array(n * m); buffers.set(use, block); }
  return Array.from(p.w, (w, i) => {
    const out = block.subarray(i * m, (i + 1) * m), b = p.b[i], v = p.v[i];
    for (let k = 0; k < m; k++) out[k] = v * f(w * xs[k] + b);
    return out;
  });
}

function total(p, parts, length) {  // c plus the contributions of the nodes switched on
  const out = new Float64Array(length).fill(p.c);
  parts.forEach((part, i) => {
    if (state.off.has(i)) return;
    for (let k = 0; k < length; k++) out[k] += part[k];
  });
  return out;
}

function compute() {
  const act = current(), p = parameters(), grid = grids[state.range], set = trainingSet();
  const parts = evaluate(p, grid.x, act.f, "grid"), output = total(p, parts, grid.x.length);
  const fitted = total(p, evaluate(p, set.x, act.f, "samples"), set.x.length);
  let sum = 0;
  for (let k = 0; k < set.x.length; k++) sum += (fitted[k] - set.y[k]) ** 2;
  return { act, p, grid, set, parts, output, mse: sum / set.x.length };
}

// ---- the scene: panels of primitives in CSS pixels
function axes(box, xlim, ylim, log) {  // pixel = offset + scale * value (of log10 y if log)
  const ty = log ? Math.log10 : (y) => y;
  const sx = box.w / (xlim[1] - xlim[0]), sy = -box.h / (ty(ylim[1]) - ty(ylim[0]));
  const ox = box.x - xlim[0] * sx, oy = box.y + box.h - ty(ylim[0]) * sy;
  return { box, xlim, ylim, log, sx, sy, ox, oy, x: (x) => ox + sx * x, y: (y) => oy + sy * ty(y) };
}

let pixels = new Float64Array(0);  // reused: a redraw makes a hundred of these
function polyline(ax, xs, ys, style) {  // the graph of ys over increasing xs, in pixels
  if (pixels.length < 2 * xs.length) pixels = new Float64Array(2 * xs.length);
  const pts = pixels.subarray(0, 2 * xs.length), { sx, sy, ox, oy } = ax;
  for (let k = 0; k < xs.length; k++) {
    pts[2 * k] = ox + sx * xs[k];
    pts[2 * k + 1] = oy + sy * (ax.log ? Math.log10(ys[k]) : ys[k]);
  }
  return { t: "path", pts: simplify(pts, 0.25), clip: ax.box, ...style };
}

// The fewest points whose line passes within tol pixels (vertically, so at least as close)
// of every point of a graph whose x increases, in one pass (Zhao and Saalfeld's sleeve, in
// slopes): a ReLU node's 1000 points become three. Rasterising long polylines was most of a
// redraw's time; state() stays exact.
function simplify(pts, tol) {
  const n = pts.length / 2;
  if (n <= 2) return Array.from(pts);
  const out = [pts[0], pts[1]];
  let ax = pts[0], ay = pts[1], lo = -Infinity, hi = Infinity, prev = 0;
  for (let k = 1; k < n; k++) {
    let dx = pts[2 * k] - ax, dy = pts[2 * k + 1] - ay;
    if (dx > 0) {
      if (dy > hi * dx || dy < lo * dx) {  // leaves the sleeve: the previous point anchors anew
        ax = pts[2 * prev]; ay = pts[2 * prev + 1];
        out.push(ax, ay);
        dx = pts[2 * k] - ax; dy = pts[2 * k + 1] - ay; lo = -Infinity; hi = Infinity;
      }
      lo = Math.max(lo, (dy - tol) / dx); hi = Math.min(hi, (dy + tol) / dx);
    }
    prev = k;
  }
  out.push(pts[2 * n - 2], pts[2 * n - 1]);
  return out;
}

function ticks(lo, hi, count) {
  const raw = (hi - lo) / count, mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  const out = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * step; t += step) out.push(+t.toFixed(10));
  return out;
}

function frame(scene, ax, title, xticks, yticks, yfmt) {
  const { box } = ax;
  for (const t of yticks) {
    scene.push({ t: "path", pts: [box.x, ax.y(t), box.x + box.w, ax.y(t)], stroke: GRID, width: 1, base: true });
    scene.push({ t: "text", x: box.x - 5, y: ax.y(t) + 4, s: yfmt(t), size: 12, anchor: "end", base: true });
  }
  for (const t of xticks) {
    scene.push({ t: "text", x: ax.x(t), y: box.y + box.h + 15, s: String(t), size: 12, anchor: "middle", base: true });
  }
  scene.push({ t: "rect", x: box.x, y: box.y, w: box.w, h: box.h, stroke: "#8c959f", base: true });
  scene.push({ t: "text", x: box.x, y: box.y - 7, s: title, size: 15, weight: "bold" });
}

function nodeColour(i) { return PALETTE[i % PALETTE.length]; }

function mainPanel(scene, model, box) {
  const { grid, parts, output, set, p } = model;
  let lo = Infinity, hi = -Infinity;
  for (const values of [grid.truth, samples.y]) for (const v of values) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const pad = 0.6 * (hi - lo);
  const ax = axes(box, grid.range, [lo - pad, hi + pad]);
  if (state.range === "extrapolation") {
    const [a, b] = DATA.grids.train.range;
    scene.push({ t: "rect", x: ax.x(a), y: box.y, w: ax.x(b) - ax.x(a), h: box.h, fill: "#f0f0f0", base: true });
  }
  const xticks = ticks(grid.range[0], grid.range[1], 8);
  frame(scene, ax, title(model), xticks, ticks(ax.ylim[0], ax.ylim[1], 5), (t) => String(t));
  scene.push(polyline(ax, grid.x, grid.truth, { stroke: TRUTH, width: 2, dash: [6, 4], base: true }));
  const hot = state.hot;
  parts.forEach((part, i) => {
    if (state.off.has(i) || i === hot) return;
    scene.push(polyline(ax, grid.x, part, { stroke: nodeColour(i), width: 1.2, alpha: hot === null ? 1 : 0.25 }));
  });
  const cs = new Float64Array(grid.x.length).fill(p.c);
  scene.push(polyline(ax, grid.x, cs, { stroke: "#7f7f7f", width: 1.2, dash: [2, 3] }));
  if (hot !== null) {
    scene.push(polyline(ax, grid.x, parts[hot], { stroke: nodeColour(hot), width: 3.5,
                                                  dash: state.off.has(hot) ? [5, 4] : null }));
  }
  for (let k = 0; k < set.x.length; k++) {
    scene.push({ t: "circle", x: ax.x(set.x[k]), y: ax.y(set.y[k]), r: 3.5, fill: SAMPLES,
                 clip: box, base: true });
  }
  if (state.seed !== null) {  // the article's trained network beside the seed's, for comparison
    const act = model.act, width = 3 * act.n_hidden + 1, last = act.recorded.length - 1;
    const row = act.history.subarray(last * width, (last + 1) * width), n = act.n_hidden;
    const article = { w: row.subarray(0, n), b: row.subarray(n, 2 * n), v: row.subarray(2 * n, 3 * n), c: row[3 * n] };
    const ys = new Float64Array(grid.x.length).fill(article.c);
    evaluate(article, grid.x, act.f, "article").forEach((part) => part.forEach((y, k) => { ys[k] += y; }));
    scene.push(polyline(ax, grid.x, ys, { stroke: ARTICLE, width: 2.5, dash: [8, 3] }));
  }
  scene.push(polyline(ax, grid.x, output, { stroke: INK, width: 3 }));
  legend(scene, box);
  return ax;
}

function legend(scene, box) {  // inside the plot's top right corner, on white
  const items = [["target", TRUTH, [6, 4], 2], ["output", INK, null, 3],
                 ["v_i h_i", PALETTE[0], null, 1.2], ["bias c", "#7f7f7f", [2, 3], 1.2]];
  if (state.seed !== null) items.push(["article's", ARTICLE, [8, 3], 2.5]);
  const y = box.y + 14;
  let x = box.x + box.w - 92 * items.length - 4;
  scene.push({ t: "rect", x: x - 8, y: box.y + 2, w: 92 * items.length + 12, h: 24, fill: "#ffffff", alpha: 0.85 });
  for (const [label, colour, dash, width] of items) {
    scene.push({ t: "path", pts: [x, y, x + 22, y], stroke: colour, width, dash });
    scene.push({ t: "text", x: x + 27, y: y + 5, s: label, size: 13 });
    x += 92;
  }
}

function title(model) {
  const act = model.act;
  const who = state.seed === null ? `iteration ${state.iteration}` : `seed ${state.seed}, final`;
  const off = state.off.size ? `, ${state.off.size} off` : "";
  return `${act.label}: ${who}${off}, train MSE ${model.mse.toPrecision(3)}`;
}

function lossPanel(scene, model, box) {
  const act = model.act, loss = act.loss;
  let lo = Infinity, hi = -Infinity;
  for (const v of loss) if (v > 0 && isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  lo = Math.min(lo, DATA.fit_threshold);  // not the MSE drawn: the axes stay put (cached)
  const ylim = [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))];
  const ax = axes(box, [0, act.iterations], ylim, true);
  const decades = [];
  for (let e = Math.log10(ylim[0]); e <= Math.log10(ylim[1]) + 1e-9; e++) decades.push(10 ** e);
  const what = state.seed === null ? "train MSE (log)" : `train MSE (log): the article's; dot: seed ${state.seed}`;
  frame(scene, ax, what, ticks(0, act.iterations, 4), decades, (t) => t.toExponential(0));
  scene.push({ t: "path", pts: [box.x, ax.y(DATA.fit_threshold), box.x + box.w, ax.y(DATA.fit_threshold)],
               stroke: SAMPLES, width: 1, dash: [4, 3], base: true });
  const its = Float64Array.from(loss, (_, k) => k);
  scene.push(polyline(ax, its, loss, { stroke: act.colour, width: 2, base: true }));
  const at = state.seed === null ? state.iteration : act.iterations;
  scene.push({ t: "path", pts: [ax.x(at), box.y, ax.x(at), box.y + box.h], stroke: INK, width: 1.5 });
  const dot = Math.min(box.y + box.h, Math.max(box.y, ax.y(model.mse)));  // an MSE off the axes at its edge
  scene.push({ t: "circle", x: ax.x(at), y: dot, r: 5, fill: state.off.size ? "#d62728" : INK, clip: box });
}

function diagramPanel(scene, model, box) {
  const { p } = model, n = p.w.length;
  scene.push({ t: "text", x: box.x, y: box.y - 7, s: "network: width ~ |w|, |v|; blue +, red -", size: 15, weight: "bold", base: true });
  const xin = box.x + 25, xh = box.x + box.w / 2, xout = box.x + box.w - 25, ymid = box.y + box.h / 2;
  const yh = (i) => (n === 1 ? ymid : box.y + 10 + (i * (box.h - 20)) / (n - 1));
  const wmax = Math.max(...p.w.map(Math.abs), 1e-12), vmax = Math.max(...p.v.map(Math.abs), 1e-12);
  const thick = Math.min(8, 120 / n + 1);
  const edge = (x0, y0, x1, y1, value, max, i) => {
    const off = state.off.has(i), hot = state.hot === i;
    scene.push({ t: "path", pts: [x0, y0, x1, y1], width: Math.max(0.3, (thick * Math.abs(value)) / max) * (hot ? 1.8 : 1),
                 stroke: off ? "#bbbbbb" : value >= 0 ? "#2166ac" : "#b2182b",
                 alpha: state.hot === null || hot ? 1 : 0.25, dash: off ? [3, 3] : null });
  };
  for (let i = 0; i < n; i++) edge(xin, ymid, xh, yh(i), p.w[i], wmax, i);
  for (let i = 0; i < n; i++) edge(xh, yh(i), xout, ymid, p.v[i], vmax, i);
  const r = Math.max(1.5, Math.min(9, (box.h - 20) / n / 2.5));
  for (let i = 0; i < n; i++) {
    scene.push({ t: "circle", x: xh, y: yh(i), r: state.hot === i ? r + 3 : r,
                 fill: state.off.has(i) ? "#ffffff" : nodeColour(i), stroke: INK });
  }
  for (const [x, label] of [[xin, "x"], [xout, "y"]]) {
    scene.push({ t: "circle", x, y: ymid, r: 12, fill: "#ffffff", stroke: INK });
    scene.push({ t: "text", x, y: ymid + 5, s: label, size: 14, anchor: "middle" });
  }
}

function layout(width, height) {
  const mainBox = { x: 55, y: 30, w: width - 70, h: height * 0.56 - 30 };
  const top = height * 0.56 + 42, h = height - top - 22;
  return {
    main: mainBox,
    loss: { x: 70, y: top, w: width * 0.5 - 85, h },
    diagram: { x: width * 0.5 + 10, y: top, w: width * 0.5 - 20, h },
  };
}

// The base of a view (axes, target, samples, loss curve) changes only with the activation,
// range, seed or size: drawn first, and on the canvas kept as an image between redraws.
function buildScene(model, width, height) {
  const scene = [], boxes = layout(width, height);
  const mainAxes = mainPanel(scene, model, boxes.main);
  lossPanel(scene, model, boxes.loss);
  diagramPanel(scene, model, boxes.diagram);
  return { scene: [...scene.filter((i) => i.base), ...scene.filter((i) => !i.base)], mainAxes };
}

// ---- renderers: canvas and SVG
function drawCanvas(ctx, scene) {
  let clip = null;
  ctx.save();
  for (const item of scene) {
    if ((item.clip || null) !== clip) {  // one save and clip per run of items in one box
      ctx.restore(); ctx.save();
      clip = item.clip || null;
      if (clip) { ctx.beginPath(); ctx.rect(clip.x, clip.y, clip.w, clip.h); ctx.clip(); }
    }
    ctx.globalAlpha = item.alpha ?? 1;
    if (item.t === "path") {
      const pts = item.pts;
      ctx.beginPath();
      ctx.moveTo(pts[0], pts[1]);
      for (let k = 2; k < pts.length; k += 2) ctx.lineTo(pts[k], pts[k + 1]);
      ctx.setLineDash(item.dash || []);
      ctx.lineWidth = item.width; ctx.strokeStyle = item.stroke; ctx.lineJoin = "round";
      ctx.stroke();
      ctx.setLineDash([]);
    } else if (item.t === "circle") {
      ctx.beginPath(); ctx.arc(item.x, item.y, item.r, 0, 2 * Math.PI);
      if (item.fill) { ctx.fillStyle = item.fill; ctx.fill(); }
      if (item.stroke) { ctx.lineWidth = 1; ctx.strokeStyle = item.stroke; ctx.stroke(); }
    } else if (item.t === "rect") {
      if (item.fill) { ctx.fillStyle = item.fill; ctx.fillRect(item.x, item.y, item.w, item.h); }
      if (item.stroke) { ctx.lineWidth = 1; ctx.strokeStyle = item.stroke; ctx.strokeRect(item.x, item.y, item.w, item.h); }
    } else if (item.t === "text") {
      ctx.font = `${item.weight || "normal"} ${item.size}px ${FONT}`;
      ctx.fillStyle = item.fill || INK; ctx.textAlign = { end: "right", middle: "center" }[item.anchor] || "left";
      ctx.fillText(item.s, item.x, item.y);
    }
  }
  ctx.restore();
}

function escapeXml(s) { return s.replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]); }

function svgOf(scene, width, height) {
  const clips = new Map(), body = [];
  const clipId = (box) => {
    const key = `${box.x},${box.y},${box.w},${box.h}`;
    if (!clips.has(key)) clips.set(key, `clip${clips.size}`);
    return clips.get(key);
  };
  const r = (v) => Math.round(v * 100) / 100;
  for (const item of scene) {
    const common = (item.clip ? ` clip-path="url(#${clipId(item.clip)})"` : "") +
                   (item.alpha !== undefined && item.alpha !== 1 ? ` opacity="${item.alpha}"` : "");
    if (item.t === "path") {
      const pts = item.pts, d = [`M${r(pts[0])} ${r(pts[1])}`];
      for (let k = 2; k < pts.length; k += 2) d.push(`L${r(pts[k])} ${r(pts[k + 1])}`);
      const dash = item.dash ? ` stroke-dasharray="${item.dash.join(" ")}"` : "";
      body.push(`<path d="${d.join("")}" fill="none" stroke="${item.stroke}" stroke-width="${item.width}" stroke-linejoin="round"${dash}${common}/>`);
    } else if (item.t === "circle") {
      body.push(`<circle cx="${r(item.x)}" cy="${r(item.y)}" r="${r(item.r)}" fill="${item.fill || "none"}"${item.stroke ? ` stroke="${item.stroke}"` : ""}${common}/>`);
    } else if (item.t === "rect") {
      body.push(`<rect x="${r(item.x)}" y="${r(item.y)}" width="${r(item.w)}" height="${r(item.h)}" fill="${item.fill || "none"}"${item.stroke ? ` stroke="${item.stroke}"` : ""}${common}/>`);
    } else if (item.t === "text") {
      body.push(`<text x="${r(item.x)}" y="${r(item.y)}" font-size="${item.size}" font-weight="${item.weight || "normal"}" text-anchor="${item.anchor || "start"}" fill="${item.fill || INK}"${common}>${escapeXml(item.s)}</text>`);
    }
  }
  const defs = [...clips].map(([key, id]) => {
    const [x, y, w, h] = key.split(",").map(Number);
    return `<clipPath id="${id}"><rect x="${x}" y="${y}" width="${w}" height="${h}"/></clipPath>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family='${FONT}'>` +
         `<defs>${defs.join("")}</defs><rect width="100%" height="100%" fill="#ffffff"/>${body.join("")}</svg>`;
}

// ---- the page
const canvas = $("view");
let model = null, drawn = null, queued = false;

let size = null;  // the canvas's CSS size, kept by a ResizeObserver: reading it forces a layout
new ResizeObserver(([entry]) => {
  const box = entry.contentRect;
  size = [Math.max(400, Math.floor(box.width)), Math.max(300, Math.floor(box.height))];
  if (window.explorer.ready) schedule();
}).observe(canvas);

function canvasSize() {
  if (size === null) {
    const rect = canvas.getBoundingClientRect();
    size = [Math.max(400, Math.floor(rect.width)), Math.max(300, Math.floor(rect.height))];
  }
  return size;
}

const timings = { compute: 0, scene: 0, draw: 0, controls: 0 };  // ms of the last redraw
const baseCanvas = document.createElement("canvas");
let baseKey = null;

function render() {
  let t = performance.now();
  const lap = (name) => { const now = performance.now(); timings[name] = now - t; t = now; };
  model = compute();
  lap("compute");
  const [width, height] = canvasSize(), ratio = window.devicePixelRatio || 1;
  if (canvas.width !== width * ratio || canvas.height !== height * ratio) {
    canvas.width = width * ratio; canvas.height = height * ratio;
  }
  drawn = buildScene(model, width, height);
  lap("scene");
  const key = [state.act, state.range, state.seed, width, height, ratio].join();
  if (baseKey !== key) {
    baseCanvas.width = width * ratio; baseCanvas.height = height * ratio;
    const base = baseCanvas.getContext("2d");
    base.setTransform(ratio, 0, 0, ratio, 0, 0);
    base.fillStyle = "#ffffff"; base.fillRect(0, 0, width, height);
    drawCanvas(base, drawn.scene.filter((i) => i.base));
    baseKey = key;
  }
  const ctx = canvas.getContext("2d");
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.drawImage(baseCanvas, 0, 0);
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  drawCanvas(ctx, drawn.scene.filter((i) => !i.base));
  lap("draw");
  updateControls();
  tableSoon();
  lap("controls");
  window.explorer.redraws++;
}

function schedule() {
  if (queued) return;
  queued = true;
  requestAnimationFrame(() => { queued = false; render(); hashSoon(); });
}

let hashTimer = null;
function hashSoon() {  // browsers throttle replaceState: write the fragment once scrubbing rests
  clearTimeout(hashTimer);
  hashTimer = setTimeout(writeHash, 200);
}

function put(element, key, value) {  // a DOM write only when it changes: each one costs a layout
  if (element[key] !== value) element[key] = value;
}

function updateControls() {
  const act = current();
  document.querySelectorAll("#activations button").forEach((b, i) => put(b, "ariaPressed", String(i === state.act)));
  for (const name of ["train", "extrapolation"]) put($(`range-${name}`), "ariaPressed", String(state.range === name));
  const slider = $("iteration");
  put(slider, "max", String(act.recorded.length - 1)); put(slider, "value", String(act.rowAt[state.iteration]));
  put(slider, "disabled", state.seed !== null); put($("play"), "disabled", state.seed !== null);
  put($("play"), "textContent", state.playing ? "\u275a\u275a" : "\u25b6");
  put($("seed"), "value", state.seed === null ? "" : String(state.seed));
  const frame = act.recorded.length <= act.iterations ? ` \u00b7 frame ${act.rowAt[state.iteration] + 1}/${act.recorded.length}` : "";
  put($("status"), "textContent", state.seed === null ? `${state.iteration} / ${act.iterations}${frame}` : "final");
  put($("typical"), "textContent", act.typical ? `The article's network against the sweep: ${act.typical}` : "The sweep has no seeds of this network.");
}

// The table's 100 rows cost more to lay out than the canvas to draw: while the view changes
// on every frame (playing, scrubbing) they follow at most five times a second, and at once
// when it rests.
let tableAt = -Infinity, tableTimer = null;
function tableSoon() {
  clearTimeout(tableTimer);
  const now = performance.now();
  if (tableFor !== state.act || now - tableAt > 200) { tableAt = now; updateTable(); }
  else tableTimer = setTimeout(() => { tableAt = performance.now(); updateTable(); }, 120);
}

let tableFor = null;
function buildTable() {
  const act = current(), n = act.n_hidden;
  const centre = act.centre ? `<th title="-b / w">${act.centre}</th>` : "";
  document.querySelector("#nodes thead").innerHTML =
    `<tr><th title="switch a node off">on</th><th>node</th><th>w</th><th>b</th><th>v</th>${centre}</tr>`;
  const rows = [];
  for (let i = 0; i < n; i++) {
    rows.push(`<tr data-node="${i}"><td><input type="checkbox" aria-label="node ${i + 1} on"></td>` +
              `<td><span class="swatch" style="background:${nodeColour(i)}"></span>${i + 1}</td><td></td><td></td><td></td>${act.centre ? "<td></td>" : ""}</tr>`);
  }
  document.querySelector("#nodes tbody").innerHTML = rows.join("");
  $("nodes-title").textContent = `${n} hidden nodes`;
  tableFor = state.act;
}

function fmt(v) { return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : v.toPrecision(3); }

let rowHeight = null;
function updateTable() {  // the rows in sight (and a few around them); scrolling fills the rest
  if (tableFor !== state.act) buildTable();
  const p = model.p, act = current(), rows = document.querySelector("#nodes tbody").rows;
  const scroll = $("nodes-scroll");
  if (!rowHeight && rows.length) rowHeight = rows[0].getBoundingClientRect().height || 24;
  const first = Math.max(0, Math.floor(scroll.scrollTop / rowHeight) - 3);
  const last = Math.min(rows.length, Math.ceil((scroll.scrollTop + scroll.clientHeight) / rowHeight) + 3);
  for (let i = first; i < last; i++) {
    const tr = rows[i], cells = tr.cells, on = !state.off.has(i);
    put(cells[0].firstChild, "checked", on);
    tr.classList.toggle("off", !on);
    tr.classList.toggle("hot", state.hot === i);
    put(cells[2], "textContent", fmt(p.w[i])); put(cells[3], "textContent", fmt(p.b[i]));
    put(cells[4], "textContent", fmt(p.v[i]));
    if (act.centre) put(cells[5], "textContent", fmt(-p.b[i] / p.w[i]));
  }
}

function buildControls() {
  const nav = $("activations");
  nav.innerHTML = "";
  $("note").textContent = DATA.note || "";
  $("note").hidden = !DATA.note;
  $("status").classList.toggle("frames", acts.some((act) => act.recorded.length <= act.iterations));
  acts.forEach((act, i) => {
    const b = document.createElement("button");
    b.textContent = act.short; b.title = `${act.label}: f(z) = ${act.formula}`;
    b.addEventListener("click", () => {
      pinned = null;
      set({ act: i, off: new Set(), seed: null, hot: null });
    });
    nav.appendChild(b);
  });
}

function fillSeeds() {
  const act = current(), select = $("seed");
  const options = [`<option value="">the article's network</option>`];
  for (const row of act.seeds ? act.seeds.rows : []) {
    const mse = row.train_mse === null ? "diverged" : `MSE ${row.train_mse.toPrecision(2)}`;
    const marks = `${row.fits ? "fits" : "FAILS"}, ${row.extrapolates ? "extrapolates" : "no extrapolation"}`;
    options.push(`<option value="${row.seed}">seed ${row.seed}: ${mse}, ${marks}</option>`);
  }
  select.innerHTML = options.join("");
  select.disabled = !act.seeds;
}

function set(change) {
  const before = state.act;
  if ("off" in change || "hot" in change) tableAt = -Infinity;  // a switch shows at once
  Object.assign(state, change);
  state.iteration = held(current(), state.iteration);
  if (state.act !== before) fillSeeds();
  if (state.seed !== null) state.playing = false;
  schedule();
}

// ---- the URL fragment holds the view: #act=relu&it=37&off=4,7&seed=12&range=extrapolation
function writeHash() {
  const parts = [`act=${current().name}`, `it=${state.iteration}`];
  if (state.off.size) parts.push(`off=${[...state.off].sort((a, b) => a - b).map((i) => i + 1).join(",")}`);
  if (state.seed !== null) parts.push(`seed=${state.seed}`);
  if (state.range !== "train") parts.push(`range=${state.range}`);
  const hash = `#${parts.join("&")}`;
  if (location.hash !== hash) history.replaceState(null, "", hash);
}

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  const index = Math.max(0, acts.findIndex((a) => a.name === params.get("act")));
  const act = acts[index];
  const iteration = held(act, parseInt(params.get("it") || "0", 10) || 0);
  const off = new Set((params.get("off") || "").split(",").map((s) => parseInt(s, 10) - 1)
                        .filter((i) => i >= 0 && i < act.n_hidden));
  const seedText = params.get("seed");
  const seed = seedText !== null && act.seeds && act.seeds.rows.some((r) => String(r.seed) === seedText) ? Number(seedText) : null;
  const range = params.get("range") === "extrapolation" ? "extrapolation" : "train";
  const fresh = index !== state.act || tableFor === null;
  Object.assign(state, { act: index, iteration, off, seed, range, hot: null });
  if (fresh) fillSeeds();
  schedule();
}

// ---- playing, keys, pointer, export
let lastTick = null;
function tick(now) {
  if (!state.playing) { lastTick = null; return; }
  if (lastTick !== null) {
    const steps = Math.floor(((now - lastTick) * state.speed) / 1000);
    if (steps > 0) {
      lastTick += (steps * 1000) / state.speed;
      const act = current(), row = act.rowAt[state.iteration], last = act.recorded.length - 1;
      state.iteration = act.recorded[row >= last ? 0 : Math.min(last, row + steps)];
      schedule();
    }
  } else lastTick = now;
  requestAnimationFrame(tick);
}

function togglePlay() {
  if (state.seed !== null) return;
  state.playing = !state.playing;
  if (state.playing) requestAnimationFrame(tick);
  schedule();
}

function step(delta) {
  if (state.seed !== null) return;
  const act = current(), row = act.rowAt[state.iteration] + delta;
  set({ iteration: act.recorded[Math.min(act.recorded.length - 1, Math.max(0, row))], playing: false });
}

function nodeAt(event) {  // the node whose curve passes nearest the pointer, within 8 px
  if (!drawn) return null;
  const rect = canvas.getBoundingClientRect(), px = event.clientX - rect.left, py = event.clientY - rect.top;
  const ax = drawn.mainAxes, box = ax.box;
  if (px < box.x || px > box.x + box.w || py < box.y || py > box.y + box.h) return null;
  const xs = model.grid.x, k = Math.round(((px - box.x) / box.w) * (xs.length - 1));
  let best = null, distance = 8;
  model.parts.forEach((part, i) => {
    const d = Math.abs(ax.y(part[k]) - py);
    if (d < distance) { distance = d; best = i; }
  });
  return best;
}

function download(name, blob) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob); a.download = name;
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function exportName(ext) {
  const who = state.seed === null ? `it${state.iteration}` : `seed${state.seed}`;
  return `nnfit_${current().name}_${who}${state.off.size ? "_ablated" : ""}_${state.range}.${ext}`;
}

const EXPORT_SIZE = [1280, 720];
function exportSvg() { return svgOf(buildScene(compute(), ...EXPORT_SIZE).scene, ...EXPORT_SIZE); }

function exportPng() {
  const [width, height] = EXPORT_SIZE, scale = 2, out = document.createElement("canvas");
  out.width = width * scale; out.height = height * scale;
  const ctx = out.getContext("2d");
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, width, height);
  drawCanvas(ctx, buildScene(compute(), width, height).scene);
  return new Promise((resolve) => out.toBlob(resolve, "image/png"));
}

let pinned = null;  // the node a click on its row keeps highlighted

function wire() {
  $("iteration").addEventListener("input", (e) => set({ iteration: current().recorded[Number(e.target.value)], playing: false }));
  $("play").addEventListener("click", togglePlay);
  $("speed").addEventListener("change", (e) => { state.speed = Number(e.target.value); });
  $("seed").addEventListener("change", (e) => set({ seed: e.target.value === "" ? null : Number(e.target.value), off: new Set(), hot: null }));
  for (const name of ["train", "extrapolation"]) $(`range-${name}`).addEventListener("click", () => set({ range: name }));
  $("all-on").addEventListener("click", () => set({ off: new Set() }));
  $("export-svg").addEventListener("click", () => download(exportName("svg"), new Blob([exportSvg()], { type: "image/svg+xml" })));
  $("export-png").addEventListener("click", async () => download(exportName("png"), await exportPng()));
  const tbody = document.querySelector("#nodes tbody");
  $("nodes-scroll").addEventListener("scroll", () => { if (model) updateTable(); }, { passive: true });
  tbody.addEventListener("change", (e) => {
    // toggle what the state says, not what the box shows: a row redrawn late can show stale
    const i = Number(e.target.closest("tr").dataset.node), off = new Set(state.off);
    if (off.has(i)) off.delete(i); else off.add(i);
    set({ off });
  });
  tbody.addEventListener("mouseover", (e) => { const tr = e.target.closest("tr"); if (tr) set({ hot: Number(tr.dataset.node) }); });
  tbody.addEventListener("mouseleave", () => set({ hot: pinned }));
  tbody.addEventListener("click", (e) => {  // a click on a row (not its switch) keeps it highlighted
    const tr = e.target.closest("tr");
    if (!tr || e.target.tagName === "INPUT") return;
    const i = Number(tr.dataset.node);
    pinned = pinned === i ? null : i;
    set({ hot: i });
  });
  canvas.addEventListener("mousemove", (e) => { const i = nodeAt(e) ?? pinned; if (i !== state.hot) set({ hot: i }); });
  canvas.addEventListener("mouseleave", () => set({ hot: pinned }));
  canvas.addEventListener("click", (e) => {  // a click on a node's curve switches it off or on
    const i = nodeAt(e);
    if (i === null) return;
    const off = new Set(state.off);
    if (off.has(i)) off.delete(i); else off.add(i);
    set({ off });
  });
  document.addEventListener("keydown", (e) => {
    if (e.target.tagName === "SELECT" || e.target.type === "range") return;  // their own keys
    if (e.key === "ArrowRight") { step(1); e.preventDefault(); }
    else if (e.key === "ArrowLeft") { step(-1); e.preventDefault(); }
    else if (e.key === " " && e.target.tagName !== "BUTTON") { togglePlay(); e.preventDefault(); }
  });
  window.addEventListener("hashchange", readHash);
}

// what tests and the benchmark read: the drawn state, exact
window.explorer = {
  ready: false, redraws: 0,
  state() {
    const m = compute();
    return {
      activation: current().name, iteration: state.iteration, seed: state.seed, range: state.range,
      off: [...state.off].sort((a, b) => a - b), hot: state.hot,
      x: Array.from(m.grid.x), output: Array.from(m.output),
      contributions: m.parts.map((part) => Array.from(part)),
      params: { w: Array.from(m.p.w), b: Array.from(m.p.b), v: Array.from(m.p.v), c: m.p.c },
      recorded: Array.from(current().recorded), slider: Number($("iteration").value),
      status: $("status").textContent, note: $("note").hidden ? null : $("note").textContent,
      train_mse: m.mse, hash: location.hash, title: document.title,
    };
  },
  set(change) {  // as the controls set it; act by index or by name
    if (typeof change.act === "string") change = { ...change, act: acts.findIndex((a) => a.name === change.act) };
    set(change); render(); writeHash();
  },
  render, exportSvg, exportPng, timings,
  evaluate(entry, zs) { const f = compile(entry); return zs.map((z) => f(z)); },  // {formula, parameters}
};

const started = performance.now();
load().then(() => {
  window.explorer.loadedAt = performance.now() - started;
  buildControls(); wire();
  readHash();
  render(); writeHash();
  window.explorer.ready = true;
  window.explorer.readyAt = performance.now();
});
