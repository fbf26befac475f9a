package dev.msgtrans.testkit.components;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated test method once per real variant on the class path, with the variant's alias as its one
 * {@code String} argument:
 *
 * <pre>
 * &#64;EachRealVariant
 * void noLostWrite(String alias) {
 *     SessionRegistryConformance.noLostWrite(Variants.get(alias), StressLoad.DEFAULT);
 * }
 * </pre>
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@MethodSource("dev.msgtrans.testkit.components.ConformanceSuite#realAliases")
public @interface EachRealVariant {
}
