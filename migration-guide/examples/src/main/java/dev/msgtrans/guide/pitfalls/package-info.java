/**
 * Pitfalls met while building the lock-free variant, each shown with the fix the variant uses: JCTools rounding
 * bounded queue capacities up to a power of two, and (in the tests) {@code NonBlockingHashMapLong.remove(long, Object)}
 * misreporting its result and {@code SubmissionPublisher.offer} taking a monitor on JDK 17.
 */
package dev.msgtrans.guide.pitfalls;
