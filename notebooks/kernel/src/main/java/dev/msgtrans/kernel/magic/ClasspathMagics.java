package dev.msgtrans.kernel.magic;

import io.github.spencerpark.jupyter.kernel.magic.LineMagicArgs;
import io.github.spencerpark.jupyter.kernel.magic.MagicParser;
import io.github.spencerpark.jupyter.kernel.util.GlobFinder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The class path line magics of IJava and JJava, so that a notebook written for one kernel runs on the others:
 * <pre>
 * %jars ../workbench/target/workbench.jar lib/*.jar      add jar files (globs allowed)
 * %classpath build/classes extra/*.jar                  add jars or class directories (globs allowed)
 * %classpath                                            print what was added so far
 * </pre>
 * Paths are relative to the kernel's working directory, which Jupyter sets to the notebook's directory. Arguments
 * are split on blanks; quote a path that contains blanks. Unlike IJava, a path or glob that matches nothing is an
 * error, because the alternative is a confusing "cannot find symbol" one cell later.
 *
 * <p>Magic lines are taken out of the cell and run before the cell's code, whatever their position in the cell;
 * the lines stay (blank) so that compiler errors keep the cell's line numbers. Cell magics ({@code %%name}) are not
 * supported.
 *
 * <p>Threading: called on the kernel's shell thread, one cell at a time.
 */
public final class ClasspathMagics {
    private final Consumer<String> addToClasspath;
    private final Supplier<List<String>> classpath;

    /**
     * @param addToClasspath adds one absolute jar or directory path to the cells' class path
     * @param classpath what was added so far, for {@code %classpath} without arguments
     */
    public ClasspathMagics(Consumer<String> addToClasspath, Supplier<List<String>> classpath) {
        this.addToClasspath = addToClasspath;
        this.classpath = classpath;
    }

    /**
     * A cell split into its magic lines and its code.
     *
     * @param magics the magic lines, in cell order
     * @param code the cell with each magic line blanked
     */
    public record ParsedCell(List<LineMagicArgs> magics, String code) {
    }

    /**
     * Finds a cell's magic lines.
     *
     * @param cell the cell's source
     * @return the magics and the remaining code
     * @throws MagicException if the cell starts with a cell magic ({@code %%name})
     */
    public static ParsedCell parse(String cell) throws MagicException {
        MagicParser parser = new MagicParser();
        if (parser.parseCellMagic(cell) != null) {
            throw new MagicException("cell magics (%%name) are not supported; line magics are: %jars, %classpath");
        }
        List<LineMagicArgs> magics = new ArrayList<>();
        String code = parser.transformLineMagics(cell, context -> {
            magics.add(context.getMagicCall());
            return "";
        });
        return new ParsedCell(List.copyOf(magics), code);
    }

    /**
     * Runs a cell's magics and returns the code left to evaluate.
     *
     * @param cell the cell's source
     * @param out where {@code %classpath} prints
     * @return the cell with its magic lines blanked
     * @throws MagicException if a magic is unknown or a path matches nothing
     */
    public String apply(String cell, PrintStream out) throws MagicException {
        ParsedCell parsed = parse(cell);
        for (LineMagicArgs magic : parsed.magics()) {
            run(magic, out);
        }
        return parsed.code();
    }

    private void run(LineMagicArgs magic, PrintStream out) throws MagicException {
        switch (magic.getName()) {
            case "jars" -> {
                if (magic.getArgs().isEmpty()) {
                    throw new MagicException("%jars needs at least one jar path or glob");
                }
                resolve("jars", magic.getArgs(), true).forEach(path -> addToClasspath.accept(path.toString()));
            }
            case "classpath" -> {
                if (magic.getArgs().isEmpty()) {
                    classpath.get().forEach(out::println);
                } else {
                    resolve("classpath", magic.getArgs(), false).forEach(path -> addToClasspath.accept(path.toString()));
                }
            }
            default -> throw new MagicException("unknown magic %" + magic.getName()
                    + "; this kernel knows %jars and %classpath");
        }
    }

    /**
     * Expands path globs to absolute paths.
     *
     * @param magic the magic's name, for messages
     * @param globs paths or globs ({@code lib/*.jar}), absolute or relative to the working directory
     * @param filesOnly whether directories are left out ({@code %jars})
     * @return the matching paths, absolute and normalised, in argument order
     * @throws MagicException if an argument matches nothing
     */
    public static List<Path> resolve(String magic, List<String> globs, boolean filesOnly) throws MagicException {
        List<Path> paths = new ArrayList<>();
        for (String glob : globs) {
            List<Path> matches = new ArrayList<>();
            try {
                GlobFinder finder = new GlobFinder(glob);
                for (Path path : filesOnly ? finder.computeMatchingFiles() : finder.computeMatchingPaths()) {
                    matches.add(path.toAbsolutePath().normalize());
                }
            } catch (NoSuchFileException e) {
                // the glob's directory does not exist: nothing matches, reported below
            } catch (IOException e) {
                throw new MagicException("%" + magic + ": cannot list '" + glob + "': " + e.getMessage());
            }
            if (matches.isEmpty()) {
                throw new MagicException("%" + magic + ": nothing matches '" + glob + "' (relative paths start at "
                        + Path.of("").toAbsolutePath() + ")");
            }
            matches.sort(null); // a glob's matches in a stable order, so class path precedence is reproducible
            paths.addAll(matches);
        }
        return paths;
    }
}
