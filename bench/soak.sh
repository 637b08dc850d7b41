#!/usr/bin/env bash
# Bounded soak: a steady fixed-rate load through one hub with everything on (grants, durable
# ledger, Kafka events, metrics), sampled every 30 s (hub RSS, heap, p50/p99, errors); checks at
# the end that the ledger has one row per answered call, no errors, every event reached Kafka,
# and reports how memory and p99 moved. Table on stdout, JSON under bench/results/.
#   bench/soak.sh                                  # 15 minutes at 200 req/s
#   SOAK_MINUTES=3 SOAK_RATE=300 bench/soak.sh     # shorter / faster
# Exit status 1 if a check failed.
set -euo pipefail
cd "$(dirname "$0")/.."

# Package without running tests, but with the test Keycloak unpacked (the hub runs with OIDC on).
mvn -q -B package -Dtest=NoTestsInSoak -Dsurefire.failIfNoSpecifiedTests=false
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
exec java -Xmx1g -Dhub.jar=target/quarkus-app/quarkus-run.jar -Dkeycloak.test.home="$PWD/target/keycloak/keycloak-26.7.3" \
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Dsoak.minutes="${SOAK_MINUTES:-15}" -Dsoak.rate="${SOAK_RATE:-200}" -Dsoak.window="${SOAK_WINDOW:-30}" \
  -Dsoak.warmup="${SOAK_WARMUP:-30}" \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" vn.lgsp.hub.bench.Soak
