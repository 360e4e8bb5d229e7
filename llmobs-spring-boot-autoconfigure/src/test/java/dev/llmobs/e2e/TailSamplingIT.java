package dev.llmobs.e2e;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;

import dev.llmobs.LlmObs;
import dev.llmobs.annotation.Evaluated;
import dev.llmobs.annotation.LlmCall;
import dev.llmobs.annotation.LlmChain;
import dev.llmobs.export.RecentTraceStore;
import dev.llmobs.testsupport.OtlpReceiverTest;
import dev.llmobs.testsupport.OtlpTestReceiver;
import dev.llmobs.testsupport.ReceivedSpan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Tail sampling in front of Boot's real OTLP exporter: with a keep rate of 0 only the
 * erroring trace reaches the receiver, whole and saying why, while the metrics count
 * every call.
 */
@SpringBootTest(classes = TailSamplingIT.SampledApp.class,
		properties = { "management.opentelemetry.tracing.export.schedule-delay=50ms", "llmobs.sampling.enabled=true",
				"llmobs.sampling.keep-rate=0", "llmobs.sampling.grace-period=200ms",
				"llmobs.pricing.models.house-model.input-per-million=1.0",
				"llmobs.pricing.models.house-model.output-per-million=2.0",
				"spring.autoconfigure.exclude=" + SessionsIT.SECURITY })
@AutoConfigureTracing
@OtlpReceiverTest
class TailSamplingIT {

	static OtlpTestReceiver receiver;

	@Autowired
	Flow flow;

	@Autowired
	MeterRegistry meters;

	@Autowired
	RecentTraceStore recentTraces;

	@Test
	void onlyTheTraceThatMattersIsExportedWholeAndMetricsCountEverything() {
		for (int i = 0; i < 20; i++) {
			this.flow.answer("fine " + i);
		}
		assertThatThrownBy(() -> this.flow.answer("explode")).isInstanceOf(IllegalStateException.class);
		LlmObs.flush();

		List<ReceivedSpan> spans = receiver.awaitSpans(
				(received) -> received.stream()
					.anyMatch((span) -> span.name().equals("flow") && span.statusCode().equals("STATUS_CODE_ERROR")),
				Duration.ofSeconds(30));
		ReceivedSpan root = spans.stream().filter((span) -> span.name().equals("flow")).findFirst().orElseThrow();
		assertThat(spans).allMatch((span) -> span.traceId().equals(root.traceId()));
		assertThat(spans).extracting(ReceivedSpan::name).containsExactlyInAnyOrder("flow", "model");
		assertThat(root.attr("llmobs.sampling.reason")).isEqualTo("error");

		// The recent-trace store (the viewer, /actuator/llmobs) still shows every trace.
		assertThat(this.recentTraces.traces()).hasSize(21);
		// Metrics saw all 21 calls, sampled or not: 20 answered and evaluated, 21 priced.
		assertThat(this.meters.get("llmobs.cost").counter().count()).isCloseTo(21 * (10 * 1.0 + 5 * 2.0) / 1e6,
				within(1e-12));
		assertThat(this.meters.get("gen_ai.evaluations.count").tag("verdict", "pass").counter().count())
			.isEqualTo(20.0);
		assertThat(this.meters.get("llmobs.sampling.decisions").tag("decision", "dropped").counter().count())
			.isEqualTo(20.0);
		assertThat(this.meters.get("llmobs.sampling.decisions").tag("reason", "error").counter().count())
			.isEqualTo(1.0);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ Flow.class, Model.class })
	static class SampledApp {

	}

	@Component
	static class Flow {

		private final Model model;

		Flow(Model model) {
			this.model = model;
		}

		@LlmChain(name = "flow")
		@Evaluated("non-empty")
		public String answer(String question) {
			Reply reply = this.model.complete(question);
			if (question.equals("explode")) {
				throw new IllegalStateException("the tool failed");
			}
			return reply.text();
		}

	}

	@Component
	static class Model {

		@LlmCall(name = "model", provider = "house", model = "house-model")
		public Reply complete(String question) {
			return new Reply("An answer to " + question, new Usage(10, 5));
		}

	}

	record Reply(String text, Usage usage) {
	}

	record Usage(long promptTokens, long completionTokens) {
	}

}
