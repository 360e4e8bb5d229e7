package dev.llmobs.eval;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;

import dev.llmobs.LlmObs;
import dev.llmobs.actuate.LlmObsMeters;
import dev.llmobs.annotation.Evaluated;
import dev.llmobs.annotation.LlmChain;
import dev.llmobs.annotation.Retriever;
import dev.llmobs.aop.ReturnValueHandlers;
import dev.llmobs.aop.SpanAnnotationAdvisor;
import dev.llmobs.aop.SpanDescriptorResolver;
import dev.llmobs.aop.TracingInvocationProcessor;
import dev.llmobs.capture.CaptureListener;
import dev.llmobs.capture.CaptureOptions;
import dev.llmobs.capture.ContentCapture;
import dev.llmobs.trace.Convention;
import dev.llmobs.trace.convention.LlmSpanConventions;
import dev.llmobs.trace.LlmSpanTracer;
import dev.llmobs.trace.LlmSpanWriter;
import dev.llmobs.trace.OperationListener;
import dev.llmobs.trace.document.DocumentExtractor;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluatedTracingTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SdkTracerProvider provider = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final LlmObsMeters meters = new LlmObsMeters(null);

	private final CountDownLatch release = new CountDownLatch(1);

	private EvaluationRunner runner;

	private boolean builtInsInBackground;

	@AfterEach
	void releaseEvaluators() {
		this.release.countDown();
		LlmObs.useEvaluations(null);
	}

	private Map<String, Evaluator> evaluators() {
		Map<String, Evaluator> evaluators = new LinkedHashMap<>();
		BuiltInEvaluators.defaults().forEach((evaluator) -> evaluators.put(evaluator.name(), evaluator));
		evaluators.put("throws", evaluator("throws", (input) -> {
			throw new IllegalStateException("judge offline");
		}));
		evaluators.put("slow", evaluator("slow", (input) -> {
			this.release.await(30, TimeUnit.SECONDS);
			return EvaluationResult.pass("slow", 1.0, null);
		}));
		return evaluators;
	}

	private <T> T proxy(T target, int threads, int queue, Duration timeout) {
		this.meters.bindTo(this.registry);
		this.runner = new EvaluationRunner(evaluators(), new EvaluationRecorder(this.provider.get("eval"), this.meters),
				this.meters, EvaluationExecutors.queue(threads, queue), EvaluationExecutors.workers(threads), timeout,
				1.0, java.util.Set.of("switched-off"), this.builtInsInBackground);
		ContentCapture capture = new ContentCapture(CaptureOptions.defaults(), CaptureListener.NONE);
		LlmSpanWriter writer = new LlmSpanWriter(capture, capture, new DocumentExtractor(List.of(), 5),
				LlmSpanConventions.of(Convention.DEFAULTS), SpanLimits.getDefault().getMaxNumberOfAttributes(), null);
		LlmSpanTracer tracer = new LlmSpanTracer(this.provider.get("test"), writer, OperationListener.NONE,
				this.runner);
		TracingInvocationProcessor processor = new TracingInvocationProcessor(
				new SpanDescriptorResolver(LlmSpanConventions.of(Convention.DEFAULTS), true, true), tracer,
				new ReturnValueHandlers(List.of()));
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new SpanAnnotationAdvisor(() -> processor, 0));
		@SuppressWarnings("unchecked")
		T proxy = (T) factory.getProxy();
		return proxy;
	}

	private static Evaluator evaluator(String name, Check check) {
		return new Evaluator() {
			@Override
			public String name() {
				return name;
			}

			@Override
			public EvaluationResult evaluate(EvaluationInput input) throws Exception {
				return check.evaluate(input);
			}
		};
	}

	@FunctionalInterface
	interface Check {

		EvaluationResult evaluate(EvaluationInput input) throws Exception;

	}

	private SpanData span(String name) {
		return this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no span " + name + " in " + this.exporter.getFinishedSpanItems()));
	}

	private static String attr(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.stringKey(key));
	}

	@Test
	void inlineEvaluationsAreRecordedOnTheSpanAsAttributesEventsAndVerdict() {
		Bot bot = proxy(new Bot(proxy(new Kb(), 1, 10, Duration.ofSeconds(5))), 1, 10, Duration.ofSeconds(5));
		String answer = bot.answer("How long do refunds take?");
		assertThat(answer).isEqualTo("Refunds are processed within five business days.");
		SpanData span = span("Bot.answer");
		assertThat(attr(span, "evaluations.0.evaluation.name")).isEqualTo("non-empty");
		assertThat(span.getAttributes().get(AttributeKey.doubleKey("evaluations.0.evaluation.score"))).isEqualTo(1.0);
		assertThat(attr(span, "evaluations.1.evaluation.name")).isEqualTo("context-overlap");
		assertThat(attr(span, "evaluations.1.evaluation.label")).isEqualTo("grounded");
		assertThat(attr(span, "evaluations.2.evaluation.name")).isEqualTo("pii-leak");
		assertThat(attr(span, "gen_ai.evaluation.verdict")).isEqualTo("pass");
		List<EventData> events = span.getEvents()
			.stream()
			.filter((event) -> event.getName().equals("gen_ai.evaluation.result"))
			.toList();
		assertThat(events).hasSize(3);
		assertThat(events.get(1).getAttributes().get(AttributeKey.stringKey("gen_ai.evaluation.name")))
			.isEqualTo("context-overlap");
		assertThat(events.get(1).getAttributes().get(AttributeKey.doubleKey("gen_ai.evaluation.score.value")))
			.isEqualTo(1.0);
		assertThat(this.registry.get("gen_ai.evaluations.count")
			.tag("gen_ai.evaluation.name", "context-overlap")
			.tag("verdict", "pass")
			.counter()
			.count()).isEqualTo(1.0);
		assertThat(this.registry.get("gen_ai.evaluations.score")
			.tag("gen_ai.evaluation.name", "context-overlap")
			.summary()
			.count()).isEqualTo(1);
	}

	@Test
	void failingEvaluationSetsTheFailVerdict() {
		Bot bot = proxy(new Bot(null), 1, 10, Duration.ofSeconds(5));
		bot.leak("q");
		SpanData span = span("Bot.leak");
		assertThat(attr(span, "gen_ai.evaluation.verdict")).isEqualTo("fail");
		assertThat(attr(span, "evaluations.0.evaluation.explanation")).contains("emails").doesNotContain("@");
	}

	@Test
	void switchedOffEvaluatorsAreSkippedSilently() {
		Bot bot = proxy(new Bot(null), 1, 10, Duration.ofSeconds(5));
		bot.partlySwitchedOff("q");
		SpanData span = span("Bot.partlySwitchedOff");
		assertThat(attr(span, "evaluations.0.evaluation.name")).isEqualTo("non-empty");
		assertThat(attr(span, "evaluations.1.evaluation.name")).isNull();
	}

	@Test
	void switchedOffEvaluatorsAreSkippedSilentlyWhenBuiltInsRunInTheBackground() {
		this.builtInsInBackground = true;
		Bot bot = proxy(new Bot(null), 1, 10, Duration.ofSeconds(5));
		bot.partlySwitchedOff("q");
		SpanData target = span("Bot.partlySwitchedOff");
		assertThat(attr(target, "evaluations.0.evaluation.name")).as("nothing left to run inline").isNull();
		SpanData evaluator = linkedEvaluatorSpan(target, 30);
		assertThat(attr(evaluator, "evaluations.0.evaluation.name")).isEqualTo("non-empty");
		assertThat(attr(evaluator, "evaluations.1.evaluation.name")).isNull();
		assertThat(
				this.registry.find("gen_ai.evaluations.count").tag("gen_ai.evaluation.name", "switched-off").meters())
			.isEmpty();
	}

	@Test
	void evaluatedAloneOpensAChainSpan() {
		Bot bot = proxy(new Bot(null), 1, 10, Duration.ofSeconds(5));
		bot.plain("q");
		SpanData span = span("Bot.plain");
		assertThat(attr(span, "openinference.span.kind")).isEqualTo("CHAIN");
		assertThat(attr(span, "evaluations.0.evaluation.name")).isEqualTo("non-empty");
	}

	@Test
	void evaluatorErrorsAreRecordedAndTheResultIsUntouched() {
		Bot bot = proxy(new Bot(null), 1, 10, Duration.ofSeconds(5));
		assertThat(bot.broken("q")).isEqualTo("fine");
		SpanData span = span("Bot.broken");
		assertThat(attr(span, "evaluations.0.evaluation.verdict")).isEqualTo("error");
		assertThat(attr(span, "evaluations.0.evaluation.explanation")).contains("judge offline");
		assertThat(this.registry.get("gen_ai.evaluations.count").tag("verdict", "error").counter().count())
			.isEqualTo(1.0);
	}

	@Test
	void asyncEvaluationsGoOnALinkedEvaluatorSpan() throws Exception {
		Bot bot = proxy(new Bot(null), 1, 10, Duration.ofSeconds(5));
		bot.async("q");
		SpanData target = span("Bot.async");
		SpanData evaluator = linkedEvaluatorSpan(target, 10);
		assertThat(attr(evaluator, "openinference.span.kind")).isEqualTo("EVALUATOR");
		assertThat(attr(evaluator, "evaluations.0.evaluation.name")).isEqualTo("non-empty");
		assertThat(attr(evaluator, "gen_ai.evaluation.verdict")).isEqualTo("pass");
		assertThat(target.getAttributes().get(AttributeKey.stringKey("evaluations.0.evaluation.name"))).isNull();
	}

	@Test
	void builtInsMovedOffTheRequestThreadStillLandOnTheTraceAndInTheMetrics() {
		this.builtInsInBackground = true;
		Bot bot = proxy(new Bot(proxy(new Kb(), 1, 10, Duration.ofSeconds(5))), 1, 10, Duration.ofSeconds(5));
		assertThat(bot.mixed("How long do refunds take?"))
			.isEqualTo("Refunds are processed within five business days.");
		SpanData target = span("Bot.mixed");
		// the bean evaluator still runs inline, on the span
		assertThat(attr(target, "evaluations.0.evaluation.name")).isEqualTo("throws");
		assertThat(attr(target, "evaluations.1.evaluation.name")).isNull();
		SpanData evaluator = linkedEvaluatorSpan(target, 30);
		assertThat(attr(evaluator, "evaluations.0.evaluation.name")).isEqualTo("non-empty");
		assertThat(attr(evaluator, "evaluations.1.evaluation.name")).isEqualTo("context-overlap");
		// the context was taken at return: the retriever's documents ground the answer
		assertThat(attr(evaluator, "evaluations.1.evaluation.label")).isEqualTo("grounded");
		assertThat(attr(evaluator, "evaluations.1.evaluation.explanation"))
			.isEqualTo("6 of 6 content words appear in the context");
		assertThat(attr(evaluator, "evaluations.2.evaluation.name")).isEqualTo("pii-leak");
		assertThat(attr(evaluator, "gen_ai.evaluation.verdict")).isEqualTo("pass");
		assertThat(this.registry.get("gen_ai.evaluations.count")
			.tag("gen_ai.evaluation.name", "context-overlap")
			.tag("verdict", "pass")
			.counter()
			.count()).isEqualTo(1.0);
		assertThat(this.registry.get("gen_ai.evaluations.count")
			.tag("gen_ai.evaluation.name", "throws")
			.tag("verdict", "error")
			.counter()
			.count()).isEqualTo(1.0);
	}

	@Test
	void asyncEvaluatorThatTimesOutIsAnError() {
		Bot bot = proxy(new Bot(null), 1, 10, Duration.ofMillis(100));
		bot.slowAsync("q");
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.exporter.getFinishedSpanItems().stream().noneMatch((s) -> s.getName().equals("evaluate"))
				&& System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(attr(span("evaluate"), "evaluations.0.evaluation.explanation")).startsWith("timed out after 100");
	}

	@Test
	void saturatedExecutorSkipsAndCountsWithoutMakingRequestsWait() {
		Bot bot = proxy(new Bot(null), 1, 10, Duration.ofSeconds(60));
		for (int i = 0; i < 1000; i++) {
			assertThat(bot.slowAsync("q" + i)).isEqualTo("slow answer");
		}
		// The evaluator blocks until released: every call above returned while one
		// evaluation
		// ran and ten waited, so no request waited on evaluation.
		double skipped = this.registry.get("llmobs.evaluations.skipped").counter().count();
		assertThat(skipped).isEqualTo(1000 - 1 - 10);
	}

	@Test
	void evaluationsCanBeSubmittedProgrammatically() {
		Bot bot = proxy(new Bot(null), 1, 10, Duration.ofSeconds(5));
		LlmObs.useEvaluations(this.runner);
		SpanContext target = bot.submitting("q");
		SpanData span = span("Bot.submitting");
		assertThat(attr(span, "evaluations.0.evaluation.name")).isEqualTo("helpful");
		assertThat(span.getAttributes().get(AttributeKey.doubleKey("evaluations.0.evaluation.score"))).isEqualTo(1.0);
		assertThat(attr(span, "gen_ai.evaluation.verdict")).isEqualTo("pass");
		LlmObs.submitEvaluation(target, "tone", "friendly", "fail", "too casual");
		SpanData later = span("evaluate");
		assertThat(later.getParentSpanId()).isEqualTo(span.getSpanId());
		assertThat(attr(later, "evaluations.0.evaluation.label")).isEqualTo("friendly");
		assertThat(attr(later, "gen_ai.evaluation.verdict")).isEqualTo("fail");
	}

	static class Kb {

		@Retriever
		public List<String> search(String query) {
			return List.of("Refunds are processed within five business days of receiving the item.");
		}

	}

	static class Bot {

		private final Kb kb;

		Bot(Kb kb) {
			this.kb = kb;
		}

		@LlmChain
		@Evaluated({ "non-empty", "context-overlap", "pii-leak" })
		public String answer(String question) {
			this.kb.search(question);
			return "Refunds are processed within five business days.";
		}

		@LlmChain
		@Evaluated({ "non-empty", "throws", "context-overlap", "pii-leak" })
		public String mixed(String question) {
			this.kb.search(question);
			return "Refunds are processed within five business days.";
		}

		@LlmChain
		@Evaluated({ "switched-off", "non-empty" })
		public String partlySwitchedOff(String question) {
			return "answer";
		}

		@LlmChain
		@Evaluated("pii-leak")
		public String leak(String question) {
			return "Write to support@example.com";
		}

		@Evaluated("non-empty")
		public String plain(String question) {
			return "plain";
		}

		@LlmChain
		@Evaluated("throws")
		public String broken(String question) {
			return "fine";
		}

		@LlmChain
		@Evaluated(value = "non-empty", async = true)
		public String async(String question) {
			return "async answer";
		}

		@LlmChain
		@Evaluated(value = "slow", async = true)
		public String slowAsync(String question) {
			return "slow answer";
		}

		@LlmChain
		public SpanContext submitting(String question) {
			LlmObs.submitEvaluation("helpful", true, "pass");
			return Span.current().getSpanContext();
		}

	}

	/**
	 * Waits for the EVALUATOR span of an evaluation run after the call, and checks that
	 * it is a child of, and linked to, the evaluated span.
	 */
	private SpanData linkedEvaluatorSpan(SpanData target, int timeoutSeconds) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
		while (this.exporter.getFinishedSpanItems().stream().noneMatch((s) -> s.getName().equals("evaluate"))
				&& System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		SpanData evaluator = span("evaluate");
		assertThat(evaluator.getTraceId()).isEqualTo(target.getTraceId());
		assertThat(evaluator.getParentSpanId()).isEqualTo(target.getSpanId());
		assertThat(evaluator.getLinks()).singleElement()
			.satisfies((link) -> assertThat(link.getSpanContext().getSpanId()).isEqualTo(target.getSpanId()));
		return evaluator;
	}

}
