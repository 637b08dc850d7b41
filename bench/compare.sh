#!/usr/bin/env bash
# Before/after on one machine: the suite (bench/run.sh's scenarios, S0 always) against the hub
# built from REV and the hub built from this tree, alternating before/after so that drift of
# the machine falls on both, BENCH_ROUNDS times each (default 3). Prints, per scenario, the
# median and spread (min-max) of req/s, of the ratio to S0 measured in the same run, of p50/p99
# and of the hub's CPU per request, and the after/before ratio of the medians; writes every
# run's JSON and the summary (compare.json) under bench/results/compare-<time>/.
#   bench/compare.sh 4e45961                          # S1 and S2, 3 rounds
#   BENCH_SCENARIOS=S1,S2,S3 BENCH_ROUNDS=5 bench/compare.sh main~3
set -euo pipefail
cd "$(dirname "$0")/.."
rev="${1:?usage: bench/compare.sh REV}"
rounds="${BENCH_ROUNDS:-3}"
out="bench/results/compare-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)"; sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq wrk
fi

base="$(mktemp -d)/before"
git worktree add --detach "$base" "$rev" >/dev/null
trap 'git worktree remove --force "$base"' EXIT
echo "building the hub at $rev"
(cd "$base" && mvn -q -B package -DskipTests)
echo "building this tree"
mvn -q -B package -Dtest=NoTestsInBench -Dsurefire.failIfNoSpecifiedTests=false
CP="target/test-classes:target/classes:$(mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"

suite() { # label round jar
  java -Xmx1g -cp "$CP" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -Dbench.seconds="${BENCH_SECONDS:-15}" -Dbench.warmup="${BENCH_WARMUP:-20}" \
    -Dbench.connections="${BENCH_CONNECTIONS:-64}" -Dbench.rate="${BENCH_RATE:-0}" \
    -Dbench.scenarios="${BENCH_SCENARIOS:-S0,S1,S2}" -Dhub.jar="$3" -Dbench.out="$out/$1-$2" \
    -Dkeycloak.test.home="$PWD/target/keycloak/keycloak-26.7.3" vn.lgsp.hub.bench.BenchSuite
}
for round in $(seq 1 "$rounds"); do
  echo "== round $round of $rounds: before ($rev)"; suite before "$round" "$base/target/quarkus-app/quarkus-run.jar"
  echo "== round $round of $rounds: after (this tree)"; suite after "$round" "target/quarkus-app/quarkus-run.jar"
done
java -cp "$CP" vn.lgsp.hub.bench.BenchCompare "$out" "$rev" "$(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes')"
