#!/usr/bin/env bash
# HTTP load run of the sample app on loopback, tracing on vs llmobs.enabled=false, offline model.
# Bounded: a warm-up and 4000 requests per configuration, two rounds of three configurations. Run from the repository root after
#   ./mvnw -B -DskipTests install && ./mvnw -B -Pbenchmarks -DskipTests package -pl llmobs-benchmarks
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$(ls sample-app/target/llmobs-sample-app-*-exec.jar | head -n 1)
PORT=18080
run() {
	local label=$1; shift
	java -jar "$JAR" --server.port=$PORT --sample.demo-conversation.enabled=false --llmobs.console.enabled=false \
		--logging.level.root=WARN "$@" > "llmobs-benchmarks/target/load-$label.log" 2>&1 &
	local pid=$!
	for _ in $(seq 1 120); do
		curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null 2>&1 && break
		sleep 0.5
	done
	java -cp llmobs-benchmarks/target/benchmarks.jar dev.llmobs.benchmarks.HttpLoad $PORT "$label-warm-up" 2000 4 > /dev/null
	# The server's own CPU time per request (user + system, from /proc, in clock ticks of 10 ms):
	# steadier than throughput when client and server share the machine.
	local before after
	before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
	java -cp llmobs-benchmarks/target/benchmarks.jar dev.llmobs.benchmarks.HttpLoad $PORT "$label" 4000 4
	after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
	echo "$label server-cpu-per-request=$(( (after - before) * 10000 / 4000 )) us"
	kill "$pid"; wait "$pid" 2> /dev/null || true
}
# Two rounds, alternating, so drift on a shared machine shows as disagreement between rounds.
for round in 1 2; do
	run "tracing-on-$round"
	run "no-evaluations-$round" --llmobs.evaluation.enabled=false
	run "disabled-$round" --llmobs.enabled=false
done
