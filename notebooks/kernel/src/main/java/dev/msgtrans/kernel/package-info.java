/**
 * An IJava-style Jupyter kernel for Java cells, built on jupyter-jvm-basekernel and {@code jdk.jshell}: the
 * launcher ({@link dev.msgtrans.kernel.KernelMain}) and the kernel that ties cell evaluation, magics and rendering
 * to the Jupyter protocol ({@link dev.msgtrans.kernel.JShellKernel}).
 */
package dev.msgtrans.kernel;
