package dev.llmobs.capture;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImmutableValuesTests {

	@Test
	void stringsNumbersAndTimesAreDeeplyImmutable() {
		for (Class<?> type : List.of(String.class, Integer.class, Long.class, Double.class, Boolean.class,
				BigDecimal.class, UUID.class, Instant.class)) {
			assertThat(ImmutableValues.isDeeplyImmutable(type)).as(type.getName()).isTrue();
		}
	}

	@Test
	void recordsOfImmutableComponentsAtAnyDepthAreDeeplyImmutable() {
		assertThat(ImmutableValues.isDeeplyImmutable(Usage.class)).isTrue();
		assertThat(ImmutableValues.isDeeplyImmutable(Reply.class)).isTrue();
	}

	@Test
	void recordsHoldingSomethingThatCanChangeAreNot() {
		assertThat(ImmutableValues.isDeeplyImmutable(WithList.class)).isFalse();
		assertThat(ImmutableValues.isDeeplyImmutable(WithObject.class)).isFalse();
		assertThat(ImmutableValues.isDeeplyImmutable(WithArray.class)).isFalse();
		assertThat(ImmutableValues.isDeeplyImmutable(WithMutableRecord.class)).isFalse();
		// BigDecimal is not final: a component of that type may hold a subclass
		assertThat(ImmutableValues.isDeeplyImmutable(WithBigDecimal.class)).isFalse();
	}

	@Test
	void classesListsAndBuildersAreNot() {
		for (Class<?> type : List.of(ArrayList.class, StringBuilder.class, Object.class, Plain.class)) {
			assertThat(ImmutableValues.isDeeplyImmutable(type)).as(type.getName()).isFalse();
		}
	}

	@Test
	void enumsAreImmutableUnlessAFieldCanChange() {
		assertThat(ImmutableValues.isDeeplyImmutable(Role.class)).isTrue();
		assertThat(ImmutableValues.isDeeplyImmutable(Counter.class)).isFalse();
	}

	@Test
	void aRecordThatContainsItselfIsNot() {
		assertThat(ImmutableValues.isDeeplyImmutable(Node.class)).isFalse();
	}

	record Usage(long input, long output) {
	}

	record Reply(String text, Role role, Usage usage) {
	}

	record WithList(List<String> items) {
	}

	record WithObject(Object value) {
	}

	record WithArray(String[] values) {
	}

	record WithMutableRecord(WithList inner) {
	}

	record WithBigDecimal(BigDecimal amount) {
	}

	record Node(String name, Node next) {
	}

	static final class Plain {

		String text;

	}

	enum Role {

		USER, ASSISTANT

	}

	enum Counter {

		ONLY;

		int count;

	}

}
