#!/usr/bin/env bash
# Two builds (or two settings) of the sample side by side (jar paths from the repository root): both servers take the same warm-up,
# then ROUNDS rounds of one window of N requests each, the order alternating every round, and
# each window prints throughput, p50, p99 and the server's CPU per request (request threads and
# whole process, from /proc). Summarise with pair-summary.py. The server started second has
# been faster by 1-2 % on a shared host: run every comparison in both orders and average.
#   bash llmobs-benchmarks/pair-run.sh 12 old.jar "" new.jar "" > ab.txt
#   bash llmobs-benchmarks/pair-run.sh 12 new.jar "" old.jar "" > ba.txt
#   python3 llmobs-benchmarks/pair-summary.py ab.txt; python3 llmobs-benchmarks/pair-summary.py ba.txt
# WARM (default 50,000) warm-up requests per server, N (default 4,000) requests per window,
# MODE=unique for a question per request. Build the load client first:
#   ./mvnw -B -q -Pbenchmarks -DskipTests package -pl llmobs-benchmarks -am
set -uo pipefail
cd "$(dirname "$0")/.."
ROUNDS=$1; JAR_A=$2; ARGS_A=$3; JAR_B=$4; ARGS_B=$5
N=${N:-4000}
# shellcheck source=llmobs-benchmarks/sample-servers.sh
. llmobs-benchmarks/sample-servers.sh
request_ticks() { cat /proc/"$1"/task/*/stat 2> /dev/null | awk '$2 ~ /http-nio/ {t += $14 + $15} END {print t + 0}'; }
process_ticks() { awk '{print $14 + $15}' /proc/"$1"/stat; }
mkdir -p llmobs-benchmarks/target
pid_a=$(start_sample "$JAR_A" 18101 "$ARGS_A" llmobs-benchmarks/target/pair-18101.log)
pid_b=$(start_sample "$JAR_B" 18102 "$ARGS_B" llmobs-benchmarks/target/pair-18102.log)
trap 'kill $pid_a $pid_b 2> /dev/null; true' EXIT
wait_for_samples 18101 18102
# shellcheck disable=SC2086
$LOAD 18101 warm "${WARM:-50000}" 4 0 ${MODE:-} > /dev/null
# shellcheck disable=SC2086
$LOAD 18102 warm "${WARM:-50000}" 4 0 ${MODE:-} > /dev/null
window() {
	local pid=$1 port=$2 label=$3 requests process out
	requests=$(request_ticks "$pid")
	process=$(process_ticks "$pid")
	# shellcheck disable=SC2086
	out=$($LOAD "$port" "$label" "$N" 4 0 ${MODE:-} 2> /dev/null | tail -1)
	echo "$out req-cpu=$(( ($(request_ticks "$pid") - requests) * 10000 / N )) proc-cpu=$(( ($(process_ticks "$pid") - process) * 10000 / N ))"
}
for round in $(seq 1 "$ROUNDS"); do
	if (( round % 2 )); then
		window "$pid_a" 18101 A; window "$pid_b" 18102 B
	else
		window "$pid_b" 18102 B; window "$pid_a" 18101 A
	fi
done
