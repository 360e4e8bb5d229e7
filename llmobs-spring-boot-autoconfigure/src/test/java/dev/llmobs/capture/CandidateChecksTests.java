package dev.llmobs.capture;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CandidateChecksTests {

	@Test
	void everyWayTheProsePatternContinuesAfterANameIsKept() {
		for (String name : List.of("password", "Passwd", "PASSCODE", "passphrase", "pin", "PIN", "pincode", "key",
				"token")) {
			for (String next : List.of(" for the portal is Ab12", " to the wifi is Ab12", " on x is Ab12",
					" of x is Ab12", " at x is Ab12", " is Ab12", " was Ab12", " will be Ab12", " would be Ab12",
					" should be Ab12", " has been Ab12", " had been Ab12", " remains Ab12", " changed to Ab12",
					" set to Ab12", " reset to Ab12", " updated to Ab12", "'s Ab12", ": Ab12", "=Ab12", " \t= Ab12",
					"\n:Ab12")) {
				String text = "x " + name + next;
				assertThat(CandidateChecks.proseSecret(text, 2)).as(text).isTrue();
			}
		}
	}

	@Test
	void proseThatCannotStateASecretIsSkipped() {
		for (String text : List.of("Forgot password and enter", "password.", "passwords are", "keyboard is",
				"token\\nis Ab12", "key isn't Ab12", "passport is X1", "token")) {
			assertThat(CandidateChecks.proseSecret(text, text.indexOf(text.startsWith("Forgot") ? "password" : text)))
				.as(text)
				.isFalse();
		}
	}

	@Test
	void assignmentsNeedAColonOrEqualsAfterTheName() {
		assertThat(CandidateChecks.assignment("api_key = x", 0)).isTrue();
		assertThat(CandidateChecks.assignment("access-token:\tx", 0)).isTrue();
		assertThat(CandidateChecks.assignment("password reset link", 0)).isFalse();
		assertThat(CandidateChecks.assignment("secret", 0)).isFalse();
	}

	@Test
	void cardNumbersNeedThirteenDigitsWithSingleSeparators() {
		assertThat(CandidateChecks.cardDigits("4111 1111 1111 1111", 0)).isTrue();
		assertThat(CandidateChecks.cardDigits("4111-1111-1111-1", 0)).isTrue();
		assertThat(CandidateChecks.cardDigits("411111111111", 0)).isFalse();
		assertThat(CandidateChecks.cardDigits("4111  1111 1111 1111", 0)).isFalse();
		assertThat(CandidateChecks.cardDigits("30 minutes", 0)).isFalse();
	}

	@Test
	void phonesAndAddressesNeedTheirDigitsClose() {
		assertThat(CandidateChecks.tenDigitsWithin14("(202) 555-0147", 0)).isTrue();
		assertThat(CandidateChecks.tenDigitsWithin14("202-555-0147", 0)).isTrue();
		assertThat(CandidateChecks.tenDigitsWithin14("(202) 555 - 0147", 0)).isFalse();
		assertThat(CandidateChecks.ipv4Within15("255.255.255.255", 0)).isTrue();
		assertThat(CandidateChecks.ipv4Within15("1.2.3", 0)).isFalse();
	}

}
