package dev.msgtrans.kernel.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.Arrays;
import java.util.Base64;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.junit.jupiter.api.Test;

/** Charts become PNG bytes, and the kernel's renderer picks {@code image/png} for any XChart chart. */
class XChartPngRendererTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private static XYChart xyChart() {
        XYChart chart = new XYChartBuilder().width(320).height(200).title("ops by threads").build();
        chart.addSeries("lockfree", new double[] {1, 2, 4}, new double[] {10, 18, 30});
        return chart;
    }

    private static byte[] signatureOf(byte[] bytes) {
        return Arrays.copyOf(bytes, PNG_SIGNATURE.length);
    }

    @Test
    void encodesAChartAsPng() {
        byte[] png = XChartPngRenderer.png(xyChart());

        assertArrayEquals(PNG_SIGNATURE, signatureOf(png));
        assertTrue(png.length > 1000, "a drawn image, not an empty one: " + png.length + " bytes");
    }

    @Test
    void rendersAnyChartTypeAsBase64PngWithATextDescription() {
        Renderer renderer = new Renderer();
        XChartPngRenderer.register(renderer);
        CategoryChart bars = new CategoryChartBuilder().width(300).height(200).title("alloc").build();
        bars.addSeries("B/op", java.util.List.of("mutex", "lockfree"), java.util.List.of(48, 0));

        for (Object chart : new Object[] {xyChart(), bars}) {
            DisplayData data = renderer.render(chart);

            String base64 = (String) data.getData(MIMEType.IMAGE_PNG);
            assertArrayEquals(PNG_SIGNATURE, signatureOf(Base64.getDecoder().decode(base64)), chart.getClass().getName());
            assertTrue(String.valueOf(data.getData(MIMEType.TEXT_PLAIN)).contains("Chart"), data.toString());
        }
        assertEquals("XYChart \"ops by threads\" 320x200", renderer.render(xyChart()).getData(MIMEType.TEXT_PLAIN));
    }
}
