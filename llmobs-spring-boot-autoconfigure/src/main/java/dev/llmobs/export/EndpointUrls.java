package dev.llmobs.export;

/**
 * Export endpoint URLs as they may be shown in logs, health details and the actuator
 * endpoint.
 */
public final class EndpointUrls {

	private EndpointUrls() {
	}

	/**
	 * The URL without user info (credentials) and without its query (which may carry a
	 * key).
	 * @param url the URL
	 * @return the URL safe to show
	 */
	public static String withoutCredentials(String url) {
		return url.replaceAll("//[^/@]+@", "//").replaceAll("\\?.*$", "");
	}

}
