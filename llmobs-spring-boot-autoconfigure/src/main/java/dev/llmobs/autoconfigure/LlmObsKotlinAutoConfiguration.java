package dev.llmobs.autoconfigure;

import kotlinx.coroutines.flow.Flow;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.llmobs.kotlin.FlowReturnValueHandler;

/**
 * Kotlin coroutines support beyond {@code suspend} functions (which the invocation
 * processor handles when Spring AOP adapts them): spans of methods returning a
 * {@link Flow} end when its collection ends. Only when Kotlin coroutines are present.
 */
@AutoConfiguration(before = LlmObsAutoConfiguration.class)
@ConditionalOnClass(Flow.class)
@ConditionalOnBooleanProperty(name = "llmobs.enabled", matchIfMissing = true)
public final class LlmObsKotlinAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	FlowReturnValueHandler llmObsFlowReturnValueHandler() {
		return new FlowReturnValueHandler();
	}

}
