package dev.llmobs.testsupport;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OtlpReceiverTest} in a {@code @SpringBootTest}: the application context points
 * at the class's receiver, the test's own properties win, and the context cache keeps
 * contexts of different classes apart.
 */
@SpringBootTest(classes = OtlpReceiverSpringTests.EmptyApp.class,
		properties = "management.opentelemetry.tracing.export.schedule-delay=1s")
@OtlpReceiverTest
class OtlpReceiverSpringTests {

	@Autowired
	Environment environment;

	@Test
	void theApplicationExportsToTheClasssReceiver(OtlpTestReceiver receiver) {
		assertThat(this.environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
			.isEqualTo(receiver.tracesEndpoint());
		assertThat(this.environment.getProperty("management.opentelemetry.logging.export.otlp.endpoint"))
			.isEqualTo(receiver.logsEndpoint());
		assertThat(this.environment.getProperty("management.opentelemetry.logging.export.schedule-delay"))
			.isEqualTo("50ms");
		assertThat(this.environment.getProperty("management.otlp.metrics.export.url")).isNull();
	}

	@Test
	void propertiesTheTestDeclaresWin() {
		assertThat(this.environment.getProperty("management.opentelemetry.tracing.export.schedule-delay"))
			.isEqualTo("1s");
	}

	@Test
	void contextsOfDifferentClassesAreNeverShared() {
		OtlpReceiverContextCustomizerFactory factory = new OtlpReceiverContextCustomizerFactory();
		ContextCustomizer mine = factory.createContextCustomizer(OtlpReceiverSpringTests.class, List.of());
		assertThat(mine).isEqualTo(factory.createContextCustomizer(OtlpReceiverSpringTests.class, List.of()));
		assertThat(mine).isNotEqualTo(factory.createContextCustomizer(OtlpReceiverExtensionTests.class, List.of()));
		assertThat(factory.createContextCustomizer(Object.class, List.of())).isNull();
	}

	@SpringBootConfiguration
	static class EmptyApp {

	}

}
