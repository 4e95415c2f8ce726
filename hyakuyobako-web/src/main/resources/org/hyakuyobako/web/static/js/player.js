'use strict';
// The animation shared by the octet wheel (V1) and the octet columns (V2): packet time runs at a
// chosen speed, the server sends the connections of the coming window already grouped into
// frame-sized buckets (/api/activity), and each frame draws what happened in the last
// "afterimage" seconds, older lines fainter. Two sensors can be chosen; the view decides how to
// place them. Controls: play/pause, speed, afterimage, time scrubber over a density profile,
// sensor, port and host filters, a jump to each synchronized event, and a PNG snapshot.
class Player {
  constructor(view) {
    this.view = view; // {canvas, draw(ctx, visit, state), title}
    this.t = 0;
    this.playing = false;
    this.chunks = [];
    this.loadedFrom = 0;
    this.loadedTo = 0;
    this.loading = false;
    this.generation = 0;
    this.frames = 0;
    this.highlight = null;
    this.lastTick = 0;
  }

  async start() {
    const el = H.el;
    const main = document.getElementById('main');
    const range = await H.api('/api/activity/range', { buckets: 600 });
    this.range = range;
    if (range.first === null || range.first === undefined) {
      main.replaceChildren(el('p', { class: 'note' }, 'This run holds no flows to show.'));
      return;
    }
    const params = new URLSearchParams(location.search);
    const sensorOptions = (withNone) => [withNone ? el('option', { value: '' }, '(none)') : null,
      ...range.sensors.map((s) => el('option', { value: s }, s))];
    this.left = el('select', { id: 'sensor-left' }, sensorOptions(true));
    this.right = el('select', { id: 'sensor-right' }, sensorOptions(true));
    this.port = el('select', { id: 'port' }, el('option', { value: '' }, 'all ports'),
      range.ports.map((p) => el('option', { value: p.port }, String(p.port))));
    this.host = el('input', { id: 'host', type: 'text', size: 16, placeholder: 'all monitored hosts' });
    this.speed = el('select', { id: 'speed' }, [1, 10, 60, 300, 600, 3600].map((s) => el('option', { value: s }, s + '×')));
    this.after = el('select', { id: 'afterimage' }, [1, 5, 10, 30, 60, 120, 600].map((s) => el('option', { value: s }, s + ' s')));
    this.playButton = el('button', { type: 'button', id: 'play' }, 'Play');
    this.snapButton = el('button', { type: 'button', id: 'snapshot' }, 'Snapshot (PNG)');
    this.jump = el('select', { id: 'jump' }, el('option', { value: '' }, 'jump to a synchronized event…'));
    this.clock = el('span', { class: 'clock', id: 'clock' });
    this.density = el('canvas', { class: 'density', width: 1200, height: 24 });
    this.scrubber = el('input', { class: 'scrubber', id: 'scrubber', type: 'range', min: range.first, max: range.last, step: 'any', value: range.first });
    this.info = el('p', { class: 'note', id: 'info' });
    this.legend = el('div', { class: 'legend', id: 'legend' });
    main.replaceChildren(
      el('div', { class: 'controls' }, this.playButton, el('label', {}, 'speed ', this.speed), el('label', {}, 'afterimage ', this.after),
        this.clock, this.snapButton),
      el('div', { class: 'controls' }, el('label', {}, this.view.leftLabel + ' ', this.left), el('label', {}, this.view.rightLabel + ' ', this.right),
        el('label', {}, 'port ', this.port), el('label', {}, 'host ', this.host), this.jump),
      this.density, this.scrubber, this.view.canvas, this.legend, this.info);
    this.speed.value = params.get('speed') || '60';
    this.after.value = params.get('afterimage') || '10';
    this.left.value = range.sensors[0] || '';
    this.right.value = this.view.defaultRight && range.sensors.length > 1 ? range.sensors[1] : '';
    if (params.get('sensors')) {
      const s = params.get('sensors').split(',');
      this.left.value = s[0] || '';
      this.right.value = s[1] || '';
    }
    this.host.value = params.get('host') || '';
    this.drawDensity();
    this.drawLegend();
    this.seek(params.get('t') ? Number(params.get('t')) : range.first);
    for (const c of [this.left, this.right, this.port, this.speed, this.after]) c.addEventListener('change', () => this.reset());
    this.host.addEventListener('change', () => this.reset());
    this.playButton.addEventListener('click', () => (this.playing ? this.pause() : this.play()));
    this.scrubber.addEventListener('input', () => this.seek(Number(this.scrubber.value)));
    this.snapButton.addEventListener('click', () => this.snapshot());
    this.jump.addEventListener('change', () => this.jumpTo(this.jump.selectedIndex - 1));
    await this.loadEvents(params);
    window.hyakuyobakoPlayer = this;
    requestAnimationFrame((ts) => this.tick(ts));
  }

  async loadEvents(params) {
    const d = await H.api('/api/sync', { tolerance: params.get('tolerance') || '', limit: 1000 });
    this.events = d.events;
    for (const e of d.events) {
      const sensors = [...new Set(e.members.map((m) => m.sensor))].join(', ');
      this.jump.appendChild(H.el('option', { value: e.sync_id }, H.time(e.ts) + ' ' + (e.direction === 'in' ? 'inbound' : 'outbound') + ' ' + e.external_ip + ' (' + e.members.length
        + ' hosts: ' + sensors + ')'));
    }
    const wanted = params.get('event');
    if (wanted) {
      const i = d.events.findIndex((e) => String(e.sync_id) === wanted);
      if (i >= 0) {
        this.jump.selectedIndex = i + 1;
        this.jumpTo(i);
      }
    }
  }

  /** Pauses on the moment the last host of the event acted, its sensors side by side, its address on top. */
  jumpTo(i) {
    const e = this.events && this.events[i];
    if (!e) return;
    const sensors = [...new Set(e.members.map((m) => m.sensor))];
    this.left.value = sensors[0] || '';
    this.right.value = sensors[1] || (this.view.defaultRight ? '' : '');
    this.port.value = '';
    this.host.value = '';
    const span = Math.max(...e.members.map((m) => m.offset), 0);
    const needed = Math.max(5, Math.ceil(span + e.tolerance));
    const option = [...this.after.options].find((o) => Number(o.value) >= needed);
    if (option) this.after.value = option.value;
    this.highlight = { address: ipNumber(e.external_ip), outbound: e.direction === 'out', event: e };
    this.info.textContent = 'Event #' + e.sync_id + ': ' + e.members.length + ' hosts, ' + (e.direction === 'in' ? 'inbound' : 'outbound') + ', ' + e.external_ip
      + ' within ' + e.tolerance + ' s — its lines are drawn on top.';
    this.pause();
    this.reset();
    this.seek(e.ts + span * 1000 + 1);
  }

  play() {
    if (this.t >= this.range.last) this.seek(this.range.first);
    this.playing = true;
    this.playButton.textContent = 'Pause';
  }

  pause() {
    this.playing = false;
    this.playButton.textContent = 'Play';
  }

  seek(t) {
    this.t = Math.min(Math.max(t, this.range.first), this.range.last);
    this.scrubber.value = this.t;
  }

  /** Filters or speed changed: what is loaded no longer fits. */
  reset() {
    this.generation++;
    this.dropped = 0;
    this.chunks = [];
    this.loadedFrom = this.loadedTo = 0;
    this.loading = false;
  }

  afterMs() { return Number(this.after.value) * 1000; }

  sensorsShown() { return [this.left.value, this.right.value].filter((s) => s); }

  /** True when everything the current frame needs has arrived (the browser tests wait for it). */
  idle() {
    return !this.loading && this.loadedFrom <= this.t - this.afterMs() && (this.loadedTo > this.t || this.loadedTo > this.range.last);
  }

  tick(now) {
    const dt = this.lastTick ? now - this.lastTick : 0;
    this.lastTick = now;
    if (this.playing) {
      // Never run ahead of what has arrived: a frame without its lines would show a false silence.
      const next = this.t + dt * Number(this.speed.value);
      const buffered = this.loadedTo > this.range.last ? Infinity : this.loadedTo;
      this.buffering = next > buffered;
      this.seek(Math.min(next, Math.max(this.t, buffered)));
      if (this.t >= this.range.last) this.pause();
    }
    this.ensureData();
    this.render();
    requestAnimationFrame((ts) => this.tick(ts));
  }

  /** Keeps the window [t - afterimage, t + a few seconds of playing] loaded, a page at a time. */
  async ensureData() {
    if (this.loading) return;
    const after = this.afterMs();
    const speed = Number(this.speed.value);
    const want = this.t + Math.max(speed * 4000, 2000);
    if (this.t - after < this.loadedFrom || this.t > this.loadedTo + speed * 8000 || this.loadedTo === 0) {
      this.chunks = [];
      this.loadedFrom = this.loadedTo = this.t - after;
    }
    if (this.loadedTo >= want || this.loadedTo > this.range.last) return;
    this.loading = true;
    const generation = this.generation;
    const from = this.loadedTo;
    // About two seconds of playing per request: small answers, fetched while the frames before them play.
    const to = from + Math.max(speed * 2000, after * 2, 1000);
    try {
      const step = Math.max(1, Math.round(speed * 1000 / 60));
      // Each sensor's frame holds at most about MAX_LINES / 2 lines: what the afterimage spans, shared out per bucket.
      const perBucket = Math.max(50, Math.floor(Player.MAX_LINES / Math.max(1, after / step) / Math.max(1, this.sensorsShown().length)));
      const d = await H.api('/api/activity', {
        from, to, step, per_bucket: perBucket, sensors: this.sensorsShown().join(','),
        port: this.port.value, host: this.host.value.trim(), limit: 50000,
      });
      this.dropped = (this.dropped || 0) + d.dropped;
      if (generation !== this.generation) return;
      const slot = d.sensors.map((s) => this.sensorsShown().indexOf(s));
      this.chunks.push({ from, to: d.next, t: d.t, s: d.s.map((i) => slot[i]), a: d.a, p: d.p, o: d.o, n: d.n });
      this.loadedTo = d.next;
      // Forget what has faded out.
      const keepFrom = this.t - after - 1000;
      while (this.chunks.length > 1 && this.chunks[0].to < keepFrom) this.chunks.shift();
      this.loadedFrom = this.chunks.length ? Math.min(this.loadedFrom, this.chunks[0].from) : this.loadedFrom;
      if (this.chunks.length && this.chunks[0].from > this.loadedFrom) this.loadedFrom = this.chunks[0].from;
    } catch (e) {
      this.info.textContent = String(e.message || e);
      this.pause();
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  /** Calls fn(slot, address, port, outbound, age 0..1) for each line of the current frame, oldest first. */
  visit(fn) {
    const after = this.afterMs();
    const from = this.t - after;
    let drawn = 0;
    const sides = this.sensorsShown().length;
    for (const c of this.chunks) {
      if (c.to < from) continue;
      let i = lowerBound(c.t, from);
      for (; i < c.t.length && c.t[i] <= this.t; i++) {
        if (c.s[i] < 0 || c.s[i] >= sides) continue;
        fn(c.s[i], c.a[i], c.p[i], c.o[i] === 1, (this.t - c.t[i]) / after);
        if (++drawn >= Player.MAX_LINES) return drawn;
      }
    }
    return drawn;
  }

  render() {
    const ctx = this.view.canvas.getContext('2d');
    const drawn = this.view.draw(ctx, (fn) => this.visit(fn), this);
    this.frames++;
    this.clock.textContent = H.time(this.t) + ' UTC' + (this.buffering ? ' (loading…)' : '')
      + (this.dropped ? ' · ' + H.num(this.dropped) + ' busy-bucket connections not drawn' : '');
    this.view.canvas.dataset.frame = String(this.frames);
    this.view.canvas.dataset.lines = String(drawn || 0);
  }

  drawDensity() {
    const d = this.range.density || [];
    const ctx = this.density.getContext('2d');
    const max = Math.max(1, ...d);
    ctx.fillStyle = '#7f8c8d';
    const w = this.density.width / Math.max(1, d.length);
    d.forEach((n, i) => {
      const h = n ? Math.max(1, Math.sqrt(n / max) * this.density.height) : 0;
      ctx.fillRect(i * w, this.density.height - h, Math.max(1, w - 0.5), h);
    });
  }

  drawLegend() {
    const items = this.range.ports.map((p) => H.el('span', {}, swatch(H.portColour(p.port)), 'port ' + p.port));
    this.legend.replaceChildren(H.el('span', { class: 'note' }, 'colour = destination port: '), ...items, ...(this.view.legend ? this.view.legend() : []));
  }

  snapshot() {
    this.view.canvas.toBlob((blob) => {
      const a = document.createElement('a');
      a.download = 'hyakuyobako-' + this.view.name + '-' + H.time(this.t).replace(/[ :]/g, '-') + '.png';
      a.href = URL.createObjectURL(blob);
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    }, 'image/png');
  }
}
Player.MAX_LINES = 8000;

/** Afterimages fade in this many steps (one batch of lines per port and step). */
const FADE_STEPS = 8;

/**
 * Draws a frame's lines for either view: one path per port colour and fading step, stroked once,
 * so thousands of lines a frame stay cheap; the highlighted address (a jumped-to synchronized
 * event) last, opaque and thicker. {@code trace(path, slot, address, outbound)} adds one line's
 * geometry. Returns how many lines were visited.
 */
function strokeFrame(ctx, visit, highlight, trace) {
  const batches = new Map();
  const marked = [];
  const n = visit((slot, a, port, outbound, age) => {
    if (highlight && a === highlight.address) { marked.push([slot, a, port, outbound]); return; }
    const key = port * FADE_STEPS + Math.min(FADE_STEPS - 1, Math.floor(age * FADE_STEPS));
    let path = batches.get(key);
    if (!path) batches.set(key, (path = new Path2D()));
    trace(path, slot, a, outbound);
  });
  ctx.lineWidth = 1;
  for (const [key, path] of batches) {
    ctx.globalAlpha = Math.max(0.05, 1 - ((key % FADE_STEPS) + 0.5) / FADE_STEPS);
    ctx.strokeStyle = H.portColour(Math.floor(key / FADE_STEPS));
    ctx.stroke(path);
  }
  ctx.globalAlpha = 1;
  ctx.lineWidth = 3;
  for (const [slot, a, port, outbound] of marked) {
    const path = new Path2D();
    trace(path, slot, a, outbound);
    ctx.strokeStyle = H.portColour(port);
    ctx.stroke(path);
  }
  ctx.lineWidth = 1;
  return n;
}

function swatch(colour) {
  const s = H.el('span', { class: 'swatch' });
  s.style.background = colour;
  return s;
}

function lowerBound(arr, x) {
  let lo = 0; let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** The number the octet views use for an address: IPv4 as is, IPv6 its last four bytes (as the server sends). */
function ipNumber(text) {
  if (!text) return null;
  if (text.indexOf(':') < 0) {
    const p = text.split('.').map(Number);
    return p.length === 4 ? (((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3]) >>> 0 : null;
  }
  // The last two 16-bit groups; '::' may stand for them (then they are zero), an embedded IPv4 ends it.
  const tail = text.split('::').pop().split(':');
  const last = tail[tail.length - 1];
  if (last.indexOf('.') >= 0) return ipNumber(last);
  const lo = parseInt(last || '0', 16);
  const hi = tail.length >= 2 ? parseInt(tail[tail.length - 2] || '0', 16) : 0;
  return ((hi << 16) >>> 0) + lo;
}
