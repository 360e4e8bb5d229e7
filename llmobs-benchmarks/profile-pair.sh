#!/usr/bin/env bash
# Two builds of the sample profiled side by side: both start at once on two ports, take the same
# warm-up, then async-profiler (cpu, 250 us interval, one stack per thread) is attached to both
# while ROUNDS rounds of 2,000 requests alternate between them, so a host whose speed drifts
# affects both profiles alike. Writes <label>.collapsed for each into OUT (default
# llmobs-benchmarks/target). AP is the path of libasyncProfiler.so, for example from the
# tools.profiler:async-profiler jar on Maven Central (linux-x64/libasyncProfiler.so inside it).
#   AP=/tmp/ap/linux-x64/libasyncProfiler.so bash llmobs-benchmarks/profile-pair.sh old.jar old new.jar new
# ARGS_A and ARGS_B are given to the first and the second server, to profile two settings of one
# jar, for example ARGS_B=--llmobs.enabled=false.
# The inner quotes of the jcmd option keep jcmd from splitting it at '='.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR_A=$1; LABEL_A=$2; JAR_B=$3; LABEL_B=$4
AP=${AP:?set AP to the path of libasyncProfiler.so}
ROUNDS=${ROUNDS:-10}
WARM=${WARM:-40000}
OUT=${OUT:-llmobs-benchmarks/target}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
# shellcheck source=llmobs-benchmarks/sample-servers.sh
. llmobs-benchmarks/sample-servers.sh
pid_a=$(start_sample "$JAR_A" 18301 "${ARGS_A:-}" "$OUT/profile-18301.log")
pid_b=$(start_sample "$JAR_B" 18302 "${ARGS_B:-}" "$OUT/profile-18302.log")
trap 'kill $pid_a $pid_b 2> /dev/null; true' EXIT
wait_for_samples 18301 18302
$LOAD 18301 warm "$WARM" 4 0 > /dev/null
$LOAD 18302 warm "$WARM" 4 0 > /dev/null
jcmd "$pid_a" JVMTI.agent_load "$AP" "\"start,event=cpu,interval=250us,threads\"" > /dev/null
jcmd "$pid_b" JVMTI.agent_load "$AP" "\"start,event=cpu,interval=250us,threads\"" > /dev/null
for round in $(seq 1 "$ROUNDS"); do
	if [ $((round % 2)) = 0 ]; then
		$LOAD 18301 "$LABEL_A" 2000 4 0; $LOAD 18302 "$LABEL_B" 2000 4 0
	else
		$LOAD 18302 "$LABEL_B" 2000 4 0; $LOAD 18301 "$LABEL_A" 2000 4 0
	fi
done
jcmd "$pid_a" JVMTI.agent_load "$AP" "\"stop,file=$OUT/$LABEL_A.collapsed,collapsed\"" > /dev/null
jcmd "$pid_b" JVMTI.agent_load "$AP" "\"stop,file=$OUT/$LABEL_B.collapsed,collapsed\"" > /dev/null
