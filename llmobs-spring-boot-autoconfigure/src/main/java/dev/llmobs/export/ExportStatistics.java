package dev.llmobs.export;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Counts of spans ended, exported and failed, and the last export outcome. Dropped spans
 * (the export queue was full) are not reported by the SDK, so they are derived: spans
 * pending beyond what the queue can hold cannot be waiting any more, and only ever grow;
 * the figure is a lower bound while the queue is full, and exact once it drains.
 */
public final class ExportStatistics {

	/** The outcomes counted, the {@code outcome} tag of {@code llmobs.export.spans}. */
	public static final java.util.List<String> OUTCOMES = java.util.List.of("exported", "failed", "dropped");

	private static final Pattern CREDENTIALS = Pattern.compile("//[^/@\\s]+@");

	private final AtomicLong ended = new AtomicLong();

	private final AtomicLong exported = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicInteger consecutiveFailures = new AtomicInteger();

	private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();

	private final AtomicReference<String> lastError = new AtomicReference<>();

	private final long capacity;

	/**
	 * Creates the statistics.
	 * @param capacity the export queue size plus one batch: what can be pending
	 * legitimately
	 */
	public ExportStatistics(long capacity) {
		this.capacity = capacity;
	}

	private volatile boolean exporterAttached;

	void exporterAttached() {
		this.exporterAttached = true;
	}

	/**
	 * Whether any exporter is being counted: with none (no endpoint configured) nothing
	 * is exported and nothing is pending.
	 * @return {@code true} once an exporter was wrapped
	 */
	public boolean isExporterAttached() {
		return this.exporterAttached;
	}

	void spanEnded() {
		if (this.exporterAttached) {
			this.ended.incrementAndGet();
		}
	}

	void exported(int count) {
		this.exported.addAndGet(count);
		this.consecutiveFailures.set(0);
		this.lastSuccess.set(Instant.now());
	}

	void failed(int count, String error) {
		this.failed.addAndGet(count);
		this.consecutiveFailures.incrementAndGet();
		this.lastError.set(sanitize(error));
	}

	static String sanitize(String message) {
		if (message == null) {
			return null;
		}
		String clean = CREDENTIALS.matcher(message).replaceAll("//****@");
		return (clean.length() > 300) ? clean.substring(0, 300) : clean;
	}

	/**
	 * The count of one outcome.
	 * @param outcome {@code exported}, {@code failed} or {@code dropped}
	 * @return the count
	 */
	public long count(String outcome) {
		return switch (outcome) {
			case "exported" -> exported();
			case "failed" -> failed();
			case "dropped" -> dropped();
			default -> throw new IllegalArgumentException("Unknown outcome " + outcome);
		};
	}

	/**
	 * Sampled spans ended so far.
	 * @return the count
	 */
	public long ended() {
		return this.ended.get();
	}

	/**
	 * Spans the exporter sent successfully.
	 * @return the count
	 */
	public long exported() {
		return this.exported.get();
	}

	/**
	 * Spans whose export failed.
	 * @return the count
	 */
	public long failed() {
		return this.failed.get();
	}

	/**
	 * Spans dropped because the export queue was full (a lower bound, see the class
	 * comment).
	 * @return the count
	 */
	public long dropped() {
		long unaccounted = this.ended.get() - this.exported.get() - this.failed.get();
		return Math.max(0, this.dropped.accumulateAndGet(unaccounted - this.capacity, Math::max));
	}

	/**
	 * Spans ended but neither exported, failed nor dropped: the queue fill.
	 * @return the count
	 */
	public long pending() {
		long dropped = dropped();
		return Math.max(0, this.ended.get() - this.exported.get() - this.failed.get() - dropped);
	}

	/**
	 * Export calls that failed in a row.
	 * @return the count, 0 after a success
	 */
	public int consecutiveFailures() {
		return this.consecutiveFailures.get();
	}

	/**
	 * When an export last succeeded.
	 * @return the time, or {@code null}
	 */
	public Instant lastSuccess() {
		return this.lastSuccess.get();
	}

	/**
	 * The last export error message, without credentials.
	 * @return the message, or {@code null}
	 */
	public String lastError() {
		return this.lastError.get();
	}

	/**
	 * The number of spans that can be pending legitimately.
	 * @return the capacity
	 */
	public long capacity() {
		return this.capacity;
	}

}
