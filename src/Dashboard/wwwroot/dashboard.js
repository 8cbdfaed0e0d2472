// Shared by the three pages: the API, the event stream, number formatting and the timing hooks the browser
// tests read (window.__dash).
'use strict';
window.__dash = { ready: false, renders: [], lastEpochSeenAt: null };

const dash = {
  async api(path) {
    const response = await fetch(path, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  },
  // Links the page header to Orleans' grain-level view when the dashboard serves a cluster (not a results folder).
  links(info) {
    if (!info.orleans) return;
    const link = Object.assign(document.createElement('a'), { id: 'orleans-link', href: info.orleans, textContent: 'Orleans grains' });
    document.querySelector('header').appendChild(link);
  },
  path() { return location.pathname.split('/').filter(p => p.length > 0).map(decodeURIComponent); },
  num(v, digits = 4) { return v === null || v === undefined ? '' : String(Number(Number(v).toPrecision(digits))); },
  esc(s) { return String(s ?? '').replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c])); },
  // Live events; the badge says whether the stream is open (a results folder has nothing to stream).
  // Pages open the stream before loading their data and call `start` once it is loaded: events that arrived in
  // between are replayed, so none falls into the gap between the load and the subscription.
  stream(sweepId, handlers) {
    let buffered = [], started = false;
    const badge = document.getElementById('live');
    const source = new EventSource('/api/events' + (sweepId ? '?sweep=' + encodeURIComponent(sweepId) : ''));
    source.onopen = () => { if (badge) { badge.textContent = 'live'; badge.classList.add('on'); } };
    source.onerror = () => { if (badge) { badge.textContent = 'reconnecting'; badge.classList.remove('on'); } };
    for (const [kind, handler] of Object.entries(handlers)) {
      source.addEventListener(kind, e => {
        const data = JSON.parse(e.data);
        if (started) handler(data); else buffered.push([handler, data]);
      });
    }
    return { source, start() { started = true; for (const [handler, data] of buffered) handler(data); buffered = []; } };
  },
  // Puts a pushed epoch into a trial's series, kept sorted by epoch. Observer calls are one-way and may arrive
  // out of order, and a trial resumed from its checkpoint repeats epochs: an epoch replaces the one with its
  // number. Returns true when the series runs 1…n without a gap.
  addEpoch(series, epoch) {
    let lo = 0, hi = series.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (series[mid].epoch < epoch.epoch) lo = mid + 1; else hi = mid; }
    if (lo < series.length && series[lo].epoch === epoch.epoch) series[lo] = epoch; else series.splice(lo, 0, epoch);
    return series[series.length - 1].epoch === series.length;
  },
  // Calls `fill` once, a second after a gap was seen, if the gap is still there then (a late event usually
  // closes it first; a dropped one needs the API).
  gapFiller(fill) {
    const pending = new Set();
    return (key, stillGapped) => {
      if (pending.has(key)) return;
      pending.add(key);
      setTimeout(async () => { pending.delete(key); if (stillGapped()) await fill(key); }, 1000);
    };
  },
  // Coalesces bursts of events into one redraw per animation frame, at most every `spacing` ms, and records
  // how long each redraw took (from the first event it covers to the end of drawing).
  // When a harness sets window.__dash.latencies to an array, each call's wait until its redraw ends is kept too
  // (bench/Dashboard.Bench: event → drawn per pushed event).
  throttle(draw, spacing = 150) {
    let pendingSince = null, last = 0, timer = null, calls = [];
    const run = () => requestAnimationFrame(() => {
      timer = null;
      if (pendingSince === null) return;
      const started = performance.now();
      draw();
      const done = performance.now();
      window.__dash.renders.push({ drawMs: done - started, sinceEventMs: done - pendingSince, events: Math.max(1, calls.length) });
      const latencies = window.__dash.latencies;
      if (Array.isArray(latencies)) for (const t of calls) latencies.push(done - t);
      pendingSince = null; last = done; calls = [];
    });
    return () => {
      if (Array.isArray(window.__dash.latencies)) calls.push(performance.now());
      if (pendingSince === null) pendingSince = performance.now();
      if (timer !== null) return;
      timer = setTimeout(run, Math.max(0, spacing - (performance.now() - last)));
    };
  },
  layout(title, extra = {}) {
    return Object.assign({ title: { text: title, font: { size: 14 } }, margin: { l: 55, r: 15, t: 40, b: 40 }, legend: { orientation: 'h' }, hovermode: 'closest' }, extra);
  },
  config: { responsive: true, displaylogo: false, displayModeBar: false },
};
