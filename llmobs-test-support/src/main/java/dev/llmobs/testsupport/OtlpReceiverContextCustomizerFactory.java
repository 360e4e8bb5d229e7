package dev.llmobs.testsupport;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * Points the application context of an {@link OtlpReceiverTest} class at the class's
 * receiver. Registered in {@code META-INF/spring.factories}.
 * <p>
 * The customizer is equal only for the same annotated class, so it is part of the context
 * cache key: a context that exports to one class's receiver is never reused by another
 * class, whose receiver is a different one.
 */
class OtlpReceiverContextCustomizerFactory implements ContextCustomizerFactory {

	static final String PROPERTY_SOURCE_NAME = "llmobsOtlpTestReceiver";

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		Class<?> owner = OtlpReceivers.ownerOf(testClass);
		return (owner != null) ? new OtlpReceiverContextCustomizer(owner) : null;
	}

	private static final class OtlpReceiverContextCustomizer implements ContextCustomizer {

		private final Class<?> owner;

		OtlpReceiverContextCustomizer(Class<?> owner) {
			this.owner = owner;
		}

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
			OtlpTestReceiver receiver = OtlpReceivers.obtain(this.owner);
			Map<String, Object> properties = Map
				.copyOf(OtlpReceiverProperties.of(receiver, this.owner.getAnnotation(OtlpReceiverTest.class)));
			MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE_NAME, properties);
			MutablePropertySources sources = context.getEnvironment().getPropertySources();
			// the test's own inlined properties win; the receiver wins over application
			// configuration files
			if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
				sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, source);
			}
			else {
				sources.addFirst(source);
			}
		}

		@Override
		public boolean equals(Object other) {
			return (other instanceof OtlpReceiverContextCustomizer customizer)
					&& Objects.equals(this.owner, customizer.owner);
		}

		@Override
		public int hashCode() {
			return this.owner.hashCode();
		}

	}

}
