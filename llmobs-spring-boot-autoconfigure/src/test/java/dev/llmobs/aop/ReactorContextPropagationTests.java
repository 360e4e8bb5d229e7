package dev.llmobs.aop;

import java.time.Duration;
import java.util.List;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.llmobs.LlmObs;
import dev.llmobs.annotation.LlmCall;
import dev.llmobs.annotation.LlmChain;
import dev.llmobs.annotation.Retriever;
import dev.llmobs.context.LlmObsContext;
import dev.llmobs.context.LlmObsScope;
import dev.llmobs.context.OpenTelemetryContextThreadLocalAccessor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Reactor's automatic context propagation (the starter's default), annotated methods
 * called lazily inside the pipeline of another annotated method, on other schedulers,
 * nest under its span and carry its session.
 */
class ReactorContextPropagationTests {

	private final TracingFixture fixture = new TracingFixture();

	private final Steps steps = this.fixture.proxy(new Steps());

	private final Flow flow = this.fixture.proxy(new Flow(this.steps));

	@BeforeAll
	static void automaticPropagation() {
		OpenTelemetryContextThreadLocalAccessor.register();
		Hooks.enableAutomaticContextPropagation();
	}

	@AfterAll
	static void restoreHooks() {
		Hooks.disableAutomaticContextPropagation();
	}

	@Test
	void aMonoStepCalledInsideTheChainsPipelineOnAnotherSchedulerNestsUnderTheChain() {
		String answer;
		try (LlmObsScope session = LlmObs.session("conv-reactive")) {
			Mono<String> mono = this.flow.answer("question");
			answer = mono.block(Duration.ofSeconds(10));
		}
		assertThat(answer).isEqualTo("answer to [doc about question in conv-reactive] in conv-reactive");
		SpanData chain = this.fixture.span("Flow.answer");
		SpanData retriever = this.fixture.span("Steps.search");
		SpanData llm = this.fixture.span("Steps.generate");
		assertThat(retriever.getParentSpanId()).isEqualTo(chain.getSpanId());
		assertThat(llm.getParentSpanId()).isEqualTo(chain.getSpanId());
		assertThat(List.of(chain, retriever, llm))
			.allSatisfy((span) -> assertThat(span.getTraceId()).isEqualTo(chain.getTraceId()));
	}

	@Test
	void eachElementOfAStreamedChainCallsAStepNestedUnderTheChain() {
		List<String> parts = this.flow.stream(List.of("a", "b", "c")).collectList().block(Duration.ofSeconds(10));
		assertThat(parts).containsExactly("answer to [a] in null", "answer to [b] in null", "answer to [c] in null");
		SpanData chain = this.fixture.span("Flow.stream");
		List<SpanData> generations = this.fixture.spans()
			.stream()
			.filter((span) -> span.getName().equals("Steps.generate"))
			.toList();
		assertThat(generations).hasSize(3)
			.allSatisfy((span) -> assertThat(span.getParentSpanId()).isEqualTo(chain.getSpanId()));
	}

	@Test
	void concurrentPipelinesNeverSeeEachOthersSpanOrSession() {
		List<Mono<String>> calls = new java.util.ArrayList<>();
		for (int i = 0; i < 50; i++) {
			try (LlmObsScope session = LlmObs.session("conv-" + i)) {
				String expected = "answer to [doc about q" + i + " in conv-" + i + "] in conv-" + i;
				calls.add(this.flow.answer("q" + i).doOnNext((answer) -> assertThat(answer).isEqualTo(expected)));
			}
		}
		assertThat(Flux.merge(calls).collectList().block(Duration.ofSeconds(20))).hasSize(50);
		List<SpanData> spans = this.fixture.spans();
		assertThat(spans).hasSize(150);
		for (SpanData span : spans) {
			if (span.getName().equals("Flow.answer")) {
				assertThat(span.getParentSpanId()).isEqualTo(SpanId.getInvalid());
				continue;
			}
			SpanData parent = spans.stream()
				.filter((candidate) -> candidate.getSpanId().equals(span.getParentSpanId()))
				.findFirst()
				.orElseThrow();
			assertThat(parent.getName()).isEqualTo("Flow.answer");
			assertThat(parent.getTraceId()).isEqualTo(span.getTraceId());
		}
	}

	static class Flow {

		private final Steps steps;

		Flow(Steps steps) {
			this.steps = steps;
		}

		@LlmChain
		public Mono<String> answer(String question) {
			return Mono.just(question)
				.publishOn(Schedulers.parallel())
				.flatMap(this.steps::search)
				.publishOn(Schedulers.boundedElastic())
				.flatMap(this.steps::generate);
		}

		@LlmChain
		public Flux<String> stream(List<String> questions) {
			return Flux.fromIterable(questions).publishOn(Schedulers.parallel()).concatMap(this.steps::generate);
		}

	}

	static class Steps {

		@Retriever
		public Mono<String> search(String query) {
			return Mono.fromSupplier(() -> "doc about " + query + " in " + LlmObsContext.current().sessionId())
				.subscribeOn(Schedulers.boundedElastic());
		}

		@LlmCall
		public Mono<String> generate(String context) {
			return Mono.fromSupplier(() -> "answer to [" + context + "] in " + LlmObsContext.current().sessionId())
				.subscribeOn(Schedulers.parallel());
		}

	}

}
