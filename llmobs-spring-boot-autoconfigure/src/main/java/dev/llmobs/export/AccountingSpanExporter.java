package dev.llmobs.export;

import java.util.Collection;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Wraps the exporter Boot configured, unchanged, and counts what it exports and fails to.
 */
public final class AccountingSpanExporter implements SpanExporter {

	private final SpanExporter delegate;

	private final ExportStatistics statistics;

	/**
	 * Wraps an exporter.
	 * @param delegate the exporter
	 * @param statistics receives the counts
	 */
	public AccountingSpanExporter(SpanExporter delegate, ExportStatistics statistics) {
		this.delegate = delegate;
		this.statistics = statistics;
		statistics.exporterAttached();
	}

	@Override
	public CompletableResultCode export(Collection<SpanData> spans) {
		int count = spans.size();
		CompletableResultCode result;
		try {
			result = this.delegate.export(spans);
		}
		catch (RuntimeException ex) {
			this.statistics.failed(count, ex.toString());
			return CompletableResultCode.ofFailure();
		}
		result.whenComplete(() -> {
			if (result.isSuccess()) {
				this.statistics.exported(count);
			}
			else {
				Throwable failure = result.getFailureThrowable();
				this.statistics.failed(count, (failure != null) ? failure.toString()
						: "export failed (" + this.delegate.getClass().getSimpleName() + ")");
			}
		});
		return result;
	}

	@Override
	public CompletableResultCode flush() {
		return this.delegate.flush();
	}

	@Override
	public CompletableResultCode shutdown() {
		return this.delegate.shutdown();
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	@Override
	public String toString() {
		return "AccountingSpanExporter{" + this.delegate + "}";
	}

}
