package dev.llmobs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.llmobs.autoconfigure.LlmObsAutoConfiguration;
import dev.llmobs.autoconfigure.LlmObsExportAutoConfiguration;
import dev.llmobs.autoconfigure.LlmObsFeedbackAutoConfiguration;
import dev.llmobs.eval.EvaluationEvent;
import dev.llmobs.eval.EvaluationListener;
import dev.llmobs.eval.Verdict;
import dev.llmobs.llm.LlmCallEvent;
import dev.llmobs.llm.LlmCallListener;
import dev.llmobs.llm.LlmCost;
import dev.llmobs.llm.LlmUsage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application contexts alive in one JVM (as a test suite with two cached
 * {@code @SpringBootTest} configurations has): static {@link LlmObs} calls record into
 * the context whose span is current, never into the other.
 */
class LlmObsTwoContextsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, AopAutoConfiguration.class, LlmObsAutoConfiguration.class))
		.withPropertyValues("management.tracing.sampling.probability=1.0")
		.withUserConfiguration(Recording.class);

	@Test
	void staticCallsInsideASpanOfTheFirstContextRecordIntoTheFirstContextThoughTheSecondStartedLater() {
		this.runner.run((first) -> this.runner.run((second) -> {
			Span span = tracer(first).spanBuilder("answer").startSpan();
			try (Scope scope = span.makeCurrent()) {
				LlmObs.submitEvaluation("helpful", true, "pass");
				LlmObs.submitEvaluation("grounded", 0.2, Verdict.FAIL, "no source");
			}
			finally {
				span.end();
			}
			assertThat(recording(first).evaluations).extracting((event) -> event.result().name())
				.containsExactly("helpful", "grounded");
			assertThat(recording(second).evaluations).isEmpty();
			assertThat(exported(first)).singleElement()
				.satisfies((exported) -> assertThat(
						exported.getAttributes().get(AttributeKey.stringKey("evaluations.1.evaluation.name")))
					.isEqualTo("grounded"));
			assertThat(exported(second)).isEmpty();
		}));
	}

	@Test
	void usageRecordedInsideASpanOfEitherContextGoesToThatContext() {
		this.runner.run((first) -> this.runner.run((second) -> {
			Span inFirst = tracer(first).spanBuilder("first-call").startSpan();
			try (Scope scope = inFirst.makeCurrent()) {
				LlmObs.recordUsage("house-model", 40, 2);
			}
			finally {
				inFirst.end();
			}
			Span inSecond = tracer(second).spanBuilder("second-call").startSpan();
			try (Scope scope = inSecond.makeCurrent()) {
				LlmObs.recordUsage("other-model", 7, 1);
			}
			finally {
				inSecond.end();
			}
			assertThat(recording(first).calls).extracting(LlmCallEvent::model).containsExactly("house-model");
			assertThat(recording(second).calls).extracting(LlmCallEvent::model).containsExactly("other-model");
		}));
	}

	@Test
	void closingTheSecondContextLeavesTheFirstWorking() {
		this.runner.run((first) -> {
			this.runner.run((second) -> assertThat(second).hasSingleBean(LlmObservability.class));
			Span span = tracer(first).spanBuilder("answer").startSpan();
			try (Scope scope = span.makeCurrent()) {
				LlmObs.submitEvaluation("helpful", true, "pass");
			}
			finally {
				span.end();
			}
			assertThat(recording(first).evaluations).extracting((event) -> event.result().name())
				.containsExactly("helpful");
		});
	}

	@Test
	void withoutASpanStaticCallsGoToTheMostRecentlyStartedContext() {
		this.runner.run((first) -> this.runner.run((second) -> {
			Span span = tracer(second).spanBuilder("outside").startSpan();
			LlmObs.submitEvaluation(span.getSpanContext(), "tone", "friendly", "pass", null);
			span.end();
			assertThat(recording(second).evaluations).extracting((event) -> event.result().name())
				.containsExactly("tone");
			assertThat(recording(first).evaluations).isEmpty();
		}));
	}

	@Test
	void feedbackGoesToTheContextThatServedTheTraceThoughTheOtherStartedLater() {
		ApplicationContextRunner withFeedback = this.runner.withConfiguration(
				AutoConfigurations.of(LlmObsExportAutoConfiguration.class, LlmObsFeedbackAutoConfiguration.class));
		withFeedback.run((first) -> withFeedback.run((second) -> {
			Span span = tracer(first).spanBuilder("answer").startSpan();
			String traceId = span.getSpanContext().getTraceId();
			span.end();
			LlmObs.feedback(traceId, "thumbs", true);
			assertThat(recording(first).evaluations).extracting((event) -> event.result().name())
				.containsExactly("feedback.thumbs");
			assertThat(recording(second).evaluations).isEmpty();
		}));
	}

	@Test
	void theInjectedBeanRecordsATypedVerdictOnTheCurrentSpan() {
		this.runner.run((context) -> {
			LlmObservability llmObs = context.getBean(LlmObservability.class);
			Span span = tracer(context).spanBuilder("answer").startSpan();
			try (Scope scope = span.makeCurrent()) {
				llmObs.submitEvaluation("grounded", 0.2, Verdict.FAIL, "no source");
			}
			finally {
				span.end();
			}
			assertThat(recording(context).evaluations).singleElement().satisfies((event) -> {
				assertThat(event.result().verdict()).isEqualTo(Verdict.FAIL);
				assertThat(event.result().score()).isEqualTo(0.2);
				assertThat(event.result().explanation()).isEqualTo("no source");
			});
			assertThat(llmObs.flush()).isTrue();
			assertThat(exported(context)).singleElement()
				.satisfies((exported) -> assertThat(
						exported.getAttributes().get(AttributeKey.stringKey("gen_ai.evaluation.verdict")))
					.isEqualTo("fail"));
		});
	}

	@Test
	void afterEveryContextClosedStaticCallsDoNothing() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(LlmObsRegistration.class));
		LlmObs.submitEvaluation("helpful", true, Verdict.PASS);
		LlmObs.recordUsage("model", 1, 1);
		assertThat(LlmObs.flush()).isTrue();
	}

	private static io.opentelemetry.api.trace.Tracer tracer(AssertableApplicationContext context) {
		return context.getBean(OpenTelemetry.class).getTracer("test");
	}

	private static Recording recording(AssertableApplicationContext context) {
		return context.getBean(Recording.class);
	}

	private static List<io.opentelemetry.sdk.trace.data.SpanData> exported(AssertableApplicationContext context) {
		context.getBean(SdkTracerProvider.class).forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
		return context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
	}

	@Configuration(proxyBeanMethods = false)
	static class Recording implements EvaluationListener, LlmCallListener {

		final List<EvaluationEvent> evaluations = new CopyOnWriteArrayList<>();

		final List<LlmCallEvent> calls = new CopyOnWriteArrayList<>();

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

		@Override
		public void evaluated(EvaluationEvent event) {
			this.evaluations.add(event);
		}

		@Override
		public void recorded(LlmCallEvent event) {
			this.calls.add(event);
		}

		@Override
		public void recorded(String provider, String model, LlmUsage usage, LlmCost cost, boolean truncated) {
		}

	}

}
