package dev.llmobs.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

import dev.llmobs.trace.Convention;
import dev.llmobs.trace.convention.LlmSpanConventions;

/**
 * States the effective capture policy and sampling once at startup, at info level, so
 * what is recorded is never a surprise.
 */
class LlmObsStartupReport implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(LlmObsStartupReport.class);

	private final LlmObsProperties properties;

	private final Environment environment;

	LlmObsStartupReport(LlmObsProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (logger.isInfoEnabled()) {
			logger.info(capturePolicy());
			logger.info(samplingPolicy());
			logger.info(exportPolicy());
		}
		for (String problem : BackendPreset.of(this.properties.getExport()).problems()) {
			logger.warn(
					"llmobs export backend " + backendName() + ": " + problem + "; see the README's Backends section");
		}
	}

	/**
	 * Where traces, logs and metrics go, with header names only: values may be
	 * credentials.
	 * @return the line
	 */
	String exportPolicy() {
		String traces = this.environment.getProperty(BackendPreset.TRACES_ENDPOINT);
		StringBuilder line = new StringBuilder("llmobs export: backend=").append(backendName())
			.append(", traces to ")
			.append((traces != null) ? dev.llmobs.export.EndpointUrls.withoutCredentials(traces) : "nowhere");
		java.util.Set<String> headers = ExportHeaderNames.of(this.environment, ExportHeaderNames.TRACES, "TRACES");
		if (!headers.isEmpty()) {
			line.append(" with headers ").append(headers).append(" (values hidden)");
		}
		boolean logs = this.environment.getProperty(BackendPreset.LOGS_ENABLED, Boolean.class, true)
				&& this.environment.containsProperty(BackendPreset.LOGS_ENDPOINT);
		boolean metrics = this.environment.getProperty(BackendPreset.METRICS_ENABLED, Boolean.class, true);
		line.append(", evaluation log records ").append(logs ? "exported" : "not exported");
		line.append(", OTLP metrics ").append(metrics ? "exported" : "not exported");
		if (this.properties.getExport().isLlmTracesOnly()) {
			line.append(", only traces with an LLM-observability span");
		}
		return line.toString();
	}

	private String backendName() {
		return this.properties.getExport().getBackend().name().toLowerCase(java.util.Locale.ROOT);
	}

	String capturePolicy() {
		LlmObsProperties.Capture capture = this.properties.getCapture();
		return "llmobs capture policy: inputs=" + onOff(capture.isInputs()) + ", outputs=" + onOff(capture.isOutputs())
				+ ", mode=" + capture.getMode().name().toLowerCase(java.util.Locale.ROOT) + ", max-length="
				+ capture.getMaxLength() + ", redact="
				+ capture.getRedact().stream().map(dev.llmobs.capture.RedactionKind::configName).toList() + " + "
				+ capture.getRedactPatterns().size() + " custom pattern(s), conventions="
				+ LlmSpanConventions
					.effective(LlmObsAutoConfiguration.selectedConventions(this.properties, this.environment))
					.stream()
					.map(Convention::configName)
					.toList();
	}

	String samplingPolicy() {
		String probability = this.environment.getProperty(LlmObsEnvironmentPostProcessor.SAMPLING_PROBABILITY, "0.1");
		String head = isLlmObsDefault()
				? "llmobs sampling: every trace is sampled (probability " + probability
						+ "); set management.tracing.sampling.probability to change it"
				: "llmobs sampling: management.tracing.sampling.probability=" + probability;
		LlmObsProperties.Sampling tail = this.properties.getSampling();
		if (!tail.isEnabled()) {
			return head;
		}
		return head + "; then tail sampling exports whole traces kept by errors=" + onOff(tail.isKeepErrors())
				+ ", failed evaluations=" + onOff(tail.isKeepFailedEvaluations()) + ", truncation="
				+ onOff(tail.isKeepTruncated()) + ", and " + tail.getKeepRate() + " of the rest (grace "
				+ tail.getGracePeriod().toMillis() + " ms, at most " + tail.getMaxTraces() + " traces held)";
	}

	private boolean isLlmObsDefault() {
		if (!(this.environment instanceof ConfigurableEnvironment configurable)) {
			return false;
		}
		for (PropertySource<?> source : configurable.getPropertySources()) {
			if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
				continue;
			}
			if (source.containsProperty(LlmObsEnvironmentPostProcessor.SAMPLING_PROBABILITY)) {
				return LlmObsEnvironmentPostProcessor.DEFAULTS_SOURCE.equals(source.getName());
			}
		}
		return false;
	}

	private static String onOff(boolean value) {
		return value ? "on" : "off";
	}

}
