package dev.llmobs.export;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExportStatisticsTests {

	private final ExportStatistics statistics = new ExportStatistics(4);

	private CompletableResultCode nextResult = CompletableResultCode.ofSuccess();

	private final SpanExporter delegate = new SpanExporter() {
		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			return ExportStatisticsTests.this.nextResult;
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}
	};

	private final AccountingSpanExporter exporter = new AccountingSpanExporter(this.delegate, this.statistics);

	private static List<SpanData> spans(int count) {
		List<SpanData> spans = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			spans.add(null);
		}
		return spans;
	}

	@Test
	void countsExportedAndFailedSpans() {
		for (int i = 0; i < 5; i++) {
			this.statistics.spanEnded();
		}
		this.exporter.export(spans(3));
		assertThat(this.statistics.exported()).isEqualTo(3);
		assertThat(this.statistics.lastSuccess()).isNotNull();
		this.nextResult = CompletableResultCode.ofExceptionalFailure(
				new java.io.IOException("Failed to connect to https://user:s3cret@collector:4318/v1/traces"));
		this.exporter.export(spans(2));
		assertThat(this.statistics.failed()).isEqualTo(2);
		assertThat(this.statistics.consecutiveFailures()).isEqualTo(1);
		assertThat(this.statistics.lastError()).contains("collector:4318")
			.doesNotContain("s3cret")
			.doesNotContain("user:");
		assertThat(this.statistics.pending()).isZero();
	}

	@Test
	void spansBeyondTheQueueCapacityAreCountedAsDropped() {
		for (int i = 0; i < 10; i++) {
			this.statistics.spanEnded();
		}
		this.exporter.export(spans(2));
		assertThat(this.statistics.dropped()).isEqualTo(4);
		assertThat(this.statistics.pending()).isEqualTo(4);
	}

	@Test
	void nothingIsPendingWithoutAnExporter() {
		ExportStatistics unattached = new ExportStatistics(4);
		for (int i = 0; i < 10; i++) {
			unattached.spanEnded();
		}
		assertThat(unattached.isExporterAttached()).isFalse();
		assertThat(unattached.pending()).isZero();
		assertThat(unattached.dropped()).isZero();
	}

}
