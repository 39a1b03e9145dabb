// report.html's interactive plots: draws every plot of the JSON element #sgdbench-plots with uPlot (inlined before
// this script). The values, intervals, hover texts, roofs and tick labels all come computed from the JSON; this
// script only draws marks (one shape per thread count), whiskers (confidence intervals) and the hover box. A plot
// that draws hides its PNG fallback; #interactive-status says how many were drawn and names any that failed.
(function () {
  "use strict";
  var status = document.getElementById("interactive-status");
  var drawn = 0, failed = [];
  var plots = [];
  try {
    plots = JSON.parse(document.getElementById("sgdbench-plots").textContent);
  } catch (e) {
    failed.push("data: " + e);
  }

  function mark(ctx, shape, x, y, r) {
    ctx.beginPath();
    if (shape === "diamond") {
      r *= 1.25;
      ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y);
    } else if (shape === "triangle") {
      r *= 1.25;
      ctx.moveTo(x, y - r); ctx.lineTo(x + r, y + r * 0.8); ctx.lineTo(x - r, y + r * 0.8);
    } else if (shape === "square") {
      ctx.rect(x - r, y - r, 2 * r, 2 * r);
    } else {
      ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
    ctx.closePath();
  }

  // marks (and whiskers where a series has an interval) of the series that have marks, over uPlot's own lines
  function drawPoints(u, plot) {
    var ctx = u.ctx, px = devicePixelRatio || 1;
    ctx.save();
    ctx.beginPath();
    ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
    ctx.clip();
    plot.series.forEach(function (s, si) {
      if (!s.marker || !u.series[si + 1].show) return;
      for (var i = 0; i < plot.xs.length; i++) {
        var y = s.y[i];
        if (y == null) continue;
        var cx = u.valToPos(plot.xs[i] + s.dx, "x", true), cy = u.valToPos(y, "y", true);
        if (s.lo && s.hi && s.hi[i] != null) {
          var lo = s.lo[i] != null ? s.lo[i] : plot.y.min;
          var y0 = u.valToPos(Math.max(lo, plot.y.min), "y", true), y1 = u.valToPos(s.hi[i], "y", true);
          ctx.strokeStyle = s.color;
          ctx.lineWidth = 1.2 * px;
          ctx.setLineDash([]);
          ctx.beginPath();
          ctx.moveTo(cx, y0); ctx.lineTo(cx, y1);
          ctx.moveTo(cx - 4 * px, y0); ctx.lineTo(cx + 4 * px, y0);
          ctx.moveTo(cx - 4 * px, y1); ctx.lineTo(cx + 4 * px, y1);
          ctx.stroke();
        }
        mark(ctx, s.marker, cx, cy, 4.5 * px);
        ctx.fillStyle = s.color;
        ctx.fill();
        ctx.strokeStyle = "#fff";
        ctx.lineWidth = 1 * px;
        ctx.stroke();
      }
    });
    ctx.restore();
  }

  // the hover box: the nearest visible point within 14 px of the cursor, its text as computed by the report
  function hover(u, plot, tip) {
    var left = u.cursor.left, top = u.cursor.top, best = null, bestD = 14 * 14;
    if (left == null || left < 0) { tip.style.display = "none"; return; }
    plot.series.forEach(function (s, si) {
      if (!s.tips || !u.series[si + 1].show) return;
      for (var i = 0; i < plot.xs.length; i++) {
        if (s.y[i] == null || s.tips[i] == null) continue;
        var dx = u.valToPos(plot.xs[i] + s.dx, "x") - left, dy = u.valToPos(s.y[i], "y") - top, d = dx * dx + dy * dy;
        if (d < bestD) { bestD = d; best = s.tips[i]; }
      }
    });
    if (best == null) { tip.style.display = "none"; return; }
    tip.textContent = best;
    tip.style.display = "block";
    var w = u.over.clientWidth;
    tip.style.left = (left > w / 2 ? left - tip.offsetWidth - 12 : left + 12) + "px";
    tip.style.top = Math.max(0, top - 10) + "px";
  }

  function labelsOf(axis) {
    var byValue = {};
    axis.ticks.forEach(function (t, i) { byValue[t] = axis.tickLabels[i]; });
    return function (u, splits) { return splits.map(function (v) { return byValue[v] != null ? byValue[v] : ""; }); };
  }

  function draw(plot) {
    var host = document.querySelector('[data-plot="' + plot.id + '"]');
    if (!host) throw new Error("no element for " + plot.id);
    var series = [{}];
    plot.series.forEach(function (s) {
      series.push({
        label: s.label, stroke: s.color, width: s.line ? s.width : 0, dash: s.dash, spanGaps: true,
        points: { show: false }, paths: s.line ? undefined : function () { return null; }
      });
    });
    var data = [plot.xs].concat(plot.series.map(function (s) { return s.y; }));
    var tip = document.createElement("div");
    tip.className = "plot-tip";
    var opts = {
      title: plot.title, width: Math.min(960, Math.max(480, host.clientWidth || 900)), height: 440,
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      legend: { live: false },
      scales: {
        x: { time: false, distr: plot.x.log ? 3 : 1, range: [plot.x.min, plot.x.max] },
        y: { distr: plot.y.log ? 3 : 1, range: [plot.y.min, plot.y.max] }
      },
      axes: [
        { label: plot.x.label, splits: function () { return plot.x.ticks; }, values: labelsOf(plot.x), size: 60 },
        { label: plot.y.label, splits: function () { return plot.y.ticks; }, values: labelsOf(plot.y), size: 70 }
      ],
      series: series,
      hooks: {
        draw: [function (u) { drawPoints(u, plot); }],
        setCursor: [function (u) { hover(u, plot, tip); }]
      }
    };
    var u = new uPlot(opts, data, host);
    u.over.appendChild(tip);
    host.uplot = u; // for scripts/render-check.sh, which hovers a mark
    var fallback = host.parentNode.querySelector("img.fallback");
    if (fallback) fallback.style.display = "none";
  }

  if (typeof uPlot !== "function") failed.push("uPlot missing");
  else plots.forEach(function (p) {
    try { draw(p); drawn++; } catch (e) { failed.push(p.id + ": " + e); }
  });
  if (status) {
    status.setAttribute("data-drawn", String(drawn));
    status.setAttribute("data-failed", failed.join("; "));
    status.textContent = "Interactive plots: " + drawn + " of " + plots.length + " drawn (uPlot); hover a mark for its "
      + "value and confidence interval, click a legend entry to hide or show a series."
      + (failed.length ? " Failed: " + failed.join("; ") + " (their images are shown instead)." : "");
  }
})();
