package dev.llmobs.autoconfigure;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The names of the headers sent with each OTLP export, wherever they were set: Boot's
 * properties in any form ({@code headers.Authorization}, {@code headers[Authorization]},
 * environment variables), and the OpenTelemetry variables
 * {@code OTEL_EXPORTER_OTLP_HEADERS} and {@code OTEL_EXPORTER_OTLP_<SIGNAL>_HEADERS}
 * ({@code k=v,k2=v2}), read here too so a header is listed even where Boot's mapping of
 * those variables is not on the classpath. Values are never returned.
 */
final class ExportHeaderNames {

	static final String TRACES = "management.opentelemetry.tracing.export.otlp.headers";

	static final String LOGS = "management.opentelemetry.logging.export.otlp.headers";

	static final String METRICS = "management.otlp.metrics.export.headers";

	private ExportHeaderNames() {
	}

	/**
	 * The header names for one signal.
	 * @param environment the environment
	 * @param property the headers property of the signal, such as {@link #TRACES}
	 * @param signal the signal's name in {@code OTEL_EXPORTER_OTLP_<SIGNAL>_HEADERS}
	 * @return the names, sorted
	 */
	static Set<String> of(Environment environment, String property, String signal) {
		Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		try {
			Binder.get(environment)
				.bind(property, Bindable.mapOf(String.class, String.class))
				.map(Map::keySet)
				.ifBound(names::addAll);
		}
		catch (RuntimeException ex) {
			// a header that does not bind is Boot's to report; list what can be read
		}
		String specific = environment.getProperty("OTEL_EXPORTER_OTLP_" + signal + "_HEADERS");
		names.addAll(parse((specific != null) ? specific : environment.getProperty("OTEL_EXPORTER_OTLP_HEADERS")));
		return names;
	}

	/**
	 * The names in an OpenTelemetry headers variable ({@code k=v,k2=v2}).
	 * @param value the variable's value, possibly {@code null}
	 * @return the names
	 */
	static Set<String> parse(String value) {
		Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		if (value == null) {
			return names;
		}
		for (String entry : value.split(",")) {
			int equals = entry.indexOf('=');
			String name = ((equals >= 0) ? entry.substring(0, equals) : entry).trim();
			if (!name.isEmpty()) {
				names.add(name);
			}
		}
		return names;
	}

}
