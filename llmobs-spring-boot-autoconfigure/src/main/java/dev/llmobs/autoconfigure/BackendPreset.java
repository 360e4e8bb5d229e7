package dev.llmobs.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.StringUtils;

/**
 * What {@code llmobs.export.backend} fills in: Boot's OTLP properties for the backend's
 * traces path, headers and signals, and the conventions it reads best. Each backend's
 * needs come from its own documentation (cited in the README's "Backends" section). The
 * properties are defaults: any {@code management.*} or {@code OTEL_*} setting wins.
 *
 * @param properties the Boot properties the preset sets
 * @param problems what is missing for the preset to work, for the startup report
 */
record BackendPreset(Map<String, Object> properties, List<String> problems) {

	static final String TRACES_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

	static final String LOGS_ENDPOINT = "management.opentelemetry.logging.export.otlp.endpoint";

	static final String LOGS_ENABLED = "management.logging.export.otlp.enabled";

	static final String METRICS_URL = "management.otlp.metrics.export.url";

	static final String METRICS_ENABLED = "management.otlp.metrics.export.enabled";

	static final String RESOURCE_ATTRIBUTES = "management.opentelemetry.resource-attributes";

	static final String CONVENTIONS = "llmobs.conventions";

	/**
	 * The preset for the configured backend.
	 * @param export the export settings
	 * @return the preset, empty for {@link ExportBackend#OTLP} without an endpoint
	 */
	static BackendPreset of(LlmObsProperties.Export export) {
		Builder preset = new Builder(export.getEndpoint());
		String apiKey = export.getApiKey();
		switch (export.getBackend()) {
			case OTLP -> {
				if (preset.base != null) {
					preset.traces("/v1/traces").logs("/v1/logs").metrics("/v1/metrics");
				}
			}
			case PHOENIX -> {
				preset.defaultBase("http://localhost:6006").traces("/v1/traces").tracesOnly();
				if (StringUtils.hasText(apiKey)) {
					preset.header("authorization", "Bearer " + apiKey);
				}
				String project = export.getPhoenix().getProjectName();
				if (StringUtils.hasText(project)) {
					preset.set(RESOURCE_ATTRIBUTES + "[openinference.project.name]", project);
				}
				preset.set(CONVENTIONS, "openinference");
			}
			case LANGFUSE -> {
				preset.defaultBase("https://cloud.langfuse.com").traces("/api/public/otel/v1/traces").tracesOnly();
				LlmObsProperties.Export.Langfuse keys = export.getLangfuse();
				if (StringUtils.hasText(keys.getPublicKey()) && StringUtils.hasText(keys.getSecretKey())) {
					String pair = keys.getPublicKey() + ":" + keys.getSecretKey();
					preset.header("Authorization",
							"Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
				}
				else {
					preset.problem("llmobs.export.langfuse.public-key and secret-key are not both set");
				}
				preset.header("x-langfuse-ingestion-version", "4");
			}
			case DATADOG -> {
				preset.defaultBase("https://trace.agent." + export.getDatadog().getSite())
					.traces("/v1/traces")
					.tracesOnly();
				if (StringUtils.hasText(apiKey)) {
					preset.header("dd-api-key", apiKey);
				}
				else {
					preset.problem("llmobs.export.api-key (the Datadog API key) is not set");
				}
				preset.header("dd-otlp-source", "llmobs");
				// Datadog reads the GenAI conventions of semconv 1.37 and later
				preset.set(CONVENTIONS, "gen-ai-latest");
			}
			case MIDDLEWARE -> {
				if (preset.base == null) {
					preset.problem("llmobs.export.endpoint (https://<uid>.middleware.io) is not set");
				}
				else {
					preset.traces("/v1/traces").logs("/v1/logs").metrics("/v1/metrics");
				}
				if (StringUtils.hasText(apiKey)) {
					preset.header("Authorization", apiKey);
				}
				else {
					preset.problem("llmobs.export.api-key (the Middleware API key) is not set");
				}
				preset.header("X-Trace-Source", "openinference");
			}
		}
		return new BackendPreset(Map.copyOf(preset.properties), List.copyOf(preset.problems));
	}

	private static final class Builder {

		private final Map<String, Object> properties = new LinkedHashMap<>();

		private final List<String> problems = new ArrayList<>();

		private String base;

		private boolean logs;

		private boolean metrics;

		Builder(String base) {
			this.base = StringUtils.hasText(base) ? trimSlash(base) : null;
		}

		Builder defaultBase(String base) {
			if (this.base == null) {
				this.base = base;
			}
			return this;
		}

		Builder traces(String path) {
			return set(TRACES_ENDPOINT, this.base + path);
		}

		Builder logs(String path) {
			this.logs = true;
			return set(LOGS_ENDPOINT, this.base + path);
		}

		Builder metrics(String path) {
			this.metrics = true;
			return set(METRICS_URL, this.base + path);
		}

		/** The backend takes no logs or metrics: none are pushed at it. */
		Builder tracesOnly() {
			set(LOGS_ENABLED, "false");
			return set(METRICS_ENABLED, "false");
		}

		/** A header on every signal sent to the backend. */
		Builder header(String name, String value) {
			set(ExportHeaderNames.TRACES + "[" + name + "]", value);
			if (this.logs) {
				set(ExportHeaderNames.LOGS + "[" + name + "]", value);
			}
			if (this.metrics) {
				set(ExportHeaderNames.METRICS + "[" + name + "]", value);
			}
			return this;
		}

		Builder set(String name, String value) {
			this.properties.put(name, value);
			return this;
		}

		void problem(String problem) {
			this.problems.add(problem);
		}

		private static String trimSlash(String url) {
			return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		}

	}

}
