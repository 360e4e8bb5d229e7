package dev.llmobs.autoconfigure;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelSpan;

import org.springframework.ai.chat.client.ChatClientCustomizer;
import org.springframework.ai.chat.client.advisor.observation.AdvisorObservationContext;
import org.springframework.ai.chat.client.observation.ChatClientObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.tool.execution.ToolExecutionExceptionProcessor;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.llmobs.actuate.LlmObsMeters;
import dev.llmobs.springai.AdvisorObservationEnricher;
import dev.llmobs.springai.ChatClientAgentName;
import dev.llmobs.springai.ChatClientObservationEnricher;
import dev.llmobs.springai.ChatModelObservationEnricher;
import dev.llmobs.springai.EmbeddingModelObservationEnricher;
import dev.llmobs.springai.FirstChunkAdvisor;
import dev.llmobs.springai.SpringAiDocumentMapper;
import dev.llmobs.springai.SpringAiTokenMeterFilter;
import dev.llmobs.springai.SpringAiUsageExtractor;
import dev.llmobs.springai.ToolCallObservationEnricher;
import dev.llmobs.springai.ToolExecutionMeter;
import dev.llmobs.springai.VectorStoreObservationEnricher;
import dev.llmobs.trace.LlmCallRecorder;
import dev.llmobs.trace.LlmSpanTracer;

/**
 * Auto-configuration of the Spring AI integration: observation handlers that enrich the
 * spans of Spring AI's ChatClient turns, advisors, tool executions, chat model, embedding
 * model and vector store calls, the tool failure recorder, the
 * {@code gen_ai.execute_tool.duration} meter and the meter filter that keeps one
 * {@code gen_ai.client.token.usage} meter. Only when Spring AI and Micrometer Tracing's
 * OpenTelemetry bridge are present.
 */
@AutoConfiguration(after = LlmObsAutoConfiguration.class)
@ConditionalOnClass({ ChatModelObservationContext.class, TracingObservationHandler.class, OtelSpan.class })
@ConditionalOnBooleanProperty(name = "llmobs.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "llmobs.spring-ai.enabled", matchIfMissing = true)
@ConditionalOnBean(LlmSpanTracer.class)
public final class LlmObsSpringAiAutoConfiguration {

	/**
	 * Spring AI documents on retriever spans; declared here, so consulted after the
	 * application's own mappers.
	 */
	@Bean
	SpringAiDocumentMapper llmObsSpringAiDocumentMapper() {
		return new SpringAiDocumentMapper();
	}

	/**
	 * Token usage of Spring AI chat responses; declared here, so consulted after the
	 * application's own extractors.
	 */
	@Bean
	SpringAiUsageExtractor llmObsSpringAiUsageExtractor() {
		return new SpringAiUsageExtractor();
	}

	@Bean
	ChatModelObservationEnricher llmObsChatModelObservationEnricher(LlmSpanTracer tracer, LlmCallRecorder recorder,
			LlmObsProperties properties) {
		return new ChatModelObservationEnricher(tracer.writer(), recorder, properties.getCapture().isInputs(),
				properties.getCapture().isOutputs());
	}

	@Bean
	EmbeddingModelObservationEnricher llmObsEmbeddingModelObservationEnricher(LlmSpanTracer tracer,
			LlmCallRecorder recorder, LlmObsProperties properties) {
		return new EmbeddingModelObservationEnricher(tracer.writer(), recorder, properties.getCapture().isInputs());
	}

	@Bean
	ToolCallObservationEnricher llmObsToolCallObservationEnricher(LlmSpanTracer tracer,
			ObjectProvider<ToolExecutionMeter> meter, LlmObsProperties properties) {
		return new ToolCallObservationEnricher(tracer.writer(), meter.getIfAvailable(),
				properties.getCapture().isInputs(), properties.getCapture().isOutputs());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ToolCallingObservationContext.class, ToolExecutionExceptionProcessor.class })
	static class ToolFailureConfiguration {

		@Bean
		static ToolFailureRecordingPostProcessor llmObsToolFailureRecordingPostProcessor(
				ObjectProvider<ObservationRegistry> registry) {
			return new ToolFailureRecordingPostProcessor(registry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ChatClientObservationContext.class, AdvisorObservationContext.class })
	static class ChatClientObservationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ChatClientAgentName llmObsChatClientAgentName(LlmObsProperties properties, Environment environment) {
			String name = properties.getSpringAi().getAgentName();
			if (name == null || name.isBlank()) {
				name = environment.getProperty("spring.application.name");
			}
			return new ChatClientAgentName(name);
		}

		@Bean
		ChatClientObservationEnricher llmObsChatClientObservationEnricher(LlmSpanTracer tracer,
				ChatClientAgentName agentName, LlmObsProperties properties) {
			return new ChatClientObservationEnricher(tracer.writer(), agentName, properties.getCapture().isInputs(),
					properties.getCapture().isOutputs());
		}

		@Bean
		AdvisorObservationEnricher llmObsAdvisorObservationEnricher(LlmSpanTracer tracer) {
			return new AdvisorObservationEnricher(tracer.writer());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ChatClientCustomizer.class)
	static class ChatClientConfiguration {

		@Bean
		ChatClientCustomizer llmObsFirstChunkCustomizer() {
			FirstChunkAdvisor advisor = new FirstChunkAdvisor();
			return (builder) -> builder.defaultAdvisors(advisor);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(VectorStoreObservationContext.class)
	static class VectorStoreConfiguration {

		@Bean
		VectorStoreObservationEnricher llmObsVectorStoreObservationEnricher(LlmSpanTracer tracer,
				LlmObsProperties properties) {
			return new VectorStoreObservationEnricher(tracer.writer(), properties.getCapture().isInputs());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterFilter.class)
	@ConditionalOnBean(LlmObsMeters.class)
	static class MeterConfiguration {

		@Bean
		static SpringAiTokenMeterFilter llmObsSpringAiTokenMeterFilter() {
			return new SpringAiTokenMeterFilter();
		}

		@Bean
		ToolExecutionMeter llmObsToolExecutionMeter() {
			return new ToolExecutionMeter();
		}

	}

}
