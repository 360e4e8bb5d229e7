package dev.llmobs.autoconfigure;

import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

import org.springframework.core.task.SimpleAsyncTaskExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Virtual threads ({@code spring.threads.virtual.enabled=true}) need Java 21: the build
 * runs this class on the machine's newer JDK (the {@code virtual-threads} profile of this
 * module, active when that JDK is installed) and leaves it out of the Java 17 run.
 */
class VirtualThreadContextPropagationTests {

	private final LlmObsContextPropagationAutoConfigurationTests fixture = new LlmObsContextPropagationAutoConfigurationTests();

	@Test
	void theVirtualThreadApplicationTaskExecutorCarriesTheContext() {
		this.fixture.runner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			Executor executor = context.getBean("applicationTaskExecutor", Executor.class);
			assertThat(executor).isInstanceOf(SimpleAsyncTaskExecutor.class);
			LlmObsContextPropagationAutoConfigurationTests.Seen seen = LlmObsContextPropagationAutoConfigurationTests
				.runOn(executor);
			assertThat(seen.virtualThread()).isTrue();
			assertThat(seen.span()).isEqualTo(LlmObsContextPropagationAutoConfigurationTests.SPAN);
			assertThat(seen.session()).isEqualTo("conv-1");
		});
	}

}
