package dev.llmobs.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.llmobs.export.ExportStatistics;
import dev.llmobs.testsupport.OtlpReceiverTest;
import dev.llmobs.testsupport.OtlpTestReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backend that refuses connections, and spans ended just before shutdown.
 */
@OtlpReceiverTest
class ExportRefusedAndShutdownIT {

	private static ConfigurableApplicationContext start(String endpoint, String scheduleDelay) {
		return new SpringApplicationBuilder(OperabilityApp.class)
			.properties("server.port=0", "management.opentelemetry.tracing.export.otlp.endpoint=" + endpoint,
					"management.opentelemetry.tracing.export.schedule-delay=" + scheduleDelay,
					"llmobs.health.failure-threshold=2", "spring.autoconfigure.exclude=" + SessionsIT.SECURITY)
			.run();
	}

	private static int chat(ConfigurableApplicationContext context) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/chat"))
				.POST(HttpRequest.BodyPublishers.ofString("hi"))
				.build(), HttpResponse.BodyHandlers.ofString())
			.statusCode();
	}

	@Test
	void refusedConnectionsLeaveRequestsServedAndHealthDegraded() throws Exception {
		String refusing = "http://127.0.0.1:" + OtlpTestReceiver.unusedPort() + "/v1/traces";
		try (ConfigurableApplicationContext context = start(refusing, "50ms")) {
			ExportStatistics statistics = context.getBean(ExportStatistics.class);
			for (int i = 0; i < 50; i++) {
				assertThat(chat(context)).isEqualTo(200);
			}
			HealthIndicator health = context.getBean("llmobsHealthIndicator", HealthIndicator.class);
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (statistics.consecutiveFailures() < 2 && System.nanoTime() < deadline) {
				chat(context);
				java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
			}
			assertThat(health.health().getStatus().getCode()).isEqualTo("DEGRADED");
			assertThat(statistics.lastError()).isNotBlank();
		}
	}

	@Test
	void spansEndedJustBeforeShutdownAreExported(OtlpTestReceiver receiver) throws Exception {
		ConfigurableApplicationContext context = start(receiver.tracesEndpoint(), "1h");
		assertThat(chat(context)).isEqualTo(200);
		assertThat(receiver.spans()).isEmpty();
		context.close();
		receiver.awaitSpans((spans) -> spans.stream().anyMatch((span) -> span.name().equals("support-flow")),
				Duration.ofSeconds(10));
	}

}
