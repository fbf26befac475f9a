/**
 * How cell values are shown: renderers registered with the basekernel's {@code Renderer}, such as XChart charts
 * as {@code image/png}.
 */
package dev.msgtrans.kernel.display;
