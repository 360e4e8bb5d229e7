package dev.llmobs.autoconfigure;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.Test;

import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.execution.DefaultToolExecutionExceptionProcessor;
import org.springframework.ai.tool.execution.ToolExecutionException;
import org.springframework.ai.tool.execution.ToolExecutionExceptionProcessor;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.llmobs.springai.AdvisorObservationEnricher;
import dev.llmobs.springai.ChatClientAgentName;
import dev.llmobs.springai.ChatClientObservationEnricher;
import dev.llmobs.springai.ChatModelObservationEnricher;
import dev.llmobs.springai.ToolCallObservationEnricher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmObsSpringAiAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmObsAutoConfiguration.class, LlmObsSpringAiAutoConfiguration.class))
		.withBean(OpenTelemetry.class,
				() -> OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder().build()).build());

	@Test
	void shouldSupplyBeans() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ChatClientObservationEnricher.class)
			.hasSingleBean(AdvisorObservationEnricher.class)
			.hasSingleBean(ToolCallObservationEnricher.class)
			.hasSingleBean(ChatModelObservationEnricher.class)
			.hasSingleBean(ChatClientAgentName.class));
	}

	@Test
	void agentNameDefaultsToTheApplicationName() {
		this.runner.withPropertyValues("spring.application.name=billing-service")
			.run((context) -> assertThat(context.getBean(ChatClientAgentName.class).defaultName())
				.isEqualTo("billing-service"));
	}

	@Test
	void agentNamePropertyWinsOverTheApplicationName() {
		this.runner.withPropertyValues("spring.application.name=billing-service", "llmobs.spring-ai.agent-name=refunds")
			.run((context) -> assertThat(context.getBean(ChatClientAgentName.class).defaultName())
				.isEqualTo("refunds"));
	}

	@Test
	void agentNameFallsBackWhenNothingIsConfigured() {
		this.runner.run((context) -> assertThat(context.getBean(ChatClientAgentName.class).defaultName())
			.isEqualTo(ChatClientAgentName.FALLBACK));
	}

	@Test
	void toolExceptionProcessorIsAdvisedKeepingItsTypeAndItsAnswers() {
		this.runner
			.withBean(DefaultToolExecutionExceptionProcessor.class,
					() -> DefaultToolExecutionExceptionProcessor.builder().build())
			.run((context) -> {
				ToolExecutionExceptionProcessor processor = context.getBean(ToolExecutionExceptionProcessor.class);
				assertThat(AopUtils.isAopProxy(processor)).isTrue();
				assertThat(processor).isInstanceOf(DefaultToolExecutionExceptionProcessor.class);
				ToolExecutionException failure = new ToolExecutionException(
						DefaultToolDefinition.builder().name("t").description("d").inputSchema("{}").build(),
						new IllegalStateException("down"));
				assertThat(processor.process(failure))
					.isEqualTo(DefaultToolExecutionExceptionProcessor.builder().build().process(failure));
				ToolExecutionException checked = new ToolExecutionException(
						DefaultToolDefinition.builder().name("t").description("d").inputSchema("{}").build(),
						new Exception("checked"));
				assertThatThrownBy(() -> processor.process(checked)).isSameAs(checked);
			});
	}

	@Test
	void runWhenDisabledShouldNotCreateEnrichers() {
		this.runner.withPropertyValues("llmobs.spring-ai.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ChatClientObservationEnricher.class)
				.doesNotHaveBean(ToolCallObservationEnricher.class)
				.doesNotHaveBean(AdvisorObservationEnricher.class));
	}

	@Test
	void runWhenLlmObsIsDisabledLeavesToolExceptionProcessorsAlone() {
		this.runner.withPropertyValues("llmobs.enabled=false")
			.withBean(DefaultToolExecutionExceptionProcessor.class,
					() -> DefaultToolExecutionExceptionProcessor.builder().build())
			.run((context) -> assertThat(AopUtils.isAopProxy(context.getBean(ToolExecutionExceptionProcessor.class)))
				.isFalse());
	}

}
