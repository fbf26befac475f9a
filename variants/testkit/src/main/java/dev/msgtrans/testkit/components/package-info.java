/**
 * The component conformance suite: each SPI component's contract from one thread, plus concurrent checks with
 * invariants (conservation, exactly-once, one owner, caps), written once as static checks over a
 * {@link dev.msgtrans.core.spi.Variant}. Bound with one JUnit 5 parameterised test per check over
 * {@link dev.msgtrans.core.spi.Variants#realAliases()} ({@link dev.msgtrans.testkit.components.EachRealVariant}; pool
 * checks also over both reuse orders, {@link dev.msgtrans.testkit.components.EachRealVariantAndReuse})
 * rather than an abstract class with a subclass per variant: a new variant joins every check by being on the test
 * class path (one dependency line in the testkit pom), with no class to write.
 */
package dev.msgtrans.testkit.components;
