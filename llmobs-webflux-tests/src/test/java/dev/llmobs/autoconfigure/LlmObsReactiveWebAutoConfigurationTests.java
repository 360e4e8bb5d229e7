package dev.llmobs.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import dev.llmobs.web.LlmObsReactiveWebFilter;
import dev.llmobs.web.ReactiveSessionIdResolver;
import dev.llmobs.web.ReactiveUserIdResolver;
import dev.llmobs.web.RejectedIdListener;

import static org.assertj.core.api.Assertions.assertThat;

class LlmObsReactiveWebAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(LlmObsReactiveWebAutoConfiguration.class, LlmObsWebAutoConfiguration.class));

	@Test
	void shouldSupplyTheWebFilterAndResolversInAReactiveApplication() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(LlmObsReactiveWebFilter.class)
				.hasSingleBean(ReactiveSessionIdResolver.class)
				.hasSingleBean(ReactiveUserIdResolver.class)
				.hasSingleBean(RejectedIdListener.class)
				.doesNotHaveBean(FilterRegistrationBean.class);
			assertThat(context.getBean(LlmObsReactiveWebFilter.class).getOrder())
				.isEqualTo(LlmObsReactiveWebAutoConfiguration.FILTER_ORDER);
		});
	}

	@Test
	void shouldBackOffOnCustomResolvers() {
		ReactiveSessionIdResolver custom = (exchange) -> reactor.core.publisher.Mono.just("fixed");
		this.runner.withBean(ReactiveSessionIdResolver.class, () -> custom)
			.run((context) -> assertThat(context.getBean(ReactiveSessionIdResolver.class)).isSameAs(custom));
	}

	@Test
	void runWhenWebDisabledShouldNotRegisterTheFilter() {
		this.runner.withPropertyValues("llmobs.web.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LlmObsReactiveWebFilter.class));
	}

	@Test
	void runWhenNotAWebApplicationShouldNotRegisterTheFilter() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(LlmObsReactiveWebAutoConfiguration.class, LlmObsWebAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(LlmObsReactiveWebFilter.class)
				.doesNotHaveBean(ReactiveSessionIdResolver.class));
	}

}
