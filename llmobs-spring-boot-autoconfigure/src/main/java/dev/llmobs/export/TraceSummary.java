package dev.llmobs.export;

import java.util.List;

import dev.llmobs.eval.Feedback;

/**
 * One line of the recent-trace list.
 *
 * @param traceId the trace id
 * @param rootName the root span's name
 * @param startEpochMillis when the root started
 * @param durationMillis how long the root took
 * @param spanCount the number of spans
 * @param totalTokens tokens of the application's model calls (judges excluded)
 * @param costUsd the cost in USD, or {@code null} when no call was priced
 * @param evaluationsPassed evaluations with verdict pass
 * @param evaluationsFailed evaluations with verdict fail
 * @param sessionId the session, or {@code null}
 * @param userId the user, or {@code null}
 * @param error whether any span failed
 * @param llm whether the trace has an LLM-observability span
 * @param workflowName the name of its outermost LLM-observability span (such as
 * {@code support-flow}), or {@code null}
 * @param inputPreview the start of that span's captured input (redacted as captured), or
 * {@code null}
 * @param outputPreview the start of that span's captured output, or {@code null}
 * @param feedback users' feedback on the answer, oldest first
 */
public record TraceSummary(String traceId, String rootName, long startEpochMillis, double durationMillis, int spanCount,
		long totalTokens, Double costUsd, int evaluationsPassed, int evaluationsFailed, String sessionId, String userId,
		boolean error, boolean llm, String workflowName, String inputPreview, String outputPreview,
		List<Feedback> feedback) {

	/** Characters a preview keeps. */
	public static final int PREVIEW_LENGTH = 160;

	/**
	 * The name to list the trace under: the workflow's when there is one.
	 * @return the workflow name, else the root span's name
	 */
	public String displayName() {
		return (this.workflowName != null) ? this.workflowName : this.rootName;
	}

	static String preview(String text) {
		if (text == null) {
			return null;
		}
		String head = (text.length() > 2 * PREVIEW_LENGTH) ? text.substring(0, 2 * PREVIEW_LENGTH) : text;
		String flat = head.strip().replaceAll("\\s+", " ");
		return (flat.length() > PREVIEW_LENGTH || head.length() < text.length())
				? flat.substring(0, Math.min(flat.length(), PREVIEW_LENGTH)) + "…" : flat;
	}

}
