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

	private final Map<RedactionKind, Integer> counts = new EnumMap<>(RedactionKind.class);

	private final CaptureListener listener = new CaptureListener() {
		@Override
		public void redacted(RedactionKind kind, int count) {
			RedactorTests.this.counts.merge(kind, count, Integer::sum);
		}
	};

	private final Redactor all = Redactor.of(EnumSet.allOf(RedactionKind.class), List.of("ORDER-\\d{6}"));

	private String redact(String text) {
		return this.all.redact(text, this.listener);
	}

	@ParameterizedTest
	@ValueSource(strings = { "sk-proj-abcdefghijklmnopqrstuvwxyz012345", "sk-abcdefghijklmnopqrstuvwx",
			"AKIAIOSFODNN7EXAMPLE", "Bearer abcdef123456.ghijkl",
			"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.SflKxwRJSMeKKF2QT4fwpM", "password=hunter22",
			"api_key: 0123abcd" })
	void secretsAreRedacted(String secret) {
		assertThat(redact("use " + secret + " now")).isEqualTo("use [REDACTED:secret] now");
		assertThat(this.counts).containsEntry(RedactionKind.SECRETS, 1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "sk-short", "the skeleton key", "AKIA1234", "bearer of good news" })
	void secretLookalikesAreKept(String text) {
		assertThat(redact(text)).isEqualTo(text);
	}

	@ParameterizedTest
	@ValueSource(strings = { "4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "378282246310005" })
	void luhnValidCardNumbersAreRedacted(String card) {
		assertThat(redact("card " + card + ".")).isEqualTo("card [REDACTED:credit-card].");
		assertThat(this.counts).containsEntry(RedactionKind.CREDIT_CARDS, 1);
	}

	@Test
	void luhnInvalidSixteenDigitNumberIsKept() {
		assertThat(redact("ref 4111111111111112")).isEqualTo("ref 4111111111111112");
		assertThat(this.counts).doesNotContainKey(RedactionKind.CREDIT_CARDS);
	}

	@Test
	void emailsAreRedacted() {
		assertThat(redact("mail jane.doe+support@example.co.uk today")).isEqualTo("mail [REDACTED:email] today");
		assertThat(redact("not an email: user@localhost")).isEqualTo("not an email: user@localhost");
	}

	@ParameterizedTest
	@ValueSource(strings = { "+44 20 7946 0958", "(202) 555-0147", "202-555-0147", "+1-202-555-0147" })
	void phoneNumbersAreRedacted(String phone) {
		assertThat(redact("call " + phone + " please")).isEqualTo("call [REDACTED:phone] please");
	}

	@ParameterizedTest
	@ValueSource(strings = { "in 2024 we shipped", "order 12345 is late", "version 1.2.3" })
	void yearsOrderNumbersAndVersionsAreNotPhones(String text) {
		assertThat(redact(text)).isEqualTo(text);
	}

	@Test
	void ipAddressesAreRedacted() {
		assertThat(redact("from 192.168.1.20 and 2001:0db8:85a3:0000:0000:8a2e:0370:7334"))
			.isEqualTo("from [REDACTED:ip-address] and [REDACTED:ip-address]");
		assertThat(redact("999.1.1.1")).isEqualTo("999.1.1.1");
		assertThat(this.counts).containsEntry(RedactionKind.IP_ADDRESSES, 2);
	}

	@Test
	void customPatternsAreRedacted() {
		assertThat(redact("about ORDER-123456")).isEqualTo("about [REDACTED:custom]");
		assertThat(this.counts).containsEntry(RedactionKind.CUSTOM, 1);
	}

	@Test
	void onlyChosenDetectorsRun() {
		Redactor cardsOnly = Redactor.of(Set.of(RedactionKind.CREDIT_CARDS), List.of());
		assertThat(cardsOnly.redact("jane@example.com 4111 1111 1111 1111", CaptureListener.NONE))
			.isEqualTo("jane@example.com [REDACTED:credit-card]");
		assertThat(Redactor.none().redact("sk-abcdefghijklmnopqrstuvwx", CaptureListener.NONE))
			.isEqualTo("sk-abcdefghijklmnopqrstuvwx");
	}

	@Test
	void kindsParseFromConfigurationNames() {
		assertThat(RedactionKind.fromName("credit-cards")).isEqualTo(RedactionKind.CREDIT_CARDS);
		assertThat(RedactionKind.fromName("IP_ADDRESSES")).isEqualTo(RedactionKind.IP_ADDRESSES);
		assertThatIllegalArgumentException().isThrownBy(() -> RedactionKind.fromName("passports"))
			.withMessageContaining("passports");
	}

}
