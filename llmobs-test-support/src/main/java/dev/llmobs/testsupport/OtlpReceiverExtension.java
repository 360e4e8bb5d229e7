package dev.llmobs.testsupport;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * The JUnit extension behind {@link OtlpReceiverTest}: starts the class's receiver,
 * injects it, clears it before each test and stops it after the class.
 */
public final class OtlpReceiverExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
		TestInstancePostProcessor, ParameterResolver {

	@Override
	public void beforeAll(ExtensionContext context) throws IllegalAccessException {
		Class<?> testClass = context.getRequiredTestClass();
		OtlpTestReceiver receiver = OtlpReceivers.obtain(owner(testClass));
		inject(testClass, null, receiver);
	}

	@Override
	public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws IllegalAccessException {
		Class<?> testClass = testInstance.getClass();
		inject(testClass, testInstance, OtlpReceivers.obtain(owner(testClass)));
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		Class<?> owner = owner(context.getRequiredTestClass());
		if (owner.getAnnotation(OtlpReceiverTest.class).clearBeforeEach()) {
			OtlpTestReceiver receiver = OtlpReceivers.obtain(owner);
			receiver.mode(OtlpTestReceiver.Mode.ACCEPT);
			receiver.clear();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		Class<?> testClass = context.getRequiredTestClass();
		if (owner(testClass) == testClass) {
			OtlpReceivers.stop(testClass);
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == OtlpTestReceiver.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return OtlpReceivers.obtain(owner(extensionContext.getRequiredTestClass()));
	}

	private static Class<?> owner(Class<?> testClass) {
		Class<?> owner = OtlpReceivers.ownerOf(testClass);
		if (owner == null) {
			throw new ExtensionConfigurationException(
					"OtlpReceiverExtension needs @OtlpReceiverTest on " + testClass.getName());
		}
		return owner;
	}

	private static void inject(Class<?> testClass, Object instance, OtlpTestReceiver receiver)
			throws IllegalAccessException {
		for (Class<?> type = testClass; type != null && type != Object.class; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				boolean isStatic = Modifier.isStatic(field.getModifiers());
				if (field.getType() == OtlpTestReceiver.class && !Modifier.isFinal(field.getModifiers())
						&& isStatic == (instance == null)) {
					field.setAccessible(true);
					field.set(isStatic ? null : instance, receiver);
				}
			}
		}
	}

}
