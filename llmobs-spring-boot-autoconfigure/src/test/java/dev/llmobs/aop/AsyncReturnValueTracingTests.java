package dev.llmobs.aop;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

import dev.llmobs.annotation.LlmCall;
import dev.llmobs.annotation.LlmChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsyncReturnValueTracingTests {

	private final TracingFixture fixture = new TracingFixture();

	private final AsyncService service = this.fixture.proxy(new AsyncService());

	private static String attr(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.stringKey(key));
	}

	private static Boolean cancelled(SpanData span) {
		return span.getAttributes().get(AttributeKey.booleanKey("llmobs.cancelled"));
	}

	@Nested
	class CompletionStages {

		@Test
		void spanEndsWhenTheFutureCompletes() {
			CompletableFuture<String> pending = new CompletableFuture<>();
			CompletionStage<String> result = AsyncReturnValueTracingTests.this.service.future(pending);
			assertThat(result).isSameAs(pending);
			assertThat(AsyncReturnValueTracingTests.this.fixture.spans()).isEmpty();
			pending.complete("done");
			SpanData span = AsyncReturnValueTracingTests.this.fixture.span("AsyncService.future");
			assertThat(attr(span, "output.value")).isEqualTo("done");
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		}

		@Test
		void failureIsRecordedUnwrapped() {
			CompletableFuture<String> pending = new CompletableFuture<>();
			CompletionStage<String> result = AsyncReturnValueTracingTests.this.service.future(pending);
			pending.completeExceptionally(new IllegalArgumentException("bad prompt"));
			assertThatThrownBy(() -> result.toCompletableFuture().join())
				.hasCauseInstanceOf(IllegalArgumentException.class);
			SpanData span = AsyncReturnValueTracingTests.this.fixture.span("AsyncService.future");
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(attr(span, "error.type")).isEqualTo(IllegalArgumentException.class.getName());
		}

		@Test
		void cancellationIsRecordedAsCancelled() {
			CompletableFuture<String> pending = new CompletableFuture<>();
			CompletionStage<String> result = AsyncReturnValueTracingTests.this.service.future(pending);
			result.toCompletableFuture().cancel(true);
			SpanData span = AsyncReturnValueTracingTests.this.fixture.span("AsyncService.future");
			assertThat(cancelled(span)).isTrue();
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		}

	}

	@Nested
	class Monos {

		@Test
		void spanEndsOnSuccessWithTheValue() {
			Mono<String> mono = AsyncReturnValueTracingTests.this.service.mono(Mono.just("hi"));
			assertThat(AsyncReturnValueTracingTests.this.fixture.spans()).isEmpty();
			StepVerifier.create(mono).expectNext("hi").verifyComplete();
			assertThat(attr(AsyncReturnValueTracingTests.this.fixture.span("AsyncService.mono"), "output.value"))
				.isEqualTo("hi");
		}

		@Test
		void errorIsRecordedAndPropagated() {
			Mono<String> mono = AsyncReturnValueTracingTests.this.service
				.mono(Mono.error(new IllegalStateException("429")));
			StepVerifier.create(mono).expectErrorMessage("429").verify();
			assertThat(AsyncReturnValueTracingTests.this.fixture.span("AsyncService.mono").getStatus().getStatusCode())
				.isEqualTo(StatusCode.ERROR);
		}

		@Test
		void cancellationIsRecorded() {
			Mono<String> mono = AsyncReturnValueTracingTests.this.service.mono(Mono.never());
			StepVerifier.create(mono).thenCancel().verify();
			assertThat(cancelled(AsyncReturnValueTracingTests.this.fixture.span("AsyncService.mono"))).isTrue();
		}

	}

	@Nested
	class Fluxes {

		@Test
		void textChunksAreCollectedAndTimeToFirstElementRecorded() {
			Flux<String> flux = AsyncReturnValueTracingTests.this.service.flux(Flux.just("Hel", "lo", " there"));
			StepVerifier.create(flux).expectNext("Hel", "lo", " there").verifyComplete();
			SpanData span = AsyncReturnValueTracingTests.this.fixture.span("AsyncService.flux");
			assertThat(attr(span, "output.value")).isEqualTo("Hello there");
			assertThat(span.getAttributes().get(AttributeKey.doubleKey("llmobs.time_to_first_element"))).isNotNull()
				.isGreaterThanOrEqualTo(0.0);
			assertThat(span.getAttributes().get(AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk")))
				.isNotNull();
			assertThat(span.getEvents())
				.anySatisfy((event) -> assertThat(event.getName()).isEqualTo("llmobs.first_element"));
		}

		@Test
		void nonTextElementsBecomeAJsonArray() {
			Flux<Integer> flux = AsyncReturnValueTracingTests.this.service.flux(Flux.just(1, 2, 3));
			StepVerifier.create(flux).expectNext(1, 2, 3).verifyComplete();
			SpanData span = AsyncReturnValueTracingTests.this.fixture.span("AsyncService.flux");
			assertThat(attr(span, "output.value")).isEqualTo("[1,2,3]");
			assertThat(attr(span, "output.mime_type")).isEqualTo("application/json");
		}

		@Test
		void collectedOutputStopsAtTheCaptureLimit() {
			Flux<String> flux = AsyncReturnValueTracingTests.this.service
				.flux(Flux.range(0, 5000).map((i) -> "chunk "));
			StepVerifier.create(flux).expectNextCount(5000).verifyComplete();
			String output = attr(AsyncReturnValueTracingTests.this.fixture.span("AsyncService.flux"), "output.value");
			assertThat(output).startsWith("chunk chunk").contains("…[truncated").hasSizeLessThan(4100);
		}

		@Test
		void errorMidStreamIsRecordedWithPartialOutput() {
			Flux<String> flux = AsyncReturnValueTracingTests.this.service
				.flux(Flux.concat(Flux.just("a", "b"), Flux.error(new IllegalStateException("stream broke"))));
			StepVerifier.create(flux).expectNext("a", "b").expectErrorMessage("stream broke").verify();
			SpanData span = AsyncReturnValueTracingTests.this.fixture.span("AsyncService.flux");
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		}

		@Test
		void cancelHalfWayKeepsWhatArrived() {
			Sinks.Many<String> sink = Sinks.many().unicast().onBackpressureBuffer();
			Flux<String> flux = AsyncReturnValueTracingTests.this.service.flux(sink.asFlux());
			StepVerifier.create(flux)
				.then(() -> sink.tryEmitNext("first "))
				.expectNext("first ")
				.then(() -> sink.tryEmitNext("second"))
				.expectNext("second")
				.thenCancel()
				.verify(Duration.ofSeconds(5));
			SpanData span = AsyncReturnValueTracingTests.this.fixture.span("AsyncService.flux");
			assertThat(cancelled(span)).isTrue();
			assertThat(attr(span, "output.value")).isEqualTo("first second");
		}

	}

	@Nested
	class Streams {

		@Test
		void spanEndsWhenTheStreamIsConsumed() {
			Stream<String> stream = AsyncReturnValueTracingTests.this.service.stream(Stream.of("a", "b"));
			assertThat(AsyncReturnValueTracingTests.this.fixture.spans()).isEmpty();
			assertThat(stream.toList()).containsExactly("a", "b");
			SpanData span = AsyncReturnValueTracingTests.this.fixture.span("AsyncService.stream");
			assertThat(attr(span, "output.value")).isEqualTo("ab");
			assertThat(cancelled(span)).isNull();
		}

		@Test
		void failureWhileConsumingIsRecordedAndRethrown() {
			Stream<String> stream = AsyncReturnValueTracingTests.this.service.stream(Stream.of("a", "b").map((s) -> {
				if (s.equals("b")) {
					throw new IllegalStateException("bad element");
				}
				return s;
			}));
			assertThatThrownBy(stream::toList).hasMessage("bad element");
			assertThat(
					AsyncReturnValueTracingTests.this.fixture.span("AsyncService.stream").getStatus().getStatusCode())
				.isEqualTo(StatusCode.ERROR);
		}

		@Test
		void closingBeforeTheEndIsACancellationAndClosesTheSource() {
			boolean[] sourceClosed = new boolean[1];
			Stream<String> source = Stream.of("a", "b", "c").onClose(() -> sourceClosed[0] = true);
			try (Stream<String> stream = AsyncReturnValueTracingTests.this.service.stream(source)) {
				assertThat(stream.limit(1).toList()).containsExactly("a");
			}
			assertThat(sourceClosed[0]).isTrue();
			SpanData span = AsyncReturnValueTracingTests.this.fixture.span("AsyncService.stream");
			assertThat(cancelled(span)).isTrue();
			assertThat(attr(span, "output.value")).isEqualTo("a");
		}

	}

	@Test
	void nullResultEndsTheSpanAtOnce() {
		assertThat(this.service.nothing()).isNull();
		assertThat(this.fixture.spans()).extracting(SpanData::getName).containsExactly("AsyncService.nothing");
	}

	static class AsyncService {

		@LlmChain
		public CompletionStage<String> future(CompletableFuture<String> future) {
			return future;
		}

		@LlmCall
		public Mono<String> mono(Mono<String> mono) {
			return mono;
		}

		@LlmCall
		public <T> Flux<T> flux(Flux<T> flux) {
			return flux;
		}

		@LlmChain
		public Stream<String> stream(Stream<String> stream) {
			return stream;
		}

		@LlmChain
		public List<String> nothing() {
			return null;
		}

	}

}
