package dev.llmobs.trace.convention;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmobs.trace.Convention;

/**
 * The active conventions, in the order they write: what every span writer loops over.
 * Built from the selected {@link Convention}s, each filled by a user's convention of the
 * same name when there is one, then any user conventions with other names.
 */
public final class LlmSpanConventions {

	private final List<LlmSpanConvention> all;

	private LlmSpanConventions(List<LlmSpanConvention> all) {
		this.all = List.copyOf(all);
	}

	/**
	 * The default conventions: OpenInference and GenAI.
	 * @return the conventions
	 */
	public static LlmSpanConventions defaults() {
		return of(Convention.DEFAULTS);
	}

	/**
	 * The built-in conventions for a selection.
	 * @param selected the selected conventions
	 * @return the conventions
	 */
	public static LlmSpanConventions of(Collection<Convention> selected) {
		return of(selected, List.of());
	}

	/**
	 * The conventions for a selection, with user conventions: one whose
	 * {@link LlmSpanConvention#name() name} is a selected built-in's replaces it; one
	 * whose name is a built-in's that is not selected is left out; any other is added
	 * after the built-ins, in the order given.
	 * @param selected the selected conventions ({@link Convention#GEN_AI_LATEST}
	 * supersedes {@link Convention#GEN_AI})
	 * @param custom the user's conventions, possibly empty
	 * @return the conventions
	 */
	public static LlmSpanConventions of(Collection<Convention> selected, List<? extends LlmSpanConvention> custom) {
		Set<Convention> effective = effective(selected);
		Map<String, LlmSpanConvention> byName = new LinkedHashMap<>();
		for (LlmSpanConvention convention : custom) {
			byName.putIfAbsent(convention.name(), convention);
		}
		List<LlmSpanConvention> all = new ArrayList<>();
		for (Convention convention : effective) {
			LlmSpanConvention replacement = byName.get(convention.configName());
			all.add((replacement != null) ? replacement : builtIn(convention));
		}
		for (LlmSpanConvention convention : byName.values()) {
			if (!isBuiltInName(convention.name())) {
				all.add(convention);
			}
		}
		return new LlmSpanConventions(all);
	}

	/**
	 * Wraps conventions as given.
	 * @param conventions the conventions, in writing order
	 * @return the conventions
	 */
	public static LlmSpanConventions of(List<? extends LlmSpanConvention> conventions) {
		return new LlmSpanConventions(new ArrayList<>(conventions));
	}

	/**
	 * The selection actually written: {@link Convention#GEN_AI_LATEST} replaces
	 * {@link Convention#GEN_AI}, as the OpenTelemetry opt-in means "the latest instead of
	 * the old".
	 * @param selected the selected conventions
	 * @return the effective selection
	 */
	public static Set<Convention> effective(Collection<Convention> selected) {
		Set<Convention> effective = selected.isEmpty() ? EnumSet.noneOf(Convention.class) : EnumSet.copyOf(selected);
		if (effective.contains(Convention.GEN_AI_LATEST)) {
			effective.remove(Convention.GEN_AI);
		}
		return effective;
	}

	private static boolean isBuiltInName(String name) {
		for (Convention convention : Convention.values()) {
			if (convention.configName().equals(name)) {
				return true;
			}
		}
		return false;
	}

	private static LlmSpanConvention builtIn(Convention convention) {
		return switch (convention) {
			case OPENINFERENCE -> new OpenInferenceConvention();
			case GEN_AI -> new GenAiConvention();
			case GEN_AI_LATEST -> new GenAiLatestConvention();
		};
	}

	/**
	 * The conventions in writing order.
	 * @return the conventions
	 */
	public List<LlmSpanConvention> all() {
		return this.all;
	}

	/**
	 * The names of the conventions, in writing order.
	 * @return the names
	 */
	public List<String> names() {
		return this.all.stream().map(LlmSpanConvention::name).toList();
	}

	@Override
	public String toString() {
		return names().toString();
	}

}
