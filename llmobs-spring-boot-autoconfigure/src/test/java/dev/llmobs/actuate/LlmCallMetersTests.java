package dev.llmobs.actuate;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import org.junit.jupiter.api.Test;

import dev.llmobs.llm.LlmUsage;
import dev.llmobs.llm.ModelPrice;
import dev.llmobs.llm.PricingTable;
import dev.llmobs.llm.UsageExtractors;
import dev.llmobs.trace.LlmCallRecorder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the model-call meters count for calls with and without token counts.
 */
class LlmCallMetersTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final LlmObsMeters meters = new LlmObsMeters(null);

	private final LlmCallRecorder recorder = new LlmCallRecorder(new UsageExtractors(List.of()),
			new PricingTable(Map.of("priced-model", new ModelPrice(1.0, 2.0, null))), this.meters);

	LlmCallMetersTests() {
		this.meters.bindTo(this.registry);
	}

	@Test
	void aCallWithoutTokenCountsIsNeitherFreeNorUnpriced() {
		this.recorder.record(Span.getInvalid(), "openai", "priced-model",
				new LlmUsage(null, null, null, "priced-model", List.of("stop"), "text"), null);

		assertThat(this.registry.find("llmobs.cost").counters()).isEmpty();
		assertThat(this.registry.find("llmobs.cost.unpriced").counters()).isEmpty();
		assertThat(this.registry.find("gen_ai.client.token.usage").summaries()).isEmpty();
	}

	@Test
	void pricedAndUnpricedCallsAreCountedApart() {
		this.recorder.record(Span.getInvalid(), "openai", "priced-model", LlmUsage.of(1_000_000, 0), null);
		this.recorder.record(Span.getInvalid(), "openai", "unknown-model", LlmUsage.of(10, 5), null);

		assertThat(this.registry.get("llmobs.cost").counter().count()).isEqualTo(1.0);
		assertThat(this.registry.get("llmobs.cost.unpriced").counter().count()).isEqualTo(1.0);
	}

	@Test
	void callsAlternatingBetweenModelsAndProvidersLandOnTheirOwnMeters() {
		this.recorder.record(Span.getInvalid(), "openai", "model-a", LlmUsage.of(1, 1), null);
		this.recorder.record(Span.getInvalid(), "ollama", "model-a", LlmUsage.of(10, 10), null);
		this.recorder.record(Span.getInvalid(), "openai", "model-b", LlmUsage.of(100, 100), null);
		this.recorder.record(Span.getInvalid(), "openai", "model-a", LlmUsage.of(1000, 1000), null);

		assertThat(inputTokens("openai", "model-a")).isEqualTo(1001.0);
		assertThat(inputTokens("ollama", "model-a")).isEqualTo(10.0);
		assertThat(inputTokens("openai", "model-b")).isEqualTo(100.0);
		assertThat(this.registry.get("llmobs.cost.unpriced").tags("gen_ai.request.model", "model-a").counter().count())
			.isEqualTo(3.0);
		assertThat(this.registry.get("llmobs.cost.unpriced").tags("gen_ai.request.model", "model-b").counter().count())
			.isEqualTo(1.0);
	}

	private double inputTokens(String provider, String model) {
		return this.registry.get("gen_ai.client.token.usage")
			.tags("gen_ai.token.type", "input", "gen_ai.provider.name", provider, "gen_ai.request.model", model)
			.summary()
			.totalAmount();
	}

	@Test
	void tokensAreSummedPerTypeAndModelAcrossCalls() {
		this.recorder.record(Span.getInvalid(), "openai", "priced-model", LlmUsage.of(100, 20), null);
		this.recorder.record(Span.getInvalid(), "openai", "priced-model", LlmUsage.of(50, 10), null);
		this.recorder.record(Span.getInvalid(), "openai", "unknown-model", LlmUsage.of(7, 3), null);

		assertThat(this.registry.get("gen_ai.client.token.usage")
			.tags("gen_ai.token.type", "input", "gen_ai.request.model", "priced-model")
			.summary()
			.totalAmount()).isEqualTo(150.0);
		assertThat(this.registry.get("gen_ai.client.token.usage")
			.tags("gen_ai.token.type", "output", "gen_ai.request.model", "priced-model")
			.summary()
			.count()).isEqualTo(2);
		assertThat(this.registry.get("gen_ai.client.token.usage")
			.tags("gen_ai.token.type", "output", "gen_ai.request.model", "unknown-model")
			.summary()
			.totalAmount()).isEqualTo(3.0);
		assertThat(this.registry.find("llmobs.cost").tag("gen_ai.request.model", "unknown-model").counters()).isEmpty();
	}

}
