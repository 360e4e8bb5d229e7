package dev.llmobs.export;

import java.util.Locale;
import java.util.function.Consumer;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.llmobs.trace.LlmObsAttributes;

/**
 * Logs one compact tree per finished trace (names, kinds, durations, tokens, cost,
 * verdicts), so a developer without a tracing backend still sees what happened.
 */
public final class ConsoleTraceReporter implements Consumer<CompletedTrace> {

	private static final Log logger = LogFactory.getLog("dev.llmobs.console");

	@Override
	public void accept(CompletedTrace trace) {
		if (logger.isInfoEnabled()) {
			logger.info(render(trace));
		}
	}

	/**
	 * Renders a trace as text.
	 * @param trace the trace
	 * @return the tree, one span per line
	 */
	public String render(CompletedTrace trace) {
		TraceSummary summary = trace.summary();
		StringBuilder text = new StringBuilder();
		text.append("llmobs trace ").append(trace.traceId());
		if (summary.workflowName() != null) {
			text.append(' ').append(summary.workflowName());
		}
		if (summary.sessionId() != null) {
			text.append(" session=").append(summary.sessionId());
		}
		if (summary.userId() != null) {
			text.append(" user=").append(summary.userId());
		}
		text.append(String.format(Locale.ROOT, " %.1f ms, %d spans", summary.durationMillis(), summary.spanCount()));
		if (summary.totalTokens() > 0) {
			text.append(", ").append(summary.totalTokens()).append(" tokens");
		}
		if (summary.costUsd() != null) {
			text.append(String.format(Locale.ROOT, ", $%.6f", summary.costUsd()));
		}
		if (summary.inputPreview() != null) {
			text.append("\n   in:  ").append(summary.inputPreview());
		}
		if (summary.outputPreview() != null) {
			text.append("\n   out: ").append(summary.outputPreview());
		}
		for (TraceTree root : TraceTree.of(trace.spans())) {
			append(text, root, "", true);
		}
		return text.toString();
	}

	private void append(StringBuilder text, TraceTree tree, String indent, boolean last) {
		SpanData span = tree.span();
		Attributes attributes = span.getAttributes();
		text.append('\n').append(indent).append(last ? "└─ " : "├─ ").append(span.getName());
		String kind = attributes.get(LlmObsAttributes.LLMOBS_SPAN_KIND);
		if (kind != null) {
			text.append(" [").append(kind).append(']');
		}
		text.append(String.format(Locale.ROOT, " %.1f ms",
				(span.getEndEpochNanos() - span.getStartEpochNanos()) / 1_000_000.0));
		Long tokens = attributes.get(LlmObsAttributes.LLM_TOKEN_COUNT_TOTAL);
		if (tokens != null) {
			text.append(", ").append(tokens).append(" tokens");
		}
		Double cost = attributes.get(LlmObsAttributes.LLM_COST_TOTAL);
		if (cost != null) {
			text.append(String.format(Locale.ROOT, ", $%.6f", cost));
		}
		String verdict = attributes.get(LlmObsAttributes.GEN_AI_EVALUATION_VERDICT);
		if (verdict != null) {
			text.append(", eval ").append(verdict);
		}
		if (span.getStatus().getStatusCode() == StatusCode.ERROR) {
			text.append(", ERROR");
		}
		for (int i = 0; i < tree.children().size(); i++) {
			append(text, tree.children().get(i), indent + (last ? "   " : "│  "), i == tree.children().size() - 1);
		}
	}

}
