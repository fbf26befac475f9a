/**
 * Renders a run as a report a team can decide from: a Markdown index and one page per migration phase (plus the
 * channel shoot-out, end to end and the seed's claims), XChart charts as PNG and SVG, speed-ups with bootstrap
 * intervals, the jcstress verdicts beside the figures, and a recommendation generated from the data; every page also
 * as self-contained HTML rendered from the same blocks ({@code report.html}, sortable tables).
 */
package dev.msgtrans.workbench.report;
