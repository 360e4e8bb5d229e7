package dev.llmobs.sampling;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;

import dev.llmobs.trace.LlmObsAttributes;

/**
 * The keep rules: which spans make their whole trace worth keeping, and why.
 *
 * @param keepErrors keep traces with a span in error or with an exception
 * @param keepFailedEvaluations keep traces with an evaluation verdict {@code fail} or an
 * evaluation {@code error}
 * @param keepTruncated keep traces with an output cut at the token limit
 * @param costThreshold keep traces costing more than this (USD), or {@code null}
 * @param durationThreshold keep traces whose root took longer, or {@code null}
 * @param metadata keep traces whose metadata holds one of these entries
 * @param users keep traces of these user ids
 * @param keepRate the share of the other traces kept, decided from the trace id
 * @param llmTracesOnly drop, before any other rule, traces without an LLM-observability
 * span
 */
public record SamplingRules(boolean keepErrors, boolean keepFailedEvaluations, boolean keepTruncated,
		Double costThreshold, Duration durationThreshold, Map<String, String> metadata, Set<String> users,
		double keepRate, boolean llmTracesOnly) {

	/** Reason of a trace dropped for having no LLM-observability span. */
	public static final String NOT_LLM = "not-llm";

	/**
	 * Rules that keep every trace with an LLM-observability span and drop the others: the
	 * {@code llmobs.export.llm-traces-only} filter without tail sampling.
	 * @return the rules
	 */
	public static SamplingRules onlyLlmTraces() {
		return new SamplingRules(false, false, false, null, null, Map.of(), Set.of(), 1.0, true);
	}

	/** Reason of a trace kept for an error. */
	public static final String ERROR = "error";

	/** Reason of a trace kept for a failed evaluation. */
	public static final String EVALUATION = "evaluation-fail";

	/** Reason of a trace kept for a truncated output. */
	public static final String TRUNCATED = "truncated";

	/** Reason of a trace kept for its cost. */
	public static final String COST = "cost";

	/** Reason of a trace kept for its duration. */
	public static final String DURATION = "duration";

	/** Reason of a trace kept for its metadata or user. */
	public static final String METADATA = "metadata";

	/** Reason of a trace kept by the rate. */
	public static final String RATE = "rate";

	/** Reason of a dropped trace. */
	public static final String NONE = "none";

	/**
	 * The reason one span gives to keep its trace, by itself.
	 * @param span the span
	 * @return the reason, or {@code null}
	 */
	String reasonOf(SpanData span) {
		if (this.keepErrors && (span.getStatus().getStatusCode() == StatusCode.ERROR || hasException(span))) {
			return ERROR;
		}
		if (this.keepFailedEvaluations && failedEvaluation(span)) {
			return EVALUATION;
		}
		if (this.keepTruncated && Boolean.TRUE.equals(span.getAttributes().get(LlmObsAttributes.LLMOBS_TRUNCATED))) {
			return TRUNCATED;
		}
		if (matchesCustomer(span)) {
			return METADATA;
		}
		return null;
	}

	/**
	 * The reason a finished trace gives as a whole: its cost or its root's duration.
	 * @param cost the trace's cost in USD
	 * @param root the local root, or {@code null} when it has not ended
	 * @return the reason, or {@code null}
	 */
	String reasonOf(double cost, SpanData root) {
		if (this.costThreshold != null && cost > this.costThreshold) {
			return COST;
		}
		if (this.durationThreshold != null && root != null
				&& root.getEndEpochNanos() - root.getStartEpochNanos() > this.durationThreshold.toNanos()) {
			return DURATION;
		}
		return null;
	}

	/**
	 * Whether the rate keeps a trace: the same answer for the same trace id everywhere,
	 * as OpenTelemetry's trace-id ratio sampler decides.
	 * @param traceId the trace id (32 hex characters)
	 * @return {@code true} to keep
	 */
	boolean keptByRate(String traceId) {
		if (this.keepRate >= 1.0) {
			return true;
		}
		if (this.keepRate <= 0.0) {
			return false;
		}
		long randomPart = Long.parseUnsignedLong(traceId.substring(16), 16);
		long bound = (long) (this.keepRate * Long.MAX_VALUE);
		return Math.abs(randomPart == Long.MIN_VALUE ? Long.MAX_VALUE : randomPart) < bound;
	}

	private static boolean hasException(SpanData span) {
		for (EventData event : span.getEvents()) {
			if ("exception".equals(event.getName())) {
				return true;
			}
		}
		return false;
	}

	private static boolean failedEvaluation(SpanData span) {
		if ("fail".equals(span.getAttributes().get(LlmObsAttributes.GEN_AI_EVALUATION_VERDICT))
				|| Boolean.TRUE.equals(span.getAttributes().get(LlmObsAttributes.LLMOBS_EVALUATION_ERROR))) {
			return true;
		}
		for (EventData event : span.getEvents()) {
			if ("gen_ai.evaluation.result".equals(event.getName())) {
				String label = event.getAttributes().get(LlmObsAttributes.GEN_AI_EVALUATION_SCORE_LABEL);
				// the label is the verdict unless the evaluator set its own; errors say
				// "error"
				if ("error".equals(label) || "fail".equals(label)) {
					return true;
				}
			}
		}
		return false;
	}

	private boolean matchesCustomer(SpanData span) {
		if (!this.users.isEmpty()) {
			String user = span.getAttributes().get(LlmObsAttributes.USER_ID);
			if (user != null && this.users.contains(user)) {
				return true;
			}
		}
		if (!this.metadata.isEmpty()) {
			String json = span.getAttributes().get(LlmObsAttributes.METADATA);
			if (json != null) {
				for (Map.Entry<String, String> entry : this.metadata.entrySet()) {
					if (json.contains("\"" + entry.getKey() + "\":\"" + entry.getValue() + "\"")) {
						return true;
					}
				}
			}
		}
		return false;
	}

	/**
	 * The cost a span adds to its trace.
	 * @param span the span
	 * @return the cost in USD
	 */
	static double costOf(SpanData span) {
		Double cost = span.getAttributes().get(LlmObsAttributes.LLM_COST_TOTAL);
		if (cost == null) {
			cost = span.getAttributes().get(LlmObsAttributes.GEN_AI_USAGE_COST);
		}
		return (cost != null) ? cost : 0.0;
	}

	static List<String> reasons() {
		return List.of(ERROR, EVALUATION, TRUNCATED, COST, DURATION, METADATA, RATE, NONE, NOT_LLM);
	}

}
