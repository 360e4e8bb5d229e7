package dev.llmobs.llm;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PricingTableTests {

	private final PricingTable table = new PricingTable(
			Map.of("gpt-4o-mini", new ModelPrice(1.0, 3.0, null), "acme-llm", new ModelPrice(0.5, 0.5, null)));

	@Test
	void exactNameIsPriced() {
		assertThat(this.table.priceOf("gpt-4o")).contains(new ModelPrice(2.50, 10.00, 1.25));
		assertThat(this.table.priceOf("claude-3-5-haiku")).isPresent();
		assertThat(this.table.priceOf("gemini-2.0-flash")).isPresent();
		assertThat(this.table.priceOf("mistral-large")).isPresent();
	}

	@Test
	void datedVariantsAndProviderPrefixesUseTheBaseName() {
		assertThat(this.table.priceOf("gpt-4o-2024-08-06")).isEqualTo(this.table.priceOf("gpt-4o"));
		assertThat(this.table.priceOf("claude-3-5-sonnet-20241022")).isEqualTo(this.table.priceOf("claude-3-5-sonnet"));
		assertThat(this.table.priceOf("mistral-large-latest")).isEqualTo(this.table.priceOf("mistral-large"));
		assertThat(this.table.priceOf("openai/GPT-4o")).isEqualTo(this.table.priceOf("gpt-4o"));
	}

	@Test
	void userEntriesWinAndExtend() {
		assertThat(this.table.priceOf("gpt-4o-mini-2024-07-18")).contains(new ModelPrice(1.0, 3.0, null));
		assertThat(this.table.priceOf("acme-llm")).contains(new ModelPrice(0.5, 0.5, null));
	}

	@Test
	void unknownModelsHaveNoPrice() {
		assertThat(this.table.priceOf("my-finetune")).isEmpty();
		assertThat(this.table.priceOf(null)).isEmpty();
		assertThat(this.table.priceOf("gpt-4o-mini-turbo-x")).isEmpty();
	}

	@Test
	void costUsesCachedPriceForCachedTokens() {
		LlmCost cost = new ModelPrice(2.0, 8.0, 0.5)
			.cost(new LlmUsage(1_000_000L, 500_000L, 400_000L, null, List.of(), null));
		assertThat(cost.prompt()).isCloseTo(600_000 * 2.0 / 1e6 + 400_000 * 0.5 / 1e6, within(1e-12));
		assertThat(cost.completion()).isCloseTo(4.0, within(1e-12));
		assertThat(cost.total()).isCloseTo(1.2 + 0.2 + 4.0, within(1e-12));
	}

}
