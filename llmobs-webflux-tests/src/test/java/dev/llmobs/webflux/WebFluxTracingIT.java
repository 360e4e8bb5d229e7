package dev.llmobs.webflux;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.WebFilter;

import dev.llmobs.annotation.LlmCall;
import dev.llmobs.annotation.LlmChain;
import dev.llmobs.annotation.Retriever;
import dev.llmobs.testsupport.OtlpReceiverTest;
import dev.llmobs.testsupport.OtlpTestReceiver;
import dev.llmobs.testsupport.ReceivedSpan;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux application with the starter and no configuration, on a real server,
 * exporting over real OTLP/HTTP: one request is one trace, rooted at the server span,
 * with its session and user on every span, across schedulers and under concurrency.
 */
@SpringBootTest(classes = WebFluxTracingIT.ReactiveApp.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.opentelemetry.tracing.export.schedule-delay=50ms",
				"management.opentelemetry.tracing.export.max-queue-size=8192",
				"server.max-http-request-header-size=64KB",
				"logging.pattern.level=%5p [session=%X{sessionId:-none} user=%X{userId:-none}]" })
@AutoConfigureTracing
@OtlpReceiverTest
@ExtendWith(OutputCaptureExtension.class)
class WebFluxTracingIT {

	static OtlpTestReceiver receiver;

	/** When the streaming endpoint emitted its last token, in epoch nanoseconds. */
	static final Map<String, Long> lastTokenAt = new ConcurrentHashMap<>();

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	private final HttpClient http = HttpClient.newHttpClient();

	private HttpRequest chatRequest(String message, String session, String user) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/chat"))
			.POST(HttpRequest.BodyPublishers.ofString(message));
		if (session != null) {
			request.header("X-Session-Id", session);
		}
		if (user != null) {
			request.header("X-User-Id", user);
		}
		return request.build();
	}

	private List<ReceivedSpan> awaitTrace(String traceId, int spans) {
		return receiver
			.awaitSpans(
					(received) -> received.stream().filter((span) -> span.traceId().equals(traceId)).count() >= spans,
					Duration.ofSeconds(30))
			.stream()
			.filter((span) -> span.traceId().equals(traceId))
			.toList();
	}

	private static ReceivedSpan named(List<ReceivedSpan> spans, String name) {
		return spans.stream().filter((span) -> span.name().equals(name)).findFirst().orElseThrow();
	}

	private static ReceivedSpan server(List<ReceivedSpan> spans) {
		return spans.stream().filter((span) -> span.kind().equals("SPAN_KIND_SERVER")).findFirst().orElseThrow();
	}

	@Test
	void chainRetrieverAndLlmSpansNestUnderTheServerSpanWithSessionAndUserOnEverySpan(CapturedOutput output)
			throws Exception {
		HttpResponse<String> response = this.http.send(chatRequest("refund policy", "conv-1", "alice"),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("answer from [doc about refund policy]");
		String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
		List<ReceivedSpan> trace = awaitTrace(traceId, 4);
		ReceivedSpan server = server(trace);
		ReceivedSpan chain = named(trace, "Assistant.answer");
		assertThat(chain.parentSpanId()).isEqualTo(server.spanId());
		assertThat(named(trace, "Knowledge.search").parentSpanId()).isEqualTo(chain.spanId());
		assertThat(named(trace, "Model.generate").parentSpanId()).isEqualTo(chain.spanId());
		assertThat(trace).allSatisfy((span) -> {
			assertThat(span.attr("session.id")).as(span.name()).isEqualTo("conv-1");
			assertThat(span.attr("gen_ai.conversation.id")).as(span.name()).isEqualTo("conv-1");
			assertThat(span.attr("user.id")).as(span.name()).isEqualTo("alice");
		});
		assertThat(output.getOut()
			.lines()
			.filter((line) -> line.contains("searching the knowledge base for refund policy"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("[session=conv-1 user=alice]"));
	}

	@Test
	void theAuthenticatedPrincipalWinsOverASpoofedUserHeader() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/chat"))
			.header("X-Session-Id", "conv-principal")
			.header("X-User-Id", "mallory")
			.header("X-Test-Principal", "bob")
			.POST(HttpRequest.BodyPublishers.ofString("hello"))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		List<ReceivedSpan> trace = awaitTrace(response.headers().firstValue("X-Trace-Id").orElseThrow(), 4);
		assertThat(trace).allSatisfy((span) -> assertThat(span.attr("user.id")).as(span.name()).isEqualTo("bob"));
	}

	@Test
	void twoHundredConcurrentRequestsWithDistinctSessionsNeverCrossTalk() throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(16);
		Map<String, Integer> requestOfTrace = new ConcurrentHashMap<>();
		try {
			List<CompletableFuture<Void>> calls = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				int n = i;
				calls.add(CompletableFuture.runAsync(() -> {
					try {
						HttpResponse<String> response = this.http.send(
								chatRequest("q" + n, "session-" + n, "user-" + n),
								HttpResponse.BodyHandlers.ofString());
						assertThat(response.statusCode()).isEqualTo(200);
						assertThat(response.body()).isEqualTo("answer from [doc about q" + n + "]");
						requestOfTrace.put(response.headers().firstValue("X-Trace-Id").orElseThrow(), n);
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}, clients));
			}
			CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();
		}
		finally {
			clients.shutdown();
		}
		assertThat(requestOfTrace).hasSize(200);
		List<ReceivedSpan> spans = receiver.awaitSpans((received) -> {
			Map<String, Long> perTrace = received.stream()
				.filter((span) -> requestOfTrace.containsKey(span.traceId()))
				.collect(Collectors.groupingBy(ReceivedSpan::traceId, Collectors.counting()));
			return perTrace.size() == 200 && perTrace.values().stream().allMatch((count) -> count >= 4);
		}, Duration.ofSeconds(60));
		int checked = 0;
		for (ReceivedSpan span : spans) {
			Integer n = requestOfTrace.get(span.traceId());
			if (n == null) {
				continue;
			}
			assertThat(span.attr("session.id")).as(span.name()).isEqualTo("session-" + n);
			assertThat(span.attr("user.id")).as(span.name()).isEqualTo("user-" + n);
			if (span.name().equals("Knowledge.search")) {
				assertThat(span.attr("input.value")).contains("q" + n);
			}
			checked++;
		}
		assertThat(checked).isGreaterThanOrEqualTo(800);
	}

	@Test
	void hostileHeaderValuesAreRejectedCountedAndNeverRecorded(CapturedOutput output) throws Exception {
		double before = rejected();
		List<String> hostile = List.of("x".repeat(4 * 1024), "1' OR '1'='1", "<img src=x onerror=alert(1)>",
				"with spaces");
		List<String> traceIds = new ArrayList<>();
		for (String value : hostile) {
			HttpResponse<String> response = this.http.send(chatRequest("hello", value, value),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("answer from [doc about hello]");
			traceIds.add(response.headers().firstValue("X-Trace-Id").orElseThrow());
		}
		assertThat(rejected() - before).isEqualTo(2.0 * hostile.size());
		for (String traceId : traceIds) {
			assertThat(awaitTrace(traceId, 4)).allSatisfy((span) -> {
				assertThat(span.hasAttr("session.id")).isFalse();
				assertThat(span.hasAttr("user.id")).isFalse();
			});
		}
		for (String value : hostile) {
			assertThat(receiver.spans())
				.allSatisfy((span) -> assertThat(span.attributes().values()).doesNotContain(value));
			assertThat(output).doesNotContain(value);
		}
	}

	private double rejected() {
		return this.meters.find("llmobs.web.rejected_ids").counters().stream().mapToDouble((c) -> c.count()).sum();
	}

	@Test
	void aStreamingEndpointsLlmSpanEndsAfterTheLastElement() throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/stream?q=tell%20me%20more"))
			.header("X-Session-Id", "conv-stream")
			.header("Accept", MediaType.TEXT_EVENT_STREAM_VALUE)
			.GET()
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("data:tell", "data:me", "data:more");
		String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
		List<ReceivedSpan> trace = awaitTrace(traceId, 2);
		ReceivedSpan llm = named(trace, "Model.stream");
		assertThat(llm.parentSpanId()).isEqualTo(server(trace).spanId());
		assertThat(llm.endEpochNanos()).isGreaterThanOrEqualTo(lastTokenAt.get("tell me more"));
		assertThat(llm.attr("output.value")).isEqualTo("tellmemore");
		assertThat(trace).allSatisfy((span) -> assertThat(span.attr("session.id")).isEqualTo("conv-stream"));
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ Api.class, Assistant.class, Knowledge.class, Model.class })
	static class ReactiveApp {

		/**
		 * Stands in for an authentication filter: the principal named in a test header
		 * (before the starter's filter, as Spring Security's chain would be).
		 */
		@Bean
		@Order(-100)
		WebFilter testAuthentication() {
			return (exchange, chain) -> {
				String name = exchange.getRequest().getHeaders().getFirst("X-Test-Principal");
				if (name == null) {
					return chain.filter(exchange);
				}
				Principal principal = () -> name;
				return chain.filter(exchange.mutate().principal(Mono.just(principal)).build());
			};
		}

	}

	@RestController
	static class Api {

		private final Assistant assistant;

		private final Model model;

		Api(Assistant assistant, Model model) {
			this.assistant = assistant;
			this.model = model;
		}

		@PostMapping("/chat")
		Mono<String> chat(@RequestBody String message) {
			return this.assistant.answer(message);
		}

		@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
		Flux<String> stream(@RequestParam String q) {
			return this.model.stream(q);
		}

	}

	@Component
	static class Assistant {

		private final Knowledge knowledge;

		private final Model model;

		Assistant(Knowledge knowledge, Model model) {
			this.knowledge = knowledge;
			this.model = model;
		}

		@LlmChain
		public Mono<String> answer(String question) {
			return this.knowledge.search(question)
				.publishOn(Schedulers.parallel())
				.flatMap((document) -> this.model.generate(document));
		}

	}

	@Component
	static class Knowledge {

		private static final org.apache.commons.logging.Log logger = org.apache.commons.logging.LogFactory
			.getLog(Knowledge.class);

		@Retriever
		public Mono<String> search(String query) {
			return Mono.fromSupplier(() -> {
				logger.info("searching the knowledge base for " + query);
				return "doc about " + query;
			}).subscribeOn(Schedulers.boundedElastic());
		}

	}

	@Component
	static class Model {

		@LlmCall
		public Mono<String> generate(String document) {
			return Mono.fromSupplier(() -> "answer from [" + document + "]").subscribeOn(Schedulers.boundedElastic());
		}

		@LlmCall
		public Flux<String> stream(String question) {
			String[] words = question.split(" ");
			AtomicLong emitted = new AtomicLong();
			return Flux.fromArray(words).delayElements(Duration.ofMillis(20)).doOnNext((word) -> {
				if (emitted.incrementAndGet() == words.length) {
					lastTokenAt.put(question, currentEpochNanos());
				}
			});
		}

		private static long currentEpochNanos() {
			java.time.Instant now = java.time.Instant.now();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		}

	}

}
