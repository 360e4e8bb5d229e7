package dev.llmobs.llm;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Model prices: built-in list prices of common OpenAI, Anthropic, Google and Mistral
 * models, overridden and extended by {@code llmobs.pricing.models.*}. A model is matched
 * on its exact name, then without a provider prefix ({@code openai/gpt-4o}) and a date or
 * {@code latest} suffix ({@code gpt-4o-mini-2024-07-18} uses {@code gpt-4o-mini}).
 */
public final class PricingTable {

	private static final Pattern DATED = Pattern.compile("^(.+?)-(\\d{4}-\\d{2}-\\d{2}|\\d{8}|\\d{4}|latest)$");

	private final Map<String, ModelPrice> prices;

	/** Model names as reported, resolved once (bounded: beyond it, resolved per call). */
	private final Map<String, Optional<ModelPrice>> resolved = new ConcurrentHashMap<>();

	private static final int MAX_RESOLVED = 1024;

	/**
	 * Creates a table.
	 * @param overrides user prices, which win over the built-in ones
	 */
	public PricingTable(Map<String, ModelPrice> overrides) {
		Map<String, ModelPrice> all = new HashMap<>(defaults());
		overrides.forEach((model, price) -> all.put(normalize(model), price));
		this.prices = Map.copyOf(all);
	}

	/**
	 * The price of a model.
	 * @param model the model name as the provider reports it
	 * @return the price, if known
	 */
	public Optional<ModelPrice> priceOf(String model) {
		if (model == null) {
			return Optional.empty();
		}
		Optional<ModelPrice> price = this.resolved.get(model);
		if (price == null) {
			price = resolve(model);
			if (this.resolved.size() < MAX_RESOLVED) {
				this.resolved.put(model, price);
			}
		}
		return price;
	}

	private Optional<ModelPrice> resolve(String model) {
		if (model.isBlank()) {
			return Optional.empty();
		}
		String name = normalize(model);
		ModelPrice price = this.prices.get(name);
		if (price == null && name.contains("/")) {
			name = name.substring(name.lastIndexOf('/') + 1);
			price = this.prices.get(name);
		}
		while (price == null) {
			Matcher dated = DATED.matcher(name);
			if (!dated.matches()) {
				break;
			}
			name = dated.group(1);
			price = this.prices.get(name);
		}
		return Optional.ofNullable(price);
	}

	private static String normalize(String model) {
		return model.trim().toLowerCase(Locale.ROOT);
	}

	/**
	 * Built-in list prices in USD per million tokens (input, output, cached input), as
	 * published by the providers in 2025. Override them in configuration when they
	 * change.
	 * @return the built-in prices
	 */
	static Map<String, ModelPrice> defaults() {
		Map<String, ModelPrice> prices = new HashMap<>();
		// OpenAI
		prices.put("gpt-5", new ModelPrice(1.25, 10.00, 0.125));
		prices.put("gpt-5-mini", new ModelPrice(0.25, 2.00, 0.025));
		prices.put("gpt-5-nano", new ModelPrice(0.05, 0.40, 0.005));
		prices.put("gpt-4.1", new ModelPrice(2.00, 8.00, 0.50));
		prices.put("gpt-4.1-mini", new ModelPrice(0.40, 1.60, 0.10));
		prices.put("gpt-4.1-nano", new ModelPrice(0.10, 0.40, 0.025));
		prices.put("gpt-4o", new ModelPrice(2.50, 10.00, 1.25));
		prices.put("gpt-4o-mini", new ModelPrice(0.15, 0.60, 0.075));
		prices.put("gpt-4-turbo", new ModelPrice(10.00, 30.00, null));
		prices.put("gpt-3.5-turbo", new ModelPrice(0.50, 1.50, null));
		prices.put("o3", new ModelPrice(2.00, 8.00, 0.50));
		prices.put("o3-mini", new ModelPrice(1.10, 4.40, 0.55));
		prices.put("o4-mini", new ModelPrice(1.10, 4.40, 0.275));
		prices.put("o1", new ModelPrice(15.00, 60.00, 7.50));
		prices.put("text-embedding-3-small", new ModelPrice(0.02, 0.0, null));
		prices.put("text-embedding-3-large", new ModelPrice(0.13, 0.0, null));
		// Anthropic (cached input = cache reads)
		prices.put("claude-opus-4", new ModelPrice(15.00, 75.00, 1.50));
		prices.put("claude-opus-4-1", new ModelPrice(15.00, 75.00, 1.50));
		prices.put("claude-sonnet-4", new ModelPrice(3.00, 15.00, 0.30));
		prices.put("claude-sonnet-4-5", new ModelPrice(3.00, 15.00, 0.30));
		prices.put("claude-3-7-sonnet", new ModelPrice(3.00, 15.00, 0.30));
		prices.put("claude-3-5-sonnet", new ModelPrice(3.00, 15.00, 0.30));
		prices.put("claude-3-5-haiku", new ModelPrice(0.80, 4.00, 0.08));
		prices.put("claude-3-haiku", new ModelPrice(0.25, 1.25, 0.03));
		// Google
		prices.put("gemini-2.5-pro", new ModelPrice(1.25, 10.00, 0.31));
		prices.put("gemini-2.5-flash", new ModelPrice(0.30, 2.50, 0.075));
		prices.put("gemini-2.0-flash", new ModelPrice(0.10, 0.40, 0.025));
		prices.put("gemini-2.0-flash-lite", new ModelPrice(0.075, 0.30, null));
		prices.put("gemini-1.5-pro", new ModelPrice(1.25, 5.00, null));
		prices.put("gemini-1.5-flash", new ModelPrice(0.075, 0.30, null));
		// Mistral
		prices.put("mistral-large", new ModelPrice(2.00, 6.00, null));
		prices.put("mistral-medium", new ModelPrice(0.40, 2.00, null));
		prices.put("mistral-small", new ModelPrice(0.10, 0.30, null));
		prices.put("codestral", new ModelPrice(0.30, 0.90, null));
		prices.put("open-mistral-nemo", new ModelPrice(0.15, 0.15, null));
		return prices;
	}

}
