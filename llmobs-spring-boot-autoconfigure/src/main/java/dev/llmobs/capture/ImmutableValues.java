package dev.llmobs.capture;

import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Tells which values can never change after they are made: strings, boxed primitives, big
 * numbers, UUIDs, enums without changeable fields, {@code java.time} values, and records
 * whose components are all such values (at any depth). A capture of such a value made
 * once stays true for as long as the value exists, so the same value captured twice in a
 * trace is captured once. A record with a collection, an array or a mutable class among
 * its components is not one of them. The answer is computed once per class.
 */
final class ImmutableValues {

	private static final ClassValue<Boolean> DEEPLY_IMMUTABLE = new ClassValue<>() {
		@Override
		protected Boolean computeValue(Class<?> type) {
			return deeplyImmutable(type, new HashSet<>());
		}
	};

	private ImmutableValues() {
	}

	/**
	 * Whether every value of this class is deeply immutable.
	 * @param type the value's runtime class
	 * @return {@code true} when no value of the class can change
	 */
	static boolean isDeeplyImmutable(Class<?> type) {
		return DEEPLY_IMMUTABLE.get(type);
	}

	private static boolean deeplyImmutable(Class<?> type, Set<Class<?>> visiting) {
		if (type.isPrimitive() || type == String.class || type == Boolean.class || type == Character.class
				|| type == Byte.class || type == Short.class || type == Integer.class || type == Long.class
				|| type == Float.class || type == Double.class || type == BigDecimal.class || type == BigInteger.class
				|| type == UUID.class) {
			return true;
		}
		if (type.isEnum()) {
			// written by name; an enum with a field that can change is left out
			return Arrays.stream(type.getDeclaredFields())
				.filter((field) -> !field.isEnumConstant() && !Modifier.isStatic(field.getModifiers()))
				.allMatch((field) -> Modifier.isFinal(field.getModifiers()));
		}
		if (TemporalAccessor.class.isAssignableFrom(type) && type.getName().startsWith("java.time.")) {
			return true;
		}
		if (!type.isRecord() || !visiting.add(type)) {
			// a record that contains itself is left out rather than followed forever
			return false;
		}
		for (RecordComponent component : type.getRecordComponents()) {
			Class<?> componentType = component.getType();
			// a component of an interface or non-final class type may hold a mutable
			// subclass
			boolean exact = componentType.isPrimitive() || componentType.isEnum() || componentType.isRecord()
					|| Modifier.isFinal(componentType.getModifiers());
			if (!exact || !deeplyImmutable(componentType, visiting)) {
				return false;
			}
		}
		visiting.remove(type);
		return true;
	}

}
