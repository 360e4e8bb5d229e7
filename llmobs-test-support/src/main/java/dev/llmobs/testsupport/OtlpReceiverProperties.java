package dev.llmobs.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Spring Boot properties that point an application at an {@link OtlpTestReceiver}:
 * the OTLP trace and log endpoints, short export intervals and, optionally, the OTLP
 * metrics URL.
 */
public final class OtlpReceiverProperties {

	private OtlpReceiverProperties() {
	}

	/**
	 * The properties for a receiver, with the settings of an {@link OtlpReceiverTest}.
	 * @param receiver the receiver
	 * @param settings the settings
	 * @return the properties by name, in a stable order
	 */
	public static Map<String, String> of(OtlpTestReceiver receiver, OtlpReceiverTest settings) {
		return of(receiver, settings.scheduleDelay(), settings.metrics());
	}

	/**
	 * The properties for a receiver: traces and logs exported every 50 ms, metrics not
	 * exported.
	 * @param receiver the receiver
	 * @return the properties by name, in a stable order
	 */
	public static Map<String, String> of(OtlpTestReceiver receiver) {
		return of(receiver, "50ms", false);
	}

	/**
	 * The properties for a receiver as {@code name=value} arguments, for
	 * {@code SpringApplicationBuilder.properties(...)} or {@code SpringApplication.run}.
	 * @param receiver the receiver
	 * @return the properties as {@code name=value}
	 */
	public static String[] asArguments(OtlpTestReceiver receiver) {
		return of(receiver).entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
	}

	private static Map<String, String> of(OtlpTestReceiver receiver, String scheduleDelay, boolean metrics) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("management.opentelemetry.tracing.export.otlp.endpoint", receiver.tracesEndpoint());
		properties.put("management.opentelemetry.tracing.export.schedule-delay", scheduleDelay);
		properties.put("management.opentelemetry.logging.export.otlp.endpoint", receiver.logsEndpoint());
		properties.put("management.opentelemetry.logging.export.schedule-delay", scheduleDelay);
		if (metrics) {
			properties.put("management.otlp.metrics.export.enabled", "true");
			properties.put("management.otlp.metrics.export.url", receiver.metricsEndpoint());
			properties.put("management.otlp.metrics.export.step", "1s");
		}
		return properties;
	}

}
