package dev.llmobs.sampling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.llmobs.trace.LlmObsAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tail sampling over real SDK spans with a controlled clock: whole traces or nothing.
 */
class TailSamplingSpanExporterTests {

	private static final Duration GRACE = Duration.ofSeconds(2);

	private final AtomicLong clock = new AtomicLong();

	private final InMemorySpanExporter received = InMemorySpanExporter.create();

	private final List<String> decisions = new ArrayList<>();

	private TailSamplingSpanExporter sampler;

	private SdkTracerProvider provider;

	private Tracer tracer;

	private void start(double keepRate, int maxTraces) {
		start(keepRate, maxTraces, Long.MAX_VALUE);
	}

	private void start(double keepRate, int maxTraces, long maxBytes) {
		SamplingRules rules = new SamplingRules(true, true, true, 0.05, Duration.ofSeconds(30),
				Map.of("tier", "enterprise"), Set.of("vip-user"), keepRate, false);
		start(rules, maxTraces, maxBytes);
	}

	private void start(SamplingRules rules, int maxTraces, long maxBytes) {
		this.sampler = new TailSamplingSpanExporter(this.received, rules,
				new TailSamplingSpanExporter.Limits(maxTraces, 100, maxBytes, GRACE),
				(kept, reason, forced, spans) -> this.decisions
					.add((kept ? "kept:" : "dropped:") + reason + (forced ? ":forced" : "")),
				this.clock::get, false);
		this.provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(this.sampler)).build();
		this.tracer = this.provider.get("test");
	}

	@AfterEach
	void close() {
		if (this.provider != null) {
			this.provider.close();
		}
	}

	/**
	 * One trace: a root and {@code children} children, the last one shaped by the kind.
	 */
	private String trace(String kind, int children) {
		Span root = this.tracer.spanBuilder("root").setNoParent().startSpan();
		Context context = Context.root().with(root);
		for (int i = 0; i < children; i++) {
			Span child = this.tracer.spanBuilder("child-" + i).setParent(context).startSpan();
			if (i == children - 1) {
				shape(kind).accept(child);
			}
			child.end();
		}
		if (kind.equals("costly")) {
			root.setAttribute(LlmObsAttributes.LLMOBS_TRACE_COST, 0.2);
		}
		root.end();
		return root.getSpanContext().getTraceId();
	}

	private static Consumer<Span> shape(String kind) {
		return switch (kind) {
			case "error" -> (span) -> span.setStatus(StatusCode.ERROR, "boom");
			case "exception" -> (span) -> span.recordException(new IllegalStateException("boom"));
			case "evaluation" -> (span) -> span.setAttribute(LlmObsAttributes.GEN_AI_EVALUATION_VERDICT, "fail");
			case "truncated" -> (span) -> span.setAttribute(LlmObsAttributes.LLMOBS_TRUNCATED, true);
			case "costly" -> (span) -> span.setAttribute(LlmObsAttributes.LLM_COST_TOTAL, 0.1);
			case "enterprise" -> (span) -> span.setAttribute(LlmObsAttributes.METADATA, "{\"tier\":\"enterprise\"}");
			case "vip" -> (span) -> span.setAttribute(LlmObsAttributes.USER_ID, "vip-user");
			default -> (span) -> span.setAttribute(LlmObsAttributes.METADATA, "{\"tier\":\"free\"}");
		};
	}

	private Map<String, List<SpanData>> exportedByTrace() {
		return this.received.getFinishedSpanItems().stream().collect(Collectors.groupingBy(SpanData::getTraceId));
	}

	private void passGracePeriod() {
		this.clock.addAndGet(GRACE.toNanos());
		this.sampler.exportDue();
	}

	@Test
	void aThousandMixedTracesAreExportedWholeOrNotAtAll() {
		start(0.25, 10_000);
		String[] kinds = { "error", "exception", "evaluation", "truncated", "costly", "enterprise", "vip" };
		Map<String, String> kindOf = new HashMap<>();
		Map<String, Integer> sizeOf = new HashMap<>();
		for (int i = 0; i < 1000; i++) {
			String kind = (i % 10 < 3) ? kinds[i % kinds.length] : "ordinary";
			int children = 1 + i % 4;
			String traceId = trace(kind, children);
			kindOf.put(traceId, kind);
			sizeOf.put(traceId, children + 1);
		}
		assertThat(this.received.getFinishedSpanItems()).as("nothing leaves before the grace period").isEmpty();
		passGracePeriod();

		Map<String, List<SpanData>> exported = exportedByTrace();
		SamplingRules rules = new SamplingRules(true, true, true, null, null, Map.of(), Set.of(), 0.25, false);
		Set<String> expectedOrdinary = new HashSet<>();
		int ordinary = 0;
		for (Map.Entry<String, String> trace : kindOf.entrySet()) {
			String traceId = trace.getKey();
			if (!trace.getValue().equals("ordinary")) {
				assertThat(exported.get(traceId)).as("kept trace " + trace.getValue()).hasSize(sizeOf.get(traceId));
				continue;
			}
			ordinary++;
			if (rules.keptByRate(traceId)) {
				expectedOrdinary.add(traceId);
			}
		}
		Set<String> exportedOrdinary = exported.keySet()
			.stream()
			.filter((traceId) -> kindOf.get(traceId).equals("ordinary"))
			.collect(Collectors.toSet());
		assertThat(exportedOrdinary).isEqualTo(expectedOrdinary);
		// 700 ordinary traces at 25 %: within 5 points of the rate.
		assertThat(exportedOrdinary.size() / (double) ordinary).isBetween(0.20, 0.30);
		// Never in part: every exported trace has all its spans, its root names the
		// reason.
		exported.forEach((traceId, spans) -> {
			assertThat(spans).as(traceId).hasSize(sizeOf.get(traceId));
			SpanData root = spans.stream().filter((span) -> span.getName().equals("root")).findFirst().orElseThrow();
			assertThat(root.getAttributes().get(LlmObsAttributes.LLMOBS_SAMPLING_REASON)).isNotNull();
		});
		assertThat(this.decisions).hasSize(1000);
		assertThat(this.sampler.pendingTraces()).isZero();
	}

	@Test
	void eachRuleNamesItsReasonOnTheRoot() {
		start(0.0, 10_000);
		Map<String, String> expected = Map.of("error", "error", "exception", "error", "evaluation", "evaluation-fail",
				"truncated", "truncated", "costly", "cost", "enterprise", "metadata", "vip", "metadata");
		Map<String, String> traceOf = new HashMap<>();
		expected.keySet().forEach((kind) -> traceOf.put(trace(kind, 2), kind));
		trace("ordinary", 2);
		passGracePeriod();

		Map<String, List<SpanData>> exported = exportedByTrace();
		assertThat(exported).hasSize(expected.size());
		exported.forEach((traceId, spans) -> {
			SpanData root = spans.stream().filter((span) -> span.getName().equals("root")).findFirst().orElseThrow();
			assertThat(root.getAttributes().get(LlmObsAttributes.LLMOBS_SAMPLING_REASON))
				.isEqualTo(expected.get(traceOf.get(traceId)));
		});
	}

	@Test
	void asyncEvaluationFailingWithinTheGracePeriodKeepsTheTrace() {
		start(0.0, 10_000);
		Span root = this.tracer.spanBuilder("root").setNoParent().startSpan();
		root.end();
		this.clock.addAndGet(GRACE.toNanos() / 2);
		this.sampler.exportDue();
		assertThat(this.received.getFinishedSpanItems()).isEmpty();

		Span evaluation = this.tracer.spanBuilder("evaluate")
			.setParent(Context.root().with(root))
			.setAttribute(LlmObsAttributes.GEN_AI_EVALUATION_VERDICT, "fail")
			.startSpan();
		evaluation.end();
		passGracePeriod();

		assertThat(this.received.getFinishedSpanItems()).extracting(SpanData::getName)
			.containsExactlyInAnyOrder("root", "evaluate");
		assertThat(this.decisions).containsExactly("kept:evaluation-fail");
	}

	@Test
	void aLateSpanFollowsItsTracesDecision() {
		start(0.0, 10_000);
		Span root = this.tracer.spanBuilder("root").setNoParent().startSpan();
		root.end();
		passGracePeriod();
		Span late = this.tracer.spanBuilder("evaluate")
			.setParent(Context.root().with(root))
			.setAttribute(LlmObsAttributes.GEN_AI_EVALUATION_VERDICT, "fail")
			.startSpan();
		late.end();
		this.sampler.exportDue();

		assertThat(this.received.getFinishedSpanItems()).as("dropped whole, not exported in part").isEmpty();
		assertThat(this.decisions).containsExactly("dropped:none");
	}

	@Test
	void largeSpansAreHeldWithinTheByteLimit() {
		long limit = 200_000;
		start(0.0, 10_000, limit);
		String large = "x".repeat(10_000);
		long maxHeld = 0;
		for (int i = 0; i < 200; i++) {
			Span root = this.tracer.spanBuilder("root").setNoParent().startSpan();
			Span child = this.tracer.spanBuilder("child").setParent(Context.root().with(root)).startSpan();
			child.setAttribute("payload", large);
			child.end();
			maxHeld = Math.max(maxHeld, this.sampler.pendingBytes());
		}
		assertThat(maxHeld).isPositive().isLessThanOrEqualTo(limit);
		assertThat(this.decisions).isNotEmpty().allMatch((decision) -> decision.equals("dropped:none:forced"));
	}

	@Test
	void tenThousandOpenTracesStayWithinALimitOfAThousand() {
		start(0.0, 1000);
		int maxPending = 0;
		List<Span> roots = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			Span root = this.tracer.spanBuilder("root").setNoParent().startSpan();
			Span child = this.tracer.spanBuilder("child").setParent(Context.root().with(root)).startSpan();
			if (i % 100 == 0) {
				child.setStatus(StatusCode.ERROR);
			}
			child.end();
			roots.add(root);
			maxPending = Math.max(maxPending, this.sampler.pendingTraces());
		}
		assertThat(maxPending).isEqualTo(1000);
		assertThat(this.decisions).hasSize(9000).allMatch((decision) -> decision.endsWith(":forced"));
		// Forced, but still by the rules: the erroring ones among them were kept.
		assertThat(this.decisions.stream().filter((decision) -> decision.startsWith("kept:error"))).hasSize(90);
		// Their roots end later and join the decision already taken: still whole.
		roots.forEach(Span::end);
		Map<String, List<SpanData>> exported = exportedByTrace();
		assertThat(exported).hasSize(90);
		exported.values().forEach((spans) -> assertThat(spans).hasSize(2));
	}

	@Test
	void llmTracesOnlyExportsWholeTracesWithAnLlmSpanAndDropsTheRest() {
		start(SamplingRules.onlyLlmTraces(), 1000, Long.MAX_VALUE);
		Span health = this.tracer.spanBuilder("http get /actuator/health").setNoParent().startSpan();
		health.end();
		Span chat = this.tracer.spanBuilder("http post /api/chat").setNoParent().startSpan();
		Context context = Context.root().with(chat);
		Span lookup = this.tracer.spanBuilder("SELECT customers").setParent(context).startSpan();
		lookup.end();
		Span chain = this.tracer.spanBuilder("support-flow").setParent(context).startSpan();
		chain.setAttribute(LlmObsAttributes.LLMOBS_SPAN_KIND, "chain");
		chain.end();
		chat.end();
		passGracePeriod();
		Span lateEvaluation = this.tracer.spanBuilder("late").setParent(context).startSpan();
		lateEvaluation.end();
		Span lateProbe = this.tracer.spanBuilder("late-probe").setParent(Context.root().with(health)).startSpan();
		lateProbe.end();

		Map<String, List<SpanData>> exported = exportedByTrace();
		assertThat(exported).containsOnlyKeys(chat.getSpanContext().getTraceId());
		assertThat(exported.get(chat.getSpanContext().getTraceId())).extracting(SpanData::getName)
			.containsExactlyInAnyOrder("SELECT customers", "support-flow", "http post /api/chat", "late");
		assertThat(this.decisions).containsExactlyInAnyOrder("dropped:not-llm", "kept:rate");
	}

	@Test
	void aTraceWithAnErroredEvaluationIsKeptWithFailedEvaluations() {
		start(new SamplingRules(false, true, false, null, null, Map.of(), Set.of(), 0.0, false), 1000, Long.MAX_VALUE);
		Span root = this.tracer.spanBuilder("root").setNoParent().startSpan();
		root.setAttribute(LlmObsAttributes.LLMOBS_EVALUATION_ERROR, true);
		root.end();
		Span other = this.tracer.spanBuilder("other").setNoParent().startSpan();
		other.end();
		passGracePeriod();
		assertThat(this.decisions).containsExactlyInAnyOrder("kept:evaluation-fail", "dropped:none");
	}

	@Test
	void llmTracesOnlyComesBeforeTheKeepRules() {
		start(new SamplingRules(true, true, true, null, null, Map.of(), Set.of(), 1.0, true), 1000, Long.MAX_VALUE);
		Span failing = this.tracer.spanBuilder("http get /broken").setNoParent().startSpan();
		failing.setStatus(StatusCode.ERROR, "boom");
		failing.end();
		passGracePeriod();
		assertThat(this.received.getFinishedSpanItems()).isEmpty();
		assertThat(this.decisions).containsExactly("dropped:not-llm");
	}

}
