/**
 * Test-side helpers shared by the jcstress properties: the variant aliases every property is bound to, a
 * caller-runs {@link dev.msgtrans.core.spi.Dispatch} that puts the actors' own threads into the race, and small
 * value types whose unsafe publication a test can detect.
 */
package dev.msgtrans.stress.support;
