/**
 * Phase 2 properties of {@link dev.msgtrans.core.spi.Mailbox} (two producers: nothing lost or duplicated, each
 * producer's order kept) and {@link dev.msgtrans.core.spi.ActorSystem} (one actor never runs two messages at once),
 * bound to every variant.
 */
package dev.msgtrans.stress.actors;
