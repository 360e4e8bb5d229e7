package dev.llmobs.autoconfigure;

import kotlinx.coroutines.flow.Flow;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.llmobs.kotlin.FlowReturnValueHandler;
import dev.llmobs.kotlin.SuspendingContextBinder;

/**
 * Kotlin coroutines support: spans of methods returning a {@link Flow} end when its
 * collection ends, and an annotated {@code suspend} function runs with its span current
 * after every suspension (when Spring AOP adapts {@code suspend} functions, with
 * {@code kotlinx-coroutines-reactor} present). Only when Kotlin coroutines are present.
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

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnClass(name = "kotlinx.coroutines.reactor.MonoKt")
	SuspendingContextBinder llmObsSuspendingContextBinder() {
		return new SuspendingContextBinder();
	}

}
