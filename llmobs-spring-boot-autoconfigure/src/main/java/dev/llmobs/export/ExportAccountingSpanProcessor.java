package dev.llmobs.export;

import io.opentelemetry.sdk.trace.ReadableSpan;

/**
 * Counts sampled spans as they end, the other side of the export accounting.
 */
public final class ExportAccountingSpanProcessor implements EndOnlySpanProcessor {

	private final ExportStatistics statistics;

	/**
	 * Creates the processor.
	 * @param statistics receives the counts
	 */
	public ExportAccountingSpanProcessor(ExportStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		if (span.getSpanContext().isSampled()) {
			this.statistics.spanEnded();
		}
	}

}
