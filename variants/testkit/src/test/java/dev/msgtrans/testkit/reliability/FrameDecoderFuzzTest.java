package dev.msgtrans.testkit.reliability;

import dev.msgtrans.core.Packet;
import dev.msgtrans.core.codec.CodecException;
import dev.msgtrans.core.codec.CodecLimits;
import dev.msgtrans.core.codec.FrameDecoder;
import dev.msgtrans.testkit.reliability.FrameFuzzer.Case;
import dev.msgtrans.testkit.reliability.FrameFuzzer.Mutation;
import dev.msgtrans.testkit.reliability.ReferenceFrameOracle.End;
import dev.msgtrans.testkit.reliability.ReferenceFrameOracle.Expected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Feeds {@link FrameFuzzer} cases straight into {@link FrameDecoder}, split at random points, and checks each
 * against the reference oracle: the frames delivered (equal field by field for valid ones), the end state, the
 * rejection reason, the bytes buffered for an incomplete frame, and that the decoder never holds more than the
 * limits allow. Any throwable other than {@link CodecException} is a crash and fails with the seed and case.
 * <p>
 * The class timeout runs in a separate thread, so a decoder stuck in a loop fails the build instead of hanging it:
 * that is the "no hang" property (a liveness bound, not a speed assertion).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FrameDecoderFuzzTest {

    /** Small limits make "beyond the limit" cheap to reach; the default ones are fuzzed too, with fewer cases. */
    static final CodecLimits SMALL = new CodecLimits(4096, 512);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 0x5EED_F00DL})
    void everyCaseEndsAsTheOracleSays(long seed) {
        Tally t = fuzz(new FrameFuzzer(seed, SMALL), 60_000);
        System.out.println("[fuzz] decoder, limits " + SMALL + ", seed " + seed + ": " + t);
        t.assertEveryMutationAndEndSeen();
    }

    @Test
    void defaultLimitsToo() {
        Tally t = fuzz(new FrameFuzzer(7, CodecLimits.DEFAULT), 2_000);
        System.out.println("[fuzz] decoder, default limits, seed 7: " + t);
    }

    /** The oracle is only worth something if it agrees with what each targeted mutation must cause. */
    @Test
    void targetedMutationsMeanWhatTheySay() {
        FrameFuzzer f = new FrameFuzzer(99, SMALL);
        for (int i = 0; i < 2_000; i++) {
            Case valid = f.next(Mutation.VALID);
            assertEquals(new Expected(1, End.BOUNDARY, null, 0), valid.expected(), valid::toString);
            Case coalesced = f.next(Mutation.COALESCED);
            assertEquals(new Expected(coalesced.packets().size(), End.BOUNDARY, null, 0), coalesced.expected());
            Case cut = f.next(Mutation.TRUNCATED);
            assertEquals(new Expected(0, End.PARTIAL, null, cut.bytes().length), cut.expected(), cut::toString);
            assertRejected(f.next(Mutation.BAD_VERSION), CodecException.Reason.BAD_VERSION);
            assertRejected(f.next(Mutation.BAD_TYPE), CodecException.Reason.UNKNOWN_PACKET_TYPE);
            assertRejected(f.next(Mutation.BAD_COMPRESSION), CodecException.Reason.UNKNOWN_COMPRESSION);
            assertRejected(f.next(Mutation.ZSTD), CodecException.Reason.UNSUPPORTED_COMPRESSION);
            assertRejected(f.next(Mutation.EXT_TOO_LARGE), CodecException.Reason.EXT_HEADER_TOO_LARGE);
            assertRejected(f.next(Mutation.PAYLOAD_TOO_LARGE), CodecException.Reason.PAYLOAD_TOO_LARGE);
            // A complete frame is judged, never left waiting; a flipped bit may land in the padding after the last
            // deflate block, which inflaters ignore, so a damaged stream is not always a rejected one.
            Case garbage = f.next(Mutation.ZLIB_GARBAGE);
            assertNotEquals(End.PARTIAL, garbage.expected().end(), garbage::toString);
            Case bomb = f.next(Mutation.ZLIB_BOMB);
            assertNotEquals(End.PARTIAL, bomb.expected().end(), bomb::toString);
        }
    }

    @Test
    void theSameSeedGivesTheSameCases() {
        FrameFuzzer a = new FrameFuzzer(1234, SMALL);
        FrameFuzzer b = new FrameFuzzer(1234, SMALL);
        for (int i = 0; i < 1_000; i++) {
            Case x = a.next();
            Case y = b.next();
            assertEquals(x.mutation(), y.mutation());
            assertArrayEquals(x.bytes(), y.bytes(), x::toString);
        }
    }

    private static void assertRejected(Case c, CodecException.Reason reason) {
        assertEquals(new Expected(0, End.REJECTED, reason, 0), c.expected(), c::toString);
    }

    /**
     * Runs {@code n} cases. One decoder carries on across cases as long as they end at a frame boundary (a
     * persistent per-connection decoder, as in the engine); a case that leaves a partial frame or a poisoned decoder
     * is followed by a fresh one, as a new connection would be.
     */
    static Tally fuzz(FrameFuzzer fuzzer, int n) {
        SplittableRandom splits = new SplittableRandom(fuzzer.seed() ^ 0x9E3779B97F4A7C15L);
        Tally tally = new Tally();
        FrameDecoder decoder = new FrameDecoder(fuzzer.limits());
        for (int i = 0; i < n; i++) {
            Case c = fuzzer.next();
            try {
                if (!check(decoder, c, splits, fuzzer.limits())) {
                    decoder = new FrameDecoder(fuzzer.limits());
                }
            } catch (AssertionError e) {
                throw new AssertionError("seed " + fuzzer.seed() + ", " + c + ": " + e.getMessage(), e);
            } catch (Throwable e) {
                throw new AssertionError("decoder crashed (seed " + fuzzer.seed() + ", " + c + "): " + e, e);
            }
            tally.count(c);
        }
        return tally;
    }

    /** @return whether the decoder is still usable (at a frame boundary, not poisoned) */
    private static boolean check(FrameDecoder decoder, Case c, SplittableRandom splits, CodecLimits limits) {
        Expected want = c.expected();
        List<Packet> got = new ArrayList<>();
        CodecException failure = null;
        byte[] bytes = c.bytes();
        int at = 0;
        for (int[] chunk : chunks(bytes.length, splits)) {
            ByteBuffer in = ByteBuffer.wrap(bytes, chunk[0], chunk[1]).slice();
            try {
                decoder.decode(in, got::add);
            } catch (CodecException e) {
                failure = e;
                break;
            }
            at += chunk[1];
            assertEquals(0, in.remaining(), "the decoder consumes every byte it is given");
            assertTrue(decoder.bufferedBytes() <= limits.maxFrameLength(),
                    decoder.bufferedBytes() + " bytes buffered, more than one frame at the limits");
        }
        assertEquals(want.packets(), got.size(), "packets delivered");
        if (!c.packets().isEmpty()) {
            assertEquals(c.packets(), got, "valid frames decode to the packets encoded");
        }
        switch (want.end()) {
            case REJECTED -> {
                if (failure == null) {
                    fail("expected rejection " + want.reason() + ", decoder accepted " + at + " bytes");
                }
                assertEquals(want.reason(), failure.reason(), failure.getMessage());
                assertTrue(failure.getMessage() != null && !failure.getMessage().isBlank(), "the rejection explains itself");
                CodecException again = null;
                try {
                    decoder.decode(ByteBuffer.wrap(new byte[]{1}), got::add);
                } catch (CodecException e) {
                    again = e;
                }
                assertSame(failure, again, "a rejected stream stays rejected (no resynchronisation on garbage)");
                return false;
            }
            case PARTIAL -> {
                assertNoFailure(failure);
                assertTrue(decoder.hasPartialFrame());
                assertEquals(want.buffered(), decoder.bufferedBytes(), "bytes of the incomplete frame buffered");
                return false;
            }
            default -> {
                assertNoFailure(failure);
                assertTrue(!decoder.hasPartialFrame(), "at a frame boundary");
                return true;
            }
        }
    }

    private static void assertNoFailure(CodecException failure) {
        if (failure != null) {
            fail("unexpected rejection " + failure.reason() + ": " + failure.getMessage());
        }
    }

    /** Cut points: usually one piece, often a few random pieces, sometimes every byte alone (short inputs). */
    private static List<int[]> chunks(int length, SplittableRandom r) {
        List<int[]> out = new ArrayList<>();
        int mode = r.nextInt(10);
        if (mode < 5 || length < 2) {
            out.add(new int[]{0, length});
        } else if (mode < 9 || length > 256) {
            int at = 0;
            while (at < length) {
                int n = 1 + r.nextInt(Math.max(1, Math.min(length - at, 1 + length / 3)));
                n = Math.min(n, length - at);
                out.add(new int[]{at, n});
                at += n;
            }
        } else {
            for (int i = 0; i < length; i++) {
                out.add(new int[]{i, 1});
            }
        }
        return out;
    }

    /** Counts per mutation and per end, for the report and for "was every kind exercised". */
    static final class Tally {
        final Map<Mutation, Integer> byMutation = new EnumMap<>(Mutation.class);
        final Map<End, Integer> byEnd = new EnumMap<>(End.class);
        final Map<CodecException.Reason, Integer> byReason = new EnumMap<>(CodecException.Reason.class);
        long cases;
        long bytes;
        long packets;

        void count(Case c) {
            cases++;
            bytes += c.bytes().length;
            packets += c.expected().packets();
            byMutation.merge(c.mutation(), 1, Integer::sum);
            byEnd.merge(c.expected().end(), 1, Integer::sum);
            if (c.expected().reason() != null) {
                byReason.merge(c.expected().reason(), 1, Integer::sum);
            }
        }

        void assertEveryMutationAndEndSeen() {
            assertEquals(Mutation.values().length, byMutation.size(), "mutations exercised: " + byMutation);
            assertEquals(End.values().length, byEnd.size(), "ends exercised: " + byEnd);
            assertEquals(CodecException.Reason.values().length, byReason.size(),
                    "every rejection reason exercised: " + byReason + " of " + Arrays.toString(CodecException.Reason.values()));
        }

        @Override
        public String toString() {
            return cases + " cases, " + bytes + " bytes, " + packets + " packets decoded; ends " + byEnd
                    + "; rejections " + byReason;
        }
    }
}
