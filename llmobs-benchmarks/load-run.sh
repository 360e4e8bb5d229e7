#!/usr/bin/env bash
# HTTP load run of the sample app on loopback: tracing on, tracing on without evaluations, and
# llmobs.enabled=false, offline model. The three servers run side by side; each is warmed up once,
# then measured in short windows that alternate between them, so a host that speeds up or slows
# down during the run (a shared virtual machine does) affects all three alike. Two summaries: the
# medians of the windows, and, steadier on a host whose speed drifts, the median over rounds of
# each round's change against llmobs.enabled=false (the three windows of a round run back to back).
# Bounded: WARM_UP requests per server (default 60,000: after 20,000 the JIT was still compiling,
# and request CPU kept falling until about 50,000), then ROUNDS rounds (default 10) of one window
# of MEASURED requests (default 3,000) per server, from 4 client threads; all of it FORKS times
# (default 1) with fresh JVMs, so that neither one JVM's compiled code nor one stretch of a
# drifting host decides the result (FORKS=3 for figures worth quoting).
# Run from the repository root after building both jars with the reactor (no install needed):
#   ./mvnw -B -q -DskipTests package -pl sample-app -am
#   ./mvnw -B -q -Pbenchmarks -DskipTests package -pl llmobs-benchmarks -am
# QUESTIONS=unique gives every request its own question (the five questions with the request
# number appended), so that only what really recurs (retrieved articles, the offline model's
# answers) repeats; the default repeats the five questions.
# SAMPLE_JAR and PORT override the sample jar (e.g. an older build copied aside) and the first
# of the three ports. SERVER_ARGS are given to all three servers, e.g. an export endpoint:
#   python3 llmobs-benchmarks/otlp-sink.py 14318 &
#   SERVER_ARGS=--llmobs.export.endpoint=http://127.0.0.1:14318 bash llmobs-benchmarks/load-run.sh
# (with llmobs.enabled=false that property does nothing, so the baseline exports nothing).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${SAMPLE_JAR:-$(ls sample-app/target/llmobs-sample-app-*-exec.jar | head -n 1)}
LOAD="java -cp llmobs-benchmarks/target/benchmarks.jar dev.llmobs.benchmarks.HttpLoad"
PORT=${PORT:-18080}
WARM_UP=${WARM_UP:-60000}
ROUNDS=${ROUNDS:-10}
MEASURED=${MEASURED:-3000}
FORKS=${FORKS:-1}
QUESTIONS=${QUESTIONS:-repeated}
LABELS=(tracing-on no-evaluations disabled)
ARGS=("" "--llmobs.evaluation.enabled=false" "--llmobs.enabled=false")
RESULTS=llmobs-benchmarks/target/load-windows.txt
# CPU clock ticks (10 ms) of the server's request threads, and of the whole process, from /proc.
request_ticks() { cat /proc/"$1"/task/*/stat 2> /dev/null | awk '$2 ~ /http-nio/ {t += $14 + $15} END {print t + 0}'; }
process_ticks() { awk '{print $14 + $15}' /proc/"$1"/stat; }
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2> /dev/null; done; true' EXIT
start_servers() {
	pids=()
	for i in 0 1 2; do
		# shellcheck disable=SC2086
		java -jar "$JAR" --server.port=$((PORT + i)) --sample.demo-conversation.enabled=false \
			--llmobs.console.enabled=false --logging.level.root=WARN ${ARGS[$i]} ${SERVER_ARGS:-} \
			> "llmobs-benchmarks/target/load-${LABELS[$i]}.log" 2>&1 &
		pids+=($!)
	done
	for i in 0 1 2; do
		# up to 5 minutes: a shared, busy host can take more than a minute to start the app
		up=0
		for _ in $(seq 1 600); do
			curl -sf "http://127.0.0.1:$((PORT + i))/actuator/health" > /dev/null 2>&1 && up=1 && break
			sleep 0.5
		done
		if [ "$up" != 1 ]; then
			echo "${LABELS[$i]}: the sample did not start, see llmobs-benchmarks/target/load-${LABELS[$i]}.log" >&2
			exit 1
		fi
	done
	for i in 0 1 2; do
		$LOAD $((PORT + i)) "${LABELS[$i]}-warm-up" "$WARM_UP" 4 0 "$QUESTIONS" > /dev/null
	done
}
stop_servers() {
	for p in "${pids[@]}"; do kill "$p" 2> /dev/null; done
	for p in "${pids[@]}"; do wait "$p" 2> /dev/null || true; done
	pids=()
}
window() {
	local i=$1 round=$2 pid=${pids[$1]} requests_before process_before result
	requests_before=$(request_ticks "$pid")
	process_before=$(process_ticks "$pid")
	result=$($LOAD $((PORT + i)) "${LABELS[$i]}" "$MEASURED" 4 0 "$QUESTIONS")
	echo "$result request-cpu=$(( ($(request_ticks "$pid") - requests_before) * 10000 / MEASURED ))us" \
		"server-cpu=$(( ($(process_ticks "$pid") - process_before) * 10000 / MEASURED ))us" "fork=$fork round=$round"
}
: > "$RESULTS"
for fork in $(seq 1 "$FORKS"); do
	# each fork starts fresh JVMs and warms them up again
	start_servers
	for round in $(seq 1 "$ROUNDS"); do
		# rotate the order, so no configuration always runs first or last in a round
		for k in 0 1 2; do
			window $(( (k + round) % 3 )) "$round" | tee -a "$RESULTS"
		done
	done
	stop_servers
done
# medians of the windows, and each configuration against llmobs.enabled=false
echo
awk -v forks="$FORKS" '
	function median(values, n,   sorted, i, j, t) {
		for (i = 1; i <= n; i++) sorted[i] = values[i]
		for (i = 2; i <= n; i++) for (j = i; j > 1 && sorted[j - 1] > sorted[j]; j--) { t = sorted[j]; sorted[j] = sorted[j - 1]; sorted[j - 1] = t }
		return (n % 2) ? sorted[(n + 1) / 2] : (sorted[n / 2] + sorted[n / 2 + 1]) / 2
	}
	{
		label = $1; n = ++count[label]
		for (f = 2; f <= NF; f++) { split($f, kv, "="); gsub(/[^0-9.]/, "", kv[2]); value[label, kv[1], n] = kv[2] }
	}
	END {
		split("throughput p50 p99 request-cpu server-cpu", metrics, " ")
		split("tracing-on no-evaluations disabled", labels, " ")
		for (l = 1; l <= 3; l++) for (m = 1; m <= 5; m++) {
			for (n = 1; n <= count[labels[l]]; n++) v[n] = value[labels[l], metrics[m], n]
			med[l, m] = median(v, count[labels[l]])
		}
		printf "medians of %d windows (%d forks): throughput (req/s), p50 and p99 (ms), request-thread and server CPU per request (us)\n", count["disabled"], forks
		for (l = 1; l <= 3; l++) {
			printf "%-16s throughput=%.0f p50=%.2f p99=%.2f request-cpu=%.0f server-cpu=%.0f", labels[l], med[l, 1], med[l, 2], med[l, 3], med[l, 4], med[l, 5]
			if (l < 3) printf "  vs disabled: throughput %+.1f%% p99 %+.1f%% request-cpu %+.0f server-cpu %+.0f", 100 * (med[l, 1] / med[3, 1] - 1), 100 * (med[l, 3] / med[3, 3] - 1), med[l, 4] - med[3, 4], med[l, 5] - med[3, 5]
			printf "\n"
		}
		# paired: each round'"'"'s change against the disabled window of the same round
		printf "paired by round, median of %d rounds: change against llmobs.enabled=false\n", count["disabled"]
		for (l = 1; l < 3; l++) {
			for (n = 1; n <= count["disabled"]; n++) {
				t[n] = 100 * (value[labels[l], "throughput", n] / value["disabled", "throughput", n] - 1)
				p[n] = 100 * (value[labels[l], "p99", n] / value["disabled", "p99", n] - 1)
				r[n] = value[labels[l], "request-cpu", n] - value["disabled", "request-cpu", n]
				s[n] = value[labels[l], "server-cpu", n] - value["disabled", "server-cpu", n]
			}
			printf "%-16s throughput %+.1f%% p99 %+.1f%% request-cpu %+.0f server-cpu %+.0f\n", labels[l], median(t, count["disabled"]), median(p, count["disabled"]), median(r, count["disabled"]), median(s, count["disabled"])
		}
	}' "$RESULTS"
