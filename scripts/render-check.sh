#!/usr/bin/env bash
# Opens a report.html in headless Chromium and checks that every <img> decoded (naturalWidth > 0) and, when the report
# has interactive plots, that every one was drawn and that hovering a mark shows its value.
#   scripts/render-check.sh results/<profile-id>/<run-id>/report.html [min-images]
# A copy of the report gets a small script that, on the window's load event, counts the decoded images and writes
# the count into the DOM; Chromium's --dump-dom prints the DOM after load.
# Exit 0 when all images (and at least min-images, default 4) decoded and the interactive plots drew and answered the
# hover; 1 when not; 2 on bad input or no
# Chromium. Chromium runs offline: no network, no sync, no updates, a fresh profile directory, no sandbox (root).
set -euo pipefail
report="${1:-}"
min="${2:-4}"
if [ -z "$report" ] || [ ! -f "$report" ]; then
  echo "render-check: no such report: ${report:-<none>} (usage: $0 report.html [min-images])" >&2
  exit 2
fi
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
  echo "render-check: Chromium not found (apt-get install -y chromium)" >&2
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
page="$work/page.html"
# the interactive plots (when the report has them): how many drew, which failed, and whether hovering the first mark
# of the first plot shows that mark's text
hover='var hv="none",st=document.getElementById("interactive-status"),h=document.querySelector("[data-plot]");if(h){hv="not-drawn";if(h.uplot){try{var u=h.uplot,id=h.getAttribute("data-plot"),pl=JSON.parse(document.getElementById("sgdbench-plots").textContent).filter(function(q){return q.id===id;})[0],s=pl.series.filter(function(q){return q.kind==="points";})[0],n=s.y.findIndex(function(v){return v!=null;}),r=u.over.getBoundingClientRect();u.over.dispatchEvent(new MouseEvent("mousemove",{clientX:r.left+u.valToPos(pl.xs[n]+s.dx,"x"),clientY:r.top+u.valToPos(s.y[n],"y"),bubbles:true}));var t=u.over.querySelector(".plot-tip");hv=t&&t.style.display==="block"&&t.textContent===s.tips[n]?"ok":"no-tip";}catch(e){hv="error:"+e;}}}var iv=st&&st.hasAttribute("data-drawn")?" interactive="+st.getAttribute("data-drawn")+" interactive-failed=["+st.getAttribute("data-failed")+"] hover="+hv:(h?" interactive=none-ran hover="+hv:"");'
marker='<script>window.addEventListener("load",function(){var i=document.images,ok=0,bad=[];for(var k=0;k<i.length;k++){if(i[k].complete&&i[k].naturalWidth>0)ok++;else bad.push(i[k].alt||("#"+k));}'"$hover"'var p=document.createElement("pre");p.id="render-check";p.textContent="RENDER"+"-CHECK images="+i.length+" decoded="+ok+" failed=["+bad.join(",")+"]"+iv;document.body.appendChild(p);});</script>'
# insert the marker script just before </body>
python3 - "$report" "$page" "$marker" <<'PY'
import sys
src, dst, marker = sys.argv[1], sys.argv[2], sys.argv[3]
html = open(src, encoding="utf-8").read()
i = html.rfind("</body>")
if i < 0:
    sys.exit("render-check: " + src + ": no </body>")
open(dst, "w", encoding="utf-8").write(html[:i] + marker + html[i:])
PY
dom="$(timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --disable-extensions --user-data-dir="$work/profile" \
  --virtual-time-budget=10000 --dump-dom "file://$page" 2>"$work/stderr" || true)"
line="$(printf '%s' "$dom" | grep -o 'RENDER-CHECK[^<]*' | head -1 || true)"
if [ -z "$line" ]; then
  echo "render-check: Chromium produced no marker for $report; its stderr:" >&2
  tail -5 "$work/stderr" >&2
  exit 1
fi
echo "render-check: $report: $line"
images="$(printf '%s' "$line" | sed -n 's/.*images=\([0-9]*\).*/\1/p')"
decoded="$(printf '%s' "$line" | sed -n 's/.*decoded=\([0-9]*\).*/\1/p')"
# a report with interactive plots: every one drew, none failed, and hovering a mark showed its text
if printf '%s' "$line" | grep -q 'hover=' && ! printf '%s' "$line" | grep -q 'interactive-failed=\[\] hover=ok'; then
  echo "render-check: FAIL (interactive plots: $(printf '%s' "$line" | sed -n 's/.*\(interactive.*\)/\1/p'))" >&2
  exit 1
fi
if [ "$images" -ge "$min" ] && [ "$images" = "$decoded" ]; then
  echo "render-check: OK ($decoded of $images images decoded, at least $min expected)"
  exit 0
fi
echo "render-check: FAIL ($decoded of $images images decoded, at least $min expected)" >&2
exit 1
