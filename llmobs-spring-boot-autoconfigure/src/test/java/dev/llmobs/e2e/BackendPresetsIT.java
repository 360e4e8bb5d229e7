package dev.llmobs.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.llmobs.annotation.Evaluated;
import dev.llmobs.annotation.LlmChain;
import dev.llmobs.testsupport.OtlpTestReceiver;
import dev.llmobs.testsupport.ReceivedRequest;
import dev.llmobs.testsupport.ReceivedSpan;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each {@code llmobs.export.backend} preset against a local receiver as strict as the
 * real ones: the path, the headers, the signals sent and not sent, what explicit settings
 * override, and secrets kept out of logs and {@code /actuator/llmobs}.
 */
@ExtendWith(OutputCaptureExtension.class)
class BackendPresetsIT {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static ConfigurableApplicationContext start(String... properties) {
		List<String> all = new ArrayList<>(
				List.of("server.port=0", "spring.autoconfigure.exclude=" + SessionsIT.SECURITY,
						"management.opentelemetry.tracing.export.schedule-delay=50ms",
						"management.opentelemetry.logging.export.schedule-delay=50ms",
						"management.otlp.metrics.export.step=1h", "management.endpoints.web.exposure.include=llmobs"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(PresetApp.class).properties(all.toArray(String[]::new)).run();
	}

	private static String get(ConfigurableApplicationContext context, String path) throws Exception {
		return send(context, HttpRequest.newBuilder(uri(context, path)).GET().build());
	}

	private static String chat(ConfigurableApplicationContext context) throws Exception {
		return send(context,
				HttpRequest.newBuilder(uri(context, "/chat")).POST(HttpRequest.BodyPublishers.ofString("hi")).build());
	}

	private static URI uri(ConfigurableApplicationContext context, String path) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return URI.create("http://localhost:" + port + path);
	}

	private static String send(ConfigurableApplicationContext context, HttpRequest request) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static List<String> paths(OtlpTestReceiver receiver) {
		return receiver.requests().stream().map(ReceivedRequest::path).distinct().toList();
	}

	@Test
	void phoenixGetsTracesOnlyWithItsBearerKeyAndProject(CapturedOutput output) throws Exception {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.start()) {
			try (ConfigurableApplicationContext context = start("llmobs.export.backend=phoenix",
					"llmobs.export.endpoint=" + receiver.baseUrl(), "llmobs.export.api-key=phx-secret-1",
					"llmobs.export.phoenix.project-name=support-bot")) {
				chat(context);
				ReceivedSpan chain = receiver.awaitSpanNamed("support-flow", WAIT);
				assertThat(chain.resourceAttributes()).containsEntry("openinference.project.name", "support-bot");
				assertThat(chain.attributes()).containsKey("openinference.span.kind")
					.doesNotContainKey("gen_ai.operation.name");
				String actuator = get(context, "/actuator/llmobs");
				assertThat(actuator).contains("\"backend\":\"phoenix\"").contains("\"authorization\":\"******\"");
				assertThat(actuator).doesNotContain("phx-secret-1");
			}
			assertThat(paths(receiver)).containsExactly("/v1/traces");
			assertThat(receiver.requests()).allSatisfy((request) -> {
				assertThat(request.header("authorization")).isEqualTo("Bearer phx-secret-1");
				assertThat(request.status()).isEqualTo(200);
			});
		}
		assertThat(output).contains("llmobs export: backend=phoenix").doesNotContain("phx-secret-1");
	}

	@Test
	void langfuseGetsBasicAuthFromTheProjectKeysAndTheIngestionVersion(CapturedOutput output) throws Exception {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.start("/api/public/otel")) {
			try (ConfigurableApplicationContext context = start("llmobs.export.backend=langfuse",
					"llmobs.export.endpoint=http://127.0.0.1:" + receiver.port(),
					"llmobs.export.langfuse.public-key=pk-lf-1234", "llmobs.export.langfuse.secret-key=sk-lf-5678")) {
				chat(context);
				receiver.awaitSpanNamed("support-flow", WAIT);
				assertThat(get(context, "/actuator/llmobs")).doesNotContain("sk-lf-5678");
			}
			String basic = "Basic "
					+ Base64.getEncoder().encodeToString("pk-lf-1234:sk-lf-5678".getBytes(StandardCharsets.UTF_8));
			assertThat(paths(receiver)).containsExactly("/api/public/otel/v1/traces");
			assertThat(receiver.requests()).allSatisfy((request) -> {
				assertThat(request.header("authorization")).isEqualTo(basic);
				assertThat(request.header("x-langfuse-ingestion-version")).isEqualTo("4");
			});
			assertThat(output).doesNotContain("sk-lf-5678").doesNotContain(basic.substring(6));
		}
	}

	@Test
	void datadogGetsItsApiKeyAndTheLlmObservabilitySource() throws Exception {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.start()) {
			try (ConfigurableApplicationContext context = start("llmobs.export.backend=datadog",
					"llmobs.export.endpoint=" + receiver.baseUrl(), "llmobs.export.api-key=dd-secret")) {
				chat(context);
				ReceivedSpan chain = receiver.awaitSpanNamed("support-flow", WAIT);
				assertThat(chain.attributes()).containsEntry("gen_ai.operation.name", "invoke_workflow")
					.doesNotContainKey("openinference.span.kind");
			}
			assertThat(paths(receiver)).containsExactly("/v1/traces");
			assertThat(receiver.requests()).allSatisfy((request) -> {
				assertThat(request.header("dd-api-key")).isEqualTo("dd-secret");
				assertThat(request.header("dd-otlp-source")).isEqualTo("llmobs");
			});
		}
	}

	@Test
	void middlewareGetsTracesEvaluationRecordsAndMetricsWithItsKey() throws Exception {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.start()) {
			String traceId;
			try (ConfigurableApplicationContext context = start("llmobs.export.backend=middleware",
					"llmobs.export.endpoint=" + receiver.baseUrl(), "llmobs.export.api-key=mw-secret")) {
				chat(context);
				traceId = receiver.awaitSpanNamed("support-flow", WAIT).traceId();
			}
			// closing the context flushes the log records and publishes the meters
			assertThat(paths(receiver)).contains("/v1/traces", "/v1/logs", "/v1/metrics");
			assertThat(receiver.requests()).allSatisfy((request) -> {
				assertThat(request.header("authorization")).isEqualTo("mw-secret");
				assertThat(request.header("x-trace-source")).isEqualTo("openinference");
				assertThat(request.status()).isEqualTo(200);
			});
			assertThat(receiver.logRecords()).anySatisfy((record) -> {
				assertThat(record.eventName()).isEqualTo("gen_ai.evaluation.result");
				assertThat(record.traceId()).isEqualTo(traceId);
			});
			assertThat(receiver.metricNames()).contains("llmobs.operation");
		}
	}

	@Test
	void explicitBootSettingsWinOverThePreset() throws Exception {
		try (OtlpTestReceiver presetTarget = OtlpTestReceiver.start();
				OtlpTestReceiver explicitTarget = OtlpTestReceiver.start()) {
			try (ConfigurableApplicationContext context = start("llmobs.export.backend=phoenix",
					"llmobs.export.endpoint=" + presetTarget.baseUrl(), "llmobs.export.api-key=from-preset",
					"management.opentelemetry.tracing.export.otlp.endpoint=" + explicitTarget.tracesEndpoint(),
					"management.opentelemetry.tracing.export.otlp.headers.authorization=Bearer explicit",
					"llmobs.conventions=openinference,gen-ai")) {
				chat(context);
				ReceivedSpan chain = explicitTarget.awaitSpanNamed("support-flow", WAIT);
				assertThat(chain.attributes()).containsKeys("openinference.span.kind", "gen_ai.operation.name");
			}
			assertThat(presetTarget.requests()).isEmpty();
			assertThat(explicitTarget.requests())
				.allSatisfy((request) -> assertThat(request.header("authorization")).isEqualTo("Bearer explicit"));
		}
	}

	@Test
	void aPresetWithoutItsCredentialsWarnsNamingTheProperty(CapturedOutput output) throws Exception {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.start("/api/public/otel")) {
			try (ConfigurableApplicationContext context = start("llmobs.export.backend=langfuse",
					"llmobs.export.endpoint=http://127.0.0.1:" + receiver.port())) {
				assertThat(chat(context)).isEqualTo("hi answered");
			}
		}
		assertThat(output).contains("llmobs.export.langfuse.public-key and secret-key are not both set");
	}

	@Test
	void llmTracesOnlyKeepsHealthChecksOutOfTheBackend() throws Exception {
		try (OtlpTestReceiver receiver = OtlpTestReceiver.start()) {
			try (ConfigurableApplicationContext context = start("llmobs.export.endpoint=" + receiver.baseUrl(),
					"llmobs.export.llm-traces-only=true", "management.endpoints.web.exposure.include=health,llmobs")) {
				for (int i = 0; i < 5; i++) {
					get(context, "/actuator/health");
				}
				chat(context);
				String chatTrace = receiver.awaitSpanNamed("support-flow", WAIT).traceId();
				receiver.awaitSpans((spans) -> spans.stream()
					.anyMatch((span) -> span.traceId().equals(chatTrace) && span.kind().equals("SPAN_KIND_SERVER")),
						WAIT);
				for (int i = 0; i < 5; i++) {
					get(context, "/actuator/health");
				}
				chat(context);
				receiver.awaitSpans(
						(spans) -> spans.stream().filter((span) -> span.name().equals("support-flow")).count() == 2,
						WAIT);
				String actuator = get(context, "/actuator/llmobs");
				assertThat(actuator).contains("http get /actuator/health")
					.contains("\"workflowName\":\"support-flow\"")
					.contains("\"inputPreview\":\"hi\"")
					.contains("\"outputPreview\":\"hi answered\"");
				assertThat(actuator.indexOf("support-flow")).isLessThan(actuator.indexOf("http get /actuator/health"));
			}
			assertThat(receiver.spans()).extracting(ReceivedSpan::name)
				.isNotEmpty()
				.noneMatch((name) -> name.contains("health"))
				.contains("http post /chat");
		}
	}

	/**
	 * A traced, evaluated chat endpoint.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import({ PresetApp.Flow.class, PresetApp.Chat.class })
	static class PresetApp {

		@RestController
		static class Chat {

			private final Flow flow;

			Chat(Flow flow) {
				this.flow = flow;
			}

			@PostMapping("/chat")
			String chat(@RequestBody String message) {
				return this.flow.answer(message);
			}

		}

		@Component
		static class Flow {

			@LlmChain(name = "support-flow")
			@Evaluated("non-empty")
			public String answer(String message) {
				return message.trim() + " answered";
			}

		}

	}

}
