package dev.llmobs.actuate;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the values of the {@code prompt.version} metric tag: the first {@code max}
 * distinct versions seen keep their own value, later ones are folded into {@code other};
 * calls without a declared version are tagged {@code none}.
 */
final class PromptVersionTags {

	static final String NONE = "none";

	static final String OTHER = "other";

	private final int max;

	private final Set<String> admitted = ConcurrentHashMap.newKeySet();

	PromptVersionTags(int max) {
		this.max = Math.max(0, max);
	}

	String tagFor(String version) {
		if (version == null || version.isEmpty()) {
			return NONE;
		}
		if (this.admitted.contains(version)) {
			return version;
		}
		synchronized (this.admitted) {
			if (this.admitted.contains(version)) {
				return version;
			}
			if (this.admitted.size() < this.max) {
				this.admitted.add(version);
				return version;
			}
		}
		return OTHER;
	}

	int distinct() {
		return this.admitted.size();
	}

}
