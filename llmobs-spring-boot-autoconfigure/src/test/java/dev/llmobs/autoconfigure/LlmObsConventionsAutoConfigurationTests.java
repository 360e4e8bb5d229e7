package dev.llmobs.autoconfigure;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.llmobs.annotation.LlmChain;
import dev.llmobs.annotation.LlmTask;
import dev.llmobs.trace.LlmSpanKind;
import dev.llmobs.trace.SpanIdentity;
import dev.llmobs.trace.convention.GenAiConvention;
import dev.llmobs.trace.convention.LlmSpanConvention;
import dev.llmobs.trace.convention.LlmSpanConventions;

import static org.assertj.core.api.Assertions.assertThat;

class LlmObsConventionsAutoConfigurationTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, LlmObsAutoConfiguration.class))
		.withBean(OpenTelemetry.class, () -> OpenTelemetrySdk.builder()
			.setTracerProvider(
					SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(this.exporter)).build())
			.build())
		.withBean(Flow.class, Flow::new);

	@Test
	void openInferenceAndGenAiAreWrittenByDefault() {
		this.runner.run((context) -> {
			assertThat(context.getBean(LlmSpanConventions.class).names()).containsExactly("openinference", "gen-ai");
			context.getBean(Flow.class).step("hi");
			SpanData span = span("Flow.step");
			assertThat(attr(span, "openinference.span.kind")).isEqualTo("CHAIN");
			assertThat(attr(span, "gen_ai.operation.name")).isEqualTo("task");
		});
	}

	@Test
	void theDocumentedStringValuesStillBind() {
		this.runner.withPropertyValues("llmobs.conventions=openinference,gen-ai")
			.run((context) -> assertThat(context.getBean(LlmSpanConventions.class).names())
				.containsExactly("openinference", "gen-ai"));
		this.runner.withPropertyValues("llmobs.conventions=gen-ai")
			.run((context) -> assertThat(context.getBean(LlmSpanConventions.class).names()).containsExactly("gen-ai"));
		this.runner.withPropertyValues("llmobs.conventions[0]=OpenInference")
			.run((context) -> assertThat(context.getBean(LlmSpanConventions.class).names())
				.containsExactly("openinference"));
	}

	@Test
	void namingGenAiLatestWritesItInsteadOfGenAi() {
		this.runner.withPropertyValues("llmobs.conventions=openinference,gen-ai,gen-ai-latest")
			.run((context) -> assertThat(context.getBean(LlmSpanConventions.class).names())
				.containsExactly("openinference", "gen-ai-latest"));
	}

	@Test
	void theOpenTelemetryOptInUpgradesGenAiToTheLatestConventions() {
		this.runner.withPropertyValues("OTEL_SEMCONV_STABILITY_OPT_IN=http, gen_ai_latest_experimental")
			.run((context) -> assertThat(context.getBean(LlmSpanConventions.class).names())
				.containsExactly("openinference", "gen-ai-latest"));
	}

	@Test
	void theOpenTelemetryOptInAddsNoGenAiKeysWhereGenAiIsNotSelected() {
		this.runner
			.withPropertyValues("llmobs.conventions=openinference",
					"OTEL_SEMCONV_STABILITY_OPT_IN=gen_ai_latest_experimental")
			.run((context) -> assertThat(context.getBean(LlmSpanConventions.class).names())
				.containsExactly("openinference"));
	}

	@Test
	void anUnknownConventionFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("llmobs.conventions=openinference,zipkin").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("zipkin");
			assertThat(context.getStartupFailure()).hasStackTraceContaining("llmobs.conventions");
		});
	}

	@Test
	void aConventionBeanOverridingOneKeyReplacesTheBuiltInAndKeepsTheOtherKeys() {
		this.runner.withUserConfiguration(OneKeyOverride.class).run((context) -> {
			assertThat(context.getBean(LlmSpanConventions.class).all()).contains(OneKeyOverride.CONVENTION).hasSize(2);
			context.getBean(Flow.class).run("hi");
			SpanData span = span("support-flow");
			assertThat(attr(span, "gen_ai.operation.name")).isEqualTo("answer_question");
			assertThat(attr(span, "gen_ai.workflow.name")).isEqualTo("support-flow");
			assertThat(attr(span, "openinference.span.kind")).isEqualTo("CHAIN");
			assertThat(attr(span, "input.value")).isEqualTo("hi");
			assertThat(span.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
				.filteredOn((key) -> key.equals("gen_ai.operation.name"))
				.hasSize(1);
		});
	}

	@Test
	void aConventionBeanWithANewNameIsWrittenAfterTheSelectedOnes() {
		this.runner.withBean(LlmSpanConvention.class, AcmeConvention::new).run((context) -> {
			assertThat(context.getBean(LlmSpanConventions.class).names()).containsExactly("openinference", "gen-ai",
					"acme");
			context.getBean(Flow.class).step("hi");
			SpanData span = span("Flow.step");
			assertThat(attr(span, "acme.kind")).isEqualTo("task");
			assertThat(attr(span, "gen_ai.operation.name")).isEqualTo("task");
		});
	}

	@Test
	void shouldBackOffOnACustomConventionsBean() {
		LlmSpanConventions custom = LlmSpanConventions.of(java.util.List.of(new AcmeConvention()));
		this.runner.withBean(LlmSpanConventions.class, () -> custom).run((context) -> {
			assertThat(context.getBean(LlmSpanConventions.class)).isSameAs(custom);
			context.getBean(Flow.class).step("hi");
			SpanData span = span("Flow.step");
			assertThat(attr(span, "acme.kind")).isEqualTo("task");
			assertThat(attr(span, "openinference.span.kind")).isNull();
			assertThat(attr(span, "gen_ai.operation.name")).isNull();
		});
	}

	private SpanData span(String name) {
		return this.exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private static String attr(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.stringKey(key));
	}

	@Configuration(proxyBeanMethods = false)
	static class OneKeyOverride {

		static final GenAiConvention CONVENTION = new GenAiConvention() {

			@Override
			protected String operationName(LlmSpanKind kind, SpanIdentity identity) {
				return (kind == LlmSpanKind.CHAIN) ? "answer_question" : super.operationName(kind, identity);
			}

		};

		@Bean
		GenAiConvention questionAnsweringGenAi() {
			return CONVENTION;
		}

	}

	static class AcmeConvention implements LlmSpanConvention {

		@Override
		public String name() {
			return "acme";
		}

		@Override
		public void staticAttributes(AttributesBuilder attributes, LlmSpanKind kind, String name,
				SpanIdentity identity) {
			attributes.put("acme.kind", kind.llmObsKind());
		}

	}

	public static class Flow {

		@LlmChain(name = "support-flow")
		public String run(String question) {
			return "answer";
		}

		@LlmTask
		public String step(String question) {
			return "done";
		}

	}

}
