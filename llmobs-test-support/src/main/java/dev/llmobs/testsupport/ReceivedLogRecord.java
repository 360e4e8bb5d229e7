package dev.llmobs.testsupport;

import java.util.Map;

/**
 * One OTLP log record as the receiver decoded it.
 *
 * @param traceId the trace id in hex, empty when none
 * @param spanId the span id in hex, empty when none
 * @param eventName the event name, empty when none
 * @param body the body as text, empty when none
 * @param attributes the attributes, typed as on spans
 */
public record ReceivedLogRecord(String traceId, String spanId, String eventName, String body,
		Map<String, Object> attributes) {

}
