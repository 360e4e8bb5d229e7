package dev.llmobs.export;

import java.util.ArrayList;
import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceAssemblerTests {

	private final List<CompletedTrace> completed = new ArrayList<>();

	private final RecentTraceStore store = new RecentTraceStore(3, 1_000_000);

	private final TraceAssembler assembler = new TraceAssembler(10, 100, List.of(this.completed::add, this.store),
			List.of(this.store));

	private final Tracer tracer = SdkTracerProvider.builder().addSpanProcessor(this.assembler).build().get("test");

	private String runTrace(String rootName, int children) {
		Span root = this.tracer.spanBuilder(rootName).startSpan();
		try (Scope scope = root.makeCurrent()) {
			for (int i = 0; i < children; i++) {
				Span child = this.tracer.spanBuilder(rootName + "-child-" + i)
					.setAttribute("llm.token_count.total", 10L)
					.setAttribute("llm.cost.total", 0.001)
					.startSpan();
				child.end();
			}
		}
		root.setAttribute("session.id", "s-" + rootName);
		root.end();
		return root.getSpanContext().getTraceId();
	}

	@Test
	void traceIsHandedOnWhenItsRootEnds() {
		String traceId = runTrace("chat", 2);
		assertThat(this.completed).singleElement().satisfies((trace) -> {
			assertThat(trace.traceId()).isEqualTo(traceId);
			assertThat(trace.spans()).hasSize(3);
			TraceSummary summary = trace.summary();
			assertThat(summary.rootName()).isEqualTo("chat");
			assertThat(summary.totalTokens()).isEqualTo(20);
			assertThat(summary.costUsd()).isCloseTo(0.002, org.assertj.core.data.Offset.offset(1e-9));
			assertThat(summary.sessionId()).isEqualTo("s-chat");
			assertThat(summary.error()).isFalse();
		});
		assertThat(TraceTree.of(this.completed.get(0).spans())).singleElement()
			.satisfies((tree) -> assertThat(tree.children()).hasSize(2));
	}

	@Test
	void storeKeepsTheNewestTracesWithinItsCount() {
		for (int i = 0; i < 5; i++) {
			runTrace("t" + i, 1);
		}
		assertThat(this.store.traces()).extracting((trace) -> trace.root().getName()).containsExactly("t4", "t3", "t2");
	}

	@Test
	void storeEvictsByEstimatedBytes() {
		RecentTraceStore small = new RecentTraceStore(100, 3_000);
		TraceAssembler assembler = new TraceAssembler(10, 100, List.of(small), List.of());
		Tracer tracer = SdkTracerProvider.builder().addSpanProcessor(assembler).build().get("bytes");
		for (int i = 0; i < 5; i++) {
			Span span = tracer.spanBuilder("big-" + i).setAttribute("output.value", "x".repeat(1000)).startSpan();
			span.end();
		}
		assertThat(small.traces()).hasSize(1);
		assertThat(small.approximateBytes()).isLessThanOrEqualTo(3_000);
		assertThat(small.traces().get(0).root().getName()).isEqualTo("big-4");
	}

	@Test
	void spansEndingAfterTheRootAreAddedLate() {
		Span root = this.tracer.spanBuilder("root").startSpan();
		Span late = this.tracer.spanBuilder("late-eval").setParent(Context.root().with(root)).startSpan();
		root.end();
		late.setAttribute("gen_ai.evaluation.verdict", "fail");
		late.setStatus(StatusCode.ERROR);
		late.end();
		CompletedTrace stored = this.store.trace(root.getSpanContext().getTraceId()).orElseThrow();
		assertThat(stored.spans()).hasSize(2);
		assertThat(stored.summary().evaluationsFailed()).isEqualTo(1);
		assertThat(stored.summary().error()).isTrue();
	}

	@Test
	void aLateSpanOfAnOlderTraceLeavesTheOrderOfTheStore() {
		RecentTraceStore store = new RecentTraceStore(10, 1_000_000);
		TraceAssembler assembler = new TraceAssembler(10, 100, List.of(store), List.of(store));
		Tracer tracer = SdkTracerProvider.builder().addSpanProcessor(assembler).build().get("late");
		List<Span> roots = new ArrayList<>();
		List<Span> lates = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			Span root = tracer.spanBuilder("t" + i).setAttribute("llmobs.span.kind", "chain").startSpan();
			lates.add(tracer.spanBuilder("evaluate-" + i).setParent(Context.root().with(root)).startSpan());
			root.end();
			roots.add(root);
		}
		lates.get(1).end();
		lates.get(3).end();
		assertThat(store.llmTracesFirst()).extracting((trace) -> trace.root().getName())
			.containsExactly("t3", "t2", "t1", "t0");
		assertThat(store.llmTracesFirst()).extracting((trace) -> trace.spans().size()).containsExactly(2, 1, 2, 1);
	}

	@Test
	void aLateLlmSpanMakesAnOtherTraceAnLlmTrace() {
		RecentTraceStore store = new RecentTraceStore(10, 1_000_000);
		TraceAssembler assembler = new TraceAssembler(10, 100, List.of(store), List.of(store));
		Tracer tracer = SdkTracerProvider.builder().addSpanProcessor(assembler).build().get("late");
		Span plain = tracer.spanBuilder("GET /chat").startSpan();
		Span late = tracer.spanBuilder("evaluate")
			.setParent(Context.root().with(plain))
			.setAttribute("llmobs.span.kind", "evaluator")
			.startSpan();
		plain.end();
		tracer.spanBuilder("GET /health").startSpan().end();
		Span chain = tracer.spanBuilder("chain").setAttribute("llmobs.span.kind", "chain").startSpan();
		chain.end();
		assertThat(store.llmTracesFirst()).extracting((trace) -> trace.root().getName())
			.containsExactly("chain", "GET /health", "GET /chat");
		late.end();
		assertThat(store.llmTracesFirst()).extracting((trace) -> trace.root().getName())
			.containsExactly("GET /chat", "chain", "GET /health");
	}

	@Test
	void spansPerTraceAreCapped() {
		TraceAssembler capped = new TraceAssembler(10, 3, List.of(this.completed::add), List.of());
		Tracer tracer = SdkTracerProvider.builder().addSpanProcessor(capped).build().get("cap");
		Span root = tracer.spanBuilder("root").startSpan();
		try (Scope scope = root.makeCurrent()) {
			for (int i = 0; i < 10; i++) {
				tracer.spanBuilder("c" + i).startSpan().end();
			}
		}
		root.end();
		assertThat(this.completed).singleElement().satisfies((trace) -> assertThat(trace.spans()).hasSize(3));
	}

	@Test
	void consoleRendersATree() {
		runTrace("support-flow", 2);
		String text = new ConsoleTraceReporter().render(this.completed.get(0));
		assertThat(text).contains("session=s-support-flow")
			.contains("20 tokens")
			.contains("└─ support-flow")
			.contains("├─ support-flow-child-0")
			.contains("└─ support-flow-child-1");
	}

	private String runChat(String question) {
		Span server = this.tracer.spanBuilder("http post /api/chat").startSpan();
		try (Scope scope = server.makeCurrent()) {
			Span chain = this.tracer.spanBuilder("support-flow")
				.setAttribute("llmobs.span.kind", "chain")
				.setAttribute("input.value", "  How do I\n get a   refund? " + "x".repeat(400))
				.setAttribute("output.value", "Open Billing, then Refunds.")
				.startSpan();
			try (Scope inner = chain.makeCurrent()) {
				this.tracer.spanBuilder("model").setAttribute("llmobs.span.kind", "llm").startSpan().end();
			}
			chain.end();
		}
		server.end();
		return server.getSpanContext().getTraceId();
	}

	@Test
	void summaryNamesTheOutermostLlmSpanWithShortPreviews() {
		String chat = runChat("refund");
		TraceSummary summary = this.store.trace(chat).orElseThrow().summary();
		assertThat(summary.rootName()).isEqualTo("http post /api/chat");
		assertThat(summary.llm()).isTrue();
		assertThat(summary.workflowName()).isEqualTo("support-flow");
		assertThat(summary.displayName()).isEqualTo("support-flow");
		assertThat(summary.inputPreview()).startsWith("How do I get a refund? xxx")
			.endsWith("…")
			.hasSize(TraceSummary.PREVIEW_LENGTH + 1);
		assertThat(summary.outputPreview()).isEqualTo("Open Billing, then Refunds.");
		runTrace("health", 0);
		TraceSummary health = this.store.traces().get(0).summary();
		assertThat(health.llm()).isFalse();
		assertThat(health.workflowName()).isNull();
		assertThat(health.displayName()).isEqualTo("health");
	}

	@Test
	void fiveHundredHealthChecksAfterAChatLeaveTheChatTraceInTheStore() {
		String chat = runChat("refund");
		for (int i = 0; i < 500; i++) {
			runTrace("http get /actuator/health", 0);
		}
		assertThat(this.store.trace(chat)).isPresent();
		assertThat(this.store.llmTraces()).extracting(CompletedTrace::traceId).containsExactly(chat);
		assertThat(this.store.llmTracesFirst()).hasSize(4).first().extracting(CompletedTrace::traceId).isEqualTo(chat);
		assertThat(this.store.traces()).hasSize(4).first().isNotEqualTo(this.store.trace(chat).get());
	}

	@Test
	void otherTracesGiveWayFirstWhenMemoryRunsShort() {
		RecentTraceStore small = new RecentTraceStore(10, 10, 2_000);
		TraceAssembler assembler = new TraceAssembler(10, 100, List.of(small), List.of(small));
		Tracer tracer = SdkTracerProvider.builder().addSpanProcessor(assembler).build().get("test");
		Span chain = tracer.spanBuilder("support-flow").setAttribute("llmobs.span.kind", "chain").startSpan();
		chain.end();
		for (int i = 0; i < 20; i++) {
			tracer.spanBuilder("probe-" + i).setAttribute("padding", "p".repeat(200)).startSpan().end();
		}
		assertThat(small.llmTraces()).hasSize(1);
		assertThat(small.approximateBytes()).isLessThanOrEqualTo(2_000);
		assertThat(small.traces()).hasSizeLessThan(21);
	}

	@Test
	void consoleNamesTheWorkflowAndPreviewsItsInputAndOutput() {
		runChat("refund");
		String text = new ConsoleTraceReporter().render(this.completed.get(0));
		assertThat(text.lines().findFirst().orElseThrow()).contains(" support-flow ");
		assertThat(text).contains("in:  How do I get a refund?").contains("out: Open Billing, then Refunds.");
	}

}
