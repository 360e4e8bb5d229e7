package dev.llmobs.langchain4j;

import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.store.embedding.EmbeddingStore;
import org.aopalliance.aop.Advice;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;

import dev.llmobs.failure.RecordingFailures;

/**
 * Instruments LangChain4j objects (the application's beans): chat and streaming chat
 * models built without the {@link LlmObsChatModelListener} get it run around their calls
 * (a model built with it is left alone, or, when streaming, only has its first chunk
 * timed), AI Services get an {@code AGENT} span per call and a {@code TOOL} span per tool
 * execution, content retrievers, embedding stores and embedding models get
 * {@code RETRIEVER} and {@code EMBEDDING} spans. A wrapped class keeps its type (a
 * subclass proxy) unless it is final.
 */
public final class LangChain4jInstrumentation {

	private final Supplier<LangChain4jSpans> spans;

	private final Supplier<LlmObsChatModelListener> listener;

	/**
	 * Creates the instrumentation.
	 * @param spans the shared span parts, looked up when the first bean is instrumented
	 * @param listener the chat model listener, looked up likewise
	 */
	public LangChain4jInstrumentation(Supplier<LangChain4jSpans> spans, Supplier<LlmObsChatModelListener> listener) {
		this.spans = spans;
		this.listener = listener;
	}

	/**
	 * Instruments an object when it is one of LangChain4j's instrumented types; never
	 * throws.
	 * @param bean the object
	 * @param beanName its bean name
	 * @return the instrumented object, or the object itself
	 */
	public Object instrument(Object bean, String beanName) {
		try {
			return instrumented(bean, beanName);
		}
		catch (RuntimeException ex) {
			RecordingFailures.record("the instrumentation of the LangChain4j bean '" + beanName + "'", ex);
			return bean;
		}
	}

	private Object instrumented(Object bean, String beanName) {
		if (bean instanceof LlmObsChatModelListener) {
			return bean;
		}
		if (bean instanceof ChatModel || bean instanceof StreamingChatModel) {
			boolean builtIn = hasListener(bean);
			if (builtIn && !(bean instanceof StreamingChatModel)) {
				return bean;
			}
			return proxy(bean, new ObservedChatModelInterceptor(this.listener.get(), builtIn));
		}
		if (AiServiceInterceptor.isAiService(bean)) {
			LangChain4jSpans shared = this.spans.get();
			AiServiceHooks.install(bean, shared);
			return AiServiceInterceptor.wrap(bean, shared);
		}
		if (bean instanceof ContentRetriever || bean instanceof EmbeddingStore<?> || bean instanceof EmbeddingModel) {
			return proxy(bean, new RagInterceptor(this.spans.get(), beanName));
		}
		return bean;
	}

	private boolean hasListener(Object model) {
		java.util.List<ChatModelListener> listeners = (model instanceof ChatModel chat) ? chat.listeners()
				: ((StreamingChatModel) model).listeners();
		if (listeners == null) {
			return false;
		}
		for (ChatModelListener candidate : listeners) {
			if (candidate instanceof LlmObsChatModelListener) {
				return true;
			}
		}
		return false;
	}

	private static Object proxy(Object bean, Advice advice) {
		if (bean instanceof Advised advised && !advised.isFrozen()) {
			// Already a Spring AOP proxy (a transactional or cached bean): add to it.
			advised.addAdvice(0, advice);
			return bean;
		}
		ProxyFactory factory = new ProxyFactory(bean);
		Class<?> type = bean.getClass();
		factory.setProxyTargetClass(!Modifier.isFinal(type.getModifiers()) && !Proxy.isProxyClass(type));
		factory.addAdvice(advice);
		return factory.getProxy(type.getClassLoader());
	}

}
