/**
 * The {@code broken} control variant: NEVER USE IN PRODUCTION. Every component is deliberately unsynchronized and
 * keeps the original's bugs, so that the conformance suite, jcstress and lincheck can show they catch races; it is
 * correct single-threaded, so a failure it produces is a race, and builders refuse it unless allowControlVariants().
 */
package dev.msgtrans.testkit.broken;
