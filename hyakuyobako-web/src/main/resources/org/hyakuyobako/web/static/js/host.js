'use strict';
// One host: its verdict and the evidence behind it, a timeline of that evidence, then the raw
// material to pivot on (flows, alerts, IRC, DNS, HTTP) and the carve command for its packets.
(async () => {
  H.header('');
  const main = document.getElementById('main');
  const el = H.el;
  const ip = new URLSearchParams(location.search).get('ip');
  if (!ip) {
    H.showError(main, 'no host given: open a host from the overview');
    return;
  }
  try {
    const h = await H.api('/api/hosts/' + encodeURIComponent(ip));
    document.title = 'Hyakuyobako — ' + h.host;
    const v = h.verdict;
    const where = h.location ? [h.location.country, H.asLabel(h.location.asn, h.location.as_org)].filter((x) => x).join(' · ') : '';
    const head = el('section', { id: 'verdict' }, el('h2', {}, 'Host ', h.host),
      where ? el('p', { id: 'location' }, 'Outside the home net: ' + where) : null,
      v ? el('p', {}, el('span', { class: v.verdict }, ' ' + v.verdict + ' '), ' score ' + H.num(v.score, 2),
        ' · life cycle: ' + (v.stages || '–') + ' · groups: ' + (v.groups || '–') + ' · C&C: ' + (v.cnc || '–'),
        ' · seen ' + H.time(v.first_seen) + ' to ' + H.time(v.last_seen))
        : el('p', { class: 'note' }, 'No verdict for this host.'),
      v && v.explanation ? el('p', { id: 'explanation' }, v.explanation) : '',
      (h.roles || []).length ? el('p', { id: 'roles' }, 'Role: ', h.roles.map((r) => r.role + ' (' + r.reason + ')').join('; '),
        ' — its normal behaviour is not counted as evidence.') : '',
      H.table([{ label: 'method', key: 'method' }, { label: 'strength', render: (r) => H.num(r.strength, 3), cls: 'num' }], h.methods, 'no evidence'));
    const ranked = el('section', { id: 'ranked' }, el('h2', {}, 'Evidence behind the verdict'), H.table([
      { label: '#', key: 'rank' }, { label: 'method', key: 'method' }, { label: 'peer', key: 'peer' },
      { label: 'score', render: (r) => H.num(r.score, 2), cls: 'num' }, { label: 'count', key: 'count' },
      { label: 'first', render: (r) => H.time(r.first_seen) }, { label: 'last', render: (r) => H.time(r.last_seen) },
      { label: 'summary', key: 'summary' }, { label: 'in the captures', key: 'places' },
    ], h.ranked_evidence));
    const timeline = el('section', { id: 'timeline' }, el('h2', {}, 'Evidence timeline'), timelineSvg(h.evidence.rows));
    const lists = [
      ['evidence', 'All evidence', h.evidence, [{ label: 'time', render: (r) => H.time(r.ts) }, { label: 'method', key: 'method' },
        { label: 'peer', key: 'peer' }, { label: 'score', render: (r) => H.num(r.score, 2), cls: 'num' }, { label: 'summary', key: 'summary' },
        { label: 'refs', key: 'refs' }]],
      ['flows', 'Flows', h.flows, [{ label: 'start', render: (r) => H.time(r.start_time) }, { label: 'sensor', key: 'sensor' },
        { label: 'proto', key: 'proto' }, { label: 'source', render: (r) => r.src_ip + ':' + r.src_port + H.placeOf(r.src_country, r.src_asn) },
        { label: 'destination', render: (r) => r.dest_ip + ':' + r.dest_port + H.placeOf(r.dest_country, r.dest_asn) },
        { label: 'app', key: 'app_proto' },
        { label: 'state', key: 'conn_state' }, { label: 'pkts →/←', render: (r) => r.pkts_toserver + ' / ' + r.pkts_toclient },
        { label: 'bytes →/←', render: (r) => r.bytes_toserver + ' / ' + r.bytes_toclient },
        { label: 'capture @ offset', render: (r) => (r.capture_file || '') + ' @ ' + r.capture_offset }]],
      ['alerts', 'Alerts', h.alerts, [{ label: 'time', render: (r) => H.time(r.ts) }, { label: 'sid', key: 'signature_id' },
        { label: 'signature', key: 'signature' }, { label: 'category', key: 'category' }, { label: 'severity', key: 'severity' },
        { label: 'source', render: (r) => r.src_ip + ':' + r.src_port }, { label: 'destination', render: (r) => r.dest_ip + ':' + r.dest_port }]],
      ['irc', 'IRC', h.irc, [{ label: 'time', render: (r) => H.time(r.ts) }, { label: 'server', render: (r) => r.dest_ip + ':' + r.dest_port },
        { label: 'direction', key: 'direction' }, { label: 'nick', key: 'nick' }, { label: 'from', key: 'from' },
        { label: 'command', key: 'command' }, { label: 'channel', key: 'channel' }, { label: 'value', key: 'value' }, { label: 'text', key: 'addl' }]],
      ['dns', 'DNS', h.dns, [{ label: 'time', render: (r) => H.time(r.ts) }, { label: 'type', key: 'type' }, { label: 'name', key: 'rrname' },
        { label: 'rrtype', key: 'rrtype' }, { label: 'rcode', key: 'rcode' }, { label: 'answers', key: 'answers' }]],
      ['http', 'HTTP', h.http, [{ label: 'time', render: (r) => H.time(r.ts) }, { label: 'method', key: 'http_method' },
        { label: 'host', key: 'hostname' }, { label: 'url', key: 'url' }, { label: 'status', key: 'status' },
        { label: 'user agent', key: 'user_agent' }, { label: 'type', key: 'content_type' }, { label: 'executable', key: 'executable' }]],
      ['tls', 'TLS', h.tls, [{ label: 'time', render: (r) => H.time(r.ts) }, { label: 'client', render: (r) => r.src_ip + ':' + r.src_port },
        { label: 'server', render: (r) => r.dest_ip + ':' + r.dest_port }, { label: 'SNI', key: 'sni' }, { label: 'version', key: 'version' },
        { label: 'subject', key: 'subject' }, { label: 'JA3', key: 'ja3' }, { label: 'JA4', key: 'ja4' }, { label: 'JA3S', key: 'ja3s' }]],
    ].map(([id, title, list, cols]) => el('section', { id },
      el('h2', {}, title + ' (' + H.num(list.total) + (list.total > list.rows.length ? ', first ' + list.rows.length + ' shown' : '') + ')'),
      H.table(cols, list.rows)));
    const copy = el('button', { type: 'button' }, 'Copy');
    copy.addEventListener('click', () => navigator.clipboard && navigator.clipboard.writeText(h.carve.command));
    const carve = el('section', { id: 'carve' }, el('h2', {}, 'Carve its packets'),
      el('p', { class: 'note' }, 'Writes this host\'s packets from the same captures into one pcapng for Wireshark (the link does it here, if the captures are still where analyze read them):'),
      el('code', { class: 'command', id: 'carve-command' }, h.carve.command), copy, ' ',
      el('a', { href: '/api/hosts/' + encodeURIComponent(h.host) + '/carve.pcapng', id: 'carve-link' }, 'Download its packets (pcapng)'),
      el('p', {}, el('a', { href: 'columns.html?host=' + encodeURIComponent(h.host) }, 'Show its activity in the octet columns')));
    const exports = el('section', { id: 'exports' }, el('h2', {}, 'Actions for this host'),
      el('p', { class: 'note' }, 'The indicators this host used, as rules, block lists, zones and shared intelligence:'),
      await H.exportLinks(h.host));
    // The infection chain as a timeline: each step, its peer, its time and the delay from the step before.
    const STEP = { exploit: 'exploited by', shell: 'runs an attacker\'s commands from', download: 'fetches code from',
      scan: 'scans', spam: 'sends spam', dos: 'floods', 'shell-control': 'takes over' };
    const chain = (h.chain || []).length ? el('section', { id: 'chain' }, el('h2', {}, 'Infection chain'),
      el('ol', { class: 'chain' }, h.chain.map((s, i) => el('li', {}, H.time(s.ts), ' — ', STEP[s.method] || ('contacts C&C (' + s.method + ')'),
        ' ', s.peer || '', i ? ' (' + Math.round((s.ts - h.chain[i - 1].ts) / 1000) + ' s later)' : '')))) : '';
    main.replaceChildren(head, chain, ranked, timeline, carve, exports, ...lists);
  } catch (e) {
    H.showError(main, e);
  }

  /** Evidence over time, one row per method: when each kind of sign appeared. */
  function timelineSvg(rows) {
    if (!rows.length) return el('p', { class: 'note' }, 'no evidence');
    const NS = 'http://www.w3.org/2000/svg';
    const methods = [...new Set(rows.map((r) => r.method))];
    const t0 = Math.min(...rows.map((r) => r.ts));
    const t1 = Math.max(...rows.map((r) => r.end_ts || r.ts));
    const W = 900; const left = 110; const rowH = 22;
    const svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('class', 'timeline');
    svg.setAttribute('width', W);
    svg.setAttribute('height', methods.length * rowH + 24);
    const x = (t) => left + (t1 > t0 ? (t - t0) / (t1 - t0) : 0.5) * (W - left - 10);
    methods.forEach((m, i) => {
      const label = document.createElementNS(NS, 'text');
      label.setAttribute('x', 4); label.setAttribute('y', i * rowH + 15); label.setAttribute('font-size', '12');
      label.textContent = m;
      svg.appendChild(label);
    });
    for (const r of rows) {
      const i = methods.indexOf(r.method);
      const bar = document.createElementNS(NS, 'rect');
      const x0 = x(r.ts); const x1 = Math.max(x0 + 3, x(r.end_ts || r.ts));
      bar.setAttribute('x', x0); bar.setAttribute('y', i * rowH + 5); bar.setAttribute('width', x1 - x0); bar.setAttribute('height', 12);
      bar.setAttribute('fill', 'hsl(' + (i * 67 % 360) + ',60%,45%)');
      bar.setAttribute('fill-opacity', String(0.3 + 0.7 * Math.min(1, r.score || 0)));
      const title = document.createElementNS(NS, 'title');
      title.textContent = H.time(r.ts) + ' ' + r.method + ' ' + (r.peer || '') + ': ' + (r.summary || '');
      bar.appendChild(title);
      svg.appendChild(bar);
    }
    const axis = document.createElementNS(NS, 'text');
    axis.setAttribute('x', left); axis.setAttribute('y', methods.length * rowH + 18); axis.setAttribute('font-size', '11');
    axis.textContent = H.time(t0) + '  …  ' + H.time(t1) + ' UTC';
    svg.appendChild(axis);
    return svg;
  }
})();
