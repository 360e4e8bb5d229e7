package dev.llmobs.e2e;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import dev.llmobs.LlmObs;
import dev.llmobs.annotation.Evaluated;
import dev.llmobs.annotation.LlmCall;
import dev.llmobs.annotation.LlmChain;
import dev.llmobs.context.LlmObsScope;
import dev.llmobs.testsupport.OtlpReceiverTest;
import dev.llmobs.testsupport.OtlpTestReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The "change the prompt, watch the pass rate" loop: two prompt versions serve traffic,
 * and the evaluation pass rate and the cost per version read back from
 * {@code /actuator/metrics} match what was produced.
 */
@SpringBootTest(classes = PromptVersionMetricsIT.PromptApp.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=metrics",
				"llmobs.pricing.models.house-model.input-per-million=1.0",
				"llmobs.pricing.models.house-model.output-per-million=4.0",
				"spring.autoconfigure.exclude=" + SessionsIT.SECURITY })
@AutoConfigureTracing
@OtlpReceiverTest
class PromptVersionMetricsIT {

	static OtlpTestReceiver receiver;

	private static final JsonMapper json = JsonMapper.shared();

	@LocalServerPort
	int port;

	@Autowired
	Assistant assistant;

	@Test
	void passRateAndCostPerPromptVersionMatchTheTrafficServed() {
		for (int i = 0; i < 30; i++) {
			this.assistant.answer("question " + i, "v1");
		}
		for (int i = 0; i < 20; i++) {
			this.assistant.answer("question " + i, "v2");
		}

		// v1 answers every third question with nothing: 10 of 30 fail "non-empty".
		assertThat(metric("gen_ai.evaluations.count", "prompt.version:v1", "verdict:fail")).isEqualTo(10.0);
		assertThat(metric("gen_ai.evaluations.count", "prompt.version:v1", "verdict:pass")).isEqualTo(20.0);
		assertThat(metric("gen_ai.evaluations.count", "prompt.version:v2", "verdict:pass")).isEqualTo(20.0);
		assertThat(metric("gen_ai.evaluations.count", "prompt.version:v2", "verdict:fail")).isNull();
		// v1: 100 in + 50 out tokens a call; v2: 100 in + 20 out; at 1 and 4 USD per
		// million.
		assertThat(metric("llmobs.cost", "prompt.version:v1")).isCloseTo(30 * (100 * 1.0 + 50 * 4.0) / 1e6,
				within(1e-9));
		assertThat(metric("llmobs.cost", "prompt.version:v2")).isCloseTo(20 * (100 * 1.0 + 20 * 4.0) / 1e6,
				within(1e-9));
		assertThat(metric("gen_ai.client.token.usage", "prompt.version:v2", "gen_ai.token.type:output"))
			.isEqualTo(20.0 * 20);
	}

	/**
	 * The metric's total (counters) or sum (summaries) for the given tags, read over
	 * HTTP.
	 */
	private Double metric(String name, String... tags) {
		StringBuilder uri = new StringBuilder("/actuator/metrics/" + name + "?");
		for (String tag : tags) {
			uri.append("tag=").append(tag).append('&');
		}
		try {
			String body = RestClient.create("http://localhost:" + this.port)
				.get()
				.uri(uri.toString())
				.retrieve()
				.body(String.class);
			for (JsonNode measurement : json.readTree(body).get("measurements")) {
				String statistic = measurement.get("statistic").asString();
				if (statistic.equals("COUNT") && !name.equals("gen_ai.client.token.usage")
						|| statistic.equals("TOTAL")) {
					return measurement.get("value").asDouble();
				}
			}
			return null;
		}
		catch (org.springframework.web.client.HttpClientErrorException.NotFound ex) {
			return null;
		}
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ Assistant.class, Model.class })
	static class PromptApp {

	}

	@Component
	static class Assistant {

		private final Model model;

		Assistant(Model model) {
			this.model = model;
		}

		@LlmChain(name = "answer")
		@Evaluated("non-empty")
		public String answer(String question, String version) {
			try (LlmObsScope prompt = LlmObs.promptTemplate("support-answer", version, "Answer: {question}",
					Map.of("question", question))) {
				return this.model.complete(question, version).text();
			}
		}

	}

	@Component
	static class Model {

		@LlmCall(provider = "house", model = "house-model")
		public Completion complete(String question, String version) {
			boolean blank = version.equals("v1") && Integer.parseInt(question.substring(9)) % 3 == 0;
			return new Completion(blank ? "" : "An answer to " + question,
					new Usage(100, version.equals("v1") ? 50 : 20));
		}

	}

	record Completion(String text, Usage usage) {
	}

	record Usage(long promptTokens, long completionTokens) {
	}

}
