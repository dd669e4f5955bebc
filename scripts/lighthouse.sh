#!/usr/bin/env bash
# Lighthouse (npm, pinned in tools/npm) on a slow phone against the system
# Chromium: home, a movie, the IMAX seat map, a checkout and search, on a
# fresh server with its own throwaway database and the demo data (as the
# bench-*.sh scripts start one). Prints performance, accessibility, best
# practices, SEO and CLS per page and fails when accessibility, best
# practices or SEO is under 95 or CLS is 0.05 or more; performance fails
# under 95 only with LIGHTHOUSE_STRICT=1 (timing on a shared machine is
# noisy).
#   scripts/lighthouse.sh                      # build, start, measure, stop
#   LIGHTHOUSE_BASE=http://127.0.0.1:8080 scripts/lighthouse.sh   # a running server with the demo data
#   CHROME_PATH=/usr/bin/chromium LIGHTHOUSE_REPORTS=tmp/lighthouse scripts/lighthouse.sh   # keep the HTML and JSON reports
set -euo pipefail
cd "$(dirname "$0")/.."

GO=${GO:-go}
BIN=${BIN:-bin/marquee}
export CHROME_PATH=${CHROME_PATH:-$(command -v chromium || command -v chromium-browser || command -v google-chrome || echo /usr/bin/chromium)}
# Installs the pinned tools when missing (and Node.js as root on Debian).
scripts/npm-tools.sh lighthouse --version >/dev/null

tmp=$(mktemp -d "${TMPDIR:-/tmp}/marquee-lighthouse.XXXXXX")
chmod 755 "$tmp" # as root, PostgreSQL runs as postgres and must reach DATA_DIR
server_pid=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  if [ -f "$tmp/data/pg/postmaster.pid" ]; then
    kill -INT "$(head -1 "$tmp/data/pg/postmaster.pid")" 2>/dev/null || true
    sleep 1
  fi
  if [ "$status" != 0 ] && [ -f "$tmp/server.log" ]; then
    echo "--- server log (last 30 lines) ---" >&2
    tail -30 "$tmp/server.log" >&2
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

base=${LIGHTHOUSE_BASE:-}
if [ -z "$base" ]; then
  echo "building $BIN"
  "$GO" build -trimpath -o "$BIN" ./cmd/server
  port=""
  for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
  done
  [ -n "$port" ] || { echo "no free port found" >&2; exit 1; }
  base="http://127.0.0.1:$port"
  echo "starting Marquee at $base with a fresh database under $tmp/data"
  env -u DATABASE_URL APP_ENV=development DATA_DIR="$tmp/data" PORT="$port" BASE_URL="$base" \
    LOG_LEVEL=warn SEED_DEMO=true "$BIN" >"$tmp/server.log" 2>&1 &
  server_pid=$!
fi

# The pages, a signed-in buyer's checkout, Lighthouse on each and the table:
# in Node, which Lighthouse needs anyway (fetch, JSON).
BASE=$base REPORTS=${LIGHTHOUSE_REPORTS:-} STRICT=${LIGHTHOUSE_STRICT:-0} TMP=$tmp \
  node --input-type=module - <<'EOF'
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync, copyFileSync } from 'node:fs';

const base = process.env.BASE;
const sleep = ms => new Promise(r => setTimeout(r, ms));
const json = async (path, init = {}) => {
  const res = await fetch(base + path, { redirect: 'manual', ...init });
  if (!res.ok) throw new Error(`${init.method || 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
};

for (let i = 0; ; i++) { // ready: /readyz answers 200 (start-up loads the demo data)
  try { if ((await fetch(base + '/readyz')).ok) break; } catch {}
  if (i > 1800) throw new Error('the server was not ready within 3 minutes');
  await sleep(100);
}

// Marquee Riverside's shows tomorrow: an IMAX show and another to hold seats on.
const theaters = await json('/api/v1/theaters?city=london');
const riverside = theaters.items.find(t => t.slug === 'marquee-riverside');
const day = new Date(Date.now() + 86400e3).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
const page = await json(`/api/v1/theaters/${riverside.id}?date=${day}`);
const imaxScreen = page.screens.find(s => s.formats.includes('IMAX')).name;
const shows = page.movies.flatMap(m => m.shows.map(s => ({ ...s, movie: m.movie.slug })));
const imax = shows.find(s => s.screen === imaxScreen);
const other = shows.find(s => s.screen !== imaxScreen);

// The demo customer signs in (a session cookie for the checkout page) and
// holds two seats through the API.
const email = 'customer@marquee.test', password = 'marquee-customer';
const login = await fetch(base + '/login', {
  method: 'POST', redirect: 'manual',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Sec-Fetch-Site': 'same-origin' },
  body: new URLSearchParams({ email, password }),
});
if (login.status !== 303) throw new Error(`sign in: ${login.status}`);
const cookie = login.headers.getSetCookie().map(c => c.split(';')[0]).join('; ');
const { access_token: token } = await json('/api/v1/auth/token', {
  method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }),
});
const hold = await json(`/api/v1/shows/${other.id}/holds`, {
  method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
  body: JSON.stringify({ best: 2 }),
});

const pages = [
  ['home', '/'],
  ['movie', `/movies/${imax.movie}`],
  ['seat map (IMAX)', `/shows/${imax.id}/seats`],
  ['checkout', `/bookings/${hold.id}/checkout`, cookie],
  ['search', '/search?q=lantern'],
];
const flags = '--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking ' +
  '--disable-component-update --disable-sync --no-first-run';
const rows = [];
let failed = false;
const pct = s => (s == null ? '-' : String(Math.round(s * 100)));
for (const [name, path, withCookie] of pages) {
  const out = `${process.env.TMP}/lh-${rows.length}.json`;
  const args = [base + path, '--quiet', `--chrome-flags=${flags}`, '--output=json', '--output=html',
    `--output-path=${process.env.TMP}/lh-${rows.length}`, '--form-factor=mobile', '--throttling-method=simulate',
    '--only-categories=performance,accessibility,best-practices,seo'];
  if (withCookie) args.push(`--extra-headers=${JSON.stringify({ Cookie: withCookie })}`);
  const run = spawnSync('tools/npm/node_modules/.bin/lighthouse', args, { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (run.status !== 0) {
    console.error(`lighthouse ${name}: ${run.stderr.slice(-2000)}`);
    failed = true;
    continue;
  }
  const lhr = JSON.parse(readFileSync(out.replace('.json', '.report.json'), 'utf8'));
  if (process.env.REPORTS) {
    mkdirSync(process.env.REPORTS, { recursive: true });
    copyFileSync(out.replace('.json', '.report.html'), `${process.env.REPORTS}/${name.replace(/\W+/g, '-')}.html`);
    copyFileSync(out.replace('.json', '.report.json'), `${process.env.REPORTS}/${name.replace(/\W+/g, '-')}.json`);
  }
  const c = lhr.categories;
  const cls = lhr.audits['cumulative-layout-shift'].numericValue;
  const bad = [];
  for (const k of ['accessibility', 'best-practices', 'seo']) if (!(c[k].score >= 0.95)) bad.push(k);
  if (process.env.STRICT === '1' && !(c.performance.score >= 0.95)) bad.push('performance');
  if (!(cls < 0.05)) bad.push('CLS');
  if (bad.length) failed = true;
  if (lhr.runtimeError) bad.push(`error: ${lhr.runtimeError.message}`);
  rows.push([name, pct(c.performance.score), pct(c.accessibility.score), pct(c['best-practices'].score),
    pct(c.seo.score), cls.toFixed(3), bad.length ? 'FAIL ' + bad.join(', ') : 'ok']);
  console.error(`measured ${name}`);
}
const head = ['page', 'perf', 'a11y', 'best', 'seo', 'CLS', ''];
const width = head.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
for (const r of [head, ...rows]) console.log(r.map((v, i) => v.padEnd(width[i])).join('  ').trimEnd());
console.log(`Lighthouse ${JSON.parse(readFileSync('tools/npm/node_modules/lighthouse/package.json', 'utf8')).version}, ` +
  `mobile, simulated throttling, ${process.env.CHROME_PATH}; fails under 95 (performance only with LIGHTHOUSE_STRICT=1) or at CLS >= 0.05`);
process.exit(failed ? 1 : 0);
EOF
