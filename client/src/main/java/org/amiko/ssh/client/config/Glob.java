package org.amiko.ssh.client.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * glob(3) for Include: {@code *}, {@code ?} and {@code [...]} within one path segment, a leading
 * dot matched only explicitly, results sorted; a pattern that matches nothing yields nothing.
 */
final class Glob {

    private Glob() {
    }

    /** The existing regular files {@code pattern} (an absolute path) names, in sorted order. */
    static List<Path> expand(Path pattern) throws IOException {
        List<Path> current = List.of(pattern.getRoot());
        for (Path segment : pattern) {
            String s = segment.toString();
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (!hasMagic(s)) {
                    next.add(dir.resolve(s));
                } else if (Files.isDirectory(dir)) {
                    Pattern p = regex(s);
                    try (Stream<Path> entries = Files.list(dir)) {
                        entries.filter(e -> {
                            String name = e.getFileName().toString();
                            return (!name.startsWith(".") || s.startsWith(".")) && p.matcher(name).matches();
                        }).forEach(next::add);
                    }
                }
            }
            current = next;
        }
        return current.stream().filter(Files::isRegularFile).sorted().toList();
    }

    private static boolean hasMagic(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    private static Pattern regex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            int close = c == '[' ? glob.indexOf(']', i + 2) : -1;
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (close > 0) {
                String body = glob.substring(i + 1, close);
                boolean negated = body.startsWith("!");
                re.append('[').append(negated ? "^" : "")
                        .append(body.substring(negated ? 1 : 0).replace("\\", "\\\\").replace("[", "\\["))
                        .append(']');
                i = close;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
