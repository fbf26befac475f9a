package dev.msgtrans.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.RenderContext;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Renders any XChart chart ({@code XYChart}, {@code CategoryChart}, {@code PieChart}, ...: every one extends
 * {@link Chart}) as a PNG, so a cell whose last expression is a chart, or that calls {@code display(chart)}, shows
 * the image (with a one-line {@code text/plain} description). PNG because it is what every Jupyter front end and nbconvert's HTML show inline; the chart's own
 * width and height are kept.
 *
 * <p>Threading: stateless. Rendering draws with Java2D, so the kernel JVM runs with {@code java.awt.headless=true}.
 */
public final class XChartPngRenderer {
    private XChartPngRenderer() {
    }

    /**
     * Registers the chart renderer, preferring {@code image/png}.
     *
     * @param renderer the kernel's renderer
     */
    public static void register(Renderer renderer) {
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .supporting(MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .register(XChartPngRenderer::render);
    }

    private static void render(Chart<?, ?> chart, RenderContext context) {
        context.renderIfRequested(MIMEType.IMAGE_PNG, () -> Base64.getEncoder().encodeToString(png(chart)));
        // every output should carry text/plain, for front ends that show no images (and for the terminal)
        context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> describe(chart));
    }

    private static String describe(Chart<?, ?> chart) {
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "untitled" : chart.getTitle();
        return chart.getClass().getSimpleName() + " \"" + title + "\" " + chart.getWidth() + "x" + chart.getHeight();
    }

    /**
     * Encodes a chart as PNG bytes.
     *
     * @param chart the chart
     * @return the PNG file's bytes
     * @throws UncheckedIOException if the encoder fails
     */
    public static byte[] png(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart as PNG", e);
        }
    }
}
