#!/usr/bin/env bash
# Operators' report queries over a ledger seeded with synthetic transactions, timed through the
# hub's API at 1, 10 and 100 million rows (bench/results/reports-*.json). Needs ~40 GB of disk
# for 100 million rows and takes roughly half an hour on 2 cores.
#   bench/reports.sh                                   # 1M, 10M, 100M
#   REPORT_ROWS=100000,1000000 bench/reports.sh        # a quick look
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B package -Dtest=NoTestsInBench -Dsurefire.failIfNoSpecifiedTests=false
CP="target/test-classes:target/classes:$(mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/dev/stdout)"
exec java -Xmx1g -cp "$CP" -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dreports.rows="${REPORT_ROWS:-1000000,10000000,100000000}" \
  -Dhub.jar=target/quarkus-app/quarkus-run.jar -Dkeycloak.test.home="$PWD/target/keycloak/keycloak-26.7.3" \
  vn.lgsp.hub.bench.ReportsBench
