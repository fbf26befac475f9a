/**
 * jcstress properties of every component, each written once and bound to every variant, and
 * {@link dev.msgtrans.stress.StressRunner}, which runs them and turns jcstress's results into a verdict per
 * property and variant (the broken control must be caught). Each property class declares its {@code @Outcome}s and
 * {@code @Description} once; jcstress's annotations are {@code @Inherited}, so every nested variant subclass
 * ({@code Mutex}, {@code RwLock}, {@code LockFree}, {@code Cow}, {@code Broken}) is graded against them.
 */
package dev.msgtrans.stress;
