package dev.llmobs.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts one {@link OtlpTestReceiver} for the annotated test class, points the
 * application under test at it and hands it to the test.
 * <p>
 * The receiver starts before the class's first test (or when Spring loads the test's
 * application context, whichever comes first), is cleared and set back to
 * {@link OtlpTestReceiver.Mode#ACCEPT} before each test, and stops after the class's last
 * test. It is injected into fields of type {@link OtlpTestReceiver} (static or not) and
 * into parameters of that type of test methods, constructors and lifecycle methods.
 * <p>
 * In a {@code @SpringBootTest}, the application context gets the properties of
 * {@link OtlpReceiverProperties#of(OtlpTestReceiver, OtlpReceiverTest)}: the OTLP trace
 * and log endpoints, short export intervals and, when {@link #metrics()} is set, the OTLP
 * metrics URL. Properties the test declares itself (in {@code @SpringBootTest(properties
 * = ...)} or {@code @TestPropertySource}) win. Each annotated class gets its own
 * application context, so Spring's context cache never hands a later class a context that
 * exports to a receiver that has stopped. Add {@code @AutoConfigureTracing} as well:
 * without it, Boot's test support exports nothing.
 * <p>
 * In a plain test, take the receiver as a parameter and pass
 * {@link OtlpReceiverProperties#asArguments(OtlpTestReceiver)} to the application you
 * start.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(OtlpReceiverExtension.class)
public @interface OtlpReceiverTest {

	/**
	 * The base path the receiver serves its OTLP paths under, empty or starting with
	 * {@code /} (e.g. {@code /api/public/otel}).
	 * @return the base path
	 */
	String basePath() default "";

	/**
	 * How long the application waits before exporting a batch of spans or log records.
	 * Short, so that tests poll for a short while instead of sleeping.
	 * @return the schedule delay, in Spring's duration format
	 */
	String scheduleDelay() default "50ms";

	/**
	 * Whether the application also pushes its metrics to the receiver, every second.
	 * @return whether metrics are exported to the receiver
	 */
	boolean metrics() default false;

	/**
	 * Whether the receiver forgets what it received, and goes back to accepting, before
	 * each test.
	 * @return whether the receiver is cleared before each test
	 */
	boolean clearBeforeEach() default true;

}
