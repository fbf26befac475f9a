/**
 * The migration guide's compiled code: every java block of {@code migration-guide/*.md} is a tagged region of a
 * source file under this package, so the guide cannot show code that does not build or pass its tests.
 */
package dev.msgtrans.guide;
