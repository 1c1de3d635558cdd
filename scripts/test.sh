#!/usr/bin/env bash
# The test commands of package.json.
#
#   npm test           everything CI runs: starts Kafka, Elasticsearch and Redis when they are not
#                      up (scripts/services/, a no-op when they are), type-checks (npm run
#                      typecheck), runs the main suite, then the disruptive one alone and last (it
#                      takes the services down and back up; its cluster tests kill nodes of the
#                      cluster mode, which it starts before and stops after: services.sh --cluster)
#   npm run test:unit  test/unit only: no service needed; the suites that read the real corpus
#                      skip without it. `npm run test:unit -- test/unit/lib` runs a part of it.
#
# TALENT_SERVICES_UP=0 makes `npm test` leave the services alone, for runs against services
# started elsewhere (the TALENT_* connection settings of the environment are then kept).
set -euo pipefail
cd "$(dirname "$0")/.."

# Node >= 22: the machine's own when recent enough, else Node 24 LTS from the cache (installed on
# first use), the same one .ci/run runs.
eval "$(bash scripts/node/ensure-node.sh --env)"

mode="${1:-all}"
if [[ $# -gt 0 ]]; then shift; fi

case "$mode" in
  unit)
    # Arguments replace the folder (vitest would run the union of both).
    exec npx vitest run "${@:-test/unit/}"
    ;;
  all)
    if [[ $# -gt 0 ]]; then
      echo "npm test runs everything; for some files: npx vitest run $*" >&2
      exit 2
    fi
    if [[ "${TALENT_SERVICES_UP:-1}" != 0 ]]; then
      bash scripts/services/services.sh up
      eval "$(bash scripts/services/services.sh env)"
    fi
    npm run --silent typecheck
    npx vitest run
    if [[ "${TALENT_SERVICES_UP:-1}" != 0 ]]; then
      # The cluster (3 brokers, 2 Elasticsearch data nodes + a tiebreaker) only for the disruptive
      # suite, whose cluster tests kill its nodes; down afterwards, pass or fail, so that its JVMs
      # do not outlive the run.
      bash scripts/services/services.sh up --cluster
      trap 'bash scripts/services/services.sh down --cluster || true' EXIT
    fi
    # A hard wall-clock limit: kafkajs 2.2.4 can spin in its fetch loop when a broker of the cluster
    # dies (tulios/kafkajs#1384, #1428), starving the event loop, so vitest's own test timeouts
    # never fire. 25 minutes keeps CI under 45 even then.
    timeout --signal=KILL 25m npx vitest run --config vitest.disruptive.config.ts
    ;;
  *)
    echo "usage: $0 [all|unit] [vitest arguments…]" >&2
    exit 2
    ;;
esac
