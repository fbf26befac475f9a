/**
 * Snippet inclusion in the manner of the Disruptor user guide: {@code // tag::name[]} ... {@code // end::name[]}
 * regions in compiled sources, {@code <!-- include: path#name -->} markers before the Markdown blocks that show them,
 * a check ({@code GuideSnippetsTest}) and a one-command rewrite ({@link dev.msgtrans.guide.snippets.GuideSync}).
 */
package dev.msgtrans.guide.snippets;
