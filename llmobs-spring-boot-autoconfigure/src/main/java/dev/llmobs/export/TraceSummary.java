package dev.llmobs.export;

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
 */
public record TraceSummary(String traceId, String rootName, long startEpochMillis, double durationMillis, int spanCount,
		long totalTokens, Double costUsd, int evaluationsPassed, int evaluationsFailed, String sessionId, String userId,
		boolean error) {

}
