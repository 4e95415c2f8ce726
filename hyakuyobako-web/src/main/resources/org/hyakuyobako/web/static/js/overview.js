'use strict';
// The overview: what the run found. Verdicts first (the answer), then C&C and groups, then counters.
(async () => {
  H.header('index.html');
  const main = document.getElementById('main');
  try {
    const o = await H.api('/api/overview');
    const c = o.counts;
    const el = H.el;
    const cards = el('div', { class: 'cards', id: 'counts' }, [
      ['infected hosts', c.infected], ['suspicious hosts', c.suspicious], ['C&C servers', c.cnc], ['bot groups', c.groups],
      ['synchronized events', c.sync_events], ['alerts', c.alerts], ['flows', c.flows], ['sensors', c.sensors],
    ].map(([label, n]) => el('div', { class: 'card' }, el('b', {}, H.num(n)), label)));
    const run = o.run || {};
    const span = run.first ? 'packet time ' + H.time(run.first) + ' to ' + H.time(run.last) + ' UTC' : 'no flows';
    const verdicts = H.table([
      { label: 'host', render: (r) => H.hostLink(r.host) },
      { label: 'verdict', key: 'verdict', cls: (r) => r.verdict },
      { label: 'score', render: (r) => H.num(r.score, 2), cls: 'num' },
      { label: 'methods', key: 'methods' },
      { label: 'life cycle', key: 'stages' },
      { label: 'C&C', key: 'cnc' },
      { label: 'groups', key: 'groups' },
      { label: 'first seen', render: (r) => H.time(r.first_seen) },
      { label: 'last seen', render: (r) => H.time(r.last_seen) },
    ], o.verdicts, 'No host was judged infected or suspicious.');
    const cnc = H.table([
      { label: 'address', render: (r) => H.hostLink(r.ip) },
      { label: 'port', key: 'port' },
      { label: 'country', key: 'country' },
      { label: 'AS', render: (r) => H.asLabel(r.asn, r.as_org) },
      { label: 'proto', key: 'proto' },
      { label: 'score', render: (r) => H.num(r.score, 2), cls: 'num' },
      { label: 'bots', render: (r) => (r.bots || '').split(' ').filter((b) => b).map((b, i) => [i ? ' ' : '', H.hostLink(b)]) },
      { label: 'evidence', key: 'evidence' },
    ], o.cnc, 'No C&C server was named.');
    const groups = H.table([
      { label: 'group', key: 'group_id' },
      { label: 'hosts', render: (r) => (r.hosts || '').split(' ').filter((b) => b).map((b, i) => [i ? ' ' : '', H.hostLink(b)]) },
      { label: 'C&C', key: 'cnc' },
    ], o.groups, 'No bot group was formed.');
    const exports = el('section', { id: 'exports' }, el('h2', {}, 'Actions: rules, block lists, zones, shared intelligence'),
      el('p', { class: 'note' }, 'What the infected hosts used (C&C and download endpoints, domains, URLs, IRC channels and commands), as files for your IDS, firewall, resolver and sharing platform:'),
      await H.exportLinks(null));
    const stats = Object.entries((run.stats) || {}).map(([k, v]) => ({ counter: k, value: v }));
    main.replaceChildren(
      el('section', { id: 'summary' }, el('h2', {}, 'Summary'), el('p', { class: 'note' }, span, run.home_net ? ' · home net ' + run.home_net : ''), cards),
      el('section', { id: 'verdicts' }, el('h2', {}, 'Verdicts'), verdicts),
      el('section', { id: 'cnc' }, el('h2', {}, 'C&C servers'), cnc),
      el('section', { id: 'groups' }, el('h2', {}, 'Bot groups'), groups),
      exports,
      el('section', { id: 'stats' }, el('h2', {}, 'Counters of the run'),
        H.table([{ label: 'counter', key: 'counter' }, { label: 'value', key: 'value' }], stats)));
  } catch (e) {
    H.showError(main, e);
  }
})();
