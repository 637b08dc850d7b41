#!/usr/bin/env bash
# Events benchmark: events/s published and delivered end to end, and the delivery lag at that rate.
# Usage: bench/events/run.sh [-Devents=5000] [-Dclients=16] [-Dpartitions=6] [-Dkeys=200]
# Runs the packaged hub as its own process against embedded PostgreSQL and Kafka.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -d target/test-classes/vn/lgsp/hub/bench ] || [ ! -d target/keycloak ]; then
  # Package without running tests, but with the test Keycloak unpacked (the hub runs with OIDC on).
  mvn -q -B package -Dtest=NoTestsInBench -Dsurefire.failIfNoSpecifiedTests=false
fi
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
exec java -Xmx1g "$@" -Dhub.jar=target/quarkus-app/quarkus-run.jar -Dkeycloak.test.home="$PWD/target/keycloak/keycloak-26.7.3" \
  -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" vn.lgsp.hub.bench.EventsBench
