package dev.msgtrans.stress.runner;

import org.openjdk.jcstress.JCStress;
import org.openjdk.jcstress.Options;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs one jcstress pass and finds the binary result blob it wrote.
 * <p>
 * By default the jcstress driver runs in a child JVM whose working directory is the pass's directory (jcstress
 * writes its blob, {@code jcstress-results-<timestamp>.bin.gz}, into the working directory and has no option to
 * move it), with this JVM's class path, so the tests, the variants and jcstress all come from the same shaded jar.
 * The driver's output is copied to the console and to {@code jcstress.log}. In process, the blob lands in this
 * JVM's working directory and is moved into the pass's directory afterwards. Either way jcstress forks the VMs
 * that run the tests.
 */
public final class JcstressLauncher {

    private static final String BLOB_PREFIX = "jcstress-results-";
    private static final String BLOB_SUFFIX = ".bin.gz";

    /** What one pass produced. {@code blob} is empty when jcstress wrote none (it failed before running tests). */
    public record Pass(String name, List<String> args, Path dir, Optional<Path> blob, int exitCode, double seconds) {
    }

    private JcstressLauncher() {
    }

    public static Pass run(String name, List<String> args, Path dir, boolean inProcess, PrintStream console)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        long start = System.nanoTime();
        int exit;
        Optional<Path> blob;
        if (inProcess) {
            Path cwd = Path.of("").toAbsolutePath();
            Set<Path> before = blobs(cwd);
            exit = runInProcess(args, console);
            blob = newest(blobs(cwd), before);
            if (blob.isPresent()) {
                blob = Optional.of(Files.move(blob.get(), dir.resolve(blob.get().getFileName()),
                        StandardCopyOption.REPLACE_EXISTING));
            }
        } else {
            Set<Path> before = blobs(dir);
            exit = runChild(args, dir, console);
            blob = newest(blobs(dir), before);
        }
        return new Pass(name, List.copyOf(args), dir, blob, exit, (System.nanoTime() - start) / 1e9);
    }

    private static int runChild(List<String> args, Path dir, PrintStream console) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(absoluteClassPath());
        cmd.add("org.openjdk.jcstress.Main");
        cmd.addAll(args);
        console.println("[stress] " + String.join(" ", quoted(cmd)));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(dir.resolve("jcstress.log"), StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                console.println(line);
                log.write(line);
                log.write('\n');
            }
        }
        return p.waitFor();
    }

    private static int runInProcess(List<String> args, PrintStream console) {
        console.println("[stress] in process: jcstress " + String.join(" ", quoted(args)));
        try {
            Options opts = new Options(args.toArray(new String[0]));
            if (!opts.parse()) {
                return 2;
            }
            new JCStress(opts).run();
            return 0;
        } catch (AssertionError e) {
            // jcstress ends a run with forbidden outcomes this way; the blob holds the details
            return 1;
        } catch (Exception e) {
            e.printStackTrace(console);
            return 1;
        }
    }

    /** The class path with every entry made absolute, since the child runs in another directory. */
    private static String absoluteClassPath() {
        String sep = System.getProperty("path.separator");
        List<String> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(java.util.regex.Pattern.quote(sep))) {
            if (!e.isEmpty()) {
                out.add(Path.of(e).toAbsolutePath().toString());
            }
        }
        return String.join(sep, out);
    }

    private static List<String> quoted(List<String> cmd) {
        List<String> out = new ArrayList<>();
        for (String s : cmd) {
            out.add(s.isEmpty() || s.matches(".*[\\s\"'$()|?*^\\\\].*") ? "'" + s.replace("'", "'\\''") + "'" : s);
        }
        return out;
    }

    private static Set<Path> blobs(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            Set<Path> out = new HashSet<>();
            s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(BLOB_PREFIX) && n.endsWith(BLOB_SUFFIX);
            }).forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> newest(Set<Path> after, Set<Path> before) {
        return after.stream().filter(p -> !before.contains(p)).max(Comparator.comparing(p -> p.toFile().lastModified()));
    }
}
