#!/usr/bin/env bash
# HTTP load run of the sample app on loopback, tracing on vs llmobs.enabled=false, offline model.
# Bounded: per configuration a warm-up of 20,000 requests (the JIT is still compiling after a few
# thousand) and 4,000 measured requests from 4 client threads; two rounds of three configurations.
# Run from the repository root after building both jars with the reactor (no install needed):
#   ./mvnw -B -q -DskipTests package -pl sample-app -am
#   ./mvnw -B -q -Pbenchmarks -DskipTests package -pl llmobs-benchmarks -am
# SAMPLE_JAR and PORT override the sample jar (e.g. an older build copied aside) and the port.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${SAMPLE_JAR:-$(ls sample-app/target/llmobs-sample-app-*-exec.jar | head -n 1)}
LOAD="java -cp llmobs-benchmarks/target/benchmarks.jar dev.llmobs.benchmarks.HttpLoad"
PORT=${PORT:-18080}
MEASURED=4000
# CPU clock ticks (10 ms) of the server's request threads, and of the whole process, from /proc.
request_ticks() { cat /proc/"$1"/task/*/stat 2> /dev/null | awk '$2 ~ /http-nio/ {t += $14 + $15} END {print t + 0}'; }
process_ticks() { awk '{print $14 + $15}' /proc/"$1"/stat; }
# the server of the configuration running now, stopped if the script ends early
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2> /dev/null; true' EXIT
run() {
	local label=$1; shift
	java -jar "$JAR" --server.port=$PORT --sample.demo-conversation.enabled=false --llmobs.console.enabled=false \
		--logging.level.root=WARN "$@" > "llmobs-benchmarks/target/load-$label.log" 2>&1 &
	pid=$!
	# up to 5 minutes: a shared, busy host can take more than a minute to start the app
	local up=0
	for _ in $(seq 1 600); do
		curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null 2>&1 && up=1 && break
		sleep 0.5
	done
	if [ "$up" != 1 ]; then
		echo "$label: the sample did not start, see llmobs-benchmarks/target/load-$label.log" >&2
		exit 1
	fi
	$LOAD $PORT "$label-warm-up" 20000 4 0 > /dev/null
	local requests_before process_before
	requests_before=$(request_ticks "$pid")
	process_before=$(process_ticks "$pid")
	$LOAD $PORT "$label" $MEASURED 4 0
	echo "$label cpu-per-request: request-threads=$(( ($(request_ticks "$pid") - requests_before) * 10000 / MEASURED )) us" \
		"whole-server=$(( ($(process_ticks "$pid") - process_before) * 10000 / MEASURED )) us"
	kill "$pid"; wait "$pid" 2> /dev/null || true
	pid=""
}
# Two rounds, alternating, so drift on a shared machine shows as disagreement between rounds.
for round in 1 2; do
	run "tracing-on-$round"
	run "no-evaluations-$round" --llmobs.evaluation.enabled=false
	run "disabled-$round" --llmobs.enabled=false
done
