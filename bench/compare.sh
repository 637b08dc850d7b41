#!/usr/bin/env bash
# Before/after on one machine: the suite (bench/run.sh's scenarios, S0 always) against the hub
# built from BEFORE and the hub built from AFTER (default HEAD; both are committed revisions,
# checked out apart, so edits in this tree do not leak in), with AFTER's harness for both,
# alternating before/after so that drift of the machine falls on both, BENCH_ROUNDS times each
# (default 3). Prints, per scenario, the
# median and spread (min-max) of req/s, of the ratio to S0 measured in the same run, of p50/p99
# and of the hub's CPU per request, and the after/before ratio of the medians; writes every
# run's JSON and the summary (compare.json) under bench/results/compare-<time>/.
#   bench/compare.sh 4e45961                          # S1 and S2, 3 rounds, against HEAD
#   BENCH_SCENARIOS=S0,S1,S2,S3 BENCH_ROUNDS=5 bench/compare.sh main~3 main
set -euo pipefail
cd "$(dirname "$0")/.."
before_rev="${1:?usage: bench/compare.sh BEFORE [AFTER]}"
after_rev="$(git rev-parse --short "${2:-HEAD}")"
rounds="${BENCH_ROUNDS:-3}"
out="$PWD/bench/results/compare-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)"; sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq wrk
fi

repo="$PWD"
work="$(mktemp -d)"
git worktree add --detach "$work/before" "$before_rev" >/dev/null
git worktree add --detach "$work/after" "$after_rev" >/dev/null
trap 'git -C "$repo" worktree remove --force "$work/before"; git -C "$repo" worktree remove --force "$work/after"' EXIT
echo "building the hub at $before_rev"
(cd "$work/before" && mvn -q -B package -DskipTests)
echo "building the hub and the harness at $after_rev"
cd "$work/after"
mvn -q -B package -Dtest=NoTestsInBench -Dsurefire.failIfNoSpecifiedTests=false
CP="target/test-classes:target/classes:$(mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"

suite() { # label round jar
  java -Xmx1g -cp "$CP" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -Dbench.seconds="${BENCH_SECONDS:-15}" -Dbench.warmup="${BENCH_WARMUP:-20}" \
    -Dbench.connections="${BENCH_CONNECTIONS:-64}" -Dbench.rate="${BENCH_RATE:-0}" -Dbench.rounds=1 \
    -Dbench.scenarios="${BENCH_SCENARIOS:-S0,S1,S2}" -Dhub.jar="$3" -Dbench.out="$out/$1-$2" \
    -Dkeycloak.test.home="$PWD/target/keycloak/keycloak-26.7.3" vn.lgsp.hub.bench.BenchSuite
}
for round in $(seq 1 "$rounds"); do
  echo "== round $round of $rounds: before ($before_rev)"; suite before "$round" "$work/before/target/quarkus-app/quarkus-run.jar"
  echo "== round $round of $rounds: after ($after_rev)"; suite after "$round" "$work/after/target/quarkus-app/quarkus-run.jar"
done
java -cp "$CP" vn.lgsp.hub.bench.BenchCompare "$out" "$before_rev" "$after_rev"
