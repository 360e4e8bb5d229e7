package dev.llmobs.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.llmobs.LlmObs;
import dev.llmobs.feedback.FeedbackRejectedException;
import dev.llmobs.testsupport.OtlpReceiverTest;
import dev.llmobs.testsupport.OtlpTestReceiver;
import dev.llmobs.testsupport.ReceivedSpan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Feedback through the HTTP endpoint and the static API, arriving after the trace was
 * exported: the log record reaches a real OTLP receiver in the trace, on its root span.
 */
@OtlpReceiverTest
class FeedbackIT {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static OtlpTestReceiver receiver;

	private static ConfigurableApplicationContext context;

	private static final HttpClient client = HttpClient.newHttpClient();

	@BeforeAll
	static void start() {
		context = new SpringApplicationBuilder(OperabilityApp.class)
			.properties("server.port=0", "spring.autoconfigure.exclude=" + SessionsIT.SECURITY,
					"llmobs.feedback.enabled=true", "llmobs.feedback.max-per-second=20",
					"llmobs.export.endpoint=" + receiver.baseUrl(), "management.otlp.metrics.export.enabled=false",
					"management.opentelemetry.tracing.export.schedule-delay=50ms",
					"management.opentelemetry.logging.export.schedule-delay=50ms",
					"management.endpoints.web.exposure.include=llmobs")
			.run();
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	private static HttpResponse<String> post(String path, String body) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String chat() throws Exception {
		return post("/chat", "hello").headers().firstValue("X-Trace-Id").orElseThrow();
	}

	@Test
	void lateFeedbackReachesTheReceiverInTheTraceOnItsRootSpan() throws Exception {
		String traceId = chat();
		ReceivedSpan server = receiver
			.awaitSpans(
					(spans) -> spans.stream()
						.anyMatch((span) -> span.traceId().equals(traceId) && span.kind().equals("SPAN_KIND_SERVER")),
					WAIT)
			.stream()
			.filter((span) -> span.traceId().equals(traceId) && span.kind().equals("SPAN_KIND_SERVER"))
			.findFirst()
			.orElseThrow();

		HttpResponse<String> response = post("/llmobs/feedback", "{\"traceId\":\"" + traceId
				+ "\",\"name\":\"thumbs\",\"value\":false,\"comment\":\"wrong, password=hunter2\"}");
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.body()).contains("\"verdict\":\"fail\"");

		receiver.await(
				() -> receiver.logRecords()
					.stream()
					.anyMatch((record) -> record.traceId().equals(traceId) && record.spanId().equals(server.spanId())
							&& "feedback.thumbs".equals(record.attributes().get("gen_ai.evaluation.name"))),
				WAIT, "the feedback log record");
		assertThat(receiver.logRecords()).filteredOn((record) -> record.traceId().equals(traceId))
			.allSatisfy((record) -> assertThat(String.valueOf(record.attributes().get("gen_ai.evaluation.explanation")))
				.doesNotContain("hunter2"));
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		assertThat(meters.get("gen_ai.evaluations.count")
			.tag("gen_ai.evaluation.name", "feedback.thumbs")
			.tag("verdict", "fail")
			.counter()
			.count()).isGreaterThanOrEqualTo(1.0);
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		String actuator = client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/llmobs")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(actuator).contains("\"feedback\":[{\"traceId\":\"" + traceId + "\",\"name\":\"thumbs\"");
	}

	@Test
	void theStaticApiRecordsAndRefusesLikeTheEndpoint() throws Exception {
		String traceId = chat();
		LlmObs.feedback(traceId, "rating", 4.0, "helpful");
		receiver.await(
				() -> receiver.logRecords()
					.stream()
					.anyMatch((record) -> record.traceId().equals(traceId)
							&& "feedback.rating".equals(record.attributes().get("gen_ai.evaluation.name"))),
				WAIT, "the rating");
		assertThatThrownBy(() -> LlmObs.feedback("nope", "rating", 4.0)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("traceId");
	}

	@Test
	void badInputGetsAClear4xxNeverA500() throws Exception {
		String traceId = chat();
		List<Integer> statuses = new ArrayList<>();
		for (String body : List.of("not json", "[1,2]", "{\"traceId\":42,\"name\":\"thumbs\",\"value\":true}",
				"{\"traceId\":\"" + traceId + "\",\"name\":\"thumbs\",\"value\":{\"a\":1}}",
				"{\"traceId\":\"" + traceId + "\",\"name\":\"thumbs\"}",
				"{\"traceId\":\"" + "ab".repeat(16) + "\",\"name\":\"thumbs\",\"value\":true}", "{\"traceId\":\""
						+ traceId + "\",\"name\":\"thumbs\",\"value\":true,\"comment\":\"" + "x".repeat(2500) + "\"}",
				"{\"traceId\":\"" + traceId + "\",\"comment\":\"" + "y".repeat(20_000) + "\"}")) {
			HttpResponse<String> response = post("/llmobs/feedback", body);
			statuses.add(response.statusCode());
			assertThat(response.body()).contains("\"error\"");
		}
		assertThat(statuses).containsExactly(400, 400, 400, 400, 400, 404, 413, 413);
	}

	@Test
	void aFloodIsAnswered429WithinASecond() throws Exception {
		String traceId = chat();
		String body = "{\"traceId\":\"" + traceId + "\",\"name\":\"flood\",\"value\":true}";
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			statuses.add(post("/llmobs/feedback", body).statusCode());
		}
		assertThat(statuses).contains(429).doesNotContain(500).allMatch((status) -> status == 202 || status == 429);
		assertThatThrownBy(() -> {
			for (int i = 0; i < 60; i++) {
				LlmObs.feedback(traceId, "flood", true);
			}
		}).isInstanceOfSatisfying(FeedbackRejectedException.class, (ex) -> assertThat(ex.status()).isEqualTo(429));
	}

}
