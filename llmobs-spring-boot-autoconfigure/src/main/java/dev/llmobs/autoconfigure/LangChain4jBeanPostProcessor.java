package dev.llmobs.autoconfigure;

import org.springframework.beans.factory.config.BeanPostProcessor;

import dev.llmobs.langchain4j.LangChain4jInstrumentation;

/**
 * Hands every bean to the {@link LangChain4jInstrumentation}, which instruments
 * LangChain4j's chat models, AI Services, retrievers, embedding stores and embedding
 * models and leaves every other bean as it is.
 */
public final class LangChain4jBeanPostProcessor implements BeanPostProcessor {

	private final LangChain4jInstrumentation instrumentation;

	LangChain4jBeanPostProcessor(LangChain4jInstrumentation instrumentation) {
		this.instrumentation = instrumentation;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		return this.instrumentation.instrument(bean, beanName);
	}

}
