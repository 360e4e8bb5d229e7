#!/usr/bin/env bash
# Where a server's CPU goes, by thread group, for two builds or two settings side by side (jar
# paths from the repository root): both servers take the same warm-up, then ROUNDS rounds of one
# window of N requests each, the order alternating every round. At the end it prints, per server,
# the CPU per request of its request threads (http-nio-*), the evaluation threads (llmobs-eval-*),
# the garbage collector's threads, the JIT compiler's threads and the rest, read from
# /proc/<pid>/task/*/stat, the young and concurrent collections counted by jstat, and, through
# pair-summary.py, the median over rounds of B's throughput and p99 change against A's.
#   bash llmobs-benchmarks/thread-cpu-pair.sh 8 sample.jar "" sample.jar "--llmobs.enabled=false"
# WARM (default 40,000) warm-up requests per server, N (default 4,000) requests per window.
# Build the load client first:
#   ./mvnw -B -q -Pbenchmarks -DskipTests package -pl llmobs-benchmarks -am
set -uo pipefail
cd "$(dirname "$0")/.."
ROUNDS=$1; JAR_A=$2; ARGS_A=$3; JAR_B=$4; ARGS_B=$5
N=${N:-4000}
WARM=${WARM:-40000}
# shellcheck source=llmobs-benchmarks/sample-servers.sh
. llmobs-benchmarks/sample-servers.sh
# clock ticks (10 ms) per thread group: "http eval gc jit other"
ticks() {
	cat /proc/"$1"/task/*/stat 2> /dev/null | awk '{
		name = $2; t = $14 + $15; g = 5
		if (name ~ /http-nio/) g = 1; else if (name ~ /llmobs-eval/) g = 2
		else if (name ~ /GC|G1/) g = 3; else if (name ~ /Compiler|C1|C2/) g = 4
		s[g] += t
	} END { printf "%d %d %d %d %d", s[1], s[2], s[3], s[4], s[5] }'
}
collections() { jstat -gc "$1" | awk 'NR == 2 { print $13, $17 }'; }
mkdir -p llmobs-benchmarks/target
pid_a=$(start_sample "$JAR_A" 18201 "$ARGS_A" llmobs-benchmarks/target/thread-cpu-18201.log)
pid_b=$(start_sample "$JAR_B" 18202 "$ARGS_B" llmobs-benchmarks/target/thread-cpu-18202.log)
trap 'kill $pid_a $pid_b 2> /dev/null; true' EXIT
wait_for_samples 18201 18202
$LOAD 18201 warm "$WARM" 4 0 > /dev/null
$LOAD 18202 warm "$WARM" 4 0 > /dev/null
read -r -a start_a <<< "$(ticks "$pid_a") $(collections "$pid_a")"
read -r -a start_b <<< "$(ticks "$pid_b") $(collections "$pid_b")"
WINDOWS=llmobs-benchmarks/target/thread-cpu-windows.txt
: > "$WINDOWS"
# one window: prints the load client's summary line and keeps it for pair-summary.py
window() { $LOAD "$1" "$2" "$N" 4 0 | tail -1 | tee -a "$WINDOWS"; }
for round in $(seq 1 "$ROUNDS"); do
	if (( round % 2 )); then
		window 18201 A; window 18202 B
	else
		window 18202 B; window 18201 A
	fi
done
read -r -a end_a <<< "$(ticks "$pid_a") $(collections "$pid_a")"
read -r -a end_b <<< "$(ticks "$pid_b") $(collections "$pid_b")"
requests=$((ROUNDS * N))
report() {
	local label=$1; shift
	local -a from=("${@:1:7}") to=("${@:8:7}")
	local names=(http eval gc jit other) line="$label µs of CPU per request:"
	for i in 0 1 2 3 4; do
		line="$line ${names[$i]}=$(( (to[i] - from[i]) * 10000 / requests ))"
	done
	echo "$line; young collections $(( to[5] - from[5] )), concurrent cycles $(( to[6] - from[6] ))"
}
report A "${start_a[@]}" "${end_a[@]}"
report B "${start_b[@]}" "${end_b[@]}"
python3 llmobs-benchmarks/pair-summary.py "$WINDOWS" | tail -1
