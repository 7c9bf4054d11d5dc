package org.amiko.ssh.client.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * glob(3) for Include: {@code *}, {@code ?} and {@code [...]} (with ranges and a leading {@code !})
 * within one path segment, a leading dot matched only explicitly, results sorted; a pattern that
 * matches nothing yields nothing. Names are matched without regular expressions, in time linear
 * in the pattern times the name: a pattern of many stars must not backtrack without end (fuzzing
 * found one that did).
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
                    try (Stream<Path> entries = Files.list(dir)) {
                        entries.filter(e -> {
                            String name = e.getFileName().toString();
                            return (!name.startsWith(".") || s.startsWith(".")) && matches(s, name);
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

    /** Whether all of {@code name} matches {@code glob}; backtracking goes only to the last star. */
    static boolean matches(String glob, String name) {
        int pi = 0;
        int ni = 0;
        int star = -1;
        int mark = 0;
        while (ni < name.length()) {
            int after = pi < glob.length() ? afterOne(glob, pi, name.charAt(ni)) : -1;
            if (after >= 0) {
                pi = after;
                ni++;
            } else if (pi < glob.length() && glob.charAt(pi) == '*') {
                star = pi++;
                mark = ni;
            } else if (star >= 0) {
                pi = star + 1;
                ni = ++mark;
            } else {
                return false;
            }
        }
        while (pi < glob.length() && glob.charAt(pi) == '*') {
            pi++;
        }
        return pi == glob.length();
    }

    /** Where the pattern goes on when its item at {@code pi} matches {@code c}; -1 when it does not, or is a star. */
    private static int afterOne(String glob, int pi, char c) {
        char p = glob.charAt(pi);
        if (p == '*') {
            return -1;
        }
        if (p == '?') {
            return pi + 1;
        }
        if (p == '[') {
            boolean negated = pi + 1 < glob.length() && glob.charAt(pi + 1) == '!';
            int first = pi + (negated ? 2 : 1);
            int close = glob.indexOf(']', first + 1); // a ']' first in the set is one of its characters
            if (close > 0) {
                return inSet(glob, first, close, c) != negated ? close + 1 : -1;
            }
        }
        return p == c ? pi + 1 : -1;
    }

    private static boolean inSet(String glob, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            char lo = glob.charAt(i);
            if (i + 2 < to && glob.charAt(i + 1) == '-') {
                if (lo <= c && c <= glob.charAt(i + 2)) {
                    return true;
                }
                i += 2;
            } else if (lo == c) {
                return true;
            }
        }
        return false;
    }
}
