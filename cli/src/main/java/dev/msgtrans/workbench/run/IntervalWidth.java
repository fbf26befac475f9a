package dev.msgtrans.workbench.run;

import java.nio.file.Path;
import java.util.List;

/**
 * How far a configuration's comparisons are from settled, for adaptive rounds: the widest relative half-width of the
 * intervals between its sides (0.08: ±8%), from their merged result files so far. Implementations decide how a fork
 * counts (steady state, pairing by round).
 */
@FunctionalInterface
public interface IntervalWidth {

    /**
     * @param entries the configuration's sides as recorded so far (result file, fork rounds)
     * @param runDir  the run directory the records' paths are relative to
     * @return the widest relative half-width, or {@code Double.POSITIVE_INFINITY} when an interval cannot be formed yet
     */
    double widest(List<EntryRecord> entries, Path runDir);
}
