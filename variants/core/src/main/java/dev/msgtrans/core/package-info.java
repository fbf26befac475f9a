/**
 * The one interface of the transport: {@link dev.msgtrans.core.Transport} builds a
 * {@link dev.msgtrans.core.TransportServer} or {@link dev.msgtrans.core.TransportClient} over TCP or in memory,
 * from any variant; packets follow the msgtrans 1.0 wire format.
 */
package dev.msgtrans.core;
