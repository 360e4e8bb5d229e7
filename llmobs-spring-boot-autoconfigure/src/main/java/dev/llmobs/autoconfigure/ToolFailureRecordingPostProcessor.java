package dev.llmobs.autoconfigure;

import java.lang.reflect.Modifier;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.tool.execution.ToolExecutionExceptionProcessor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

import dev.llmobs.springai.ToolFailureRecorder;

/**
 * Advises every {@link ToolExecutionExceptionProcessor} bean with a
 * {@link ToolFailureRecorder}, so a tool failure Spring AI turns into a message for the
 * model still marks the tool's span. The proxy keeps the bean's class when it can be
 * subclassed, so injection by the concrete type keeps working.
 */
final class ToolFailureRecordingPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<ObservationRegistry> registry;

	ToolFailureRecordingPostProcessor(ObjectProvider<ObservationRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof ToolExecutionExceptionProcessor)) {
			return bean;
		}
		ProxyFactory proxy = new ProxyFactory(bean);
		proxy.setProxyTargetClass(!Modifier.isFinal(bean.getClass().getModifiers()));
		proxy.addAdvice(new ToolFailureRecorder(() -> this.registry.getIfUnique(() -> ObservationRegistry.NOOP)));
		return proxy.getProxy(bean.getClass().getClassLoader());
	}

}
