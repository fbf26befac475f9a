/**
 * The component SPI: one interface per piece of shared mutable state in the transport (each a migration phase),
 * each with its threading contract, and {@link dev.msgtrans.core.spi.Variant}, the named factory of them that
 * variants register through {@link java.util.ServiceLoader}.
 */
package dev.msgtrans.core.spi;
