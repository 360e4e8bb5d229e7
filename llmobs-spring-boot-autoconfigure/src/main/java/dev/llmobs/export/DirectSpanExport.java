package dev.llmobs.export;

import java.util.List;

import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.micrometer.tracing.exporter.SpanFilter;
import io.micrometer.tracing.exporter.SpanReporter;
import io.micrometer.tracing.otel.bridge.CompositeSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The exporter Spring Boot's span batch processor hands spans to. Boot always wraps the
 * exporters in Micrometer's {@link CompositeSpanExporter}, which converts every span to
 * Micrometer's type and back so that predicates, filters and reporters can see it. With
 * none of them, that conversion only costs: it copies every attribute into a map (the
 * starter's spans carry prompts, answers and documents), rebuilds the attributes each
 * time an exporter reads them, and reports the attributes and events a span kept as all
 * it had, so the counts the SDK dropped at its limits are lost. Then the spans go to the
 * exporters as the SDK made them.
 */
public final class DirectSpanExport {

	private DirectSpanExport() {
	}

	/**
	 * The exporter for a batch processor.
	 * @param exporters the exporters
	 * @param predicates Micrometer's exporting predicates
	 * @param reporters Micrometer's span reporters
	 * @param filters Micrometer's span filters
	 * @return the exporters as one, converting spans only when a predicate, reporter or
	 * filter needs Micrometer's type
	 */
	public static SpanExporter exporter(List<SpanExporter> exporters, List<SpanExportingPredicate> predicates,
			List<SpanReporter> reporters, List<SpanFilter> filters) {
		if (predicates.isEmpty() && reporters.isEmpty() && filters.isEmpty()) {
			return SpanExporter.composite(exporters);
		}
		return new CompositeSpanExporter(exporters, predicates, reporters, filters);
	}

}
