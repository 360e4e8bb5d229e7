package dev.llmobs.export;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Counts sampled spans as they end, the other side of the export accounting.
 */
public final class ExportAccountingSpanProcessor implements SpanProcessor {

	private final ExportStatistics statistics;

	/**
	 * Creates the processor.
	 * @param statistics receives the counts
	 */
	public ExportAccountingSpanProcessor(ExportStatistics statistics) {
		this.statistics = statistics;
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
	}

	@Override
	public boolean isStartRequired() {
		return false;
	}

	@Override
	public void onEnd(ReadableSpan span) {
		if (span.getSpanContext().isSampled()) {
			this.statistics.spanEnded();
		}
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	@Override
	public CompletableResultCode shutdown() {
		return CompletableResultCode.ofSuccess();
	}

}
