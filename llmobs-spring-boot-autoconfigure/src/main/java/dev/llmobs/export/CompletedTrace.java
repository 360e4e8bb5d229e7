package dev.llmobs.export;

import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * The spans of one trace whose local root has ended, with its summary.
 *
 * @param traceId the trace id
 * @param root the local root span
 * @param spans all spans, in end order
 * @param approximateBytes an estimate of the memory the spans' attributes hold
 */
public record CompletedTrace(String traceId, SpanData root, List<SpanData> spans, long approximateBytes) {

	private static final AttributeKey<Long> TOTAL_TOKENS = AttributeKey.longKey("llm.token_count.total");

	private static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");

	private static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");

	private static final AttributeKey<Double> COST = AttributeKey.doubleKey("llm.cost.total");

	private static final AttributeKey<Double> GEN_AI_COST = AttributeKey.doubleKey("gen_ai.usage.cost");

	private static final AttributeKey<String> VERDICT = AttributeKey.stringKey("gen_ai.evaluation.verdict");

	private static final AttributeKey<String> SESSION = AttributeKey.stringKey("session.id");

	private static final AttributeKey<String> USER = AttributeKey.stringKey("user.id");

	private static final AttributeKey<Boolean> JUDGE = AttributeKey.booleanKey("llmobs.evaluation.judge");

	/**
	 * A copy with more spans (late spans of a trace already completed, such as
	 * asynchronous evaluations).
	 * @param late the late spans
	 * @param bytes their size estimate
	 * @return the new trace
	 */
	CompletedTrace with(List<SpanData> late, long bytes) {
		List<SpanData> all = new java.util.ArrayList<>(this.spans);
		all.addAll(late);
		return new CompletedTrace(this.traceId, this.root, List.copyOf(all), this.approximateBytes + bytes);
	}

	/**
	 * The summary shown in lists.
	 * @return the summary
	 */
	public TraceSummary summary() {
		long tokens = 0;
		double cost = 0;
		boolean priced = false;
		int passed = 0;
		int failedEvaluations = 0;
		boolean error = false;
		String session = null;
		String user = null;
		for (SpanData span : this.spans) {
			Map<AttributeKey<?>, Object> attributes = span.getAttributes().asMap();
			boolean judge = Boolean.TRUE.equals(attributes.get(JUDGE));
			Long total = (Long) attributes.get(TOTAL_TOKENS);
			if (total == null) {
				long input = longOr0(attributes.get(INPUT_TOKENS));
				long output = longOr0(attributes.get(OUTPUT_TOKENS));
				total = (input + output > 0) ? input + output : null;
			}
			if (total != null && !judge) {
				tokens += total;
			}
			Object spanCost = (attributes.get(COST) != null) ? attributes.get(COST) : attributes.get(GEN_AI_COST);
			if (spanCost instanceof Double value && !judge) {
				cost += value;
				priced = true;
			}
			String verdict = (String) attributes.get(VERDICT);
			if ("pass".equals(verdict)) {
				passed++;
			}
			else if ("fail".equals(verdict)) {
				failedEvaluations++;
			}
			error |= span.getStatus().getStatusCode() == StatusCode.ERROR;
			session = (session != null) ? session : (String) attributes.get(SESSION);
			user = (user != null) ? user : (String) attributes.get(USER);
		}
		long durationNanos = this.root.getEndEpochNanos() - this.root.getStartEpochNanos();
		return new TraceSummary(this.traceId, this.root.getName(), this.root.getStartEpochNanos() / 1_000_000,
				durationNanos / 1_000_000.0, this.spans.size(), tokens, priced ? cost : null, passed, failedEvaluations,
				session, user, error);
	}

	private static long longOr0(Object value) {
		return (value instanceof Long number) ? number : 0;
	}

}
