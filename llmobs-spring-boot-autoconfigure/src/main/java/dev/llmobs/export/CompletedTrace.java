package dev.llmobs.export;

import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;

import dev.llmobs.eval.Feedback;
import dev.llmobs.trace.LlmObsAttributes;

/**
 * The spans of one trace whose local root has ended, with its summary.
 *
 * @param traceId the trace id
 * @param root the local root span
 * @param spans all spans, in end order
 * @param approximateBytes an estimate of the memory the spans' attributes hold
 * @param feedback users' feedback on the trace's answer, oldest first
 */
public record CompletedTrace(String traceId, SpanData root, List<SpanData> spans, long approximateBytes,
		List<Feedback> feedback) {

	/**
	 * Feedback kept per trace at most; later feedback is still recorded, not kept here.
	 */
	static final int MAX_FEEDBACK = 20;

	/**
	 * A trace without feedback.
	 * @param traceId the trace id
	 * @param root the local root span
	 * @param spans all spans, in end order
	 * @param approximateBytes an estimate of the memory the spans' attributes hold
	 */
	public CompletedTrace(String traceId, SpanData root, List<SpanData> spans, long approximateBytes) {
		this(traceId, root, spans, approximateBytes, List.of());
	}

	/**
	 * A copy with one more feedback, unless it already holds {@link #MAX_FEEDBACK}.
	 * @param added the feedback
	 * @return the new trace
	 */
	CompletedTrace withFeedback(Feedback added) {
		if (this.feedback.size() >= MAX_FEEDBACK) {
			return this;
		}
		List<Feedback> all = new java.util.ArrayList<>(this.feedback);
		all.add(added);
		long bytes = 128L + 2L * ((added.comment() != null) ? added.comment().length() : 0);
		return new CompletedTrace(this.traceId, this.root, this.spans, this.approximateBytes + bytes, List.copyOf(all));
	}

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
		return new CompletedTrace(this.traceId, this.root, List.copyOf(all), this.approximateBytes + bytes,
				this.feedback);
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
			boolean judge = Boolean.TRUE.equals(attributes.get(LlmObsAttributes.LLMOBS_EVALUATION_JUDGE));
			Long total = (Long) attributes.get(LlmObsAttributes.LLM_TOKEN_COUNT_TOTAL);
			if (total == null) {
				long input = longOr0(attributes.get(LlmObsAttributes.GEN_AI_USAGE_INPUT_TOKENS));
				long output = longOr0(attributes.get(LlmObsAttributes.GEN_AI_USAGE_OUTPUT_TOKENS));
				total = (input + output > 0) ? input + output : null;
			}
			if (total != null && !judge) {
				tokens += total;
			}
			Object spanCost = (attributes.get(LlmObsAttributes.LLM_COST_TOTAL) != null)
					? attributes.get(LlmObsAttributes.LLM_COST_TOTAL)
					: attributes.get(LlmObsAttributes.GEN_AI_USAGE_COST);
			if (spanCost instanceof Double value && !judge) {
				cost += value;
				priced = true;
			}
			String verdict = (String) attributes.get(LlmObsAttributes.GEN_AI_EVALUATION_VERDICT);
			if ("pass".equals(verdict)) {
				passed++;
			}
			else if ("fail".equals(verdict)) {
				failedEvaluations++;
			}
			error |= span.getStatus().getStatusCode() == StatusCode.ERROR;
			session = (session != null) ? session : (String) attributes.get(LlmObsAttributes.SESSION_ID);
			user = (user != null) ? user : (String) attributes.get(LlmObsAttributes.USER_ID);
		}
		long durationNanos = this.root.getEndEpochNanos() - this.root.getStartEpochNanos();
		SpanData workflow = workflowSpan();
		return new TraceSummary(this.traceId, this.root.getName(), this.root.getStartEpochNanos() / 1_000_000,
				durationNanos / 1_000_000.0, this.spans.size(), tokens, priced ? cost : null, passed, failedEvaluations,
				session, user, error, workflow != null, (workflow != null) ? workflow.getName() : null,
				(workflow != null) ? TraceSummary.preview(workflow.getAttributes().get(LlmObsAttributes.INPUT_VALUE))
						: null,
				(workflow != null) ? TraceSummary.preview(workflow.getAttributes().get(LlmObsAttributes.OUTPUT_VALUE))
						: null,
				this.feedback);
	}

	/**
	 * Whether the trace has an LLM-observability span.
	 * @return {@code true} when it has one
	 */
	public boolean isLlm() {
		for (SpanData span : this.spans) {
			if (LlmObsAttributes.isLlmObservabilitySpan(span.getAttributes())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The outermost LLM-observability span: the one with no such span above it, the
	 * earliest when there are several (evaluator spans of late evaluations, for one).
	 * @return the span, or {@code null}
	 */
	SpanData workflowSpan() {
		Map<String, SpanData> byId = new java.util.HashMap<>();
		for (SpanData span : this.spans) {
			byId.put(span.getSpanId(), span);
		}
		SpanData outermost = null;
		for (SpanData span : this.spans) {
			if (!LlmObsAttributes.isLlmObservabilitySpan(span.getAttributes()) || hasLlmAncestor(span, byId)) {
				continue;
			}
			if (outermost == null || span.getStartEpochNanos() < outermost.getStartEpochNanos()) {
				outermost = span;
			}
		}
		return outermost;
	}

	private static boolean hasLlmAncestor(SpanData span, Map<String, SpanData> byId) {
		SpanData parent = byId.get(span.getParentSpanId());
		for (int depth = 0; parent != null && depth < byId.size(); depth++) {
			if (LlmObsAttributes.isLlmObservabilitySpan(parent.getAttributes())) {
				return true;
			}
			parent = byId.get(parent.getParentSpanId());
		}
		return false;
	}

	private static long longOr0(Object value) {
		return (value instanceof Long number) ? number : 0;
	}

}
