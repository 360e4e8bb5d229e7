#!/usr/bin/env bash
# Heap allocated per request by the sample, from Micrometer's jvm.gc.memory.allocated (what each
# collection found allocated in the young generation since the last one), read through Actuator
# before and after a window of requests. The metric moves only at a collection, so one is forced
# (jcmd GC.run) right before each reading: otherwise up to an eden's worth is missed at either
# end. One server at a time; run it for each jar or setting to compare:
#   bash llmobs-benchmarks/alloc-per-request.sh sample-app/target/llmobs-sample-app-0.1.0-SNAPSHOT-exec.jar
#   bash llmobs-benchmarks/alloc-per-request.sh <same jar> --llmobs.enabled=false
# WARM (default 30,000) warm-up requests, N (default 30,000) measured requests, PORT (18090).
# Build the load client first: ./mvnw -B -q -Pbenchmarks -DskipTests package -pl llmobs-benchmarks -am
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$1
shift
PORT=${PORT:-18090}
N=${N:-30000}
LOAD="java -cp llmobs-benchmarks/target/benchmarks.jar dev.llmobs.benchmarks.HttpLoad"
mkdir -p llmobs-benchmarks/target
java -jar "$JAR" --server.port="$PORT" --sample.demo-conversation.enabled=false --llmobs.console.enabled=false \
	--logging.level.root=WARN "$@" > "llmobs-benchmarks/target/alloc-$PORT.log" 2>&1 &
pid=$!
trap 'kill $pid 2> /dev/null; true' EXIT
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null 2>&1 && break; sleep 0.5; done
allocated() {
	jcmd "$pid" GC.run > /dev/null
	sleep 2
	curl -sf "http://127.0.0.1:$PORT/actuator/metrics/jvm.gc.memory.allocated" \
		| python3 -c 'import json, sys; print(json.load(sys.stdin)["measurements"][0]["value"])'
}
$LOAD "$PORT" warm "${WARM:-30000}" 4 0 > /dev/null
before=$(allocated)
$LOAD "$PORT" measured "$N" 4 0 > /dev/null
after=$(allocated)
label="$(basename "$JAR") $*"
python3 -c "print('$label: %.1f KB allocated per request' % (($after - $before) / $N / 1024))"
