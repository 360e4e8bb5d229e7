package dev.llmobs.sample;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.llmobs.testsupport.OtlpReceiverTest;
import dev.llmobs.testsupport.OtlpTestReceiver;
import dev.llmobs.testsupport.ReceivedSpan;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as a user first runs it: the packaged jar in its own process, configured
 * only with {@code OTEL_EXPORTER_OTLP_ENDPOINT} (plus short export intervals), exporting
 * to a receiver that refuses protocol-upgrade requests as real OTLP servers do. The whole
 * trace, the evaluation log records and the metrics must arrive.
 */
@OtlpReceiverTest
class OtlpEnvironmentExportIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	/**
	 * The sample's own JVM starting from cold: over a minute on the shared 2-core host
	 * when other builds run (65 s seen).
	 */
	private static final Duration STARTUP = Duration.ofMinutes(3);

	OtlpTestReceiver receiver;

	private Process sample;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.sample != null) {
			this.sample.destroy();
			if (!this.sample.waitFor(30, TimeUnit.SECONDS)) {
				this.sample.destroyForcibly();
			}
		}
	}

	@Test
	void onlyTheStandardEndpointVariableSendsTheWholeTraceEvaluationsAndMetrics() throws Exception {
		int port = OtlpTestReceiver.unusedPort();
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", executableJar().toString())
			.redirectErrorStream(true)
			.redirectOutput(new File("target/otlp-environment-export-it.log"));
		Map<String, String> environment = builder.environment();
		environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", this.receiver.baseUrl());
		environment.put("OTEL_BSP_SCHEDULE_DELAY", "100");
		environment.put("OTEL_BLRP_SCHEDULE_DELAY", "100");
		environment.put("OTEL_METRIC_EXPORT_INTERVAL", "1000");
		environment.put("SERVER_PORT", String.valueOf(port));
		environment.put("SAMPLE_DEMO_CONVERSATION_ENABLED", "false");
		environment.remove("OPENAI_API_KEY");
		this.sample = builder.start();

		HttpClient client = HttpClient.newHttpClient();
		awaitUp(client, port);
		HttpResponse<String> reply = client
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/chat"))
				.header("Content-Type", "application/json")
				.header("X-Session-Id", "env-session")
				.POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"How do I get a refund?\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(reply.statusCode()).isEqualTo(200);
		String traceId = reply.headers().firstValue("X-Trace-Id").orElseThrow();

		List<ReceivedSpan> trace = this.receiver
			.awaitSpans((spans) -> spans.stream()
				.filter((span) -> span.traceId().equals(traceId))
				.map(ReceivedSpan::name)
				.toList()
				.containsAll(List.of("http post /api/chat", "support-flow", "knowledge-base.search", "build-prompt",
						"OfflineSupportModel.answer")),
					WAIT)
			.stream()
			.filter((span) -> span.traceId().equals(traceId))
			.toList();
		assertThat(trace).allSatisfy((span) -> assertThat(span.attr("session.id")).isEqualTo("env-session"));
		String chainSpanId = trace.stream()
			.filter((span) -> span.name().equals("support-flow"))
			.findFirst()
			.orElseThrow()
			.spanId();

		this.receiver.await(() -> this.receiver.logRecords()
			.stream()
			.filter((record) -> record.eventName().equals("gen_ai.evaluation.result"))
			.filter((record) -> record.traceId().equals(traceId) && record.spanId().equals(chainSpanId))
			.count() >= 3, WAIT, "three evaluation records of the chain");
		this.receiver.await(
				() -> this.receiver.metricNames().containsAll(List.of("llmobs.operation", "gen_ai.client.token.usage")),
				WAIT, "the starter's metrics");

		// a request is logged with its answer, just after its data was stored
		this.receiver.await(
				() -> this.receiver.requests()
					.stream()
					.map((request) -> request.path())
					.toList()
					.containsAll(List.of("/v1/traces", "/v1/logs", "/v1/metrics")),
				WAIT, "requests on every signal's path");
		assertThat(this.receiver.requests()).allSatisfy((request) -> {
			assertThat(request.headers()).doesNotContainKeys("upgrade", "http2-settings");
			assertThat(request.status()).isEqualTo(200);
		});
	}

	private void awaitUp(HttpClient client, int port) {
		Awaitility.await("the sample answers its health check (its log is in target/)")
			.atMost(STARTUP)
			.pollInterval(Duration.ofMillis(200))
			.ignoreExceptionsInstanceOf(IOException.class)
			.until(() -> {
				assertThat(this.sample.isAlive()).as("the sample process is running").isTrue();
				return client
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
							HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200;
			});
	}

	private static Path executableJar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("target/*-exec.jar is built in the package phase"));
		}
	}

}
