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

	/** The capture being written on this thread, if it keeps a memo. */
	private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();

	private final ValueSerializer<Object> delegate;

	private RecurringListSerializer(ValueSerializer<Object> delegate) {
		this.delegate = delegate;
	}

	/**
	 * Starts a capture that writes into a bounded writer with a memo.
	 * @param memo the trace's captures
	 * @param writer the capture's writer
	 * @return the scope of the capture this one is nested in, to give to {@link #exit}
	 */
	static Scope enter(CaptureMemo memo, BoundedWriter writer) {
		Scope outer = SCOPE.get();
		SCOPE.set(new Scope(memo, writer));
		return outer;
	}

	/**
	 * Ends a capture started with {@link #enter}.
	 * @param outer what {@link #enter} returned
	 */
	static void exit(Scope outer) {
		if (outer == null) {
			SCOPE.remove();
		}
		else {
			SCOPE.set(outer);
		}
	}

	@Override
	public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
		Scope scope = SCOPE.get();
		Object[] elements = (scope != null && value instanceof List<?> list
				&& generator.streamWriteOutputTarget() == scope.writer()) ? CaptureMemo.rememberableElements(list)
						: null;
		if (elements == null) {
			this.delegate.serialize(value, generator, context);
			return;
		}
		List<?> list = (List<?>) value;
		String known = scope.memo().findJson(list, elements);
		if (known != null) {
			generator.writeRawValue(known);
			return;
		}
		// what is written so far reaches the writer, so the list's characters follow
		generator.flush();
		int start = scope.writer().length();
		this.delegate.serialize(Arrays.asList(elements), generator, context);
		generator.flush();
		String json = arrayWrittenFrom(scope.writer(), start);
		if (json != null) {
			scope.memo().rememberJson(list, elements, json);
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

	/**
	 * A capture that keeps a memo, and the writer it writes into.
	 *
	 * @param memo the trace's captures
	 * @param writer the capture's writer
	 */
	record Scope(CaptureMemo memo, BoundedWriter writer) {
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
