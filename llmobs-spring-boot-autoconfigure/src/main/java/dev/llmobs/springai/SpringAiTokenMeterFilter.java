package dev.llmobs.springai;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Keeps one meter named {@code gen_ai.client.token.usage}. Spring AI registers a counter
 * of that name (tags {@code gen_ai.token.type=input|output|total}, operation, system,
 * models); ours is the distribution summary the OpenTelemetry GenAI conventions define.
 * One registry cannot hold both (Prometheus refuses a second type under one name and
 * silently drops whichever registers second), and counting both would double the tokens.
 * The enrichers meter every Spring AI call into ours, so Spring AI's counter is denied.
 */
public final class SpringAiTokenMeterFilter implements MeterFilter {

	static final String TOKEN_USAGE = "gen_ai.client.token.usage";

	@Override
	public MeterFilterReply accept(Meter.Id id) {
		if (TOKEN_USAGE.equals(id.getName()) && id.getType() == Meter.Type.COUNTER) {
			return MeterFilterReply.DENY;
		}
		return MeterFilterReply.NEUTRAL;
	}

}
