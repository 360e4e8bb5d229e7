package dev.llmobs.autoconfigure;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Adapts Boot's observability defaults to LLM traffic and honours the OpenInference
 * environment switches:
 * <ul>
 * <li>samples every trace unless {@code management.tracing.sampling.probability} is set
 * (LLM traffic is low-volume and high-value; Boot's default keeps 10%);</li>
 * <li>keeps the OTLP metrics registry from pushing to {@code localhost:4318} unless an
 * OTLP metrics URL or {@code management.otlp.metrics.export.enabled} is configured, so a
 * fresh app opens no connections;</li>
 * <li>turns on Reactor's automatic context propagation
 * ({@code spring.reactor.context-propagation=auto}) unless it is set, so the trace, the
 * session and the user follow reactive pipelines across schedulers;</li>
 * <li>maps {@code OPENINFERENCE_HIDE_INPUTS} / {@code OPENINFERENCE_HIDE_OUTPUTS} to
 * {@code llmobs.capture.inputs} / {@code outputs};</li>
 * <li>fills in what the {@code llmobs.export.backend} preset needs (endpoints, headers,
 * signals, conventions; see {@link BackendPreset}).</li>
 * </ul>
 * The defaults and the preset sit at the lowest precedence, so any user setting wins.
 */
public class LlmObsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the defaults. */
	public static final String DEFAULTS_SOURCE = "llmobsDefaults";

	/** Name of the property source holding the backend preset. */
	public static final String PRESET_SOURCE = "llmobsBackendPreset";

	static final String SAMPLING_PROBABILITY = "management.tracing.sampling.probability";

	static final String REACTOR_CONTEXT_PROPAGATION = "spring.reactor.context-propagation";

	private static final String OTLP_METRICS_ENABLED = "management.otlp.metrics.export.enabled";

	private static final String OTLP_METRICS_URL = "management.otlp.metrics.export.url";

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("llmobs.enabled", Boolean.class, true)) {
			return;
		}
		LlmObsProperties.Export export = Binder.get(environment)
			.bind("llmobs.export", LlmObsProperties.Export.class)
			.orElseGet(LlmObsProperties.Export::new);
		Map<String, Object> preset = new HashMap<>();
		BackendPreset.of(export).properties().forEach((name, value) -> {
			if (!isSet(environment, name)) {
				preset.put(name, value);
			}
		});
		if (!preset.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PRESET_SOURCE, preset));
		}
		Map<String, Object> defaults = new HashMap<>();
		if (!environment.containsProperty(SAMPLING_PROBABILITY)) {
			defaults.put(SAMPLING_PROBABILITY, "1.0");
		}
		if (!environment.containsProperty(REACTOR_CONTEXT_PROPAGATION)) {
			defaults.put(REACTOR_CONTEXT_PROPAGATION, "auto");
		}
		if (!metricsExportConfigured(environment)) {
			defaults.put(OTLP_METRICS_ENABLED, "false");
		}
		if (!defaults.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS_SOURCE, defaults));
		}
		Map<String, Object> hidden = new HashMap<>();
		if ("true".equalsIgnoreCase(environment.getProperty("OPENINFERENCE_HIDE_INPUTS"))) {
			hidden.put("llmobs.capture.inputs", "false");
		}
		if ("true".equalsIgnoreCase(environment.getProperty("OPENINFERENCE_HIDE_OUTPUTS"))) {
			hidden.put("llmobs.capture.outputs", "false");
		}
		if (!hidden.isEmpty()) {
			MapPropertySource source = new MapPropertySource("llmobsOpenInferenceEnvironment", hidden);
			if (environment.getPropertySources()
				.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
				environment.getPropertySources()
					.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
			}
			else {
				environment.getPropertySources().addFirst(source);
			}
		}
	}

	/**
	 * Whether the application set a property itself, in any source (its default
	 * properties included, which Boot ranks below everything else): a preset never
	 * overrides it. Map keys are matched as Boot binds them, without regard to case.
	 */
	private static boolean isSet(ConfigurableEnvironment environment, String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		if (environment.containsProperty(lower)) {
			return true;
		}
		int open = lower.indexOf('[');
		if (open > 0 && lower.endsWith("]")) {
			String key = lower.substring(open + 1, lower.length() - 1);
			return !key.contains(".") && environment.containsProperty(lower.substring(0, open) + "." + key);
		}
		return false;
	}

	/**
	 * Whether the application configured OTLP metrics export: Boot's properties, or the
	 * OpenTelemetry variables Boot maps to them (its mapping may run after this).
	 */
	private static boolean metricsExportConfigured(ConfigurableEnvironment environment) {
		return Stream
			.of(OTLP_METRICS_URL, OTLP_METRICS_ENABLED, "OTEL_EXPORTER_OTLP_ENDPOINT",
					"OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_METRICS_EXPORTER")
			.anyMatch(environment::containsProperty);
	}

}
