/**
 * Cell execution: a cell is split into JShell snippets and run by an in-process execution engine on one worker
 * thread, so results stay real objects (charts render as images), stdout and stderr are captured per cell, and an
 * interrupt stops the running snippet without stopping the kernel.
 */
package dev.msgtrans.kernel.exec;
