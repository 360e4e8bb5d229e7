package dev.llmobs.actuate;

import java.util.Set;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.llmobs.eval.EvaluationResult;
import dev.llmobs.llm.LlmCost;
import dev.llmobs.llm.LlmUsage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code prompt.version} tag stays bounded however many versions are seen.
 */
class PromptVersionTagTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final LlmObsMeters meters = new LlmObsMeters(null, 50);

	PromptVersionTagTests() {
		this.meters.bindTo(this.registry);
	}

	private Set<String> versionTags(String meterName) {
		return this.registry.find(meterName)
			.meters()
			.stream()
			.map((meter) -> meter.getId().getTag("prompt.version"))
			.collect(Collectors.toSet());
	}

	@Test
	void aThousandDistinctVersionsKeepFiftyValuesAndFoldTheRestIntoOther() {
		for (int i = 0; i < 1000; i++) {
			String version = "v" + i;
			this.meters.recorded("openai", "gpt-4o-mini", LlmUsage.of(10, 5), new LlmCost(0.001, 0.002), false,
					version);
			this.meters.evaluated(EvaluationResult.pass("non-empty", 1.0, null), version);
		}

		for (String name : new String[] { "llmobs.cost", "gen_ai.evaluations.count" }) {
			Set<String> tags = versionTags(name);
			assertThat(tags).as(name).hasSize(51).contains("v0", "v49", "other").doesNotContain("v50", "v999");
		}
		assertThat(this.registry.find("gen_ai.client.token.usage").meters()).hasSize(2 * 51);
		assertThat(this.registry.get("llmobs.cost").tag("prompt.version", "other").counter().count())
			.isCloseTo(950 * 0.003, org.assertj.core.api.Assertions.within(1e-9));
		assertThat(this.registry.get("gen_ai.evaluations.count").tag("prompt.version", "v7").counter().count())
			.isEqualTo(1.0);
	}

	@Test
	void callsWithoutADeclaredVersionAreTaggedNone() {
		this.meters.recorded("openai", "gpt-4o-mini", LlmUsage.of(10, 5), new LlmCost(0.001, 0.002), false);
		this.meters.evaluated(EvaluationResult.fail("non-empty", 0.0, null));

		assertThat(versionTags("llmobs.cost")).containsExactly("none");
		assertThat(versionTags("gen_ai.evaluations.count")).containsExactly("none");
	}

}
