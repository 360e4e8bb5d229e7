package dev.llmobs.export;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BackgroundAssemblyTests {

	private static final Duration NEVER = Duration.ofHours(1);

	private final List<String> assembledOn = new CopyOnWriteArrayList<>();

	private final List<CompletedTrace> completed = new CopyOnWriteArrayList<>();

	private final RecentTraceStore store = new RecentTraceStore(10, 1_000_000);

	private TraceAssembler assembler;

	private Tracer tracer(Duration interval) {
		this.assembler = new TraceAssembler(10, 100, List.of((trace) -> {
			this.assembledOn.add(Thread.currentThread().getName());
			this.completed.add(trace);
		}, this.store), List.of(this.store), interval);
		this.store.drainBeforeReading(this.assembler::drain);
		return SdkTracerProvider.builder().addSpanProcessor(this.assembler).build().get("background");
	}

	@AfterEach
	void stop() {
		this.assembler.shutdown();
	}

	private static Span chain(Tracer tracer, String name) {
		return tracer.spanBuilder(name).setAttribute("llmobs.span.kind", "chain").startSpan();
	}

	@Test
	void endingASpanOnlyQueuesIt() {
		Tracer tracer = tracer(NEVER);
		Span root = chain(tracer, "chat");
		tracer.spanBuilder("retrieve").setParent(Context.root().with(root)).startSpan().end();
		root.end();
		assertThat(this.completed).isEmpty();
		this.assembler.drain();
		assertThat(this.completed).singleElement()
			.satisfies((trace) -> assertThat(trace.spans()).extracting((span) -> span.getName())
				.containsExactly("retrieve", "chat"));
		assertThat(this.assembledOn).containsExactly(Thread.currentThread().getName());
	}

	@Test
	void aReadOfTheStoreSeesEverySpanThatEndedBeforeIt() {
		Tracer tracer = tracer(NEVER);
		Span first = chain(tracer, "first");
		Span evaluation = tracer.spanBuilder("evaluate").setParent(Context.root().with(first)).startSpan();
		first.end();
		chain(tracer, "second").end();
		evaluation.end();
		assertThat(this.store.llmTracesFirst()).extracting((trace) -> trace.root().getName())
			.containsExactly("second", "first");
		assertThat(this.store.trace(first.getSpanContext().getTraceId())).get()
			.satisfies((trace) -> assertThat(trace.spans()).hasSize(2));
		assertThat(this.store.approximateBytes()).isPositive();
	}

	@Test
	void theAssemblyThreadAssemblesWithoutAReader() {
		Tracer tracer = tracer(Duration.ofMillis(10));
		chain(tracer, "chat").end();
		await().atMost(10, TimeUnit.SECONDS).until(() -> !this.completed.isEmpty());
		assertThat(this.assembledOn).containsExactly("llmobs-trace-assembly");
	}

	@Test
	void aThreadThatFindsTheQueueFullAssemblesItself() {
		Tracer tracer = tracer(NEVER);
		for (int i = 0; i <= PendingSpans.MAX_PENDING; i++) {
			chain(tracer, "t" + i).end();
		}
		assertThat(this.completed).hasSize(PendingSpans.MAX_PENDING + 1);
		assertThat(this.assembledOn).containsOnly(Thread.currentThread().getName());
	}

	@Test
	void shutdownAssemblesWhatIsQueuedAndLaterSpansAtOnce() {
		Tracer tracer = tracer(NEVER);
		chain(tracer, "before").end();
		this.assembler.shutdown();
		assertThat(this.completed).extracting((trace) -> trace.root().getName()).containsExactly("before");
		chain(tracer, "after").end();
		assertThat(this.completed).extracting((trace) -> trace.root().getName()).containsExactly("before", "after");
	}

}
