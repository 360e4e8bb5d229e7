package dev.llmobs.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Component;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import dev.llmobs.annotation.LlmChain;
import dev.llmobs.annotation.LlmTask;
import dev.llmobs.testsupport.OtlpReceiverTest;
import dev.llmobs.testsupport.OtlpTestReceiver;
import dev.llmobs.testsupport.ReceivedSpan;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions and users over real HTTP: stamped on the server span and every child, across
 * an {@code @Async} hop, with no cross-talk under concurrency, hostile values dropped,
 * and never sent as baggage to a host that is not allowed.
 */
@SpringBootTest(classes = SessionsIT.SessionApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.opentelemetry.tracing.export.schedule-delay=50ms",
				"management.opentelemetry.tracing.export.max-queue-size=8192", "llmobs.web.propagate=true",
				"llmobs.web.propagate-hosts=localhost", "server.max-http-request-header-size=64KB",
				"spring.autoconfigure.exclude=" + SessionsIT.SECURITY })
@AutoConfigureTracing
@OtlpReceiverTest
@ExtendWith(OutputCaptureExtension.class)
class SessionsIT {

	/**
	 * This app has no Spring Security: its own filter-chain spans start before any
	 * principal is known.
	 */
	static final String SECURITY = "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
			+ "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration";

	static OtlpTestReceiver receiver;

	static final Map<String, String> providerHeaders = new ConcurrentHashMap<>();

	static final HttpServer provider = startProvider();

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void otlp(DynamicPropertyRegistry registry) {
		registry.add("provider.port", () -> provider.getAddress().getPort());
	}

	@AfterAll
	static void stop() {
		provider.stop(0);
	}

	private static HttpServer startProvider() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			server.createContext("/", (exchange) -> {
				String baggage = exchange.getRequestHeaders().getFirst("baggage");
				providerHeaders.put(exchange.getRequestURI().getPath(), (baggage != null) ? baggage : "<none>");
				exchange.sendResponseHeaders(204, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpResponse<String> chat(String session, String user) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/chat"))
			.POST(HttpRequest.BodyPublishers.ofString("hello"));
		if (session != null) {
			request.header("X-Session-Id", session);
		}
		if (user != null) {
			request.header("X-User-Id", user);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void twoHundredConcurrentRequestsKeepTheirOwnIds() throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(16);
		Map<String, Integer> requestOfTrace = new ConcurrentHashMap<>();
		try {
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				int n = i;
				calls.add(clients.submit(() -> {
					HttpResponse<String> response = chat("session-" + n, "user-" + n);
					assertThat(response.statusCode()).isEqualTo(200);
					requestOfTrace.put(response.headers().firstValue("X-Trace-Id").orElseThrow(), n);
					return null;
				}));
			}
			for (Future<?> call : calls) {
				call.get();
			}
		}
		finally {
			clients.shutdown();
		}
		assertThat(requestOfTrace).hasSize(200);
		List<ReceivedSpan> spans = receiver.awaitSpans((received) -> {
			Map<String, Long> perTrace = received.stream()
				.filter((span) -> requestOfTrace.containsKey(span.traceId()))
				.collect(Collectors.groupingBy(ReceivedSpan::traceId, Collectors.counting()));
			return perTrace.size() == 200 && perTrace.values().stream().allMatch((count) -> count >= 3);
		}, Duration.ofSeconds(60));
		int checked = 0;
		for (ReceivedSpan span : spans) {
			Integer n = requestOfTrace.get(span.traceId());
			if (n == null) {
				continue;
			}
			assertThat(span.attr("session.id")).as(span.name()).isEqualTo("session-" + n);
			assertThat(span.attr("gen_ai.conversation.id")).isEqualTo("session-" + n);
			assertThat(span.attr("user.id")).isEqualTo("user-" + n);
			checked++;
		}
		assertThat(checked).isGreaterThanOrEqualTo(600);
		assertThat(spans.stream().filter((span) -> requestOfTrace.containsKey(span.traceId())))
			.extracting(ReceivedSpan::name)
			.contains("ChatFlow.answer", "AsyncStep.run")
			.anyMatch((name) -> name.startsWith("http post"));
	}

	@Test
	void hostileHeadersAreDroppedAndTheRequestIsServed(CapturedOutput output) throws Exception {
		double before = rejected();
		List<String> hostile = List.of("x".repeat(10 * 1024), "1' OR '1'='1", "<img src=x onerror=alert(1)>",
				"with spaces");
		for (String value : hostile) {
			HttpResponse<String> response = chat(value, value);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("answer");
		}
		assertThat(rejected() - before).isEqualTo(2.0 * hostile.size());
		String traceId = chat("after-hostile", "fine").headers().firstValue("X-Trace-Id").orElseThrow();
		receiver.awaitSpans((received) -> received.stream().anyMatch((span) -> span.traceId().equals(traceId)),
				Duration.ofSeconds(20));
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
	void sessionIsSentAsBaggageOnlyToAllowedHosts() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/outbound"))
			.header("X-Session-Id", "conv-9")
			.header("X-User-Id", "carol")
			.GET()
			.build();
		assertThat(this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		assertThat(providerHeaders.get("/model-provider")).isEqualTo("<none>");
		assertThat(providerHeaders.get("/internal-service")).contains("session.id=conv-9").contains("user.id=carol");
		ReceivedSpan chain = receiver.awaitSpanNamed("outbound-chain", Duration.ofSeconds(20));
		List<ReceivedSpan> clientSpans = receiver
			.awaitSpans((received) -> received.stream()
				.filter((span) -> span.traceId().equals(chain.traceId()) && span.kind().equals("SPAN_KIND_CLIENT"))
				.count() == 2, Duration.ofSeconds(20))
			.stream()
			.filter((span) -> span.traceId().equals(chain.traceId()) && span.kind().equals("SPAN_KIND_CLIENT"))
			.toList();
		assertThat(clientSpans).allSatisfy((span) -> {
			assertThat(span.parentSpanId()).isEqualTo(chain.spanId());
			assertThat(span.attr("session.id")).isEqualTo("conv-9");
			assertThat(span.attr("user.id")).isEqualTo("carol");
		});
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableAsync
	@Import({ ChatFlow.class, AsyncStep.class, ChatController.class })
	static class SessionApp {

	}

	@RestController
	static class ChatController {

		private final ChatFlow flow;

		private final RestClient restClient;

		private final int providerPort;

		ChatController(ChatFlow flow, RestClient.Builder restClient,
				@org.springframework.beans.factory.annotation.Value("${provider.port}") int providerPort) {
			this.flow = flow;
			this.restClient = restClient.build();
			this.providerPort = providerPort;
		}

		@PostMapping("/chat")
		String chat(@RequestBody String message) {
			return this.flow.answer(message);
		}

		@GetMapping("/outbound")
		String outbound() {
			return this.flow.callOut(this.restClient, this.providerPort);
		}

	}

	static String callOut(RestClient restClient, int providerPort) {
		restClient.get().uri("http://127.0.0.1:" + providerPort + "/model-provider").retrieve().toBodilessEntity();
		restClient.get().uri("http://localhost:" + providerPort + "/internal-service").retrieve().toBodilessEntity();
		return "ok";
	}

	@Component
	static class ChatFlow {

		private final AsyncStep step;

		ChatFlow(AsyncStep step) {
			this.step = step;
		}

		@LlmChain
		public String answer(String message) {
			return this.step.run(message).join();
		}

		@LlmChain(name = "outbound-chain")
		public String callOut(RestClient restClient, int providerPort) {
			return SessionsIT.callOut(restClient, providerPort);
		}

	}

	@Component
	static class AsyncStep {

		@Async
		@LlmTask
		public CompletableFuture<String> run(String message) {
			return CompletableFuture.completedFuture("answer");
		}

	}

}
