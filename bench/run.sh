#!/usr/bin/env bash
# One command for the benchmark suite: S0 (direct to a provider stub), S1 (through the hub,
# routing only), S2 (through the hub, everything on), in one run on this machine, printed as a
# table and written as JSON under bench/results/. Loopback only; bounded in time.
#   bench/run.sh                     # 15 s per measurement
#   BENCH_SECONDS=30 bench/run.sh    # longer runs
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)"; sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq wrk
fi

# Package without running tests, but with the test Keycloak unpacked (the hub runs with OIDC on).
mvn -q -B package -Dtest=NoTestsInBench -Dsurefire.failIfNoSpecifiedTests=false
CP="target/test-classes:target/classes:$(mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
exec java -Xmx1g -cp "$CP" \
  -Dbench.seconds="${BENCH_SECONDS:-15}" -Dbench.warmup="${BENCH_WARMUP:-5}" \
  -Dbench.connections="${BENCH_CONNECTIONS:-64}" -Dhub.jar=target/quarkus-app/quarkus-run.jar \
  -Dbench.rate="${BENCH_RATE:-0}" -Dkeycloak.test.home="$PWD/target/keycloak/keycloak-26.7.3" \
  vn.lgsp.hub.bench.BenchSuite
