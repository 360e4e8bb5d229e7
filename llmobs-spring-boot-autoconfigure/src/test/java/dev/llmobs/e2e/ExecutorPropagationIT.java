package dev.llmobs.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.llmobs.annotation.LlmChain;
import dev.llmobs.annotation.LlmTask;
import dev.llmobs.context.LlmObsContext;
import dev.llmobs.testsupport.OtlpReceiverTest;
import dev.llmobs.testsupport.OtlpTestReceiver;
import dev.llmobs.testsupport.ReceivedSpan;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no configuration at all, an {@code @Async @LlmTask} method and a task handed to
 * Boot's {@code applicationTaskExecutor} through {@code CompletableFuture.supplyAsync}
 * stay in the request's trace, under the span that submitted them, with its session and
 * user; the application's own task decorator still runs.
 */
@SpringBootTest(classes = ExecutorPropagationIT.ExecutorApp.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.opentelemetry.tracing.export.schedule-delay=50ms",
				"spring.autoconfigure.exclude=" + SessionsIT.SECURITY })
@AutoConfigureTracing
@OtlpReceiverTest
class ExecutorPropagationIT {

	static OtlpTestReceiver receiver;

	static final List<String> sessionsSeenByUserDecorator = new CopyOnWriteArrayList<>();

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void asyncAndExecutorSpansShareTheRequestsTraceAndSession() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/answer"))
			.header("X-Session-Id", "conv-async")
			.header("X-User-Id", "dora")
			.POST(HttpRequest.BodyPublishers.ofString("hello"))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("async:hello|pooled:hello");
		String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
		List<ReceivedSpan> trace = receiver
			.awaitSpans((spans) -> spans.stream()
				.filter((span) -> span.traceId().equals(traceId))
				.map(ReceivedSpan::name)
				.toList()
				.containsAll(List.of("Flow.answer", "AsyncSteps.run", "pooled-step")), Duration.ofSeconds(20))
			.stream()
			.filter((span) -> span.traceId().equals(traceId))
			.toList();
		ReceivedSpan chain = named(trace, "Flow.answer");
		assertThat(named(trace, "AsyncSteps.run").parentSpanId()).isEqualTo(chain.spanId());
		assertThat(named(trace, "pooled-step").parentSpanId()).isEqualTo(chain.spanId());
		assertThat(trace).allSatisfy((span) -> {
			assertThat(span.attr("session.id")).as(span.name()).isEqualTo("conv-async");
			assertThat(span.attr("user.id")).as(span.name()).isEqualTo("dora");
		});
		assertThat(sessionsSeenByUserDecorator).contains("conv-async");
	}

	private static ReceivedSpan named(List<ReceivedSpan> spans, String name) {
		return spans.stream().filter((span) -> span.name().equals(name)).findFirst().orElseThrow();
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableAsync
	@Import({ Flow.class, AsyncSteps.class, PooledSteps.class, Api.class })
	static class ExecutorApp {

		/** The application's own decorator: it must keep running beside the starter's. */
		@Bean
		TaskDecorator auditingTaskDecorator() {
			return (runnable) -> () -> {
				sessionsSeenByUserDecorator.add(String.valueOf(LlmObsContext.current().sessionId()));
				runnable.run();
			};
		}

	}

	@RestController
	static class Api {

		private final Flow flow;

		Api(Flow flow) {
			this.flow = flow;
		}

		@PostMapping("/answer")
		String answer(@RequestBody String message) {
			return this.flow.answer(message);
		}

	}

	@Component
	static class Flow {

		private final AsyncSteps async;

		private final PooledSteps pooled;

		private final Executor executor;

		Flow(AsyncSteps async, PooledSteps pooled, @Qualifier("applicationTaskExecutor") Executor executor) {
			this.async = async;
			this.pooled = pooled;
			this.executor = executor;
		}

		@LlmChain
		public String answer(String message) {
			CompletableFuture<String> viaAsync = this.async.run(message);
			CompletableFuture<String> viaExecutor = CompletableFuture.supplyAsync(() -> this.pooled.run(message),
					this.executor);
			return viaAsync.join() + "|" + viaExecutor.join();
		}

	}

	@Component
	static class AsyncSteps {

		@Async
		@LlmTask
		public CompletableFuture<String> run(String message) {
			return CompletableFuture.completedFuture("async:" + message);
		}

	}

	@Component
	static class PooledSteps {

		@LlmTask(name = "pooled-step")
		public String run(String message) {
			return "pooled:" + message;
		}

	}

}
