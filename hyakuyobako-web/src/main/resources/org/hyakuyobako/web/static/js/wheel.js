'use strict';
// Seed 002's octet wheel (V1): every remote address a monitored host's traffic reaches is drawn
// as four lines from the centre of a circle, one per octet, at the angle of the octet's value
// (0–255 round the circle), octet 1 longest, in the colour of its port. Old lines fade (the afterimage), so a fixed /8 shows
// as one bright spoke and a sweeping fourth octet turns like a clock hand. With two sensors, two
// wheels side by side.
(async () => {
  H.header('wheel.html');
  const canvas = H.el('canvas', { class: 'view', id: 'view', width: 1000, height: 520 });
  const view = {
    name: 'wheel', canvas, leftLabel: 'left', rightLabel: 'right', defaultRight: false,
    legend() {
      return [H.el('span', { class: 'note' }, '· spoke length = octet: octet 1 longest, octet 4 shortest')];
    },
    draw(ctx, visit, player) {
      const W = canvas.width; const Hgt = canvas.height;
      const panels = Math.max(1, player.sensorsShown().length);
      const pw = W / panels;
      const r = Math.min(pw, Hgt) / 2 - 24;
      ctx.globalAlpha = 1;
      ctx.fillStyle = '#fbfbf8';
      ctx.fillRect(0, 0, W, Hgt);
      ctx.font = '10px sans-serif';
      const names = player.sensorsShown();
      for (let p = 0; p < panels; p++) {
        const cx = p * pw + pw / 2; const cy = Hgt / 2;
        ctx.strokeStyle = '#999'; ctx.lineWidth = 1;
        ctx.beginPath(); ctx.arc(cx, cy, r, 0, 2 * Math.PI); ctx.stroke();
        ctx.fillStyle = '#777';
        for (let tick = 0; tick < 256; tick += 32) {
          const ang = tick / 256 * 2 * Math.PI;
          ctx.fillText(String(tick), cx + (r + 10) * Math.sin(ang) - 8, cy - (r + 10) * Math.cos(ang) + 3);
        }
        ctx.font = '12px sans-serif';
        ctx.fillText(names[p] || '', p * pw + 6, 14);
        ctx.font = '10px sans-serif';
      }
      const spokes = (path, slot, a) => {
        const o = H.octets(a);
        const cx = slot * pw + pw / 2; const cy = Hgt / 2;
        for (let k = 0; k < 4; k++) {
          const len = r * (1 - 0.2 * k);
          const ang = o[k] / 256 * 2 * Math.PI;
          path.moveTo(cx, cy);
          path.lineTo(cx + len * Math.sin(ang), cy - len * Math.cos(ang));
        }
      };
      return strokeFrame(ctx, visit, player.highlight, spokes);
    },
  };
  try {
    await new Player(view).start();
  } catch (e) {
    H.showError(document.getElementById('main'), e);
  }
})();
