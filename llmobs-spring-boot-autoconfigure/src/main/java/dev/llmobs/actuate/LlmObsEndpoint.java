package dev.llmobs.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import dev.llmobs.export.CompletedTrace;
import dev.llmobs.export.RecentTraceStore;
import dev.llmobs.export.TraceSummary;
import dev.llmobs.export.TraceTree;

/**
 * {@code /actuator/llmobs}: the recent traces (summaries, newest first) with the
 * effective configuration, and {@code /actuator/llmobs/{traceId}}: one trace's span tree.
 */
@Endpoint(id = "llmobs")
public class LlmObsEndpoint {

	private final RecentTraceStore store;

	private final Map<String, Object> configuration;

	/**
	 * Creates the endpoint.
	 * @param store the recent traces
	 * @param configuration the effective configuration, secrets already masked
	 */
	public LlmObsEndpoint(RecentTraceStore store, Map<String, Object> configuration) {
		this.store = store;
		this.configuration = configuration;
	}

	/**
	 * The recent traces and the configuration.
	 * @return the report
	 */
	@ReadOperation
	public Map<String, Object> recent() {
		List<TraceSummary> summaries = this.store.traces().stream().map(CompletedTrace::summary).toList();
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("traces", summaries);
		report.put("configuration", this.configuration);
		return report;
	}

	/**
	 * One trace's span tree.
	 * @param traceId the trace id
	 * @return the trace, or {@code null} (404) when it is no longer kept
	 */
	@ReadOperation
	public Map<String, Object> trace(@Selector String traceId) {
		return this.store.trace(traceId).map(LlmObsEndpoint::describe).orElse(null);
	}

	static Map<String, Object> describe(CompletedTrace trace) {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("summary", trace.summary());
		List<Map<String, Object>> roots = new ArrayList<>();
		for (TraceTree tree : TraceTree.of(trace.spans())) {
			roots.add(describe(tree));
		}
		result.put("spans", roots);
		return result;
	}

	private static Map<String, Object> describe(TraceTree tree) {
		SpanData span = tree.span();
		Map<String, Object> node = new LinkedHashMap<>();
		node.put("spanId", span.getSpanId());
		node.put("parentSpanId", span.getParentSpanContext().isValid() ? span.getParentSpanId() : null);
		node.put("name", span.getName());
		node.put("kind", span.getAttributes().get(AttributeKey.stringKey("llmobs.span.kind")));
		node.put("spanKind", span.getKind().name());
		node.put("startEpochMicros", span.getStartEpochNanos() / 1000);
		node.put("durationMillis", (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1_000_000.0);
		node.put("status", span.getStatus().getStatusCode().name());
		node.put("statusMessage", span.getStatus().getDescription());
		node.put("attributes", attributes(span.getAttributes()));
		List<Map<String, Object>> events = new ArrayList<>();
		for (EventData event : span.getEvents()) {
			Map<String, Object> described = new LinkedHashMap<>();
			described.put("name", event.getName());
			described.put("attributes", attributes(event.getAttributes()));
			events.add(described);
		}
		node.put("events", events);
		List<Map<String, Object>> links = new ArrayList<>();
		for (LinkData link : span.getLinks()) {
			links.add(
					Map.of("traceId", link.getSpanContext().getTraceId(), "spanId", link.getSpanContext().getSpanId()));
		}
		node.put("links", links);
		List<Map<String, Object>> children = new ArrayList<>();
		for (TraceTree child : tree.children()) {
			children.add(describe(child));
		}
		node.put("children", children);
		return node;
	}

	private static Map<String, Object> attributes(Attributes attributes) {
		Map<String, Object> result = new java.util.TreeMap<>();
		attributes.forEach((key, value) -> result.put(key.getKey(), value));
		return result;
	}

}
