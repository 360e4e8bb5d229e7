package dev.llmobs.export.transport;

import java.util.List;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;

/**
 * A {@link ComponentLoader} that answers the starter's {@link OtlpHttpSenderProvider}
 * when an exporter looks up its HTTP sender, and the class loader's services for
 * everything else (compressors, for one). OpenTelemetry picks an arbitrary sender, with a
 * warning, when several are on the classpath; this makes the choice explicit.
 */
public final class OtlpSenderComponentLoader implements ComponentLoader {

	private final ComponentLoader services;

	/**
	 * Creates the loader.
	 * @param classLoader where other components are looked up
	 */
	public OtlpSenderComponentLoader(ClassLoader classLoader) {
		this.services = ComponentLoader.forClassLoader(classLoader);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> Iterable<T> load(Class<T> type) {
		if (type == HttpSenderProvider.class) {
			return (Iterable<T>) List.of(new OtlpHttpSenderProvider());
		}
		return this.services.load(type);
	}

}
