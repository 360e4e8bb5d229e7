package dev.llmobs.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ProseSecretsTests {

	private final Redactor secrets = Redactor.of(Set.of(RedactionKind.SECRETS), List.of());

	private final Redactor all = Redactor.of(EnumSet.allOf(RedactionKind.class), List.of());

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
							my password is Tr0ub4dor&3                              | my password is [REDACTED:secret]
							My password is hunter2.                                 | My password is [REDACTED:secret].
							the API key is AbCdEf123456                             | the API key is [REDACTED:secret]
							The API key for staging is Zx81-kk93-LLp0               | The API key for staging is [REDACTED:secret]
							my pin is 4821                                          | my pin is [REDACTED:secret]
							The PIN code is 009911, don't tell anyone               | The PIN code is [REDACTED:secret], don't tell anyone
							pin: 4821                                               | [REDACTED:secret]
							My passcode: 993311                                     | My [REDACTED:secret]
							the passcode is 993311                                  | the passcode is [REDACTED:secret]
							my new password will be Summer2024!                     | my new password will be [REDACTED:secret]!
							the password was changed to Welcome1                    | the password was changed to [REDACTED:secret]
							my password is now CorrectHorse                         | my password is now [REDACTED:secret]
							my password's Tr0ub4dor                                 | my password's [REDACTED:secret]
							password is: Qwerty123                                  | password is: [REDACTED:secret]
							The token is ghp_abcdEFGH1234                           | The token is [REDACTED:secret]
							the secret key is AbC/123+xyz=                          | the secret key is [REDACTED:secret]
							The password for my work account is Winter2025, thanks  | The password for my work account is [REDACTED:secret], thanks
							my password is 12345678                                 | my password is [REDACTED:secret]
							password: CorrectHorse9                                 | [REDACTED:secret]
							API key: k3y-AbCd-9911                                  | API key: [REDACTED:secret]
							my passphrase is Blue-Moon-77                           | my passphrase is [REDACTED:secret]
							the access token is at_9f8e7d6c                         | the access token is [REDACTED:secret]
					our auth token was changed to zX9-77kq                  | our auth token was changed to [REDACTED:secret]
					the license key is NMBS-4471-XQ                         | the license key is [REDACTED:secret]
							""")
	void secretsStatedInProseAreReplaced(String text, String redacted) {
		assertThat(this.secrets.redact(text, CaptureListener.NONE)).isEqualTo(redacted);
	}

	@Test
	void secretAssignedWithAnEqualsSignIsReplacedWhole() {
		assertThat(this.secrets.redact("set secret = s3cr3t-Value", CaptureListener.NONE))
			.isEqualTo("set [REDACTED:secret]");
	}

	@Test
	void quotedSecretsAreReplacedEvenWhenTheyAreWords() {
		assertThat(this.secrets.redact("my password is 'sunshine'", CaptureListener.NONE))
			.isEqualTo("my password is '[REDACTED:secret]'");
		assertThat(this.secrets.redact("the wifi password is \"CorrectHorseBatteryStaple\"", CaptureListener.NONE))
			.isEqualTo("the wifi password is \"[REDACTED:secret]\"");
	}

	@Test
	void proseSecretInsideSerializedJsonIsReplacedUpToTheEscapedQuote() {
		String json = "{\"question\":\"it says \\\"my password is Tr0ub4dor&3\\\" is wrong\"}";
		assertThat(this.secrets.redact(json, CaptureListener.NONE))
			.isEqualTo("{\"question\":\"it says \\\"my password is [REDACTED:secret]\\\" is wrong\"}");
	}

	@Test
	void secretAtTheEndOfAJsonStringKeepsTheClosingQuote() {
		String json = "{\"question\":\"my password is Tr0ub4dor&3\"}";
		assertThat(this.secrets.redact(json, CaptureListener.NONE))
			.isEqualTo("{\"question\":\"my password is [REDACTED:secret]\"}");
	}

	@Test
	void atLeastTwoHundredSupportSentencesThatMentionPasswordsWithoutGivingOneAreKept() throws IOException {
		List<String> sentences = supportSentences();
		assertThat(sentences).hasSizeGreaterThanOrEqualTo(200);
		for (String sentence : sentences) {
			assertThat(this.all.redact(sentence, CaptureListener.NONE)).as("redacting %s", sentence)
				.isEqualTo(sentence);
		}
	}

	@Test
	void supportSentencesStayUntouchedInsideJson() throws IOException {
		for (String sentence : supportSentences()) {
			String json = "{\"message\":\"" + sentence.replace("\"", "\\\"") + "\"}";
			assertThat(this.all.redact(json, CaptureListener.NONE)).as("redacting %s", json).isEqualTo(json);
		}
	}

	@Test
	void wordsThatOnlyLookLikeProseAreTellApartFromSecrets() {
		assertThat(ProseSecrets.looksLikeSecret("hunter2")).isTrue();
		assertThat(ProseSecrets.looksLikeSecret("CorrectHorse")).isTrue();
		assertThat(ProseSecrets.looksLikeSecret("p@ss")).isTrue();
		assertThat(ProseSecrets.looksLikeSecret("Expired")).isFalse();
		assertThat(ProseSecrets.looksLikeSecret("case-sensitive")).isFalse();
		assertThat(ProseSecrets.looksLikeSecret("WRONG")).isFalse();
	}

	static List<String> supportSentences() throws IOException {
		try (InputStream in = ProseSecretsTests.class
			.getResourceAsStream("/redaction/support-sentences-without-secrets.txt")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter((line) -> !line.isBlank() && !line.startsWith("#"))
				.toList();
		}
	}

}
