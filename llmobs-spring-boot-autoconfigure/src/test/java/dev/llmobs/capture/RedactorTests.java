package dev.llmobs.capture;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RedactorTests {

	private final RecordingListener listener = new RecordingListener();

	private final Redactor all = Redactor.of(EnumSet.allOf(RedactionKind.class), List.of("ORDER-\\d{6}"));

	private String redact(String text) {
		return this.all.redact(text, this.listener);
	}

	@ParameterizedTest
	@ValueSource(strings = { "sk-proj-abcdefghijklmnopqrstuvwxyz012345", "sk-abcdefghijklmnopqrstuvwx",
			"AKIAIOSFODNN7EXAMPLE", "Bearer abcdef123456.ghijkl",
			"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.SflKxwRJSMeKKF2QT4fwpM", "password=hunter22",
			"api_key: 0123abcd" })
	void secretsAreReplacedBySecretMarker(String secret) {
		assertThat(redact("use " + secret + " now")).isEqualTo("use [REDACTED:secret] now");
		assertThat(this.listener.counts).containsExactlyEntriesOf(Map.of(RedactionKind.SECRETS, 1));
	}

	@Test
	void projectScopedOpenAiKeyIsRedactedWhole() {
		assertThat(redact("OPENAI_API_KEY sk-proj-AbC_123-xyz789QRSTuvwxYZ0011 end"))
			.isEqualTo("OPENAI_API_KEY [REDACTED:secret] end");
	}

	@ParameterizedTest
	@ValueSource(strings = { "sk-short", "task-abcdefghijklmnopqrstuvwxyz", "the skeleton key" })
	void skLookalikesAreKept(String text) {
		assertThat(redact(text)).isEqualTo(text);
		assertThat(this.listener.counts).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "AKIA1234", "AKIAIOSFODNN7EXAMPL", "akiaiosfodnn7example" })
	void awsKeyLookalikesAreKept(String text) {
		assertThat(redact(text)).isEqualTo(text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "bearer of good news", "Bearer short" })
	void bearerWithoutALongTokenIsKept(String text) {
		assertThat(redact(text)).isEqualTo(text);
	}

	@Test
	void bearerTokenIsRedactedCaseInsensitively() {
		assertThat(redact("Authorization: bearer abc.DEF-123_456")).isEqualTo("Authorization: [REDACTED:secret]");
	}

	@Test
	void jwtWithOnlyTwoSegmentsIsKept() {
		String text = "header eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0 only";
		assertThat(redact(text)).isEqualTo(text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "forgot my password yesterday", "password: abc", "secret sauce" })
	void secretWordsWithoutAnAssignedValueAreKept(String text) {
		assertThat(redact(text)).isEqualTo(text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "PASSWORD=hunter22", "Access_Token: abcdefgh", "SeCrEt=abcd1234", "API-KEY: abcd",
			"passwd=xyzw1234", "BEARER abcdefgh123", "bEaReR abcdefgh123" })
	void secretNamesAreFoundInAnyCase(String secret) {
		assertThat(redact(secret)).isEqualTo("[REDACTED:secret]");
		assertThat(redact("x " + secret)).isEqualTo("x [REDACTED:secret]");
	}

	@ParameterizedTest
	@ValueSource(strings = { "password", "apiKey", "api_key", "clientSecret", "refreshToken", "DB_PASSWORD",
			"private-key", "passwd" })
	void jsonFieldsNamedLikeSecretsKeepTheirNameAndLoseTheirValue(String name) {
		String json = "{\"user\":\"alice\",\"" + name + "\": \"hunter2 \\\"quoted\\\" more\",\"n\":1}";
		assertThat(redact(json)).isEqualTo("{\"user\":\"alice\",\"" + name + "\": \"[REDACTED:secret]\",\"n\":1}");
		assertThat(this.listener.counts).containsExactlyEntriesOf(Map.of(RedactionKind.SECRETS, 1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"keywords\":\"refund\"}", "{\"maxTokens\":\"100\"}", "{\"password\":\"\"}",
			"{\"passwordHint\":\"first pet\"}", "{\"secretary\":\"Ann\"}" })
	void jsonFieldsNotNamedLikeSecretsOrWithoutAValueAreKept(String json) {
		assertThat(redact(json)).isEqualTo(json);
	}

	@Test
	void secretFieldOfJsonHeldInASerializedStringIsRedacted() {
		String json = "{\"question\":\"Sign in fails with {\\\"user\\\":\\\"bob\\\",\\\"password\\\":\\\"hunter2\\\"}\"}";
		assertThat(redact(json)).isEqualTo(
				"{\"question\":\"Sign in fails with {\\\"user\\\":\\\"bob\\\",\\\"password\\\":\\\"[REDACTED:secret]\\\"}\"}");
	}

	@Test
	void secretFieldIsRedactedAtEveryDepthOfSerializationKeepingTheJsonValid() {
		tools.jackson.databind.json.JsonMapper mapper = tools.jackson.databind.json.JsonMapper.builder().build();
		String text = "Sign in fails with {\"user\":\"bob\",\"password\":\"hun\\\"ter2\\\\\",\"n\":1}";
		for (int depth = 0; depth < 4; depth++) {
			String redacted = redact(text);
			assertThat(redacted).as("depth %d", depth).doesNotContain("hun").doesNotContain("ter2").contains("bob");
			assertThat(redacted).contains("[REDACTED:secret]");
			// still valid JSON at this depth: parse back down to the innermost text
			String inner = redacted;
			for (int level = 0; level < depth; level++) {
				inner = mapper.readValue(inner, String.class);
			}
			assertThat(mapper.readTree(inner.substring(inner.indexOf('{'))).get("password").asString())
				.isEqualTo("[REDACTED:secret]");
			assertThat(mapper.readTree(inner.substring(inner.indexOf('{'))).get("n").asInt()).isEqualTo(1);
			text = mapper.writeValueAsString(text);
		}
	}

	@Test
	void assignmentInsideSerializedJsonStopsAtTheEscapedQuote() {
		assertThat(redact("{\"q\":\"use password=\\\"hunter22\\\" please\"}"))
			.isEqualTo("{\"q\":\"use [REDACTED:secret]\\\" please\"}");
		assertThat(redact("{\"q\":\"set PASSWORD=hunter22\"}")).isEqualTo("{\"q\":\"set [REDACTED:secret]\"}");
	}

	@Test
	void visaTestNumberWithSpacesIsRedacted() {
		assertThat(redact("card 4111 1111 1111 1111.")).isEqualTo("card [REDACTED:credit-card].");
		assertThat(this.listener.counts).containsExactlyEntriesOf(Map.of(RedactionKind.CREDIT_CARDS, 1));
	}

	@Test
	void visaTestNumberWithDashesIsRedacted() {
		assertThat(redact("card 4111-1111-1111-1111.")).isEqualTo("card [REDACTED:credit-card].");
		assertThat(this.listener.counts).containsExactlyEntriesOf(Map.of(RedactionKind.CREDIT_CARDS, 1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "4111111111111111", "378282246310005" })
	void luhnValidCardNumbersWithoutSeparatorsAreRedacted(String card) {
		assertThat(redact("card " + card)).isEqualTo("card [REDACTED:credit-card]");
	}

	@Test
	void luhnInvalidSixteenDigitNumberIsKept() {
		assertThat(redact("ref 4111111111111112")).isEqualTo("ref 4111111111111112");
		assertThat(redact("ref 4111 1111 1111 1112")).isEqualTo("ref 4111 1111 1111 1112");
		assertThat(this.listener.counts).doesNotContainKey(RedactionKind.CREDIT_CARDS);
	}

	@Test
	void luhnCheckAcceptsValidAndRejectsInvalidOrShortNumbers() {
		assertThat(Redactor.passesLuhn("4111 1111 1111 1111")).isTrue();
		assertThat(Redactor.passesLuhn("4111111111111112")).isFalse();
		assertThat(Redactor.passesLuhn("0000")).isFalse();
	}

	@Test
	void emailAddressIsRedacted() {
		assertThat(redact("mail jane.doe+support@example.co.uk today")).isEqualTo("mail [REDACTED:email] today");
		assertThat(this.listener.counts).containsExactlyEntriesOf(Map.of(RedactionKind.EMAILS, 1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "not an email: user@localhost", "ping @channel now", "a@b" })
	void textWithAtSignButNoDomainIsKept(String text) {
		assertThat(redact(text)).isEqualTo(text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "+44 20 7946 0958", "(202) 555-0147", "202-555-0147", "+1-202-555-0147" })
	void phoneNumbersAreRedacted(String phone) {
		assertThat(redact("call " + phone + " please")).isEqualTo("call [REDACTED:phone] please");
		assertThat(this.listener.counts).containsExactlyEntriesOf(Map.of(RedactionKind.PHONES, 1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "in 2024 we shipped", "order 12345 is late", "version 1.2.3" })
	void yearsOrderNumbersAndVersionsAreNotPhones(String text) {
		assertThat(redact(text)).isEqualTo(text);
		assertThat(this.listener.counts).isEmpty();
	}

	@Test
	void ipv4AddressIsRedacted() {
		assertThat(redact("from 192.168.1.20 today")).isEqualTo("from [REDACTED:ip-address] today");
		assertThat(this.listener.counts).containsExactlyEntriesOf(Map.of(RedactionKind.IP_ADDRESSES, 1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "999.1.1.1", "1.2.3", "192.168.1.20.5" })
	void outOfRangeOrMalformedIpv4IsKept(String text) {
		assertThat(redact(text)).isEqualTo(text);
	}

	@Test
	void fullFormIpv6AddressIsRedacted() {
		assertThat(redact("to 2001:0db8:85a3:0000:0000:8a2e:0370:7334 now")).isEqualTo("to [REDACTED:ip-address] now");
	}

	@Test
	void compressedIpv6AddressIsRedacted() {
		assertThat(redact("to fe80::1ff:fe23:4567:890a now")).isEqualTo("to [REDACTED:ip-address] now");
	}

	@Test
	void clockTimeIsNotAnIpv6Address() {
		assertThat(redact("meet at 12:30:45 today")).isEqualTo("meet at 12:30:45 today");
	}

	@Test
	void customPatternMatchIsRedacted() {
		assertThat(redact("about ORDER-123456")).isEqualTo("about [REDACTED:custom]");
		assertThat(this.listener.counts).containsExactlyEntriesOf(Map.of(RedactionKind.CUSTOM, 1));
	}

	@Test
	void textNotMatchingCustomPatternIsKept() {
		assertThat(redact("about ORDER-12")).isEqualTo("about ORDER-12");
		assertThat(this.listener.counts).isEmpty();
	}

	@Test
	void listenerReceivesOneCountPerKind() {
		String text = "mail a@example.com and b@example.org, card 4111-1111-1111-1111, key sk-abcdefghijklmnopqrstuvwx";
		assertThat(redact(text)).isEqualTo(
				"mail [REDACTED:email] and [REDACTED:email], card [REDACTED:credit-card], key [REDACTED:secret]");
		assertThat(this.listener.counts).containsExactlyInAnyOrderEntriesOf(
				Map.of(RedactionKind.EMAILS, 2, RedactionKind.CREDIT_CARDS, 1, RedactionKind.SECRETS, 1));
		assertThat(this.listener.calls).isEqualTo(3);
	}

	@Test
	void matchesOfDifferentSecretShapesAreReportedInOneCallForTheKind() {
		String text = "key sk-abcdefghijklmnopqrstuvwx, token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.SflKxwRJSMeKKF2QT4fwpM"
				+ ", aws AKIAIOSFODNN7EXAMPLE";
		assertThat(redact(text)).isEqualTo("key [REDACTED:secret], token [REDACTED:secret], aws [REDACTED:secret]");
		assertThat(this.listener.counts).containsExactlyEntriesOf(Map.of(RedactionKind.SECRETS, 3));
		assertThat(this.listener.calls).isEqualTo(1);
	}

	@Test
	void listenerIsNotToldAboutDetectorsThatFoundNothing() {
		redact("nothing sensitive here");
		assertThat(this.listener.calls).isZero();
	}

	@Test
	void onlyChosenDetectorsRun() {
		Redactor cardsOnly = Redactor.of(Set.of(RedactionKind.CREDIT_CARDS), List.of());
		assertThat(cardsOnly.redact("jane@example.com 4111 1111 1111 1111", CaptureListener.NONE))
			.isEqualTo("jane@example.com [REDACTED:credit-card]");
	}

	@Test
	void noneRedactorChangesNothing() {
		assertThat(Redactor.none().redact("sk-abcdefghijklmnopqrstuvwx", this.listener))
			.isEqualTo("sk-abcdefghijklmnopqrstuvwx");
		assertThat(Redactor.of(Set.of(), List.of())).isSameAs(Redactor.none());
		assertThat(this.listener.calls).isZero();
	}

	@Test
	void kindsParseFromConfigurationNamesAndLabels() {
		assertThat(RedactionKind.fromName("credit-cards")).isEqualTo(RedactionKind.CREDIT_CARDS);
		assertThat(RedactionKind.fromName(" IP_ADDRESSES ")).isEqualTo(RedactionKind.IP_ADDRESSES);
		assertThat(RedactionKind.fromName("secret")).isEqualTo(RedactionKind.SECRETS);
	}

	@Test
	void unknownKindNameIsRejectedNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedactionKind.fromName("passports"))
			.withMessageContaining("'passports'");
	}

	@Test
	void markerLabelsAreSingularAndHyphenated() {
		assertThat(RedactionKind.SECRETS.label()).isEqualTo("secret");
		assertThat(RedactionKind.CREDIT_CARDS.label()).isEqualTo("credit-card");
		assertThat(RedactionKind.EMAILS.label()).isEqualTo("email");
		assertThat(RedactionKind.PHONES.label()).isEqualTo("phone");
		assertThat(RedactionKind.IP_ADDRESSES.label()).isEqualTo("ip-address");
		assertThat(RedactionKind.CUSTOM.label()).isEqualTo("custom");
	}

	static final class RecordingListener implements CaptureListener {

		final Map<RedactionKind, Integer> counts = new EnumMap<>(RedactionKind.class);

		int calls;

		@Override
		public void redacted(RedactionKind kind, int count) {
			this.calls++;
			this.counts.merge(kind, count, Integer::sum);
		}

	}

}
