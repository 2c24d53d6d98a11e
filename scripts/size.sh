#!/usr/bin/env bash
# The bundle-size budget: gzip -9 bytes of dist/'s .wasm, .js, .css and index.html, summed.
# Usage: scripts/size.sh [DIST]        prints the figures; fails when over the budget.
#        scripts/size.sh --top [DIST]  also prints the largest functions (twiggy).
# The target of the performance issue is 200 KB (stretch 150 KB). Until it is met, the
# build must not grow past RATCHET, which is where the bundle stands (docs/PERFORMANCE.md).
set -euo pipefail
TARGET=200000
# Round 9 (issue 25, robustness): +3,602 B over the restructured build's 223,001 B, for the
# embed origin handshake and embed.js's answer (labels go only to the page that named its
# origin), the static loading and sandbox message, the out-of-memory message, the request
# rate and kept long timelines in the address, the timeline's byte budget, the windowed
# tracker, and quiz answers keyed by the timeline's fingerprint and merged across tabs
# (docs/PERFORMANCE.md).
RATCHET=226800
top=false
if [[ "${1:-}" == "--top" ]]; then top=true; shift; fi
dist="${1:-dist}"
if ! compgen -G "$dist/*.wasm" >/dev/null; then
  echo "FAIL: no .wasm in $dist/ (build it first: trunk build --release --offline)" >&2
  exit 1
fi
total=0
printf '%-44s %10s %10s\n' file bytes gzip-9
for f in "$dist"/*.wasm "$dist"/*.js "$dist"/*.css "$dist"/index.html; do
  [[ -e "$f" ]] || continue
  raw=$(wc -c <"$f")
  gz=$(gzip -9c "$f" | wc -c)
  total=$((total + gz))
  printf '%-44s %10d %10d\n' "$(basename "$f")" "$raw" "$gz"
done
printf '%-44s %10s %10d\n' total "" "$total"
echo "target ${TARGET} B: $([[ $total -le $TARGET ]] && echo met || echo "missed by $((total - TARGET)) B")"
if $top; then
  wasm="target/wasm32-unknown-unknown/release/slotscope-web.wasm"
  tmp=$(mktemp -d)
  wasm-bindgen "$wasm" --out-dir "$tmp" --target web
  twiggy top -n 30 "$tmp/slotscope-web_bg.wasm"
  rm -rf "$tmp"
fi
if [[ $total -gt $RATCHET ]]; then
  echo "FAIL: ${total} B is over the ${RATCHET} B ratchet" >&2
  exit 1
fi
echo "ok: within the ${RATCHET} B ratchet"
