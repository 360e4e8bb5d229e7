package dev.llmobs.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The startup line about sampling names tail sampling when it is on.
 */
class LlmObsStartupReportTests {

	@Test
	void tailSamplingIsStatedWithItsRulesAndRate() {
		LlmObsProperties properties = new LlmObsProperties();
		properties.getSampling().setEnabled(true);
		properties.getSampling().setKeepRate(0.25);
		properties.getSampling().setKeepTruncated(false);
		properties.getSampling().setGracePeriod(Duration.ofMillis(1500));
		MockEnvironment environment = new MockEnvironment().withProperty("management.tracing.sampling.probability",
				"1.0");

		String line = new LlmObsStartupReport(properties, environment).samplingPolicy();

		assertThat(line).contains("management.tracing.sampling.probability=1.0")
			.contains("tail sampling")
			.contains("errors=on")
			.contains("truncation=off")
			.contains("0.25 of the rest")
			.contains("grace 1500 ms");
	}

	@Test
	void withoutTailSamplingOnlyHeadSamplingIsStated() {
		String line = new LlmObsStartupReport(new LlmObsProperties(),
				new MockEnvironment().withProperty("management.tracing.sampling.probability", "0.5"))
			.samplingPolicy();

		assertThat(line).isEqualTo("llmobs sampling: management.tracing.sampling.probability=0.5");
	}

	@Test
	void theCapturePolicyNamesTheConventionsActuallyWritten() {
		assertThat(new LlmObsStartupReport(new LlmObsProperties(), new MockEnvironment()).capturePolicy())
			.endsWith("conventions=[openinference, gen-ai]");
		assertThat(new LlmObsStartupReport(new LlmObsProperties(),
				new MockEnvironment().withProperty("OTEL_SEMCONV_STABILITY_OPT_IN", "gen_ai_latest_experimental"))
			.capturePolicy()).endsWith("conventions=[openinference, gen-ai-latest]");
	}

}
