#!/usr/bin/env bash
# Opens a report's HTML pages in headless Chromium (Debian's package, installed if missing) and fails unless every
# page renders (a non-empty DOM with its <h1>; report.html titled "MsgTrans Workbench report"), every image in the
# DOM loaded (the page's own script writes data-images-status="ok" on <body> once it has loaded), every local link
# and anchor resolves, no resource comes from the network, a click on a throughput column's header sorts it (up, then
# down, as numbers), and a screenshot of report.html is produced.
#
#   .ci/check-html-report.sh REPORT_DIR [OUT_DIR]    (OUT_DIR default: REPORT_DIR-html-check: DOM dumps, screenshot)
#
# Root (or sudo-free apt) is needed only when Chromium is missing. One browser start renders every page (each page, in
# a frame, posts its rendered DOM to the frame page); REPORT_DIR gets only a temporary .sort-check.html, removed at
# once. Prints how long it took.
set -euo pipefail
[[ $# -ge 1 && -d "$1" ]] || { echo "usage: $0 REPORT_DIR [OUT_DIR]" >&2; exit 2; }
DIR="$(cd "$1" && pwd -P)"
OUT="${2:-$DIR-html-check}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd -P)"
start=$(date +%s)
fail() { echo "check-html-report: FAILED: $*" >&2; echo "check-html-report: files in $OUT" >&2; exit 1; }

if ! command -v chromium >/dev/null 2>&1; then
  echo "check-html-report: installing chromium (Debian package)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >"$OUT/apt.log" 2>&1 || fail "apt-get update (see $OUT/apt.log)"
  apt-get install -y -qq --no-install-recommends chromium >>"$OUT/apt.log" 2>&1 \
    || fail "apt-get install chromium (see $OUT/apt.log)"
fi
# Debian's python (the first python3 on PATH may be another one); only the standard library is used
PY=/usr/bin/python3
[[ -x "$PY" ]] || PY=python3

[[ -s "$DIR/report.html" ]] || fail "no report.html in $DIR"
chrome() {
  timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --hide-scrollbars --allow-file-access-from-files "$@" 2>>"$OUT/chromium.log"
}

# one browser start for every page: a frame per page, each posts its rendered DOM (its own script, once loaded)
pages=()
frames=""
for page in "$DIR"/*.html; do
  pages+=("$(basename "$page")")
  frames+="<iframe src=\"file://$page\"></iframe>"
done
# the listener comes first: a frame may post before the parser reaches the end of the body
cat >"$OUT/all-pages.html" <<HTML
<!DOCTYPE html><html><head><meta charset="utf-8"/><title>all pages</title>
<script>
window.addEventListener('message', function (e) {
  var t = document.createElement('textarea');
  t.setAttribute('data-page', e.data.page);
  t.textContent = e.data.dom;
  document.body.appendChild(t);
});
</script></head><body>$frames</body></html>
HTML
chrome --virtual-time-budget=30000 --dump-dom "file://$OUT/all-pages.html" >"$OUT/all-pages.dom" \
  || fail "chromium --dump-dom"
[[ -s "$OUT/all-pages.dom" ]] || fail "empty DOM"
# sorting in the browser: a copy of a page with a throughput table (beside the page, so it loads alike) gets a script
# that clicks the column's header twice and records the column after each click
# (the page whose throughput table has the most rows: other tables on a page do not count)
sortpage="$("$PY" - "$DIR" <<'PYEOF'
import glob, re, sys
best, rows = "", 0
for f in sorted(glob.glob(sys.argv[1] + "/*.html")):
    for table in re.findall(r"<table.*?</table>", open(f, encoding="utf-8").read(), re.S):
        if "<th>throughput</th>" in table and table.count("<tr>") > rows:
            best, rows = f, table.count("<tr>")
print(best)
PYEOF
)"
if [[ -n "$sortpage" ]]; then
  sed 's|</body>|<script>window.addEventListener("load", function () {\
  var th = Array.prototype.filter.call(document.querySelectorAll("table.sortable thead th"),\
    function (h) { return h.textContent === "throughput"; }).sort(function (a, b) {\
      return b.closest("table").rows.length - a.closest("table").rows.length; })[0];\
  var table = th.closest("table"), col = th.cellIndex;\
  function cells() { return Array.prototype.map.call(table.tBodies[0].rows, function (r) { return r.cells[col].textContent; }); }\
  th.click(); var up = cells(); th.click(); var down = cells();\
  var pre = document.createElement("pre"); pre.id = "sort-check";\
  pre.textContent = JSON.stringify({up: up, down: down}); document.body.appendChild(pre);\
});</script></body>|' "$sortpage" >"$DIR/.sort-check.html"
  chrome --virtual-time-budget=5000 --dump-dom "file://$DIR/.sort-check.html" >"$OUT/sort-check.dom" || true
  rm -f "$DIR/.sort-check.html"
  "$PY" - "$OUT/sort-check.dom" "$(basename "$sortpage")" <<'PYEOF' || fail "sorting a table by a click"
import html, json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<pre id="sort-check">(.*?)</pre>', dom, re.S)
if not m:
    sys.exit(f"{sys.argv[2]}: the sort check did not run")
cols = json.loads(html.unescape(m.group(1)))
scale = {"k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12}
def value(cell):
    n = re.match(r"^[^\d.-]{0,2}?(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?:\s*([kMGT])(?![A-Za-z]))?", cell.strip())
    return float(n.group(1).replace(",", "")) * scale.get(n.group(2), 1) if n else float("inf")
up, down = [value(c) for c in cols["up"]], [value(c) for c in cols["down"]]
if up != sorted(up) or down != sorted(down, reverse=True) or len(up) < 2:
    sys.exit(f"{sys.argv[2]}: throughput column not sorted by clicks: {cols}")
print(f"check-html-report: sorting {sys.argv[2]}'s throughput column by clicks: {len(up)} rows up, then down")
PYEOF
else
  echo "check-html-report: no page with a throughput table: sorting not checked"
fi

chrome --window-size=1280,2000 --screenshot="$OUT/report.png" "file://$DIR/report.html" >/dev/null \
  || fail "chromium screenshot"
[[ -f "$OUT/report.png" ]] || fail "no screenshot written"
size=$(stat -c %s "$OUT/report.png")
(( size > 20000 )) || fail "screenshot of report.html is only $size bytes: a blank page?"

"$PY" - "$DIR" "$OUT" "${pages[@]}" <<'PYEOF' || fail "see the problems above"
import html.parser, os, re, sys, urllib.parse
report, out, pages = sys.argv[1], sys.argv[2], sys.argv[3:]

class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs, self.ids, self.body, self.title, self.h1, self.in_title = [], set(), {}, "", 0, False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "body":
            self.body = a
        if tag == "title":
            self.in_title = True
        if tag == "h1":
            self.h1 += 1
        for key in ("href", "src"):
            if a.get(key) is not None:
                self.refs.append((tag, key, a[key]))
    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
    def handle_data(self, data):
        if self.in_title:
            self.title += data

class Frames(html.parser.HTMLParser):
    """The DOM each page posted to the frame page, by page name."""
    def __init__(self):
        super().__init__()
        self.doms, self.page = {}, None
    def handle_starttag(self, tag, attrs):
        if tag == "textarea":
            self.page = dict(attrs).get("data-page")
            self.doms[self.page] = ""
    def handle_endtag(self, tag):
        if tag == "textarea":
            self.page = None
    def handle_data(self, data):
        if self.page is not None:
            self.doms[self.page] += data

frames = Frames()
with open(os.path.join(out, "all-pages.dom"), encoding="utf-8") as f:
    frames.feed(f.read())
parsed, problems = {}, []
for name in pages:
    dom = frames.doms.get(name)
    if not dom:
        problems.append(f"{name}: did not render (no DOM posted: the page or its script did not run)")
        continue
    with open(os.path.join(out, name + ".dom"), "w", encoding="utf-8") as f:
        f.write(dom)
    p = Page()
    p.feed(dom)
    parsed[name] = p
for name, p in parsed.items():
    if p.h1 == 0:
        problems.append(f"{name}: no <h1> in the rendered DOM")
    status = p.body.get("data-images-status")
    if status != "ok":
        problems.append(f"{name}: images {status or 'not checked (the page script did not run)'}:"
                        f" {p.body.get('data-broken-images', '')}")
    for tag, key, ref in p.refs:
        if re.match(r"^(https?:)?//", ref, re.I):
            problems.append(f"{name}: network reference <{tag} {key}={ref}>")
            continue
        if re.match(r"^[a-z][a-z0-9+.-]*:", ref, re.I):
            continue
        path, _, frag = ref.partition("#")
        target = os.path.normpath(os.path.join(report, urllib.parse.unquote(path))) if path else os.path.join(report, name)
        if not os.path.exists(target):
            problems.append(f"{name}: <{tag} {key}={ref}> does not resolve ({target} missing)")
        elif frag and os.path.basename(target) in parsed and frag not in parsed[os.path.basename(target)].ids:
            problems.append(f"{name}: <{tag} {key}={ref}>: no element with id {frag}")
title = parsed["report.html"].title if "report.html" in parsed else ""
if "MsgTrans Workbench report" not in title:
    problems.append(f"report.html: title is {title!r}, not the report's")
images = sum(int(p.body.get("data-images", "0") or 0) for p in parsed.values())
broken = sum(len(p.body.get("data-broken-images", "").split()) for p in parsed.values())
refs = sum(len(p.refs) for p in parsed.values())
for problem in problems:
    print("  " + problem, file=sys.stderr)
print(f"check-html-report: {len(parsed)} pages rendered, {images} images ({broken} broken), {refs} links and sources checked,"
      f" {len(problems)} problems")
sys.exit(1 if problems else 0)
PYEOF
echo "check-html-report: ok in $(( $(date +%s) - start ))s; screenshot $OUT/report.png ($size bytes)"
