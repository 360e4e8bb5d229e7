package dev.llmobs.autoconfigure;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.llmobs.langchain4j.LangChain4jInstrumentation;
import dev.llmobs.langchain4j.LangChain4jSpans;
import dev.llmobs.langchain4j.LlmObsChatModelListener;
import dev.llmobs.trace.LlmCallRecorder;
import dev.llmobs.trace.LlmSpanTracer;

/**
 * Auto-configuration of the LangChain4j integration: the {@link LlmObsChatModelListener}
 * (a {@code ChatModelListener} bean, which the LangChain4j Spring Boot integration puts
 * on the models it builds) and the post-processor that instruments chat models built
 * without it, AI Services, tools, content retrievers, embedding stores and embedding
 * models. Only when LangChain4j ({@code dev.langchain4j:langchain4j}) is present.
 */
@AutoConfiguration(after = LlmObsAutoConfiguration.class)
@ConditionalOnClass({ ChatModel.class, AiServices.class })
@ConditionalOnBooleanProperty(name = "llmobs.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "llmobs.langchain4j.enabled", matchIfMissing = true)
@ConditionalOnBean(LlmSpanTracer.class)
public final class LlmObsLangChain4jAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LangChain4jSpans llmObsLangChain4jSpans(LlmSpanTracer tracer, LlmCallRecorder recorder,
			LlmObsProperties properties) {
		return new LangChain4jSpans(tracer, recorder, properties.getCapture().isInputs(),
				properties.getCapture().isOutputs());
	}

	@Bean
	@ConditionalOnMissingBean
	LlmObsChatModelListener llmObsChatModelListener(LangChain4jSpans spans) {
		return new LlmObsChatModelListener(spans);
	}

	@Bean
	static LangChain4jBeanPostProcessor llmObsLangChain4jBeanPostProcessor(ObjectProvider<LangChain4jSpans> spans,
			ObjectProvider<LlmObsChatModelListener> listener) {
		return new LangChain4jBeanPostProcessor(new LangChain4jInstrumentation(spans::getObject, listener::getObject));
	}

}
