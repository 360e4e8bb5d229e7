package dev.llmobs.trace.document;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps records and beans by property name ({@code id}/{@code documentId},
 * {@code content}/{@code text}/{@code pageContent}, {@code score}/{@code similarity},
 * {@code metadata}), and LangChain4j's {@code EmbeddingMatch} / {@code TextSegment} by
 * their accessor names, all through accessors looked up once per class.
 */
final class PropertyDocumentMapper implements DocumentMapper {

	private static final List<String> ID = List.of("id", "documentId", "embeddingId");

	private static final List<String> CONTENT = List.of("content", "text", "pageContent");

	private static final List<String> SCORE = List.of("score", "similarity");

	private static final List<String> METADATA = List.of("metadata");

	private static final List<String> EMBEDDED = List.of("embedded");

	private final ClassValue<Accessors> accessors = new ClassValue<>() {
		@Override
		protected Accessors computeValue(Class<?> type) {
			return Accessors.of(type);
		}
	};

	@Override
	public RetrievedDocument map(Object candidate) {
		Accessors found = this.accessors.get(candidate.getClass());
		if (!found.isDocument()) {
			return null;
		}
		Object embedded = found.get(found.embedded, candidate);
		String content = stringOf(found.get(found.content, candidate));
		Object metadata = found.get(found.metadata, candidate);
		if (embedded != null && content == null) {
			RetrievedDocument segment = map(embedded);
			if (segment != null) {
				content = segment.content();
				metadata = (metadata != null) ? metadata : segment.metadata();
			}
		}
		Object id = found.get(found.id, candidate);
		Object score = found.get(found.score, candidate);
		return new RetrievedDocument((id != null) ? String.valueOf(id) : null, content,
				(score instanceof Number number) ? number.doubleValue() : null, metadataOf(metadata));
	}

	private static String stringOf(Object value) {
		return (value != null) ? value.toString() : null;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> metadataOf(Object metadata) {
		if (metadata instanceof Map<?, ?> map) {
			return (Map<String, Object>) map;
		}
		if (metadata != null) {
			// LangChain4j's Metadata exposes toMap()
			Optional<Method> toMap = TO_MAP.get(metadata.getClass());
			if (toMap.isEmpty()) {
				return null;
			}
			try {
				Object map = toMap.get().invoke(metadata);
				return (map instanceof Map<?, ?>) ? (Map<String, Object>) map : null;
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
		}
		return null;
	}

	private static final ClassValue<Optional<Method>> TO_MAP = new ClassValue<>() {
		@Override
		protected Optional<Method> computeValue(Class<?> type) {
			try {
				Method toMap = type.getMethod("toMap");
				toMap.trySetAccessible();
				return Map.class.isAssignableFrom(toMap.getReturnType()) ? Optional.of(toMap) : Optional.empty();
			}
			catch (NoSuchMethodException | RuntimeException ex) {
				return Optional.empty();
			}
		}
	};

	private record Accessors(Method id, Method content, Method score, Method metadata, Method embedded) {

		boolean isDocument() {
			return this.content != null || this.embedded != null;
		}

		Object get(Method accessor, Object target) {
			if (accessor == null) {
				return null;
			}
			try {
				return accessor.invoke(target);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
		}

		static Accessors of(Class<?> type) {
			Map<String, Method> byName = new HashMap<>();
			if (type.isRecord()) {
				for (RecordComponent component : type.getRecordComponents()) {
					byName.put(component.getName(), component.getAccessor());
				}
			}
			else {
				try {
					for (PropertyDescriptor property : Introspector.getBeanInfo(type).getPropertyDescriptors()) {
						if (property.getReadMethod() != null) {
							byName.put(property.getName(), property.getReadMethod());
						}
					}
				}
				catch (java.beans.IntrospectionException ex) {
					// no bean properties
				}
				if (type.getName().startsWith("dev.langchain4j.")) {
					for (Method method : type.getMethods()) {
						if (method.getParameterCount() == 0) {
							byName.putIfAbsent(method.getName(), method);
						}
					}
				}
			}
			byName.values().forEach((method) -> method.trySetAccessible());
			return new Accessors(first(byName, ID), first(byName, CONTENT), first(byName, SCORE),
					first(byName, METADATA), first(byName, EMBEDDED));
		}

		private static Method first(Map<String, Method> byName, List<String> names) {
			for (String name : names) {
				Method method = byName.get(name);
				if (method != null) {
					return method;
				}
			}
			return null;
		}

	}

}
