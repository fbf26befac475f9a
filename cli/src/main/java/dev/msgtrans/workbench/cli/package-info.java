/**
 * The {@code workbench} command line (picocli): {@code run}, {@code list}, {@code merge} and {@code check-results}.
 * Commands parse options, locate the repository and the harness jar, and delegate to the matrix and run packages.
 */
package dev.msgtrans.workbench.cli;
