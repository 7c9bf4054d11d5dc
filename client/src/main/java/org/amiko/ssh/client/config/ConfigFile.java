package org.amiko.ssh.client.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One configuration file read into its lines, with each Include already expanded into the files
 * it names (read once, at load time; which of their lines apply is decided per host).
 *
 * @param user whether this is a user file: relative Include paths are then under ~/.ssh and
 *     {@code ~} is allowed; in a system file they are under /etc/ssh and {@code ~} is refused
 */
record ConfigFile(Path path, boolean user, List<Entry> entries) {

    /** ssh(1) stops at this Include depth. */
    static final int MAX_INCLUDE_DEPTH = 16;

    /** One meaningful line: a directive, or an Include with the files it matched. */
    sealed interface Entry permits Directive, Included {
        ConfigLine line();
    }

    record Directive(ConfigLine line) implements Entry {
    }

    record Included(ConfigLine line, List<ConfigFile> files) implements Entry {
        Included {
            files = List.copyOf(files);
        }
    }

    ConfigFile {
        entries = List.copyOf(entries);
    }

    /** A config file larger than this is refused (an {@code Include} of {@code /dev/zero} must not fill the heap). */
    static final int MAX_FILE_BYTES = 1 << 20;

    /**
     * The file's lines, as ssh(1) reads them: bytes, whatever their encoding (a Latin-1 comment is
     * no error; what is not UTF-8 becomes U+FFFD), split at LF, CR LF or CR; a NUL ends its line,
     * as it ends the C string ssh reads the line into.
     */
    static List<String> lines(Path path) throws IOException {
        byte[] content;
        try (java.io.InputStream in = Files.newInputStream(path)) {
            content = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        if (content.length > MAX_FILE_BYTES) {
            throw new SshConfigException(path + ": larger than " + MAX_FILE_BYTES + " bytes, not a configuration file");
        }
        return new String(content, StandardCharsets.UTF_8).lines()
                .map(line -> line.indexOf('\0') < 0 ? line : line.substring(0, line.indexOf('\0')))
                .toList();
    }

    /** Where Include finds relative paths and what {@code ~} means while reading. */
    record Dirs(Path home, Path systemDir) {
    }

    static ConfigFile read(Path path, boolean user, Dirs dirs) throws IOException {
        return read(path, user, dirs, 0);
    }

    private static ConfigFile read(Path path, boolean user, Dirs dirs, int depth) throws IOException {
        List<String> lines = lines(path);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Optional<ConfigLine> parsed = ConfigLine.parse(lines.get(i), path.toString(), i + 1);
            if (parsed.isEmpty()) {
                continue;
            }
            ConfigLine line = parsed.get();
            if (line.keyword().equals("include")) {
                entries.add(new Included(line, includes(line, user, dirs, depth)));
            } else {
                entries.add(new Directive(line));
            }
        }
        return new ConfigFile(path, user, entries);
    }

    private static List<ConfigFile> includes(ConfigLine line, boolean user, Dirs dirs, int depth)
            throws IOException {
        if (depth + 1 > MAX_INCLUDE_DEPTH) {
            throw line.error("too many recursive configuration includes (more than " + MAX_INCLUDE_DEPTH + ")");
        }
        List<ConfigFile> files = new ArrayList<>();
        for (String arg : line.args()) {
            if (arg.startsWith("~") && !user) {
                throw line.error("bad include path " + arg + " (~ is only allowed in user files)");
            }
            Path named = Tokens.file(Tokens.tilde(arg, dirs.home(), line), line);
            Path pattern = named.isAbsolute() ? named : (user ? dirs.home().resolve(".ssh") : dirs.systemDir()).resolve(named);
            for (Path file : Glob.expand(pattern.toAbsolutePath().normalize())) {
                files.add(read(file, user, dirs, depth + 1));
            }
        }
        return files;
    }
}
