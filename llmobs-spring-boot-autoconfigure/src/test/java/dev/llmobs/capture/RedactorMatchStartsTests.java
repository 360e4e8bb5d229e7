package dev.llmobs.capture;

import java.util.EnumSet;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in detectors try their patterns only at candidate starts; this checks, on
 * texts built to be full of near-misses, that they redact exactly what searching every
 * index does.
 */
class RedactorMatchStartsTests {

	private static final String[] FRAGMENTS = { " ", "  ", "-", ".", ":", "=", "\"", "'", "(", ")", "+", ",", "_", "0",
			"4111", " 1111", "-1111", "4111 1111 1111 1111", "378282246310005", "202", "555-0147", "(202) 555-0147",
			"+44 20 7946 0958", "+1-202-555-0147", "192.168.1.20", "999.1.1.1", "fe80::1ff:fe23:4567:890a",
			"2001:0db8:85a3:0000:0000:8a2e:0370:7334", "jane.doe@example.com", "a@b", "@", "sk-",
			"sk-abcdefghijklmnopqrstuvwx", "AKIAIOSFODNN7EXAMPLE", "ASIA",
			"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.SflKxwRJSMeKKF2QT4fwpM", "eyJ", "Bearer abcdefgh123", "bEaReR",
			"bearer ", "password", "PASSWORD=hunter22", "passwd: abcd", "api_key", "apiKey", "API-KEY: x1y2", "secret",
			"Secret=abcd1234", "access_token: abcdefgh", "accessToken", "token", "private_key",
			"\"password\":\"hunter2\"", "\"clientSecret\": \"a\\\"b\"", "\"refreshToken\":\"r1\"", "\"keywords\":\"k\"",
			"{\"user\":\"alice\",", "\"apiKey\" : \"abc\"}", "x", "word", "Where is my order?", "r\u00e9sum\u00e9",
			"\u4e2d", "ORDER-123456", "\\", "\\\"", "\\\"password\\\":\\\"hunter2\\\"",
			"\\\\\\\"apiKey\\\\\\\":\\\\\\\"k\\\\\\\"", "my password is ", "Tr0ub4dor&3", "the PIN is", " is ",
			"was changed to ", "pin: 4821", "passcode", "API key for staging is", "hunter2.", "pin code is 4821",
			"PIN-number: 99x1", "token for the wifi is Abc123", "key's ", "Passphrase =", "password\t:", "\n", "\t",
			"has been set to", "remains", "isn't", "Forgot password and", "4111-1111-1111-1111", "202.555.0147",
			"(202)555-0147", "10.0.0.1", "kb-02", "30 minutes", "password remains Zx9!", "token will be ",
			"key would be ", "passcode should be ", "pin has been ", "key had been ", "password updated to ",
			"token set to ", "API key reset to ", "password on the portal is ", "key at ", "key of ", "pincode",
			"PIN number " };

	private final Redactor redactor = Redactor.of(EnumSet.allOf(RedactionKind.class), List.of("ORDER-\\d{6}"));

	private final Redactor reference = this.redactor.searchingEveryIndex();

	@Test
	void candidateStartsRedactExactlyWhatSearchingEveryIndexDoes() {
		Random random = new Random(7);
		int changed = 0;
		for (int sample = 0; sample < 20_000; sample++) {
			StringBuilder text = new StringBuilder();
			int pieces = 1 + random.nextInt(12);
			for (int i = 0; i < pieces; i++) {
				text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
			}
			String expected = this.reference.redact(text, CaptureListener.NONE);
			assertThat(this.redactor.redact(text, CaptureListener.NONE)).as("redacting %s", text).isEqualTo(expected);
			if (!expected.contentEquals(text)) {
				changed++;
			}
		}
		// the texts must exercise the detectors, not only the prefilters
		assertThat(changed).isGreaterThan(10_000);
	}

}
