package dev.msgtrans.workbench.env;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JDK a run used, probed by running its {@code java} with {@code -XX:+PrintCommandLineFlags
 * -XshowSettings:properties -version} and the run's JVM arguments, so the flags and GC recorded are the ones the
 * benchmark forks get, not this JVM's. Immutable.
 *
 * @param tag            short key used in entry ids and file names, e.g. {@code jdk17}
 * @param javaHome       the JDK's home directory
 * @param vendor         {@code java.vendor}
 * @param version        {@code java.version}
 * @param runtimeVersion {@code java.runtime.version}
 * @param vmName         {@code java.vm.name}
 * @param vmVersion      {@code java.vm.version}
 * @param jvmArgs        the arguments the workbench passes to the forks ({@code -jvmArgsAppend})
 * @param commandLineFlags what {@code -XX:+PrintCommandLineFlags} printed: the ergonomic defaults plus the args
 * @param gc             the effective collector, e.g. {@code G1}, from the {@code UseXxxGC} flag
 * @param blackholeMode  JMH's Blackhole mode line, filled in from the first benchmark log of this JDK
 */
public record JdkInfo(String tag, String javaHome, String vendor, String version, String runtimeVersion,
                      String vmName, String vmVersion, List<String> jvmArgs, String commandLineFlags, String gc,
                      String blackholeMode) {

    private static final Pattern PROPERTY = Pattern.compile("^ {4}([\\w.]+) = (.*)$");
    private static final Pattern GC_FLAG = Pattern.compile("-XX:\\+Use(\\w+)GC\\b");
    private static final Pattern BLACKHOLE = Pattern.compile("^# Blackhole mode: (.*)$", Pattern.MULTILINE);

    public JdkInfo {
        jvmArgs = List.copyOf(jvmArgs);
    }

    /** The {@code bin/java} of a JDK home. */
    public static Path javaExecutable(Path javaHome) {
        Path unix = javaHome.resolve("bin").resolve("java");
        Path windows = javaHome.resolve("bin").resolve("java.exe");
        return Files.isRegularFile(windows) && !Files.isRegularFile(unix) ? windows : unix;
    }

    /**
     * @throws IllegalArgumentException when {@code javaHome} has no working {@code bin/java}
     */
    public static JdkInfo probe(Path javaHome, List<String> jvmArgs) {
        Path java = javaExecutable(javaHome);
        if (!Files.isExecutable(java)) {
            throw new IllegalArgumentException("no java executable at " + java + " (--jvm takes a JAVA_HOME)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmArgs);
        cmd.add("-XX:+PrintCommandLineFlags");
        cmd.add("-XshowSettings:properties");
        cmd.add("-version");
        ProcessOutput out = ProcessOutput.run(cmd, null, 60);
        if (out.exitCode() != 0) {
            throw new IllegalArgumentException("cannot run " + String.join(" ", cmd) + " (exit " + out.exitCode()
                    + "):\n" + out.output());
        }
        return parse(javaHome, jvmArgs, out.output());
    }

    /** Parses the probe's output; the tag is derived from the specification version. */
    static JdkInfo parse(Path javaHome, List<String> jvmArgs, String output) {
        Map<String, String> props = new LinkedHashMap<>();
        String flags = "";
        for (String line : output.split("\\R")) {
            Matcher m = PROPERTY.matcher(line);
            if (m.matches()) {
                props.put(m.group(1), m.group(2).trim());
            } else if (line.startsWith("-XX:") && flags.isEmpty()) {
                flags = line.trim();
            }
        }
        Matcher gc = GC_FLAG.matcher(flags);
        String collector = "unknown";
        while (gc.find()) {
            // UseCompressedOops etc. do not end in GC; the one flag that does names the collector
            collector = gc.group(1);
        }
        String spec = props.getOrDefault("java.specification.version", props.getOrDefault("java.version", "?"));
        return new JdkInfo("jdk" + spec.replaceFirst("^1\\.", ""), javaHome.toString(),
                props.getOrDefault("java.vendor", "unknown"), props.getOrDefault("java.version", "unknown"),
                props.getOrDefault("java.runtime.version", "unknown"), props.getOrDefault("java.vm.name", "unknown"),
                props.getOrDefault("java.vm.version", "unknown"), jvmArgs, flags, collector, null);
    }

    /** Same JDK under another tag (to keep tags unique when two JDKs share a feature version). */
    public JdkInfo withTag(String newTag) {
        return new JdkInfo(newTag, javaHome, vendor, version, runtimeVersion, vmName, vmVersion, jvmArgs,
                commandLineFlags, gc, blackholeMode);
    }

    /** Fills in {@link #blackholeMode} from a JMH log, if it has the line and the mode is not yet known. */
    public JdkInfo withBlackholeModeFrom(String jmhLog) {
        if (blackholeMode != null) {
            return this;
        }
        Matcher m = BLACKHOLE.matcher(jmhLog);
        return m.find() ? new JdkInfo(tag, javaHome, vendor, version, runtimeVersion, vmName, vmVersion, jvmArgs,
                commandLineFlags, gc, m.group(1).trim()) : this;
    }
}
