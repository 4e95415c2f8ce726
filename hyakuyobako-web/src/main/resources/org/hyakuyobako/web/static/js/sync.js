'use strict';
// Seed 002's Table 1: synchronized events, filtered by tolerance, direction and address. Each row
// links to the mirrored octet columns at that moment, with the event's first two sensors.
(async () => {
  H.header('sync.html');
  const main = document.getElementById('main');
  const el = H.el;
  const params = new URLSearchParams(location.search);
  const tolerance = el('select', { id: 'tolerance' });
  const direction = el('select', { id: 'direction' }, el('option', { value: '' }, 'both'), el('option', { value: 'in' }, 'inbound'),
    el('option', { value: 'out' }, 'outbound'));
  const address = el('input', { id: 'address', type: 'text', size: 18, placeholder: 'host or external IP' });
  const apply = el('button', { type: 'button', id: 'apply' }, 'Apply');
  const result = el('div', { id: 'events' }, el('p', { class: 'note' }, 'Loading…'));
  main.replaceChildren(el('section', {}, el('h2', {}, 'Synchronized events'),
    el('p', { class: 'note' }, 'Several monitored hosts contacted the same external address (or were contacted by it) within the tolerance.'),
    el('div', { class: 'controls' }, el('label', {}, 'tolerance ', tolerance), el('label', {}, 'direction ', direction),
      el('label', {}, 'address ', address), apply), result));
  direction.value = params.get('direction') || '';
  address.value = params.get('address') || '';
  let first = true;

  async function load() {
    try {
      const d = await H.api('/api/sync', { tolerance: tolerance.value, direction: direction.value, address: address.value.trim(), limit: 2000 });
      if (first) {
        tolerance.replaceChildren(...d.tolerances.map((t) => el('option', { value: t }, t + ' s')));
        tolerance.value = params.get('tolerance') || (d.tolerance === null ? '' : String(d.tolerance));
        first = false;
      }
      const rows = d.events;
      result.replaceChildren(el('p', { class: 'note' }, H.num(d.total) + ' events' + (d.total > rows.length ? ', first ' + rows.length + ' shown' : '')),
        H.table([
          { label: '#', key: 'sync_id' },
          { label: 'time (UTC)', render: (r) => H.time(r.ts) },
          { label: 'direction', render: (r) => (r.direction === 'in' ? 'inbound' : r.direction === 'out' ? 'outbound' : r.direction) },
          { label: 'external', render: (r) => H.hostLink(r.external_ip) },
          { label: 'tolerance', render: (r) => r.tolerance + ' s' },
          { label: 'hosts', render: (r) => r.members.map((m, i) => [i ? '; ' : '', H.hostLink(m.host),
            ' (' + m.sensor + ', ' + m.proto + ' ' + m.src_port + '→' + m.dest_port + ', +' + m.offset.toFixed(3) + ' s)']) },
          { label: '', render: (r) => el('a', { href: 'columns.html?event=' + r.sync_id + '&tolerance=' + r.tolerance }, 'play') },
        ], rows, 'No synchronized event matches.'));
    } catch (e) {
      H.showError(result, e);
    }
  }
  apply.addEventListener('click', load);
  address.addEventListener('keydown', (e) => { if (e.key === 'Enter') load(); });
  load();
})();
