package dev.msgtrans.workbench.compare;

import dev.msgtrans.workbench.env.Environment;
import dev.msgtrans.workbench.env.JdkInfo;
import dev.msgtrans.workbench.results.RunResults;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The differences between two runs' environments that make their figures incomparable or suspect: CPU model, core
 * count, JDK version, collector, JMH Blackhole mode, profile and JMH settings. Stateless.
 */
public final class EnvironmentDiff {

    private EnvironmentDiff() {
    }

    /** One warning per difference; empty when the environments agree (or both are unknown). */
    public static List<String> warnings(RunResults base, RunResults current) {
        List<String> out = new ArrayList<>();
        Environment a = base.environment().orElse(null);
        Environment b = current.environment().orElse(null);
        if (a == null || b == null) {
            if (a != b) {
                out.add("only one run has an env.json: the environments cannot be compared");
            }
        } else {
            if (a.host() != null && b.host() != null) {
                differ(out, "CPU", a.host().cpuModel(), b.host().cpuModel());
                differ(out, "logical cores", a.host().logicalCores(), b.host().logicalCores());
                differ(out, "physical cores", a.host().physicalCores(), b.host().physicalCores());
            }
            for (JdkInfo ja : a.jdks()) {
                b.jdks().stream().filter(jb -> jb.tag().equals(ja.tag())).findFirst().ifPresent(jb -> {
                    differ(out, ja.tag() + " version", ja.runtimeVersion(), jb.runtimeVersion());
                    differ(out, ja.tag() + " vendor", ja.vendor(), jb.vendor());
                    differ(out, ja.tag() + " GC", ja.gc(), jb.gc());
                    differ(out, ja.tag() + " JVM args", ja.jvmArgs(), jb.jvmArgs());
                    differ(out, ja.tag() + " Blackhole mode", ja.blackholeMode(), jb.blackholeMode());
                });
            }
        }
        if (base.run().isPresent() && current.run().isPresent()) {
            differ(out, "profile", base.run().get().profile(), current.run().get().profile());
            differ(out, "JMH settings", base.run().get().settings(), current.run().get().settings());
        }
        return out;
    }

    private static void differ(List<String> out, String what, Object a, Object b) {
        if (a != null && b != null && !Objects.equals(a, b)) {
            out.add(what + " differs: base " + a + ", new " + b);
        }
    }
}
