#!/usr/bin/env bash
# Sourced by the side-by-side scripts (pair-run.sh, profile-pair.sh, thread-cpu-pair.sh): starts the
# sample as the load runs do and waits until it answers.
LOAD="java -cp llmobs-benchmarks/target/benchmarks.jar dev.llmobs.benchmarks.HttpLoad"
# start_sample JAR PORT "SETTINGS" LOG: starts the sample in the background and prints its pid
start_sample() {
	# shellcheck disable=SC2086
	java -jar "$1" --server.port="$2" --sample.demo-conversation.enabled=false --llmobs.console.enabled=false \
		--logging.level.root=WARN $3 > "$4" 2>&1 &
	echo $!
}
# wait_for_samples PORT...: up to 5 minutes each (a busy shared host can take more than a minute)
wait_for_samples() {
	for port in "$@"; do
		for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$port/actuator/health" > /dev/null 2>&1 && break; sleep 0.5; done
	done
}
