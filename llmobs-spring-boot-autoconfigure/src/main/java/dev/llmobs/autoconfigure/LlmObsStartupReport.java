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
		}
	}

	String capturePolicy() {
		LlmObsProperties.Capture capture = this.properties.getCapture();
		return "llmobs capture policy: inputs=" + onOff(capture.isInputs()) + ", outputs=" + onOff(capture.isOutputs())
				+ ", mode=" + capture.getMode() + ", max-length=" + capture.getMaxLength() + ", redact="
				+ capture.getRedact() + " + " + capture.getRedactPatterns().size() + " custom pattern(s), conventions="
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
