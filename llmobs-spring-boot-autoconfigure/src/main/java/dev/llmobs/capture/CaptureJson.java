package dev.llmobs.capture;

import java.io.InputStream;
import java.io.Reader;
import java.util.Iterator;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.stream.BaseStream;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one JSON mapper capture uses: tolerant of empty beans, and never reading binary
 * data, streams, readers, iterators or futures (they are written as short markers
 * instead).
 */
final class CaptureJson {

	static final int MAX_NESTING_DEPTH = 64;

	static final JsonMapper MAPPER = build();

	private CaptureJson() {
	}

	private static JsonMapper build() {
		SimpleModule module = new SimpleModule("llmobs-capture");
		module.addSerializer(byte[].class, new BinarySerializer());
		NotCapturedSerializer notCaptured = new NotCapturedSerializer();
		module.addSerializer(InputStream.class, notCaptured);
		module.addSerializer(Reader.class, notCaptured);
		module.addSerializer(BaseStream.class, notCaptured);
		module.addSerializer(Iterator.class, notCaptured);
		module.addSerializer(Future.class, notCaptured);
		module.addSerializer(CompletionStage.class, notCaptured);
		module.setSerializerModifier(new RecurringListSerializer.Modifier());
		// A shallow nesting limit turns indirect cycles into an error long before the
		// output reaches the capture limit, so they degrade to a marker instead of a wall
		// of nesting. Doubles are written by Schubfach instead of the JDK's
		// Double.toString: the shortest text that reads back as the same number, at a
		// fraction of the cost on Java 17 (a score per retrieved document, an
		// embedding's floats).
		JsonFactory factory = JsonFactory.builder()
			.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
			.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
			.build();
		return JsonMapper.builder(factory).disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).addModule(module).build();
	}

	static String notCaptured(Object value) {
		return "[not captured: " + value.getClass().getSimpleName() + "]";
	}

	private static final class BinarySerializer extends ValueSerializer<byte[]> {

		@Override
		public void serialize(byte[] value, JsonGenerator generator, SerializationContext context) {
			generator.writeString("[binary " + value.length + " bytes]");
		}

	}

	private static final class NotCapturedSerializer extends ValueSerializer<Object> {

		@Override
		public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
			generator.writeString(notCaptured(value));
		}

	}

}
