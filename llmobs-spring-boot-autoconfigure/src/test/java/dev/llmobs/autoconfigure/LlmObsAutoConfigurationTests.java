package dev.llmobs.autoconfigure;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.llmobs.LlmObs;
import dev.llmobs.LlmObsRegistration;
import dev.llmobs.LlmObservability;
import dev.llmobs.annotation.LlmChain;
import dev.llmobs.aop.InvocationProcessor;
import dev.llmobs.aop.ReactorReturnValueHandler;
import dev.llmobs.aop.SpanAnnotationAdvisor;
import dev.llmobs.aop.SpanDescriptorResolver;
import dev.llmobs.aop.TracingInvocationProcessor;
import dev.llmobs.aop.UnadvisableMethodReporter;
import dev.llmobs.capture.CaptureListener;
import dev.llmobs.trace.LlmSpanTracer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LlmObsAutoConfigurationTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, LlmObsAutoConfiguration.class))
		.withBean(OpenTelemetry.class, () -> OpenTelemetrySdk.builder()
			.setTracerProvider(
					SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(this.exporter)).build())
			.build())
		.withUserConfiguration(AnnotatedBeanConfiguration.class);

	@Test
	void shouldSupplyBeans() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(SpanAnnotationAdvisor.class)
			.hasSingleBean(LlmSpanTracer.class)
			.hasSingleBean(SpanDescriptorResolver.class)
			.hasSingleBean(UnadvisableMethodReporter.class)
			.hasSingleBean(ReactorReturnValueHandler.class)
			.getBean(InvocationProcessor.class)
			.isInstanceOf(TracingInvocationProcessor.class));
	}

	@Test
	void annotatedBeanIsProxiedAndTraced() {
		this.runner.run((context) -> {
			Bot bot = context.getBean(Bot.class);
			assertThat(AopUtils.isAopProxy(bot)).isTrue();
			assertThat(bot.answer("hi")).isEqualTo("hello");
			assertThat(this.exporter.getFinishedSpanItems()).singleElement().satisfies((span) -> {
				assertThat(span.getName()).isEqualTo("Bot.answer");
				assertThat(span.getAttributes().get(AttributeKey.stringKey("input.value"))).isEqualTo("hi");
			});
		});
	}

	@Test
	void shouldBackOffOnCustomBeans() {
		this.runner.withUserConfiguration(CustomProcessorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(InvocationProcessor.class);
			assertThat(context.getBean(InvocationProcessor.class)).isSameAs(CustomProcessorConfiguration.PROCESSOR);
			context.getBean(Bot.class).answer("hi");
			assertThat(CustomProcessorConfiguration.calls).isPositive();
			assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		});
	}

	@Test
	void shouldSupplyTheInjectableApiAndItsRegistration() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(LlmObservability.class)
			.hasSingleBean(LlmObsRegistration.class));
	}

	@Test
	void aCustomLlmObservabilityBeanIsTheOneTheStaticFacadeUses() {
		LlmObservability custom = new LlmObservability(null, null, null, null) {

			@Override
			public void feedback(String traceId, String name, Object value, String comment) {
				throw new IllegalStateException("custom " + name);
			}

		};
		this.runner.withBean(LlmObservability.class, () -> custom).run((context) -> {
			assertThat(context).getBean(LlmObservability.class).isSameAs(custom);
			assertThatIllegalStateException()
				.isThrownBy(() -> LlmObs.feedback("0af7651916cd43dd8448eb211c80319c", "thumbs", true))
				.withMessage("custom thumbs");
		});
	}

	@Test
	void runWhenDisabledShouldRegisterNothing() {
		this.runner.withPropertyValues("llmobs.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(SpanAnnotationAdvisor.class)
				.doesNotHaveBean(InvocationProcessor.class)
				.doesNotHaveBean(LlmSpanTracer.class);
			assertThat(AopUtils.isAopProxy(context.getBean(Bot.class))).isFalse();
		});
	}

	@Test
	void runWithoutAspectJShouldRegisterNothing() {
		this.runner.withClassLoader(new FilteredClassLoader("org.aspectj"))
			.run((context) -> assertThat(context).doesNotHaveBean(SpanAnnotationAdvisor.class)
				.doesNotHaveBean(InvocationProcessor.class));
	}

	@Test
	void runWithoutReactorShouldNotRegisterTheReactorHandler() {
		this.runner.withClassLoader(new FilteredClassLoader("reactor.core"))
			.run((context) -> assertThat(context).hasSingleBean(SpanAnnotationAdvisor.class)
				.doesNotHaveBean(ReactorReturnValueHandler.class));
	}

	@Test
	void severalListenerBeansDoNotPreventStartup() {
		this.runner.withBean("first", CaptureListener.class, () -> new CaptureListener() {
		}).withBean("second", CaptureListener.class, () -> new CaptureListener() {
		}).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(SpanAnnotationAdvisor.class);
			assertThat(context.getBean(Bot.class).answer("hi")).isEqualTo("hello");
		});
	}

	@Test
	void advisorOrderIsConfigurable() {
		this.runner.withPropertyValues("llmobs.order=42")
			.run((context) -> assertThat(context.getBean(SpanAnnotationAdvisor.class).getOrder()).isEqualTo(42));
	}

	@Test
	void advisorIsOutermostByDefault() {
		this.runner.run((context) -> assertThat(context.getBean(SpanAnnotationAdvisor.class).getOrder())
			.isEqualTo(org.springframework.core.Ordered.HIGHEST_PRECEDENCE));
	}

	@Test
	void captureOffOnlyAffectsContent() {
		this.runner.withPropertyValues("llmobs.capture.inputs=false").run((context) -> {
			context.getBean(Bot.class).answer("hi");
			assertThat(this.exporter.getFinishedSpanItems()).singleElement().satisfies((span) -> {
				assertThat(span.getAttributes().get(AttributeKey.stringKey("input.value"))).isNull();
				assertThat(span.getAttributes().get(AttributeKey.stringKey("output.value"))).isEqualTo("hello");
			});
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class AnnotatedBeanConfiguration {

		@Bean
		Bot bot() {
			return new Bot();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomProcessorConfiguration {

		static int calls;

		static final InvocationProcessor PROCESSOR = (invocation) -> {
			calls++;
			return invocation.proceed();
		};

		@Bean
		InvocationProcessor customProcessor() {
			return PROCESSOR;
		}

	}

	public static class Bot {

		@LlmChain
		public String answer(String question) {
			return "hello";
		}

	}

}
