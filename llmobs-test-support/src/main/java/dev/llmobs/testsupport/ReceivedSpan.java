package dev.llmobs.testsupport;

import java.util.List;
import java.util.Map;

/**
 * One span as an OTLP receiver decoded it, with typed attribute values (String, Long,
 * Double, Boolean, List).
 *
 * @param traceId the trace id in hex
 * @param spanId the span id in hex
 * @param parentSpanId the parent span id in hex, empty for a root
 * @param name the name
 * @param kind the OTLP span kind name, such as {@code SPAN_KIND_SERVER}
 * @param statusCode the OTLP status code name
 * @param statusMessage the status message
 * @param startEpochNanos the start time
 * @param endEpochNanos the end time
 * @param attributes the attributes
 * @param events the events
 * @param links the links
 * @param resourceAttributes the resource's attributes
 * @param scopeName the instrumentation scope
 */
public record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, String kind,
		String statusCode, String statusMessage, long startEpochNanos, long endEpochNanos,
		Map<String, Object> attributes, List<ReceivedEvent> events, List<ReceivedLink> links,
		Map<String, Object> resourceAttributes, String scopeName) {

	/**
	 * An attribute as text.
	 * @param key the key
	 * @return the value's text, or {@code null}
	 */
	public String attr(String key) {
		Object value = this.attributes.get(key);
		return (value != null) ? value.toString() : null;
	}

	/**
	 * A long attribute.
	 * @param key the key
	 * @return the value, or {@code null} when absent or not a long
	 */
	public Long longAttr(String key) {
		return (this.attributes.get(key) instanceof Long value) ? value : null;
	}

	/**
	 * A double attribute.
	 * @param key the key
	 * @return the value, or {@code null} when absent or not a double
	 */
	public Double doubleAttr(String key) {
		return (this.attributes.get(key) instanceof Double value) ? value : null;
	}

	/**
	 * Whether the attribute is present.
	 * @param key the key
	 * @return {@code true} when present
	 */
	public boolean hasAttr(String key) {
		return this.attributes.containsKey(key);
	}

	/**
	 * An event.
	 *
	 * @param name the name
	 * @param attributes the typed attributes
	 */
	public record ReceivedEvent(String name, Map<String, Object> attributes) {

	}

	/**
	 * A link.
	 *
	 * @param traceId the linked trace id in hex
	 * @param spanId the linked span id in hex
	 * @param attributes the typed attributes
	 */
	public record ReceivedLink(String traceId, String spanId, Map<String, Object> attributes) {

	}

}
