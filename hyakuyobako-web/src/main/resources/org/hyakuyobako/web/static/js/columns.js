'use strict';
// Seed 002's mirrored octet columns (V2): per sensor a panel with the four octets as columns
// (x), the octet's value up the column (y), each remote address a line through its four octets in
// the colour of its port; inbound in the upper half, outbound in the lower. Two sensors stand side
// by side with the left panel mirrored (octet 4 … 1), so bots acting in step draw mirror images
// about the centre line.
const Columns = {
  /** Where octet k (0–3) of value v lands in panel slot of a canvas W × Hgt with `panels` panels. */
  point(W, Hgt, panels, slot, k, v, outbound) {
    const pw = W / panels;
    const mirrored = panels === 2 && slot === 0;
    const col = mirrored ? 3 - k : k;
    const mid = Hgt / 2;
    const frac = v / 255;
    return [slot * pw + pw * (col + 1) / 5, outbound ? mid + 6 + frac * (mid - 12) : mid - 6 - frac * (mid - 12)];
  },
};

(async () => {
  H.header('columns.html');
  const canvas = H.el('canvas', { class: 'view', id: 'view', width: 1000, height: 560 });
  const view = {
    name: 'columns', canvas, leftLabel: 'left (mirrored)', rightLabel: 'right', defaultRight: true,
    draw(ctx, visit, player) {
      const W = canvas.width; const Hgt = canvas.height;
      const panels = Math.max(1, player.sensorsShown().length);
      ctx.globalAlpha = 1;
      ctx.fillStyle = '#fbfbf8';
      ctx.fillRect(0, 0, W, Hgt);
      ctx.strokeStyle = '#ddd';
      ctx.lineWidth = 1;
      ctx.fillStyle = '#777';
      ctx.font = '11px sans-serif';
      for (let p = 0; p < panels; p++) {
        for (let k = 0; k < 4; k++) {
          const [x] = Columns.point(W, Hgt, panels, p, k, 0, false);
          ctx.beginPath(); ctx.moveTo(x, 0); ctx.lineTo(x, Hgt); ctx.stroke();
          ctx.fillText(String(k + 1), x + 2, Hgt / 2 - 2);
        }
        const names = player.sensorsShown();
        ctx.fillText((names[p] || '') + (panels === 2 && p === 0 ? ' (mirrored)' : '') + ' — in ↑ / out ↓', p * W / panels + 6, 14);
      }
      ctx.strokeStyle = '#999';
      ctx.setLineDash([4, 4]);
      ctx.beginPath(); ctx.moveTo(0, Hgt / 2); ctx.lineTo(W, Hgt / 2); ctx.stroke();
      ctx.setLineDash([]);
      if (panels === 2) { ctx.beginPath(); ctx.moveTo(W / 2, 0); ctx.lineTo(W / 2, Hgt); ctx.stroke(); }
      const trace = (path, slot, a, outbound) => {
        const o = H.octets(a);
        for (let k = 0; k < 4; k++) {
          const [x, y] = Columns.point(W, Hgt, panels, slot, k, o[k], outbound);
          if (k === 0) path.moveTo(x, y); else path.lineTo(x, y);
        }
      };
      return strokeFrame(ctx, visit, player.highlight, trace);
    },
  };
  try {
    await new Player(view).start();
  } catch (e) {
    H.showError(document.getElementById('main'), e);
  }
})();
