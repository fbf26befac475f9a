package dev.msgtrans.workbench.env;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The machine a run executed on. Read from {@code /proc} on Linux; on other systems the {@code /proc} fields fall
 * back to what the JVM reports ({@code cpuModel} "unknown", physical cores = logical cores, memory 0). Immutable.
 *
 * @param hostname          the local host name
 * @param cpuModel          {@code model name} of /proc/cpuinfo
 * @param physicalCores     distinct (physical id, core id) pairs among the CPUs this process may run on
 * @param logicalCores      {@link Runtime#availableProcessors()}: what the JVM, and so JMH and every pool, sizes to
 * @param onlineCpus        processors listed in /proc/cpuinfo (the whole machine, beyond any affinity or quota)
 * @param memoryTotalBytes  {@code MemTotal} of /proc/meminfo
 * @param osName            {@code os.name}
 * @param osRelease         {@code PRETTY_NAME} of /etc/os-release, or {@code os.name}
 * @param kernel            {@code os.version} (on Linux, {@code uname -r})
 * @param arch              {@code os.arch}
 */
public record HostInfo(String hostname, String cpuModel, int physicalCores, int logicalCores, int onlineCpus,
                       long memoryTotalBytes, String osName, String osRelease, String kernel, String arch) {

    /** Probes this machine. */
    public static HostInfo probe() {
        int logical = Runtime.getRuntime().availableProcessors();
        List<String> cpuinfo = lines(Path.of("/proc/cpuinfo"));
        BitSet allowed = allowedCpus(lines(Path.of("/proc/self/status")));
        String model = "unknown";
        int online = 0;
        Set<String> cores = new HashSet<>();
        int processor = -1;
        String physicalId = null;
        String coreId = null;
        // /proc/cpuinfo is a sequence of blank-line separated blocks, one per logical CPU
        for (String line : appendBlank(cpuinfo)) {
            if (line.isBlank()) {
                if (processor >= 0 && (allowed == null || allowed.get(processor)) && physicalId != null) {
                    // no core id (some virtual machines): every logical CPU counts as its own core
                    cores.add(physicalId + ":" + (coreId != null ? coreId : "cpu" + processor));
                }
                processor = -1;
                physicalId = null;
                coreId = null;
                continue;
            }
            String key = key(line);
            String value = value(line);
            switch (key) {
                case "processor" -> {
                    processor = parseInt(value, -1);
                    online++;
                }
                case "model name" -> model = "unknown".equals(model) ? value : model;
                case "physical id" -> physicalId = value;
                case "core id" -> coreId = value;
                default -> { }
            }
        }
        int physical = cores.isEmpty() ? logical : Math.min(cores.size(), logical);
        return new HostInfo(localHostname(), model, physical, logical, online == 0 ? logical : online,
                memTotal(lines(Path.of("/proc/meminfo"))), System.getProperty("os.name"),
                osRelease(lines(Path.of("/etc/os-release"))), System.getProperty("os.version"),
                System.getProperty("os.arch"));
    }

    /** {@code Cpus_allowed_list: 0-3,8} of /proc/self/status, or null when unknown. */
    static BitSet allowedCpus(List<String> status) {
        for (String line : status) {
            if ("Cpus_allowed_list".equals(key(line))) {
                BitSet set = new BitSet();
                for (String range : value(line).split(",")) {
                    String[] ab = range.trim().split("-");
                    int a = parseInt(ab[0], -1);
                    int b = ab.length > 1 ? parseInt(ab[1], -1) : a;
                    if (a < 0 || b < a) {
                        return null;
                    }
                    set.set(a, b + 1);
                }
                return set;
            }
        }
        return null;
    }

    static long memTotal(List<String> meminfo) {
        for (String line : meminfo) {
            if ("MemTotal".equals(key(line))) {
                String[] parts = value(line).split("\\s+");
                long n = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? n * 1024 : n;
            }
        }
        return 0;
    }

    private static String osRelease(List<String> osRelease) {
        for (String line : osRelease) {
            if (line.startsWith("PRETTY_NAME=")) {
                return line.substring("PRETTY_NAME=".length()).replace("\"", "");
            }
        }
        return System.getProperty("os.name");
    }

    private static String localHostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static List<String> appendBlank(List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        out.add("");
        return out;
    }

    private static String key(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? "" : line.substring(0, colon).trim();
    }

    private static String value(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? "" : line.substring(colon + 1).trim();
    }

    private static int parseInt(String s, int fallback) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }
}
