package dev.llmobs.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

import dev.llmobs.export.CompletedTrace;
import dev.llmobs.export.RecentTraceStore;
import dev.llmobs.export.TraceJson;
import dev.llmobs.export.TraceSummary;

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
	 * The recent traces, those with an LLM-observability span first, and the
	 * configuration.
	 * @return the report
	 */
	@ReadOperation
	public Map<String, Object> recent() {
		List<TraceSummary> summaries = this.store.llmTracesFirst().stream().map(CompletedTrace::summary).toList();
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
		return this.store.trace(traceId).map(TraceJson::describe).orElse(null);
	}

}
