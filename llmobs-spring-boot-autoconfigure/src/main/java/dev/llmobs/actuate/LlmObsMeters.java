package dev.llmobs.actuate;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import dev.llmobs.capture.CaptureListener;
import dev.llmobs.capture.RedactionKind;
import dev.llmobs.eval.EvaluationListener;
import dev.llmobs.eval.EvaluationResult;
import dev.llmobs.export.ExportStatistics;
import dev.llmobs.llm.LlmCallListener;
import dev.llmobs.llm.LlmCost;
import dev.llmobs.llm.LlmUsage;
import dev.llmobs.sampling.SamplingListener;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.OperationListener;
import dev.llmobs.trace.SpanDescriptor;

/**
 * The library's Micrometer meters: {@code llmobs.operation} per annotated method,
 * {@code llmobs.export.spans}, {@code llmobs.capture.truncated} and
 * {@code llmobs.capture.redactions}. Tags are low-cardinality (kinds, method names,
 * outcomes); never a session, user or content. Meters are looked up once and cached.
 */
public final class LlmObsMeters implements MeterBinder, OperationListener, CaptureListener, LlmCallListener,
		EvaluationListener, SamplingListener {

	private final ExportStatistics statistics;

	/**
	 * Timers by outcome, kind and name: looked up without building a key on every call.
	 */
	private final Map<String, Map<LlmSpanKind, Map<String, Timer>>> timers = new ConcurrentHashMap<>();

	private final Map<RedactionKind, Counter> redactions = new ConcurrentHashMap<>();

	/**
	 * The other meters by name and tag values, registered on first use: a call looks its
	 * meter up instead of building and registering it again.
	 */
	private final Map<List<String>, Object> meters = new ConcurrentHashMap<>();

	/** Distinct prompt versions tagged by default. */
	public static final int DEFAULT_MAX_PROMPT_VERSIONS = 50;

	private static final String PROMPT_VERSION = "prompt.version";

	private final PromptVersionTags promptVersions;

	private volatile MeterRegistry registry;

	private volatile Counter truncated;

	/** The model meters the last model call used. */
	private volatile ModelMeters lastModelMeters;

	/**
	 * Creates the meters.
	 * @param statistics the export statistics, or {@code null} when export is not
	 * accounted
	 */
	public LlmObsMeters(ExportStatistics statistics) {
		this(statistics, DEFAULT_MAX_PROMPT_VERSIONS);
	}

	/**
	 * Creates the meters.
	 * @param statistics the export statistics, or {@code null} when export is not
	 * accounted
	 * @param maxPromptVersions distinct {@code prompt.version} tag values kept before the
	 * rest are folded into {@code other}
	 */
	public LlmObsMeters(ExportStatistics statistics, int maxPromptVersions) {
		this.statistics = statistics;
		this.promptVersions = new PromptVersionTags(maxPromptVersions);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.timers.clear();
		this.redactions.clear();
		this.meters.clear();
		this.lastModelMeters = null;
		this.registry = registry;
		this.truncated = Counter.builder("llmobs.capture.truncated")
			.description("Captured values cut at llmobs.capture.max-length")
			.register(registry);
		if (this.statistics != null) {
			for (String outcome : ExportStatistics.OUTCOMES) {
				FunctionCounter.builder("llmobs.export.spans", this.statistics, (stats) -> stats.count(outcome))
					.description("Spans handed to the exporter, by outcome")
					.tag("outcome", outcome)
					.register(registry);
			}
		}
	}

	@Override
	public void operationEnded(SpanDescriptor descriptor, String outcome, long durationNanos) {
		MeterRegistry current = this.registry;
		if (current == null) {
			return;
		}
		Map<String, Timer> byName = timersOf(outcome, descriptor.kind());
		Timer timer = byName.get(descriptor.spanName());
		if (timer == null) {
			timer = byName.computeIfAbsent(descriptor.spanName(),
					(name) -> Timer.builder("llmobs.operation")
						.description("Duration of annotated LLM operations")
						.tag("llmobs.span.kind", descriptor.kind().llmObsKind())
						.tag("name", name)
						.tag("outcome", outcome)
						.register(current));
		}
		timer.record(durationNanos, TimeUnit.NANOSECONDS);
	}

	private Map<String, Timer> timersOf(String outcome, LlmSpanKind kind) {
		Map<LlmSpanKind, Map<String, Timer>> byKind = this.timers.get(outcome);
		if (byKind == null) {
			byKind = this.timers.computeIfAbsent(outcome, (o) -> new ConcurrentHashMap<>());
		}
		Map<String, Timer> byName = byKind.get(kind);
		return (byName != null) ? byName : byKind.computeIfAbsent(kind, (k) -> new ConcurrentHashMap<>());
	}

	@Override
	public void recorded(String provider, String model, LlmUsage usage, LlmCost cost, boolean truncated) {
		recorded(provider, model, usage, cost, truncated, null);
	}

	@Override
	public void recorded(String provider, String model, LlmUsage usage, LlmCost cost, boolean truncated,
			String promptVersion) {
		MeterRegistry current = this.registry;
		if (current == null) {
			return;
		}
		String providerTag = (provider != null) ? provider : "none";
		String modelTag = (model != null) ? model : "none";
		String versionTag = this.promptVersions.tagFor(promptVersion);
		ModelMeters meters = modelMeters(current, providerTag, modelTag, versionTag);
		if (usage.inputTokens() != null) {
			meters.inputTokens().record(usage.inputTokens());
		}
		if (usage.outputTokens() != null) {
			meters.outputTokens().record(usage.outputTokens());
		}
		if (cost != null) {
			meters.cost().increment(cost.total());
		}
		else if (usage.inputTokens() != null || usage.outputTokens() != null) {
			meters.unpriced().increment();
		}
		if (truncated) {
			cached(Arrays.asList("llmobs.llm.truncated", modelTag),
					() -> Counter.builder("llmobs.llm.truncated")
						.description("Model outputs cut at the token limit")
						.tag("gen_ai.request.model", modelTag)
						.register(current))
				.increment();
		}
	}

	private static DistributionSummary tokens(MeterRegistry registry, String type, String provider, String model,
			String promptVersion) {
		// No base unit: Prometheus would append it to the name
		// ("..._token_usage__token_").
		return DistributionSummary.builder("gen_ai.client.token.usage")
			.description("Tokens used by model calls")
			.tag("gen_ai.token.type", type)
			.tag("gen_ai.provider.name", provider)
			.tag("gen_ai.request.model", model)
			.tag(PROMPT_VERSION, promptVersion)
			.register(registry);
	}

	/**
	 * The meters of a provider, model and version: those of the call before when they
	 * match (most applications call one model), else looked up once.
	 */
	private ModelMeters modelMeters(MeterRegistry current, String provider, String model, String version) {
		ModelMeters last = this.lastModelMeters;
		if (last != null && last.registry == current && last.isFor(provider, model, version)) {
			return last;
		}
		ModelMeters meters = cached(Arrays.asList("model", provider, model, version),
				() -> new ModelMeters(current, provider, model, version));
		this.lastModelMeters = meters;
		return meters;
	}

	@SuppressWarnings("unchecked")
	private <M> M cached(List<String> key, Supplier<M> register) {
		Object meter = this.meters.get(key);
		if (meter == null) {
			meter = this.meters.computeIfAbsent(key, (k) -> register.get());
		}
		return (M) meter;
	}

	@Override
	public void evaluated(EvaluationResult result) {
		evaluated(result, null);
	}

	@Override
	public void evaluated(EvaluationResult result, String promptVersion) {
		MeterRegistry current = this.registry;
		if (current == null) {
			return;
		}
		String versionTag = this.promptVersions.tagFor(promptVersion);
		String verdict = result.verdict().value();
		cached(Arrays.asList("gen_ai.evaluations.count", result.name(), verdict, versionTag),
				() -> Counter.builder("gen_ai.evaluations.count")
					.description("Evaluations by verdict")
					.tag("gen_ai.evaluation.name", result.name())
					.tag("verdict", verdict)
					.tag(PROMPT_VERSION, versionTag)
					.register(current))
			.increment();
		if (result.score() != null) {
			cached(Arrays.asList("gen_ai.evaluations.score", result.name()),
					() -> DistributionSummary.builder("gen_ai.evaluations.score")
						.description("Evaluation scores")
						.tag("gen_ai.evaluation.name", result.name())
						.register(current))
				.record(result.score());
		}
	}

	@Override
	public void decided(boolean kept, String reason, boolean forced, int spans) {
		MeterRegistry current = this.registry;
		if (current == null) {
			return;
		}
		String decision = kept ? "kept" : "dropped";
		String forcedTag = Boolean.toString(forced);
		cached(Arrays.asList("llmobs.sampling.decisions", decision, reason, forcedTag),
				() -> Counter.builder("llmobs.sampling.decisions")
					.description("Traces decided by tail sampling")
					.tag("decision", decision)
					.tag("reason", reason)
					.tag("forced", forcedTag)
					.register(current))
			.increment();
	}

	@Override
	public void skipped(String evaluator) {
		MeterRegistry current = this.registry;
		if (current != null) {
			cached(Arrays.asList("llmobs.evaluations.skipped", evaluator),
					() -> Counter.builder("llmobs.evaluations.skipped")
						.description("Asynchronous evaluations skipped because the executor was saturated")
						.tag("gen_ai.evaluation.name", evaluator)
						.register(current))
				.increment();
		}
	}

	@Override
	public void truncated() {
		Counter counter = this.truncated;
		if (counter != null) {
			counter.increment();
		}
	}

	@Override
	public void redacted(RedactionKind kind, int count) {
		MeterRegistry current = this.registry;
		if (current == null) {
			return;
		}
		this.redactions
			.computeIfAbsent(kind,
					(k) -> Counter.builder("llmobs.capture.redactions")
						.description("Matches replaced by redaction, by detector")
						.tag("kind", k.configName())
						.register(current))
			.increment(count);
	}

	/**
	 * The meters of one provider, model and prompt version: the token summaries,
	 * registered with the holder, and the cost counter, registered at the first priced
	 * call so that a model without a price shows no cost.
	 */
	private static final class ModelMeters {

		private final MeterRegistry registry;

		private final String provider;

		private final String model;

		private final String promptVersion;

		private volatile DistributionSummary inputTokens;

		private volatile DistributionSummary outputTokens;

		private volatile Counter cost;

		private volatile Counter unpriced;

		ModelMeters(MeterRegistry registry, String provider, String model, String promptVersion) {
			this.registry = registry;
			this.provider = provider;
			this.model = model;
			this.promptVersion = promptVersion;
		}

		DistributionSummary inputTokens() {
			DistributionSummary summary = this.inputTokens;
			if (summary == null) {
				summary = tokens(this.registry, "input", this.provider, this.model, this.promptVersion);
				this.inputTokens = summary;
			}
			return summary;
		}

		DistributionSummary outputTokens() {
			DistributionSummary summary = this.outputTokens;
			if (summary == null) {
				summary = tokens(this.registry, "output", this.provider, this.model, this.promptVersion);
				this.outputTokens = summary;
			}
			return summary;
		}

		boolean isFor(String provider, String model, String promptVersion) {
			return this.model.equals(model) && this.provider.equals(provider)
					&& this.promptVersion.equals(promptVersion);
		}

		Counter unpriced() {
			Counter counter = this.unpriced;
			if (counter == null) {
				// one counter per model: the registry returns the same one for each
				// provider and version
				counter = Counter.builder("llmobs.cost.unpriced")
					.description("Model calls without a price")
					.tag("gen_ai.request.model", this.model)
					.register(this.registry);
				this.unpriced = counter;
			}
			return counter;
		}

		Counter cost() {
			Counter counter = this.cost;
			if (counter == null) {
				counter = Counter.builder("llmobs.cost")
					.description("Cost of model calls in USD")
					.baseUnit("usd")
					.tag("gen_ai.provider.name", this.provider)
					.tag("gen_ai.request.model", this.model)
					.tag(PROMPT_VERSION, this.promptVersion)
					.register(this.registry);
				this.cost = counter;
			}
			return counter;
		}

	}

}
