'use strict';
// Shared by every page. Network text (nicks, topics, host names, URLs) only ever reaches the page
// as text nodes or attribute values set one by one: no innerHTML anywhere, so markup in a capture
// stays text.
const H = (() => {
  // Anything the Content-Security-Policy blocks is a bug in these pages (or markup that came from the
  // network): say so where the analyst and the browser tests look.
  document.addEventListener('securitypolicyviolation', (e) => {
    console.error('blocked by the Content-Security-Policy: ' + e.violatedDirective + ' ' + (e.blockedURI || ''));
  });

  async function api(path, params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
    }
    const url = path + (q.toString() ? '?' + q.toString() : '');
    const r = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!r.ok) {
      let msg = r.status + ' ' + r.statusText;
      try { msg = (await r.json()).error || msg; } catch (e) { /* not JSON */ }
      throw new Error(path + ': ' + msg);
    }
    return r.json();
  }

  /** An element with attributes and children; strings become text nodes. */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'href' && !/^(\/|\?|#|[a-z]+\.html)/.test(String(v))) continue; // no javascript: or foreign links
      if (k.startsWith('on')) continue; // handlers only through addEventListener
      e.setAttribute(k, v === true ? '' : String(v));
    }
    append(e, children);
    return e;
  }

  function append(parent, children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined) continue;
      parent.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return parent;
  }

  function pad(n, w) { return String(n).padStart(w || 2, '0'); }

  /** Milliseconds since 1970 as UTC text, to the millisecond. */
  function time(ms) {
    if (ms === null || ms === undefined) return '';
    const d = new Date(ms);
    return d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + ' ' + pad(d.getUTCHours()) + ':'
      + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds()) + '.' + pad(d.getUTCMilliseconds(), 3);
  }

  function num(v, digits) {
    if (v === null || v === undefined) return '';
    if (typeof v !== 'number') return String(v);
    return digits === undefined ? v.toLocaleString('en') : v.toFixed(digits);
  }

  function hostLink(ip) {
    return el('a', { href: 'host.html?ip=' + encodeURIComponent(ip) }, ip);
  }

  /**
   * One colour per destination port, the same as report.html's pictures (Html.portColour): the
   * ports bots use most get colours far apart (hue and lightness), every other port a hue from a multiplicative hash.
   */
  const PORT_COLOURS = {
    445: 'hsl(0,85%,48%)',
    139: 'hsl(30,90%,50%)',
    135: 'hsl(55,90%,42%)',
    80: 'hsl(120,75%,40%)',
    443: 'hsl(170,80%,35%)',
    25: 'hsl(275,70%,50%)',
    53: 'hsl(200,85%,50%)',
    6667: 'hsl(300,80%,50%)',
    22: 'hsl(25,65%,30%)',
    23: 'hsl(235,70%,35%)',
    1433: 'hsl(185,90%,40%)',
    3389: 'hsl(330,85%,60%)',
    8080: 'hsl(120,80%,22%)',
    21: 'hsl(255,60%,65%)',
    69: 'hsl(0,70%,28%)',
    5900: 'hsl(215,90%,55%)',
  };
  function portColour(port) {
    const known = PORT_COLOURS[port];
    if (known !== undefined) return known;
    return 'hsl(' + (Math.imul(port, 2654435761) >>> 0) % 360 + ',70%,' + (38 + (port % 3) * 8) + '%)';
  }

  /**
   * A table: columns are {label, key} or {label, render(row) -> node|string, cls}; rows are
   * objects from the API.
   */
  function table(columns, rows, empty) {
    if (!rows || rows.length === 0) return el('p', { class: 'note' }, empty || 'none');
    const head = el('tr', {}, columns.map((c) => el('th', {}, c.label)));
    const body = rows.map((r) => el('tr', {}, columns.map((c) => {
      const v = c.render ? c.render(r) : r[c.key];
      const cls = typeof c.cls === 'function' ? c.cls(r) : c.cls;
      return el('td', { class: cls || (typeof v === 'number' ? 'num' : null) }, typeof v === 'number' ? num(v) : v);
    })));
    return el('table', {}, el('thead', {}, head), el('tbody', {}, body));
  }

  const PAGES = [['index.html', 'Overview'], ['sync.html', 'Synchronized events'], ['wheel.html', 'Octet wheel (V1)'],
    ['columns.html', 'Octet columns (V2)']];

  function header(active) {
    const h = el('header', {}, el('h1', {}, 'Hyakuyobako'),
      PAGES.map(([href, label]) => el('a', { href, class: href === active ? 'active' : null }, label)));
    document.body.prepend(h);
    document.body.append(attribution());
  }

  /** The credit the AS data's CC BY 4.0 licence asks for on pages that show it (docs/adr/0022-geo-and-asn-data.md). */
  function attribution() {
    // el() drops foreign links (they could come from the network); these four are fixed here.
    const a = (href, text) => {
      const link = el('a', {}, text);
      link.setAttribute('href', href);
      return link;
    };
    return el('footer', { id: 'attribution' }, el('p', { class: 'note' }, 'Autonomous systems: ip-location-db asn (',
      a('https://www.routeviews.org/', 'RouteViews'), ', ', a('https://db-ip.com', 'IP Geolocation by DB-IP'), ', ',
      a('https://www.nro.net/', 'NRO'), '), ', a('https://creativecommons.org/licenses/by/4.0/', 'CC BY 4.0'),
      '. Countries: ip-location-db geo-whois-asn-country, CC0.'));
  }

  /** "AS14061 DigitalOcean, LLC", or '' when the AS is unknown. */
  function asLabel(asn, org) {
    return asn == null ? '' : 'AS' + asn + (org ? ' ' + org : '');
  }

  /** " (CA AS14061)" after an outside address, '' for inside ones. */
  function placeOf(country, asn) {
    const parts = [country, asn == null ? null : 'AS' + asn].filter((x) => x);
    return parts.length ? ' (' + parts.join(' ') + ')' : '';
  }

  function showError(where, err) {
    where.replaceChildren(el('p', { class: 'error' }, String(err && err.message ? err.message : err)));
    console.warn(err);
  }

  /** IPv4 number (or the last four bytes of IPv6) as its four octets. */
  function octets(a) {
    return [(a >>> 24) & 255, (a >>> 16) & 255, (a >>> 8) & 255, a & 255];
  }

  /**
   * Download links for every export format (rules, firewall, DNS zones, STIX, MISP) of the whole run,
   * or of one host when given: the same files `hyakuyobako export` writes (docs/actions.md).
   */
  async function exportLinks(host) {
    const formats = await api('/api/exports');
    const base = host ? '/api/hosts/' + encodeURIComponent(host) + '/export/' : '/api/export/';
    return el('ul', { class: 'exports' }, formats.map((f) => el('li', {},
      el('a', { href: base + encodeURIComponent(f.file), download: (host ? host.replace(/:/g, '_') + '-' : '') + f.file,
        class: 'export-' + f.kind }, f.file), ' (' + f.kind + ')')));
  }

  return { api, el, time, num, hostLink, portColour, table, header, showError, octets, exportLinks, asLabel, placeOf };
})();
