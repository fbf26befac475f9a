/**
 * Phase 3.3 from the application's side: the slow-peer settings of the outbound queues, and the writer/I-O-thread
 * protocol of {@link dev.msgtrans.core.spi.OutboundQueue} for services that run an I/O loop of their own.
 */
package dev.msgtrans.guide.outbound;
