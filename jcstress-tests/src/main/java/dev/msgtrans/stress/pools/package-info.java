/**
 * Phase 3.1 properties of {@link dev.msgtrans.core.spi.ConnectionPool} (one owner per connection, double release
 * refused, {@code available + inUse == total}) and {@link dev.msgtrans.core.spi.BufferPool} (cache never above its
 * cap, no buffer handed out twice), bound to every variant.
 */
package dev.msgtrans.stress.pools;
