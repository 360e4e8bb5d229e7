package dev.llmobs.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import dev.llmobs.web.SessionBaggageInterceptor;
import dev.llmobs.web.SessionIdResolver;
import dev.llmobs.web.UserIdResolver;

import static org.assertj.core.api.Assertions.assertThat;

class LlmObsWebAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LlmObsWebAutoConfiguration.class));

	@Test
	void shouldSupplyFilterAndResolvers() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(SessionIdResolver.class)
				.hasSingleBean(UserIdResolver.class)
				.hasSingleBean(FilterRegistrationBean.class)
				.doesNotHaveBean(SessionBaggageInterceptor.class);
			FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
			assertThat(registration.getOrder()).isEqualTo(LlmObsWebAutoConfiguration.FILTER_ORDER);
		});
	}

	@Test
	void shouldBackOffOnCustomResolvers() {
		SessionIdResolver custom = (request) -> "fixed";
		this.runner.withBean(SessionIdResolver.class, () -> custom)
			.run((context) -> assertThat(context.getBean(SessionIdResolver.class)).isSameAs(custom));
	}

	@Test
	void baggageIsOnlyConfiguredWhenPropagationIsOn() {
		this.runner.withPropertyValues("llmobs.web.propagate=true", "llmobs.web.propagate-hosts=internal.example")
			.run((context) -> assertThat(context).hasSingleBean(SessionBaggageInterceptor.class)
				.hasSingleBean(RestClientCustomizer.class));
	}

	@Test
	void runWhenWebDisabledShouldNotRegisterTheFilter() {
		this.runner.withPropertyValues("llmobs.web.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void runWhenNotAWebApplicationShouldNotRegisterTheFilter() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(LlmObsWebAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
	}

}
