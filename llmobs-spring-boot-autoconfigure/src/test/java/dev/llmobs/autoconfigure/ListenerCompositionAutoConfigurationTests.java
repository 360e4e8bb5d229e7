package dev.llmobs.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import dev.llmobs.actuate.LlmObsMeters;
import dev.llmobs.annotation.LlmTask;
import dev.llmobs.context.ChainAccumulator;
import dev.llmobs.eval.EvaluationEvent;
import dev.llmobs.eval.EvaluationListener;
import dev.llmobs.eval.EvaluationResult;
import dev.llmobs.eval.EvaluationRunner;
import dev.llmobs.eval.Verdict;
import dev.llmobs.llm.LlmCallEvent;
import dev.llmobs.llm.LlmCallListener;
import dev.llmobs.llm.LlmUsage;
import dev.llmobs.trace.LlmCallRecorder;
import dev.llmobs.trace.OperationListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every listener bean is told, built-in metrics included, and one that throws does not
 * silence the others.
 */
class ListenerCompositionAutoConfigurationTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, LlmObsActuatorAutoConfiguration.class,
				LlmObsAutoConfiguration.class))
		.withBean(OpenTelemetry.class, () -> OpenTelemetrySdk.builder()
			.setTracerProvider(
					SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(this.exporter)).build())
			.build())
		.withUserConfiguration(UserListeners.class);

	@Test
	void aUserEvaluationListenerAndTheBuiltInMetricsBothReceiveEvaluations() {
		this.runner.run((context) -> {
			SimpleMeterRegistry registry = bind(context.getBean(LlmObsMeters.class));
			Span span = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("answer").startSpan();
			EvaluationResult result = new EvaluationResult("non-empty", 1.0, null, Verdict.PASS, null);
			context.getBean(EvaluationRunner.class).recorder().recordOn(span, List.of(result), "v2");
			span.end();
			assertThat(context.getBean(UserListeners.class).evaluations)
				.containsExactly(new EvaluationEvent(result, "v2"));
			assertThat(registry.get("gen_ai.evaluations.count")
				.tag("gen_ai.evaluation.name", "non-empty")
				.counter()
				.count()).isEqualTo(1.0);
		});
	}

	@Test
	void aUserModelCallListenerAndTheBuiltInMetricsBothReceiveCalls() {
		this.runner.run((context) -> {
			SimpleMeterRegistry registry = bind(context.getBean(LlmObsMeters.class));
			Span span = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("chat").startSpan();
			LlmUsage usage = new LlmUsage(10L, 5L, null, "gpt-4o", List.of(), null);
			context.getBean(LlmCallRecorder.class)
				.record(span, "openai", "gpt-4o", usage, ChainAccumulator.from(Context.current()));
			span.end();
			assertThat(context.getBean(UserListeners.class).calls).singleElement().satisfies((call) -> {
				assertThat(call.model()).isEqualTo("gpt-4o");
				assertThat(call.usage()).isEqualTo(usage);
			});
			assertThat(
					registry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").summary().totalAmount())
				.isEqualTo(10.0);
		});
	}

	@Test
	void aThrowingListenerDoesNotKeepTheOthersFromBeingTold() {
		this.runner.withUserConfiguration(ThrowingListeners.class).run((context) -> {
			SimpleMeterRegistry registry = bind(context.getBean(LlmObsMeters.class));
			assertThat(context.getBean(Worker.class).work("x")).isEqualTo("done x");
			assertThat(context.getBean(UserListeners.class).operations).containsExactly("Worker.work");
			assertThat(registry.get("llmobs.operation").tag("name", "Worker.work").timer().count()).isEqualTo(1);
			Span span = context.getBean(OpenTelemetry.class).getTracer("test").spanBuilder("answer").startSpan();
			EvaluationResult result = new EvaluationResult("non-empty", 0.0, null, Verdict.FAIL, null);
			context.getBean(EvaluationRunner.class).recorder().recordOn(span, List.of(result));
			span.end();
			assertThat(context.getBean(UserListeners.class).evaluations).hasSize(1);
			assertThat(registry.get("gen_ai.evaluations.count").tag("verdict", "fail").counter().count())
				.isEqualTo(1.0);
		});
	}

	private static SimpleMeterRegistry bind(LlmObsMeters meters) {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		meters.bindTo(registry);
		return registry;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserListeners implements EvaluationListener, LlmCallListener, OperationListener {

		final List<EvaluationEvent> evaluations = new CopyOnWriteArrayList<>();

		final List<LlmCallEvent> calls = new CopyOnWriteArrayList<>();

		final List<String> operations = new CopyOnWriteArrayList<>();

		@Override
		public void evaluated(EvaluationEvent event) {
			this.evaluations.add(event);
		}

		@Override
		public void recorded(LlmCallEvent event) {
			this.calls.add(event);
		}

		@Override
		public void recorded(String provider, String model, LlmUsage usage, dev.llmobs.llm.LlmCost cost,
				boolean truncated) {
		}

		@Override
		public void operationEnded(dev.llmobs.trace.SpanDescriptor descriptor, String outcome, long durationNanos) {
			this.operations.add(descriptor.spanName());
		}

		@Bean
		Worker worker() {
			return new Worker();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ThrowingListeners {

		@Bean
		@Order(Integer.MIN_VALUE)
		OperationListener throwingOperationListener() {
			return (descriptor, outcome, durationNanos) -> {
				throw new IllegalStateException("broken listener");
			};
		}

		@Bean
		@Order(Integer.MIN_VALUE)
		EvaluationListener throwingEvaluationListener() {
			return new EvaluationListener() {

				@Override
				public void evaluated(EvaluationEvent event) {
					throw new IllegalStateException("broken listener");
				}

			};
		}

	}

	public static class Worker {

		@LlmTask
		public String work(String input) {
			return "done " + input;
		}

	}

}
