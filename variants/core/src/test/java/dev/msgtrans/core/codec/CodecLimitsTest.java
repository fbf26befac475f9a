package dev.msgtrans.core.codec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CodecLimitsTest {

    @Test
    void defaultIsTheOriginalsOneMebibytePayloadAndTheLargestU16ExtHeader() {
        assertEquals(1 << 20, CodecLimits.DEFAULT.maxPayload());
        assertEquals(65535, CodecLimits.DEFAULT.maxExtHeader());
        assertEquals(16 + 65535 + (1 << 20), CodecLimits.DEFAULT.maxFrameLength());
    }

    @Test
    void acceptsTheBoundaries() {
        assertEquals(0, new CodecLimits(1, 0).maxExtHeader());
        assertEquals(65535, new CodecLimits(1, 65535).maxExtHeader());
        CodecLimits ceiling = new CodecLimits(CodecLimits.MAX_PAYLOAD_CEILING, 65535);
        assertEquals(Integer.MAX_VALUE - 9, ceiling.maxFrameLength()); // still an int, still one array
    }

    @Test
    void rejectsValuesOutsideTheRangesWithTheValueInTheMessage() {
        assertEquals("maxPayload must be 1-" + CodecLimits.MAX_PAYLOAD_CEILING + " bytes, was 0",
                assertThrows(IllegalArgumentException.class, () -> new CodecLimits(0, 10)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CodecLimits(CodecLimits.MAX_PAYLOAD_CEILING + 1, 10));
        assertEquals("maxExtHeader must be 0-65535 bytes (a u16 on the wire), was 65536",
                assertThrows(IllegalArgumentException.class, () -> new CodecLimits(10, 65536)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CodecLimits(10, -1));
    }
}
