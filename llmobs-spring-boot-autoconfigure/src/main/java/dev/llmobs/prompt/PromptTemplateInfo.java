package dev.llmobs.prompt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prompt template in use: its id, its declared version, its text and the variables
 * filled in. The hash of the text is computed once, so an edit made without a version
 * bump still shows.
 *
 * @param id the template id (written as {@code gen_ai.prompt.name})
 * @param version the declared version
 * @param template the template text, or empty when not given
 * @param variables the variables, possibly empty
 * @param hash {@code sha256:} and the hex SHA-256 of the text, or {@code null} without
 * text
 */
public record PromptTemplateInfo(String id, String version, String template, Map<String, Object> variables,
		String hash) {

	/**
	 * Describes a template.
	 * @param id the template id
	 * @param version the declared version
	 * @param template the template text, or {@code null}
	 * @param variables the variables, or {@code null}
	 * @return the description
	 */
	public static PromptTemplateInfo of(String id, String version, String template, Map<String, ?> variables) {
		String text = (template != null) ? template : "";
		Map<String, Object> copy = (variables != null)
				? java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variables)) : Map.of();
		return new PromptTemplateInfo((id != null) ? id : "", (version != null) ? version : "", text, copy,
				text.isEmpty() ? null : hash(text));
	}

	private static String hash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return "sha256:" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

}
