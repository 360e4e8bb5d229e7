package dev.llmobs.actuate;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.llmobs.export.ExportStatistics;

/**
 * Whether spans are leaving the process. {@code UP} when exports succeed or nothing was
 * exported yet; {@code DEGRADED} after consecutive failures, which Boot's default
 * aggregation ranks below {@code UP}, so the application's overall health stays as it
 * was. {@code DOWN} only when the user opts in.
 */
public final class LlmObsHealthIndicator extends AbstractHealthIndicator {

	/** The status of a failing export pipeline. */
	public static final Status DEGRADED = new Status("DEGRADED", "spans are not being exported");

	private final ExportStatistics statistics;

	private final String endpoint;

	private final int failureThreshold;

	private final boolean downOnFailure;

	/**
	 * Creates the indicator.
	 * @param statistics the export statistics
	 * @param endpoint the configured OTLP endpoint without credentials, or {@code null}
	 * @param failureThreshold consecutive failed exports before the status changes
	 * @param downOnFailure report {@code DOWN} instead of {@code DEGRADED}
	 */
	public LlmObsHealthIndicator(ExportStatistics statistics, String endpoint, int failureThreshold,
			boolean downOnFailure) {
		super("LLM observability health check failed");
		this.statistics = statistics;
		this.endpoint = endpoint;
		this.failureThreshold = failureThreshold;
		this.downOnFailure = downOnFailure;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean failing = this.statistics.consecutiveFailures() >= this.failureThreshold;
		if (failing) {
			builder.status(this.downOnFailure ? Status.DOWN : DEGRADED);
		}
		else {
			builder.up();
		}
		builder.withDetail("endpoint", (this.endpoint != null) ? this.endpoint : "none (export off)")
			.withDetail("exported", this.statistics.exported())
			.withDetail("failed", this.statistics.failed())
			.withDetail("dropped", this.statistics.dropped())
			.withDetail("consecutiveFailures", this.statistics.consecutiveFailures())
			.withDetail("queued", this.statistics.pending())
			.withDetail("queueCapacity", this.statistics.capacity());
		if (this.statistics.lastSuccess() != null) {
			builder.withDetail("lastSuccess", this.statistics.lastSuccess().toString());
		}
		if (this.statistics.lastError() != null) {
			builder.withDetail("lastError", this.statistics.lastError());
		}
	}

}
