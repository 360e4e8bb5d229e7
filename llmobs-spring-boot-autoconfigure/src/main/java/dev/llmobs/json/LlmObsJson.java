package dev.llmobs.json;

import tools.jackson.databind.json.JsonMapper;

/**
 * The starter's own JSON mapper: one shared, configured instance for attribute values
 * (metadata, invocation parameters, messages, documents), evaluator payloads and the
 * feedback endpoint, so every part writes JSON the same way. It is never the
 * application's {@code JsonMapper}: the application's serialization settings must not
 * change what the starter exports, and the starter must not change the application's.
 * Content capture writes through its own bounded mapper ({@code capture.CaptureJson}).
 */
public final class LlmObsJson {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private LlmObsJson() {
	}

	/**
	 * The shared mapper.
	 * @return the mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

}
