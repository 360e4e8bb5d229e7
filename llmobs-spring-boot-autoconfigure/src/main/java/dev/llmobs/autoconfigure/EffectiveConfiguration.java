package dev.llmobs.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.core.env.Environment;

import dev.llmobs.export.EndpointUrls;
import dev.llmobs.trace.Convention;
import dev.llmobs.trace.convention.LlmSpanConventions;

/**
 * The effective configuration shown by {@code /actuator/llmobs}: what is captured,
 * redacted, sampled and exported, with no secret (endpoint credentials stripped, header
 * values masked, metadata values and user ids left out).
 */
final class EffectiveConfiguration {

	private EffectiveConfiguration() {
	}

	static Map<String, Object> of(LlmObsProperties properties, Environment environment) {
		Map<String, Object> configuration = new LinkedHashMap<>();
		configuration.put("enabled", properties.isEnabled());
		configuration.put("conventions",
				LlmSpanConventions.effective(LlmObsAutoConfiguration.selectedConventions(properties, environment))
					.stream()
					.map(Convention::configName)
					.toList());
		LlmObsProperties.Capture capture = properties.getCapture();
		configuration.put("capture", Map.of("inputs", capture.isInputs(), "outputs", capture.isOutputs(), "mode",
				capture.getMode().name().toLowerCase(java.util.Locale.ROOT), "maxLength", capture.getMaxLength(),
				"redact", capture.getRedact().stream().map(dev.llmobs.capture.RedactionKind::configName).toList(),
				"customRedactPatterns", capture.getRedactPatterns().size()));
		LlmObsProperties.Web web = properties.getWeb();
		configuration.put("web", Map.of("enabled", web.isEnabled(), "sessionHeader", web.getSessionHeader(),
				"userHeader", web.getUserHeader(), "userFromPrincipal", web.isUserFromPrincipal(), "hashUserIds",
				web.isHashUserIds(), "propagate", web.isPropagate(), "propagateHosts", web.getPropagateHosts()));
		configuration.put("context", Map.of("propagateToExecutors", properties.getContext().isPropagateToExecutors(),
				"reactorContextPropagation", environment.getProperty("spring.reactor.context-propagation", "limited")));
		configuration.put("recentTraces", Map.of("maxTraces", properties.getRecentTraces().getMaxTraces()));
		configuration.put("console", properties.getConsole().isEnabled());
		LlmObsProperties.Sampling sampling = properties.getSampling();
		Map<String, Object> tail = new LinkedHashMap<>();
		tail.put("enabled", sampling.isEnabled());
		if (sampling.isEnabled()) {
			tail.put("keepRate", sampling.getKeepRate());
			tail.put("gracePeriod", sampling.getGracePeriod().toString());
			tail.put("keepErrors", sampling.isKeepErrors());
			tail.put("keepFailedEvaluations", sampling.isKeepFailedEvaluations());
			tail.put("keepTruncated", sampling.isKeepTruncated());
			tail.put("keepCostAbove", sampling.getKeepCostAbove());
			tail.put("keepDurationAbove",
					(sampling.getKeepDurationAbove() != null) ? sampling.getKeepDurationAbove().toString() : null);
			// metadata keys only, and a count of user ids: values may identify customers
			tail.put("keepMetadataKeys", sampling.getKeepMetadata().keySet());
			tail.put("keepUsers", sampling.getKeepUsers().size());
			tail.put("maxTraces", sampling.getMaxTraces());
		}
		configuration.put("tailSampling", tail);
		configuration.put("springAi", properties.getSpringAi().isEnabled());
		String endpoint = environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint");
		Map<String, Object> export = new LinkedHashMap<>();
		export.put("endpoint", (endpoint != null) ? EndpointUrls.withoutCredentials(endpoint) : "none");
		// every header by name, its value masked: a header often carries an API key
		export.put("headers", masked(ExportHeaderNames.of(environment, ExportHeaderNames.TRACES, "TRACES")));
		export.put("logsHeaders", masked(ExportHeaderNames.of(environment, ExportHeaderNames.LOGS, "LOGS")));
		export.put("metricsHeaders", masked(ExportHeaderNames.of(environment, ExportHeaderNames.METRICS, "METRICS")));
		export.put("backend", properties.getExport().getBackend().name().toLowerCase(java.util.Locale.ROOT));
		export.put("llmTracesOnly", properties.getExport().isLlmTracesOnly());
		export.put("samplingProbability", environment.getProperty("management.tracing.sampling.probability"));
		configuration.put("export", export);
		return configuration;
	}

	private static Map<String, String> masked(Iterable<String> names) {
		Map<String, String> masked = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (String name : names) {
			masked.put(name, "******");
		}
		return masked;
	}

}
