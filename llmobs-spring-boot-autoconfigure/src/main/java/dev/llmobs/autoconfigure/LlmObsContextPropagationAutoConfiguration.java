package dev.llmobs.autoconfigure;

import io.micrometer.context.ContextRegistry;
import io.opentelemetry.context.Context;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.TaskDecorator;

import dev.llmobs.task.LlmObsTaskDecorator;
import dev.llmobs.context.OpenTelemetryContextThreadLocalAccessor;

/**
 * Makes the trace context follow work to other threads with nothing to configure: a
 * {@link TaskDecorator} bean that Boot composes into its auto-configured executors and
 * schedulers (beside any decorator of the application's), and the context-propagation
 * accessor that lets Reactor carry the current span through a pipeline.
 */
@AutoConfiguration(before = { TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class })
@ConditionalOnClass(Context.class)
@ConditionalOnBooleanProperty(name = "llmobs.enabled", matchIfMissing = true)
public final class LlmObsContextPropagationAutoConfiguration {

	/**
	 * Lowest precedence, so it is the outermost decorator of Boot's composite: the
	 * application's own decorators run with the context already restored. A fallback, so
	 * code injecting the application's single {@code TaskDecorator} still gets it.
	 */
	@Bean
	@Fallback
	@Order(Ordered.LOWEST_PRECEDENCE)
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "llmobs.context.propagate-to-executors", matchIfMissing = true)
	LlmObsTaskDecorator llmObsTaskDecorator() {
		return new LlmObsTaskDecorator();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ContextRegistry.class)
	static class ContextRegistryConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OpenTelemetryContextThreadLocalAccessor llmObsOpenTelemetryContextThreadLocalAccessor() {
			return OpenTelemetryContextThreadLocalAccessor.register();
		}

	}

}
