package dev.llmobs.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.llmobs.export.ExportStatistics;
import dev.llmobs.testsupport.OtlpReceiverTest;
import dev.llmobs.testsupport.OtlpTestReceiver;
import dev.llmobs.testsupport.ReceivedSpan;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backend that accepts and never answers: requests keep their latency, the queue stays
 * bounded, health shows the problem, and export resumes by itself when the backend
 * returns. Also checks the endpoint's JSON, masked secrets and the meters.
 */
@SpringBootTest(classes = OperabilityApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.opentelemetry.tracing.export.schedule-delay=50ms",
				"management.opentelemetry.tracing.export.otlp.timeout=300ms",
				"management.opentelemetry.tracing.export.max-queue-size=256",
				"management.opentelemetry.tracing.export.otlp.headers.Authorization=Bearer supersecret-token",
				"management.endpoints.web.exposure.include=health,llmobs",
				"management.endpoint.health.show-details=always", "llmobs.health.failure-threshold=2",
				"spring.autoconfigure.exclude=" + SessionsIT.SECURITY })
@AutoConfigureTracing
@OtlpReceiverTest
class ExportOutageIT {

	static OtlpTestReceiver receiver;

	@LocalServerPort
	int port;

	@Autowired
	ExportStatistics statistics;

	@Autowired
	MeterRegistry meters;

	private final HttpClient http = HttpClient.newHttpClient();

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> chat(String session) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/chat"))
			.header("X-Session-Id", session)
			.POST(HttpRequest.BodyPublishers.ofString("hello"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private long p99Nanos(int requests, String session) throws Exception {
		List<Long> latencies = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			long start = System.nanoTime();
			assertThat(chat(session).statusCode()).isEqualTo(200);
			latencies.add(System.nanoTime() - start);
		}
		Collections.sort(latencies);
		return latencies.get((int) Math.ceil(requests * 0.99) - 1);
	}

	private void awaitHealth(String status) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		String body = "";
		while (System.nanoTime() < deadline) {
			body = get("/actuator/health/llmobs").body();
			if (body.contains("\"status\":\"" + status + "\"")) {
				return;
			}
			Thread.onSpinWait();
			java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
		}
		throw new AssertionError("llmobs health never became " + status + ": " + body);
	}

	@Test
	void stalledBackendCostsNoLatencyAndExportRecovers() throws Exception {
		p99Nanos(100, "warm-up");
		long healthy = p99Nanos(500, "healthy");
		awaitHealth("UP");

		receiver.mode(OtlpTestReceiver.Mode.STALL);
		long stalled = p99Nanos(500, "stalled");
		System.out.printf("llmobs outage: p99 healthy %.2f ms, stalled backend %.2f ms%n", healthy / 1e6,
				stalled / 1e6);
		// A blocking exporter would add its 300 ms timeout; the absolute slack absorbs GC
		// noise.
		assertThat(stalled).isLessThanOrEqualTo(Math.max((long) (healthy * 1.2), healthy + 20_000_000));
		assertThat(this.statistics.pending()).isLessThanOrEqualTo(this.statistics.capacity());
		awaitHealth("DEGRADED");
		String health = get("/actuator/health/llmobs").body();
		assertThat(health).contains("lastError").doesNotContain("supersecret");
		String overall = get("/actuator/health").body();
		assertThat(overall.substring(overall.lastIndexOf("\"status\""))).startsWith("\"status\":\"UP\"");
		assertThat(overall).contains("\"llmobs\":{").contains("\"DEGRADED\"");

		receiver.mode(OtlpTestReceiver.Mode.ACCEPT);
		// the first traces after recovery may still meet a full queue and be dropped (and
		// counted): recovery means that new traces reach the backend again
		java.util.Set<String> recovered = java.util.concurrent.ConcurrentHashMap.newKeySet();
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (receiver.spans().stream().noneMatch((span) -> recovered.contains(span.traceId()))) {
			assertThat(System.nanoTime()).as("a trace sent after recovery arrives").isLessThan(deadline);
			recovered.add(chat("recovered").headers().firstValue("X-Trace-Id").orElseThrow());
			java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
		}
		awaitHealth("UP");
		assertThat(this.statistics.failed()).isPositive();
		assertThat(this.statistics.exported()).isPositive();
	}

	@Test
	void endpointListsRecentTracesAndMasksSecrets() throws Exception {
		String traceId = chat("endpoint-session").headers().firstValue("X-Trace-Id").orElseThrow();
		String list = get("/actuator/llmobs").body();
		assertThat(list).contains("\"traceId\":\"" + traceId + "\"")
			.contains("\"sessionId\":\"endpoint-session\"")
			.contains("\"rootName\":\"http post /chat\"")
			.contains("\"Authorization\":\"******\"")
			.doesNotContain("supersecret");
		String trace = get("/actuator/llmobs/" + traceId).body();
		assertThat(trace).contains("\"name\":\"support-flow\"")
			.contains("\"kind\":\"chain\"")
			.contains("\"name\":\"Step.prepare\"")
			.contains("\"input.value\":\"hello\"")
			.contains("\"children\":[{");
		assertThat(get("/actuator/llmobs/0123456789abcdef0123456789abcdef").statusCode()).isEqualTo(404);
	}

	@Test
	void traceViewerIsNotServedUnlessEnabled() throws Exception {
		assertThat(get("/llmobs").statusCode()).isEqualTo(404);
		assertThat(get("/llmobs/api/traces").statusCode()).isEqualTo(404);
	}

	@Test
	void metersCountOperationsAndExports() throws Exception {
		chat("meters");
		assertThat(this.meters.get("llmobs.operation")
			.tag("name", "support-flow")
			.tag("llmobs.span.kind", "chain")
			.tag("outcome", "success")
			.timer()
			.count()).isPositive();
		receiver.awaitSpanNamed("support-flow", Duration.ofSeconds(20));
		assertThat(this.meters.get("llmobs.export.spans").tag("outcome", "exported").functionCounter().count())
			.isPositive();
		assertThat(this.meters.find("llmobs.operation").meters())
			.allSatisfy((meter) -> assertThat(meter.getId().getTags())
				.noneMatch((tag) -> tag.getValue().contains("meters") || tag.getKey().contains("session")));
	}

}
