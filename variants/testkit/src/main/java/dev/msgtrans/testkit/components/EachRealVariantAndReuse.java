package dev.msgtrans.testkit.components;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated test method once per real variant on the class path and connection reuse order, with the
 * variant's alias and the {@link dev.msgtrans.core.spi.ConnectionPool.Reuse} as its two arguments:
 *
 * <pre>
 * &#64;EachRealVariantAndReuse
 * void reuseOrder(String alias, ConnectionPool.Reuse reuse) throws Exception {
 *     ConnectionPoolConformance.reuseOrder(Variants.get(alias), reuse);
 * }
 * </pre>
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}, {1}")
@MethodSource("dev.msgtrans.testkit.components.ConformanceSuite#realAliasesAndReuseOrders")
public @interface EachRealVariantAndReuse {
}
