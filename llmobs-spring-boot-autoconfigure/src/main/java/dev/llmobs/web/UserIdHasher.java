package dev.llmobs.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces user ids with {@code sha256:<hex>} of an HMAC-SHA256 keyed by a salt, so
 * traces can still be grouped by user without naming them.
 */
public final class UserIdHasher {

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	/**
	 * Creates a hasher.
	 * @param salt the secret salt
	 */
	public UserIdHasher(String salt) {
		if (salt == null || salt.isEmpty()) {
			throw new IllegalStateException(
					"llmobs.web.user-id-salt must be set (a secret) when llmobs.web.hash-user-ids=true");
		}
		this.key = new SecretKeySpec(salt.getBytes(StandardCharsets.UTF_8), ALGORITHM);
	}

	/**
	 * Hashes a user id.
	 * @param userId the id
	 * @return {@code sha256:} and the hex HMAC
	 */
	public String hash(String userId) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return "sha256:" + HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required of every Java platform", ex);
		}
	}

}
