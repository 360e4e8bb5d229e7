package dev.llmobs.capture;

import java.util.Arrays;
import java.util.List;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsonFormatVisitors.JsonFormatVisitorWrapper;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.ser.ValueSerializerModifier;
import tools.jackson.databind.type.CollectionType;

/**
 * Writes a list of deeply immutable values that a trace has captured before as the JSON
 * written then (see {@link CaptureMemo}); any other list, and any list outside a capture
 * that keeps a memo, as Jackson's own list serializer does. The first time a list is met
 * it is written in place as before, and the characters it took are kept: no second
 * generator, no second pass.
 */
final class RecurringListSerializer extends ValueSerializer<Object> {

	private final ValueSerializer<Object> delegate;

	private RecurringListSerializer(ValueSerializer<Object> delegate) {
		this.delegate = delegate;
	}

	@Override
	public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
		// the capture's memo comes with its writer; a generator writing anywhere else
		// (a nested writeValueAsString, say) is not part of the capture
		BoundedWriter writer = (generator.streamWriteOutputTarget() instanceof BoundedWriter bounded
				&& bounded.memo() != null) ? bounded : null;
		Object[] elements = (writer != null && value instanceof List<?> list) ? CaptureMemo.rememberableElements(list)
				: null;
		if (elements == null) {
			this.delegate.serialize(value, generator, context);
			return;
		}
		List<?> list = (List<?>) value;
		String known = writer.memo().findJson(list, elements);
		if (known != null) {
			generator.writeRawValue(known);
			return;
		}
		// what is written so far reaches the writer, so the list's characters follow
		generator.flush();
		int start = writer.length();
		this.delegate.serialize(Arrays.asList(elements), generator, context);
		generator.flush();
		String json = arrayWrittenFrom(writer, start);
		if (json != null) {
			writer.memo().rememberJson(list, elements, json);
		}
	}

	/**
	 * The array written from a position: the characters there, after the one separator
	 * ({@code :} or {@code ,}) written before a value; {@code null} when they are not an
	 * array.
	 */
	private static String arrayWrittenFrom(BoundedWriter writer, int start) {
		String written = writer.textFrom(start);
		int open = (!written.isEmpty() && (written.charAt(0) == ':' || written.charAt(0) == ',')) ? 1 : 0;
		if (written.length() <= open || written.charAt(open) != '[' || written.charAt(written.length() - 1) != ']') {
			return null;
		}
		return written.substring(open);
	}

	@Override
	@SuppressWarnings("unchecked")
	public ValueSerializer<?> createContextual(SerializationContext context, BeanProperty property) {
		ValueSerializer<?> contextual = this.delegate.createContextual(context, property);
		return (contextual == this.delegate) ? this : new RecurringListSerializer((ValueSerializer<Object>) contextual);
	}

	@Override
	public void resolve(SerializationContext context) {
		this.delegate.resolve(context);
	}

	@Override
	public void serializeWithType(Object value, JsonGenerator generator, SerializationContext context,
			TypeSerializer typeSerializer) {
		this.delegate.serializeWithType(value, generator, context, typeSerializer);
	}

	@Override
	public boolean isEmpty(SerializationContext context, Object value) {
		return this.delegate.isEmpty(context, value);
	}

	@Override
	public Class<?> handledType() {
		return this.delegate.handledType();
	}

	@Override
	public boolean usesObjectId() {
		return this.delegate.usesObjectId();
	}

	@Override
	public ValueSerializer<?> getDelegatee() {
		return this.delegate;
	}

	@Override
	public void acceptJsonFormatVisitor(JsonFormatVisitorWrapper visitor, JavaType type) {
		this.delegate.acceptJsonFormatVisitor(visitor, type);
	}

	/** Wraps Jackson's serializer of every list type. */
	static final class Modifier extends ValueSerializerModifier {

		private static final long serialVersionUID = 1L;

		@Override
		@SuppressWarnings("unchecked")
		public ValueSerializer<?> modifyCollectionSerializer(SerializationConfig config, CollectionType type,
				BeanDescription.Supplier description, ValueSerializer<?> serializer) {
			return List.class.isAssignableFrom(type.getRawClass())
					? new RecurringListSerializer((ValueSerializer<Object>) serializer) : serializer;
		}

	}

}
