#!/usr/bin/env bash
# One command for the benchmark suite: S0 (direct to a provider stub), N (nginx as a reverse proxy
# in front of the same stub: the plain gateway users compare with), S1 (through the hub,
# routing only), S2 (through the hub, everything on, OIDC tokens), S2x (S2 without the request
# record committed before each call: what failing closed costs), S2n (S2 without the signed
# message log: what the log costs), S3 (S2 with a SOAP provider
# behind the REST facade), S4 (S2 with 1,000 systems and 10,000 grants), S5 (S3's callers while
# a hostile granted consumer sends JSON-to-SOAP bodies built to be costly: a huge exponent,
# 100,000 levels of nesting, 20,000 fields; BENCH_ATTACK_RATE/s each), in one run on this
# machine, printed as a table and written as JSON under bench/results/. Loopback only; bounded.
#   bench/run.sh                             # 15 s per measurement
#   BENCH_SECONDS=30 bench/run.sh            # longer runs
#   BENCH_SCENARIOS=S0,S2 bench/run.sh       # a subset (S0 always runs: it is the ratio's base)
#   BENCH_RATE=500 bench/run.sh              # fixed-rate latency at 500 req/s everywhere: what each adds
#   HUB_JVM_OPTIONS="-XX:StartFlightRecording=filename=/tmp/hub.jfr" bench/run.sh   # profile the hub
#   BENCH_PG_STATEMENTS=1 bench/run.sh       # and PostgreSQL's costliest statements per request
#   BENCH_HUB_SETTINGS=lgsp.ledger.max-in-flight=1 bench/run.sh   # every hub scenario with these settings
set -euo pipefail
cd "$(dirname "$0")/.."

missing=""
command -v wrk >/dev/null || missing="$missing wrk"
[ -x /usr/sbin/nginx ] || missing="$missing nginx-light"
if [ -n "$missing" ]; then
  echo "installing$missing (Debian packages)"; sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq $missing
  # Debian starts the packaged nginx on port 80; the suite runs its own.
  ! command -v systemctl >/dev/null || $sudo systemctl disable --now nginx 2>/dev/null || true
  $sudo pkill -x nginx 2>/dev/null || true
fi

# Package without running tests, but with the test Keycloak unpacked (the hub runs with OIDC on).
mvn -q -B package -Dtest=NoTestsInBench -Dsurefire.failIfNoSpecifiedTests=false
CP="target/test-classes:target/classes:$(mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
exec java -Xmx1g -cp "$CP" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Dbench.seconds="${BENCH_SECONDS:-15}" -Dbench.warmup="${BENCH_WARMUP:-20}" \
  -Dbench.connections="${BENCH_CONNECTIONS:-64}" -Dhub.jar=target/quarkus-app/quarkus-run.jar \
  -Dbench.rate="${BENCH_RATE:-0}" -Dbench.rounds="${BENCH_ROUNDS:-3}" -Dbench.scenarios="${BENCH_SCENARIOS:-S0,N,S1,S2,S2x,S2n,S3,S4,S5}" -Dbench.attack-rate="${BENCH_ATTACK_RATE:-20}" \
  -Dhub.jvm.options="${HUB_JVM_OPTIONS:-}" -Dbench.pg-statements="${BENCH_PG_STATEMENTS:-0}" -Dbench.hub-settings="${BENCH_HUB_SETTINGS:-}" -Dkeycloak.test.home="$PWD/target/keycloak/keycloak-26.7.3" \
  vn.lgsp.hub.bench.BenchSuite
